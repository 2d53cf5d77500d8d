// 修改密码: the user's own password (POST /api/auth/password), with the 等保 rule checked before sending.
import { useState } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { ApiError, post } from '../../common/api.ts';
import { isStrongPassword } from '../../../domain/password.ts';
import { t } from '../i18n/index.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  async function submit() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      await post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') {
        form.setFields([{ name: 'currentPassword', errors: [t('password.wrongCurrent')] }]);
      } else if (err instanceof ApiError && err.code === 'PASSWORD_WEAK') {
        form.setFields([{ name: 'newPassword', errors: [err.title] }]);
      } else if (err instanceof ApiError) {
        message.error(err.title);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('password.title')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
      width={440}
    >
      <Form form={form} layout="vertical" requiredMark={false} style={{ marginTop: 16 }} data-qa="password-form">
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-qa="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={<Typography.Text type="secondary">{t('password.rule')}</Typography.Text>}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('password.newRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v: string) => {
                if (!v) return Promise.resolve();
                if (!isStrongPassword(v)) return Promise.reject(new Error(t('password.weak')));
                if (v === getFieldValue('currentPassword')) return Promise.reject(new Error(t('password.sameAsCurrent')));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-qa="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-qa="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
