// 入园晨检: the morning health check at the door — temperature, what the carer sees, who brought the child — and
// the decision. A fever (≥ 37.3 ℃) can only be refused; a refusal needs a reason, which the guardian gets by SMS.
import { useEffect } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Radio, Tag, Typography } from 'antd';
import { post } from '../../../../common/api.ts';
import type { AttendanceChild, AttendanceRecord } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { ChildHeader } from './ChildHeader.tsx';
import { hasFever, relationOf, TEMPERATURE_MAX, TEMPERATURE_MIN } from './status.ts';
import { useSubmit } from './useSubmit.ts';

const OTHER = '__other__';

interface Values {
  temperature: number | null;
  observations?: string;
  broughtBy?: string;
  broughtByOther?: string;
  decision: 'admit' | 'refuse';
  refusalReason?: string;
}

/** Taps that add a usual observation to the note (typing on a tablet is slow). */
const OBSERVATION_PRESETS = ['spirit', 'skin', 'mouth', 'hands', 'eyes'] as const;
const REFUSAL_PRESETS = ['fever', 'spirit', 'rash', 'contagious'] as const;

export function CheckInDialog({
  child,
  feverFrom,
  onClose,
  onDone,
}: {
  child: AttendanceChild;
  feverFrom: number;
  onClose: () => void;
  onDone: (record: AttendanceRecord) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, run } = useSubmit();
  const temperature = Form.useWatch('temperature', form);
  const decision = Form.useWatch('decision', form);
  const broughtBy = Form.useWatch('broughtBy', form);
  const fever = hasFever(temperature, feverFrom);

  // A fever leaves only 拒收, with the reason filled in (the carer may reword it).
  useEffect(() => {
    if (!fever) return;
    form.setFieldValue('decision', 'refuse');
    if (!form.getFieldValue('refusalReason'))
      form.setFieldValue('refusalReason', t('attendance.checkIn.feverReason', { temperature: temperature!.toFixed(1) }));
  }, [fever, temperature, form]);

  function addObservation(text: string) {
    const now = (form.getFieldValue('observations') as string | undefined)?.trim();
    form.setFieldValue('observations', now ? `${now};${text}` : text);
  }

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const admitted = v.decision === 'admit';
    const record = await run(() =>
      post<AttendanceRecord>('/api/attendance/check-in', {
        bookingId: child.bookingId,
        temperature: v.temperature,
        observations: v.observations?.trim() || undefined,
        broughtBy: (v.broughtBy === OTHER ? v.broughtByOther : child.pickupList.find((p) => p.id === v.broughtBy)?.name)?.trim(),
        admitted,
        refusalReason: admitted ? undefined : v.refusalReason?.trim(),
      }),
    );
    if (!record) return;
    message.success(t(record.admitted ? 'attendance.checkIn.admittedDone' : 'attendance.checkIn.refusedDone', { name: child.childName }));
    onDone(record);
  }

  const refusing = decision === 'refuse';
  return (
    <Modal
      open
      title={t('attendance.checkIn.title')}
      onCancel={onClose}
      destroyOnHidden
      width={620}
      style={{ top: 16 }}
      maskClosable={false}
      data-qa="check-in-dialog"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button size="large" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button size="large" type="primary" danger={refusing} loading={busy} disabled={busy} onClick={submit} data-qa="check-in-submit">
            {t(refusing ? 'attendance.checkIn.refuseOk' : 'attendance.checkIn.admitOk')}
          </Button>
        </Flex>
      }
    >
      <ChildHeader child={child} />
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ temperature: null, decision: 'admit' }}
        onValuesChange={() => error && setError(null)}
      >
        <Form.Item
          name="temperature"
          label={t('attendance.checkIn.temperature')}
          rules={[
            { required: true, message: t('attendance.checkIn.temperatureRequired') },
            {
              type: 'number',
              min: TEMPERATURE_MIN,
              max: TEMPERATURE_MAX,
              message: t('attendance.checkIn.temperatureRange', { min: TEMPERATURE_MIN.toFixed(1), max: TEMPERATURE_MAX.toFixed(1) }),
            },
          ]}
        >
          <InputNumber<number>
            min={TEMPERATURE_MIN}
            max={TEMPERATURE_MAX}
            step={0.1}
            precision={1}
            suffix="℃"
            inputMode="decimal"
            placeholder="36.5"
            style={{ width: 200 }}
            autoFocus
            data-qa="check-in-temperature"
          />
        </Form.Item>
        {fever && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: -8, marginBottom: 16 }}
            data-qa="check-in-fever"
            title={t('attendance.checkIn.fever', { temperature: temperature!.toFixed(1), from: feverFrom.toFixed(1) })}
          />
        )}

        <Form.Item
          label={
            <>
              {t('attendance.checkIn.observations')}
              <Typography.Text type="secondary">{t('attendance.checkIn.optional')}</Typography.Text>
            </>
          }
          style={{ marginBottom: 28 }}
        >
          <Flex gap={6} wrap style={{ marginBottom: 8 }}>
            {OBSERVATION_PRESETS.map((k) => (
              <Tag key={k} className="bbw-chip" onClick={() => addObservation(t(`attendance.checkIn.obs.${k}`))}>
                + {t(`attendance.checkIn.obs.${k}`)}
              </Tag>
            ))}
          </Flex>
          <Form.Item name="observations" noStyle>
            <Input.TextArea
              rows={2}
              maxLength={200}
              showCount
              placeholder={t('attendance.checkIn.observationsHint')}
              data-qa="check-in-observations"
            />
          </Form.Item>
        </Form.Item>

        <Form.Item
          name="broughtBy"
          label={t('attendance.checkIn.broughtBy')}
          rules={[{ required: true, message: t('attendance.checkIn.broughtByRequired') }]}
        >
          <Radio.Group
            optionType="button"
            className="bbw-choice"
            data-qa="check-in-brought-by"
            options={[
              ...child.pickupList.map((p) => ({ value: p.id, label: `${p.name}(${relationOf(p)})` })),
              { value: OTHER, label: t('attendance.checkIn.otherPerson') },
            ]}
          />
        </Form.Item>
        {broughtBy === OTHER && (
          <Form.Item
            name="broughtByOther"
            label={t('attendance.checkIn.otherName')}
            style={{ marginTop: -8 }}
            rules={[{ required: true, whitespace: true, message: t('attendance.checkIn.otherNameRequired') }]}
          >
            <Input maxLength={30} placeholder={t('attendance.checkIn.otherNameHint')} data-qa="check-in-brought-by-other" />
          </Form.Item>
        )}

        <Form.Item name="decision" label={t('attendance.checkIn.decision')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            className="bbw-choice"
            data-qa="check-in-decision"
            options={[
              { value: 'admit', label: t('attendance.checkIn.admit'), disabled: fever },
              { value: 'refuse', label: t('attendance.checkIn.refuse') },
            ]}
          />
        </Form.Item>
        {refusing && (
          <>
            <Form.Item
              name="refusalReason"
              label={t('attendance.checkIn.reason')}
              style={{ marginBottom: 8 }}
              extra={t('attendance.checkIn.reasonSms')}
              rules={[{ required: true, whitespace: true, min: 2, message: t('attendance.checkIn.reasonRequired') }]}
            >
              <Input.TextArea rows={2} maxLength={100} showCount data-qa="check-in-reason" />
            </Form.Item>
            <Flex gap={6} wrap style={{ marginBottom: 12 }}>
              {REFUSAL_PRESETS.map((k) => {
                const text =
                  k === 'fever' && typeof temperature === 'number'
                    ? t('attendance.checkIn.feverReason', { temperature: temperature.toFixed(1) })
                    : t(`attendance.checkIn.refusal.${k}`);
                return (
                  <Tag key={k} className="bbw-chip" onClick={() => form.setFieldValue('refusalReason', text)}>
                    {text}
                  </Tag>
                );
              })}
            </Flex>
          </>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error.title} data-qa="check-in-error" data-code={error.code} />}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '12px 0 0' }}>
        {t('attendance.checkIn.audited')}
      </Typography.Paragraph>
    </Modal>
  );
}
