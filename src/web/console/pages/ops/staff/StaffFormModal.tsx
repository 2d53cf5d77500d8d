// Adding or editing a staff record: who, which position and employment, the console account it belongs to, the
// hiring and leaving dates and, for the manager, the childcare experience (R10).
import { showFormError } from '../../../components/formErrors.ts';
import { useEffect, useState } from 'react';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { patch, post } from '../../../../common/api.ts';
import type { Employment, StaffPosition, StaffRecord, StaffRecordsResponse } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';

export const POSITIONS: StaffPosition[] = ['manager', 'carer', 'health', 'security', 'volunteer'];
const EMPLOYMENTS: Employment[] = ['full_time', 'part_time', 'volunteer'];
const FIELDS = ['name', 'position', 'employment', 'phone', 'hiredOn', 'leftOn', 'userId', 'experienceYears', 'experienceNote'];

interface Values {
  name: string;
  position: StaffPosition;
  employment: Employment;
  phone?: string;
  hiredOn: Dayjs;
  leftOn?: Dayjs | null;
  userId?: string | null;
  experienceYears?: number | null;
  experienceNote?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function StaffFormModal({
  houseId,
  record,
  accounts,
  open,
  onClose,
  onSaved,
}: {
  houseId: string;
  /** null: a new record. */
  record: StaffRecord | null;
  accounts: StaffRecordsResponse['unlinkedAccounts'];
  open: boolean;
  onClose: () => void;
  onSaved: (saved: StaffRecord) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const position = Form.useWatch('position', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (record) {
      form.setFieldsValue({
        name: record.name,
        position: record.position,
        employment: record.employment,
        hiredOn: dayjs(record.hiredOn),
        leftOn: record.leftOn ? dayjs(record.leftOn) : null,
        userId: record.userId,
        experienceYears: record.experienceYears,
        experienceNote: record.experienceNote ?? undefined,
      });
    }
  }, [open, record, form]);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const phone = v.phone?.trim();
    const body = {
      name: v.name.trim(),
      position: v.position,
      employment: v.employment,
      hiredOn: day(v.hiredOn),
      userId: v.userId ?? null,
      ...(phone ? { phone } : {}),
      ...(v.position === 'manager' ? { experienceYears: v.experienceYears ?? null, experienceNote: v.experienceNote?.trim() || null } : {}),
      ...(record ? { leftOn: day(v.leftOn) } : {}),
    };
    setSaving(true);
    try {
      const saved = record
        ? await patch<StaffRecord>(`/api/staff-records/${record.id}`, body)
        : await post<StaffRecord>(`/api/houses/${houseId}/staff-records`, body);
      message.success(t(record ? 'staff.form.updated' : 'staff.form.created', { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      showFormError(form, err, FIELDS, message.error);
    } finally {
      setSaving(false);
    }
  }

  // The record's own account stays choosable when editing.
  const accountOptions = [
    ...(record?.userId ? [{ value: record.userId, label: record.name }] : []),
    ...accounts.map((a) => ({ value: a.id, label: `${a.name}(${t(`roles.${a.role}`)})` })),
  ];

  return (
    <Modal
      open={open}
      title={record ? t('staff.form.editTitle', { name: record.name }) : t('staff.form.addTitle')}
      width={640}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ ...({ 'data-qa': 'staff-form-save' } as object) }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        style={{ marginTop: 16 }}
        initialValues={{ position: 'carer', employment: 'full_time' }}
        onValuesChange={(changed: Partial<Values>) => {
          // A volunteer is employed as a volunteer; choosing the position sets it (it can still be changed).
          if (changed.position === 'volunteer') form.setFieldValue('employment', 'volunteer');
          if (changed.userId && !form.getFieldValue('name')) {
            const account = accounts.find((a) => a.id === changed.userId);
            if (account) form.setFieldValue('name', account.name);
          }
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('staff.col.name')}
              rules={[{ required: true, whitespace: true, min: 2, max: 30, message: t('staff.form.nameRequired') }]}
            >
              <Input maxLength={30} data-qa="staff-form-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="phone"
              label={t('staff.col.phone')}
              extra={record?.phoneMasked ? t('staff.form.phoneKeep', { phone: record.phoneMasked }) : undefined}
              rules={[{ pattern: /^1\d{10}$/, message: t('errors.PHONE_INVALID') }]}
            >
              <Input maxLength={11} placeholder={record?.phoneMasked ?? undefined} data-qa="staff-form-phone" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="position" label={t('staff.col.position')} rules={[{ required: true }]}>
              <Select data-qa="staff-form-position" options={POSITIONS.map((p) => ({ value: p, label: t(`positions.${p}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="employment" label={t('staff.col.employment')} rules={[{ required: true }]}>
              <Select data-qa="staff-form-employment" options={EMPLOYMENTS.map((e) => ({ value: e, label: t(`employment.${e}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hiredOn" label={t('staff.col.hiredOn')} rules={[{ required: true, message: t('staff.form.hiredRequired') }]}>
              <DatePicker style={{ width: '100%' }} data-qa="staff-form-hired" />
            </Form.Item>
          </Col>
          {record && (
            <Col span={12}>
              <Form.Item name="leftOn" label={t('staff.col.leftOn')} extra={t('staff.form.leftHint')}>
                <DatePicker style={{ width: '100%' }} data-qa="staff-form-left" />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="userId" label={t('staff.form.account')} extra={t('staff.form.accountHint')}>
              <Select
                allowClear
                options={accountOptions}
                placeholder={accountOptions.length ? t('staff.form.accountPick') : t('staff.form.accountNone')}
                disabled={!accountOptions.length}
                data-qa="staff-form-account"
              />
            </Form.Item>
          </Col>
        </Row>
        {position === 'manager' && (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('staff.form.experienceTitle')}
            </Typography.Title>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="experienceYears" label={t('staff.form.experienceYears')}>
                  <InputNumber
                    min={0}
                    max={60}
                    step={0.5}
                    style={{ width: '100%' }}
                    suffix={t('staff.form.years')}
                    data-qa="staff-form-exp-years"
                  />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="experienceNote" label={t('staff.form.experienceNote')}>
                  <Input.TextArea
                    rows={2}
                    maxLength={200}
                    showCount
                    placeholder={t('staff.form.experiencePlaceholder')}
                    data-qa="staff-form-exp-note"
                  />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
      </Form>
    </Modal>
  );
}
