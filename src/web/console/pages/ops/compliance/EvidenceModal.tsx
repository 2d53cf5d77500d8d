// Recording dated evidence for one of the house's facts (R11 CCTV and alarm, R12 insurance, R19 facilities) — a
// note, the date it was seen, a photo or file — and, when the facts changed, the new facts in the same step.
import { showFormError } from '../../../components/formErrors.ts';
import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { post } from '../../../../common/api.ts';
import type { Evidence, EvidenceTopic } from '../../../../common/opsTypes.ts';
import type { Facilities, House } from '../../../../common/types.ts';
import { t } from '../../../i18n/index.ts';
import { useSession } from '../../../session.tsx';
import { ALL_FACILITIES } from '../../../components/HouseTags.tsx';
import { HouseFileField } from '../staff/HouseFileField.tsx';

export const EVIDENCE_TOPICS: EvidenceTopic[] = ['cctv', 'alarm', 'insurance', 'facilities'];

interface Values {
  topic: EvidenceTopic;
  observedOn: Dayjs;
  note: string;
  fileId?: string | null;
  updateFacts: boolean;
  cctvRetentionDays?: number;
  cctvNetworked?: boolean;
  alarmNetworked?: boolean;
  insurer?: string;
  insurancePolicyNo?: string;
  insurancePeriod?: [Dayjs, Dayjs] | null;
  facilities?: (keyof Facilities)[];
}

const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** The house facts of one topic, as the API takes them. */
function factsOf(topic: EvidenceTopic, v: Values): Record<string, unknown> {
  switch (topic) {
    case 'cctv':
      return { cctvRetentionDays: v.cctvRetentionDays, cctvNetworked: !!v.cctvNetworked };
    case 'alarm':
      return { alarmNetworked: !!v.alarmNetworked };
    case 'insurance':
      return {
        insurer: v.insurer?.trim() || null,
        insurancePolicyNo: v.insurancePolicyNo?.trim() || null,
        insuranceStart: day(v.insurancePeriod?.[0]),
        insuranceEnd: day(v.insurancePeriod?.[1]),
      };
    case 'facilities':
      return { facilities: Object.fromEntries(ALL_FACILITIES.map((f) => [f, !!v.facilities?.includes(f)])) };
  }
}

export function EvidenceModal({
  house,
  topic,
  open,
  onClose,
  onSaved,
}: {
  house: House;
  topic: EvidenceTopic;
  open: boolean;
  onClose: () => void;
  onSaved: (e: Evidence, factsChanged: boolean) => void;
}) {
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const chosen = Form.useWatch('topic', form) ?? topic;
  const updateFacts = Form.useWatch('updateFacts', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      topic,
      observedOn: dayjs(me.today),
      updateFacts: false,
      cctvRetentionDays: house.cctvRetentionDays,
      cctvNetworked: house.cctvNetworked,
      alarmNetworked: house.alarmNetworked,
      insurer: house.insurer ?? undefined,
      insurancePolicyNo: house.insurancePolicyNo ?? undefined,
      insurancePeriod: house.insuranceStart && house.insuranceEnd ? [dayjs(house.insuranceStart), dayjs(house.insuranceEnd)] : null,
      facilities: ALL_FACILITIES.filter((f) => house.facilities[f]),
    });
  }, [open, topic, house, form, me.today]);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const saved = await post<Evidence>(`/api/houses/${house.id}/evidence`, {
        topic: v.topic,
        observedOn: day(v.observedOn),
        note: v.note.trim(),
        ...(v.fileId ? { fileId: v.fileId } : {}),
        ...(v.updateFacts && (v.topic !== 'insurance' || house.permissions.update) ? { facts: factsOf(v.topic, v) } : {}),
      });
      message.success(t(v.updateFacts ? 'compliance.evidence.savedWithFacts' : 'compliance.evidence.saved'));
      onSaved(saved, v.updateFacts);
    } catch (err) {
      showFormError(form, err, ['topic', 'observedOn', 'note', 'fileId'], message.error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('compliance.evidence.addTitle')}
      width={640}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ ...({ 'data-qa': 'evidence-save' } as object) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional" style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="topic" label={t('compliance.evidence.topic')} rules={[{ required: true }]}>
              <Select
                data-qa="evidence-topic"
                options={EVIDENCE_TOPICS.map((x) => ({ value: x, label: t(`compliance.evidence.topics.${x}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="observedOn"
              label={t('compliance.evidence.observedOn')}
              rules={[{ required: true, message: t('compliance.evidence.observedRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(me.today), 'day')} data-qa="evidence-date" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="note"
              label={t('compliance.evidence.note')}
              rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('compliance.evidence.noteRequired') }]}
            >
              <Input.TextArea
                rows={2}
                maxLength={200}
                showCount
                placeholder={t(`compliance.evidence.placeholders.${chosen}`)}
                data-qa="evidence-note"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="fileId" label={t('compliance.evidence.file')} extra={t('compliance.evidence.fileHint')}>
              <HouseFileField houseId={house.id} qa="evidence-file" />
            </Form.Item>
          </Col>
        </Row>
        {/* The street buys the insurance (R12): only those who edit the house's record change its policy dates. */}
        {(chosen !== 'insurance' || house.permissions.update) && (
          <Form.Item name="updateFacts" valuePropName="checked" style={{ marginBottom: 12 }}>
            <Checkbox data-qa="evidence-update-facts">{t('compliance.evidence.updateFacts')}</Checkbox>
          </Form.Item>
        )}
        {updateFacts && (
          <div style={{ padding: '12px 16px 0', background: 'rgba(0,0,0,0.02)', borderRadius: 8 }}>
            {chosen === 'cctv' && (
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name="cctvRetentionDays" label={t('house.cctvRetention')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={3650} suffix={t('common.unit.day')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="cctvNetworked" label={t('house.cctvNetworked')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
              </Row>
            )}
            {chosen === 'alarm' && (
              <Form.Item name="alarmNetworked" label={t('house.alarmNetworked')} valuePropName="checked">
                <Switch />
              </Form.Item>
            )}
            {chosen === 'insurance' && (
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name="insurer" label={t('house.insurer')}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="insurancePolicyNo" label={t('house.policyNo')}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="insurancePeriod" label={t('house.period')}>
                    <DatePicker.RangePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            )}
            {chosen === 'facilities' && (
              <Form.Item name="facilities" label={t('house.sectionFacilities')}>
                <Checkbox.Group options={ALL_FACILITIES.map((f) => ({ value: f, label: t(`facilities.${f}`) }))} />
              </Form.Item>
            )}
            <Alert type="info" showIcon title={t('compliance.evidence.factsHint')} style={{ marginBottom: 12 }} />
          </div>
        )}
      </Form>
    </Modal>
  );
}
