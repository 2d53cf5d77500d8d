// 入户指导 (DOMAIN.md §5.5, T4): the home visitor's caseload, laid out as cards so it reads on a phone at the door —
// each newborn family with phone (a tap calls) and address, the visit's state and due day; schedule the visit (the
// family is told by SMS), see a request for another time, and record the visit once it has happened.
import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, post } from '../../common/api.ts';
import { formatDateTimeZh, formatPlainDateZh } from '../../common/i18n.ts';
import type { Item, Res } from '../../common/wire.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { districtInstant } from '../../../domain/time.ts';
import { LoadError } from '../components/States.tsx';

type Family = Item<Res<'/api/visits/caseload', 'get'>>;
type Topic = Item<Res<'/api/guidance/topics', 'get'>>;

const STATE_COLORS: Record<Family['visitState'], string> = {
  confirmed: 'success',
  awaitingConfirmation: 'processing',
  scheduled: 'blue',
  due: 'default',
  overdue: 'error',
};

function RecordModal({
  family,
  topics,
  onClose,
  onDone,
}: {
  family: Family | null;
  topics: Topic[];
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(values: {
    visitedOn: Dayjs;
    durationMinutes: number;
    met: string;
    topics: string[];
    observations?: string;
    advice?: string;
    followUp?: boolean;
    referral: string;
  }) {
    if (!family) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/visits/${family.id}/record`, {
        ...values,
        visitedOn: values.visitedOn.format('YYYY-MM-DD'),
        followUp: !!values.followUp,
      });
      form.resetFields();
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={!!family}
      title={t('visits.recordTitle', { name: family?.childName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('visits.save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ visitedOn: dayjs(), durationMinutes: 45, referral: 'none' }}>
        <Form.Item name="visitedOn" label={t('visits.visitedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-qa="visit-date" />
        </Form.Item>
        <Form.Item name="durationMinutes" label={t('visits.duration')} rules={[{ required: true }]}>
          <InputNumber min={5} max={480} addonAfter={t('visits.minutes')} style={{ width: '100%' }} data-qa="visit-duration" />
        </Form.Item>
        <Form.Item name="met" label={t('visits.met')} rules={[{ required: true, message: t('visits.metRequired') }]}>
          <Input maxLength={100} placeholder={t('visits.metPlaceholder')} data-qa="visit-met" />
        </Form.Item>
        <Form.Item name="topics" label={t('visits.topics')} rules={[{ required: true, message: t('visits.topicsRequired') }]}>
          <Select
            mode="multiple"
            options={topics.map((x) => ({ value: x.code, label: x.name }))}
            aria-label={t('visits.topics')}
            data-qa="visit-topics"
          />
        </Form.Item>
        <Form.Item name="observations" label={t('visits.observations')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="advice" label={t('visits.advice')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="referral" label={t('visits.referral')}>
          <Radio.Group options={(['none', 'care', 'health'] as const).map((r) => ({ value: r, label: t(`visits.referrals.${r}`) }))} />
        </Form.Item>
        <Form.Item name="followUp" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{t('visits.followUp')}</Checkbox>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-qa="visit-error" />}
    </Modal>
  );
}

export function VisitsPage() {
  const { message } = AntApp.useApp();
  const list = useApi<Family[]>('/api/visits/caseload');
  const topics = useApi<Topic[]>('/api/guidance/topics');
  const [recording, setRecording] = useState<Family | null>(null);
  const [when, setWhen] = useState<Record<string, Dayjs | null>>({});

  async function schedule(f: Family) {
    const at = when[f.id];
    if (!at) return;
    try {
      // The time picked is a time of day in the district, whatever the device's own time zone.
      const scheduledAt = districtInstant(at.format('YYYY-MM-DD'), at.format('HH:mm')).toISOString();
      await post(`/api/visits/${f.id}/schedule`, { scheduledAt });
      message.success(t('visits.scheduled', { name: f.childName }));
      list.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <>
      <PageHeader title={t('visits.title')} description={t('visits.description')} />
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (list.data ?? []).length === 0 && !list.loading ? (
        <Card variant="borderless">
          <Empty description={t('visits.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={12} style={{ maxWidth: 720 }}>
          {(list.data ?? []).map((f) => {
            const open = f.visits.find((v) => v.status === 'scheduled');
            const done = f.visits.find((v) => v.status === 'done');
            return (
              <Card key={f.id} size="small" variant="borderless" data-qa="visit-family">
                <Flex justify="space-between" align="start" gap={8} wrap>
                  <div>
                    <Typography.Title level={5} style={{ margin: 0 }}>
                      {t('visits.family', { name: f.childName, sex: t(`sex.${f.sex}`), date: formatPlainDateZh(f.birthDate) })}
                    </Typography.Title>
                    <Typography.Text type="secondary">
                      {f.guardianName} · <a href={`tel:${f.phone}`}>{f.phone}</a>
                    </Typography.Text>
                    <div>{f.address}</div>
                  </div>
                  <Tag color={STATE_COLORS[f.visitState]} data-qa="visit-state">
                    {t(`newborns.states.${f.visitState}`)}
                  </Tag>
                </Flex>
                <Flex vertical gap={8} style={{ marginTop: 12 }}>
                  {f.visitState !== 'confirmed' && !done && (
                    <Typography.Text type={f.visitState === 'overdue' ? 'danger' : 'secondary'}>
                      {t('newborns.dueBy', { date: formatPlainDateZh(f.dueBy) })}
                    </Typography.Text>
                  )}
                  {open && (
                    <Typography.Text data-qa="visit-when">{t('visits.when', { time: formatDateTimeZh(open.scheduledAt) })}</Typography.Text>
                  )}
                  {open?.changeRequested && (
                    <Alert
                      type="warning"
                      showIcon
                      message={t('visits.changeRequested', { note: open.changeRequested })}
                      data-qa="visit-change"
                    />
                  )}
                  {done && <Typography.Text>{t('visits.recorded', { date: formatPlainDateZh(done.visitedOn ?? '') })}</Typography.Text>}
                  {!done && (
                    <Flex gap={8} wrap>
                      <DatePicker
                        showTime={{ format: 'HH:mm', minuteStep: 15 }}
                        format="YYYY-MM-DD HH:mm"
                        value={when[f.id] ?? null}
                        onChange={(v) => setWhen({ ...when, [f.id]: v })}
                        disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                        placeholder={t('visits.pickTime')}
                        aria-label={t('visits.pickTime')}
                        data-qa="visit-time"
                      />
                      <Button onClick={() => schedule(f)} disabled={!when[f.id]} data-qa="visit-schedule">
                        {open ? t('visits.reschedule') : t('visits.schedule')}
                      </Button>
                      <Button type="primary" onClick={() => setRecording(f)} data-qa="visit-record">
                        {t('visits.record')}
                      </Button>
                    </Flex>
                  )}
                </Flex>
              </Card>
            );
          })}
        </Flex>
      )}
      <RecordModal
        family={recording}
        topics={topics.data ?? []}
        onClose={() => setRecording(null)}
        onDone={() => {
          message.success(t('visits.saved'));
          setRecording(null);
          list.reload();
        }}
      />
    </>
  );
}
