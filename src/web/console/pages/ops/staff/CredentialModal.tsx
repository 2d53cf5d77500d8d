// Adding a credential to a person: a qualification, a health certificate (with its expiry), the yearly training
// certificate or a criminal-record check with its result, and optionally the scan. A check with a record bars
// the person from every roster and alerts the street, so it is confirmed first.
import { showFormError } from '../../../components/formErrors.ts';
import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Col, DatePicker, Form, Input, Modal, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { post } from '../../../../common/api.ts';
import type { CredentialKind, StaffRecord } from '../../../../common/opsTypes.ts';
import { messages, t } from '../../../i18n/index.ts';
import { useSession } from '../../../session.tsx';
import { HouseFileField } from './HouseFileField.tsx';

export const CREDENTIAL_KINDS: CredentialKind[] = ['qualification', 'health_certificate', 'training', 'background_check'];
const FIELDS = ['kind', 'title', 'number', 'issuedOn', 'expiresOn', 'result', 'fileId'];

interface Values {
  kind: CredentialKind;
  title: string;
  number?: string;
  issuedOn: Dayjs;
  expiresOn?: Dayjs | null;
  result?: 'clear' | 'hit';
  fileId?: string | null;
}

/** The first kind this person is short of (what the manager most likely came to add). */
function neededKind(record: StaffRecord): CredentialKind {
  return record.requirements.find((r) => r.status !== 'valid')?.kind ?? record.requirements[0]?.kind ?? 'qualification';
}

export function CredentialModal({
  record,
  open,
  onClose,
  onSaved,
}: {
  record: StaffRecord;
  open: boolean;
  onClose: () => void;
  onSaved: (updated: StaffRecord) => void;
}) {
  const { message, modal } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const presets = kind ? messages.staff.titlePresets[kind] : [];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const k = neededKind(record);
    form.setFieldsValue({ kind: k, title: messages.staff.titlePresets[k][0], result: k === 'background_check' ? 'clear' : undefined });
  }, [open, record, form]);

  async function save(v: Values) {
    const body = {
      kind: v.kind,
      title: v.title.trim(),
      ...(v.number?.trim() ? { number: v.number.trim() } : {}),
      issuedOn: v.issuedOn.format('YYYY-MM-DD'),
      ...(v.expiresOn && v.kind !== 'background_check' ? { expiresOn: v.expiresOn.format('YYYY-MM-DD') } : {}),
      ...(v.kind === 'background_check' ? { result: v.result } : {}),
      ...(v.fileId ? { fileId: v.fileId } : {}),
    };
    setSaving(true);
    try {
      const updated = await post<StaffRecord>(`/api/staff-records/${record.id}/credentials`, body);
      message.success(t('staff.cred.saved', { title: body.title }));
      onSaved(updated);
    } catch (err) {
      showFormError(form, err, FIELDS, message.error);
    } finally {
      setSaving(false);
    }
  }

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (v.kind === 'background_check' && v.result === 'hit') {
      modal.confirm({
        title: t('staff.cred.hitConfirmTitle', { name: record.name }),
        content: t('staff.cred.hitConfirmText'),
        okText: t('staff.cred.hitConfirmOk'),
        okButtonProps: { danger: true, ...({ 'data-qa': 'cred-hit-confirm' } as object) },
        cancelText: t('common.cancel'),
        onOk: () => save(v),
      });
      return;
    }
    await save(v);
  }

  return (
    <Modal
      open={open}
      title={t('staff.cred.addTitle', { name: record.name })}
      width={600}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ ...({ 'data-qa': 'cred-save' } as object) }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        style={{ marginTop: 16 }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          if (changed.kind) {
            form.setFieldsValue({
              title: messages.staff.titlePresets[changed.kind][0],
              result: changed.kind === 'background_check' ? 'clear' : undefined,
            });
          }
          // A health certificate is valid for a year: propose the expiry from the date of issue.
          if (changed.issuedOn && all.kind === 'health_certificate' && !all.expiresOn) {
            form.setFieldValue('expiresOn', changed.issuedOn.add(1, 'year').subtract(1, 'day'));
          }
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('staff.cred.kind')} rules={[{ required: true }]}>
              <Select data-qa="cred-kind" options={CREDENTIAL_KINDS.map((k) => ({ value: k, label: t(`credentialKinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="title"
              label={t('staff.cred.title')}
              rules={[{ required: true, whitespace: true, min: 2, max: 50, message: t('staff.cred.titleRequired') }]}
            >
              <AutoComplete options={presets.map((p) => ({ value: p }))} data-qa="cred-title">
                <Input maxLength={50} />
              </AutoComplete>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="issuedOn"
              label={t(
                kind === 'background_check' ? 'staff.cred.checkedOn' : kind === 'training' ? 'staff.cred.trainedOn' : 'staff.cred.issuedOn',
              )}
              rules={[{ required: true, message: t('staff.cred.issuedRequired') }]}
            >
              <DatePicker
                style={{ width: '100%' }}
                defaultPickerValue={dayjs(me.today)}
                disabledDate={(d) => d.isAfter(dayjs(me.today), 'day')}
                data-qa="cred-issued"
              />
            </Form.Item>
          </Col>
          {kind !== 'background_check' && (
            <Col span={12}>
              <Form.Item
                name="expiresOn"
                label={t('staff.cred.expiresOn')}
                dependencies={['issuedOn']}
                extra={
                  kind === 'training'
                    ? t('staff.cred.trainingHint')
                    : kind === 'qualification'
                      ? t('staff.cred.qualificationHint')
                      : undefined
                }
                rules={[
                  { required: kind === 'health_certificate', message: t('staff.cred.expiresRequired') },
                  ({ getFieldValue }) => ({
                    validator: (_, value: Dayjs | null | undefined) => {
                      const issued = getFieldValue('issuedOn') as Dayjs | undefined;
                      return !value || !issued || !value.isBefore(issued, 'day')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('staff.cred.expiresBeforeIssued')));
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} defaultPickerValue={dayjs(me.today)} data-qa="cred-expires" />
              </Form.Item>
            </Col>
          )}
          {kind === 'background_check' && (
            <Col span={12}>
              <Form.Item name="result" label={t('staff.cred.result')} rules={[{ required: true }]} extra={t('staff.cred.checkHint')}>
                <Radio.Group
                  data-qa="cred-result"
                  options={[
                    { value: 'clear', label: t('staff.cred.resultClear') },
                    { value: 'hit', label: <span style={{ color: '#cf1322' }}>{t('staff.cred.resultHit')}</span> },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="number" label={t('staff.cred.number')}>
              <Input maxLength={50} data-qa="cred-number" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="fileId" label={t('staff.cred.file')} extra={t('staff.cred.fileHint')}>
              <HouseFileField houseId={record.houseId} qa="cred-file" />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'background_check' && <Alert type="info" showIcon title={t('staff.cred.checkScope')} style={{ marginTop: 4 }} />}
      </Form>
    </Modal>
  );
}
