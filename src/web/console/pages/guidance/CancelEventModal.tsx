// Cancelling a guidance event: a reason, and the organiser is told that every enrolled or waiting family gets an SMS.
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { ApiError, post } from '../../../common/api.ts';
import { t } from '../../i18n/index.ts';
import type { GuidanceEvent } from './tags.tsx';

export function CancelEventModal({ event, onClose, onCancelled }: { event: GuidanceEvent; onClose: () => void; onCancelled: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const families = event.seats - event.seatsLeft + event.waiting;

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const r = await post<{ cancelled: number }>(`/api/guidance/manage/events/${event.id}/cancel`, { reason: v.reason.trim() });
      message.success(t('guidance.cancelDialog.done', { n: r.cancelled }));
      onCancelled();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      message.error(err.title);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('guidance.cancelDialog.title', { title: event.title })}
      onCancel={onClose}
      onOk={submit}
      okText={t('guidance.cancelDialog.confirm')}
      okButtonProps={{ danger: true, loading: saving, 'data-qa': 'cancel-confirm' }}
      cancelText={t('guidance.cancelDialog.back')}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('guidance.cancelDialog.body', { n: families })}
        data-qa="cancel-sms-warning"
      />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('guidance.cancelDialog.reason')}
          rules={[{ required: true, whitespace: true, message: t('guidance.cancelDialog.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('guidance.cancelDialog.reasonPlaceholder')}
            data-qa="cancel-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
