// Recording an incident: kind, severity, when, optionally the session and the child (from that day's sessions),
// what happened and what was done. The form says beforehand who will be told: the child's guardian by SMS, the
// street admin for a serious one.
import { showFormError } from '../../../components/formErrors.ts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, DatePicker, Flex, Form, Input, Modal, Radio, Select, Tag, Typography } from 'antd';
import { AlertFilled, MessageOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { post, qs } from '../../../../common/api.ts';
import type { AttendanceDay, Incident, IncidentKind } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { useApi } from '../../../hooks/useApi.ts';
import { useSession } from '../../../session.tsx';
import { timeRange } from '../../../format.ts';

interface IncidentValues {
  kind: IncidentKind;
  severity: Incident['severity'];
  occurredAt: Dayjs;
  sessionId?: string;
  childId?: string;
  description: string;
  actionTaken: string;
}

const KINDS: IncidentKind[] = ['injury', 'illness', 'other'];
const FIELDS = ['kind', 'severity', 'occurredAt', 'sessionId', 'childId', 'description', 'actionTaken'];
/** Slack for the clock of the tablet against the server's when checking "not in the future". */
const CLOCK_SLACK_MS = 5 * 60_000;

export function IncidentForm({
  open,
  houseId,
  onClose,
  onSaved,
}: {
  open: boolean;
  houseId: string;
  onClose: () => void;
  onSaved: (incident: Incident) => void;
}) {
  const { me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<IncidentValues>();
  const [saving, setSaving] = useState(false);
  const occurredAt = Form.useWatch('occurredAt', form);
  const sessionId = Form.useWatch('sessionId', form);
  const childId = Form.useWatch('childId', form);
  const severity = Form.useWatch('severity', form);
  const date = (occurredAt ?? dayjs(me.now)).format('YYYY-MM-DD');
  const day = useApi<AttendanceDay>(open ? `/api/attendance/day${qs({ houseId, date })}` : null);
  // "Now" is the server's (the tablet's clock may be off): the first answer of the day sets the default time.
  const serverNow = day.data?.now ?? me.now;
  const timeSet = useRef(false);
  useEffect(() => {
    if (!open) timeSet.current = false;
    else if (day.data && !timeSet.current) {
      timeSet.current = true;
      if (!form.isFieldTouched('occurredAt')) form.setFieldValue('occurredAt', dayjs(day.data.now).startOf('minute'));
    }
  }, [open, day.data, form]);

  const sessions = useMemo(() => (day.data?.sessions ?? []).filter((s) => s.status === 'scheduled'), [day.data]);
  const children = useMemo(() => {
    const chosen = sessions.filter((s) => !sessionId || s.id === sessionId);
    const seen = new Map<string, { childId: string; childName: string; sessionId: string; checkedIn: boolean }>();
    for (const s of chosen) {
      for (const c of s.children) {
        const checkedIn = !!c.attendance?.admitted;
        const prev = seen.get(c.childId);
        if (!prev || (checkedIn && !prev.checkedIn))
          seen.set(c.childId, { childId: c.childId, childName: c.childName, sessionId: s.id, checkedIn });
      }
    }
    return [...seen.values()];
  }, [sessions, sessionId]);

  // Another day's sessions: forget a session or child that is not on the new day.
  useEffect(() => {
    if (!day.data) return;
    if (sessionId && !sessions.some((s) => s.id === sessionId)) form.setFieldValue('sessionId', undefined);
    if (childId && !sessions.some((s) => s.children.some((c) => c.childId === childId))) form.setFieldValue('childId', undefined);
  }, [day.data]); // only when another day arrives

  function onSession(id: string | undefined) {
    const s = sessions.find((x) => x.id === id);
    if (s && childId && !s.children.some((c) => c.childId === childId)) form.setFieldValue('childId', undefined);
  }

  function onChild(id: string | undefined) {
    const c = children.find((x) => x.childId === id);
    if (c && !sessionId) form.setFieldValue('sessionId', c.sessionId);
  }

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const incident = await post<Incident>(`/api/houses/${houseId}/incidents`, {
        kind: v.kind,
        severity: v.severity,
        occurredAt: v.occurredAt.toISOString(),
        ...(v.sessionId ? { sessionId: v.sessionId } : {}),
        ...(v.childId ? { childId: v.childId } : {}),
        description: v.description.trim(),
        actionTaken: v.actionTaken.trim(),
      });
      form.resetFields();
      onSaved(incident);
    } catch (err) {
      showFormError(form, err, FIELDS, message.error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('incidents.form.title')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
      okText={t('incidents.form.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ ...({ 'data-qa': 'incident-submit' } as object) }}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
        data-qa="incident-form"
        initialValues={{ kind: 'injury', severity: 'minor', occurredAt: dayjs(me.now).startOf('minute') }}
      >
        <Flex gap={24} wrap>
          <Form.Item name="kind" label={t('incidents.form.kind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              data-qa="incident-kind-input"
              options={KINDS.map((k) => ({ value: k, label: t(`incidentKinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="severity" label={t('incidents.form.severity')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              data-qa="incident-severity-input"
              options={[
                { value: 'minor', label: t('incidentSeverity.minor') },
                { value: 'serious', label: <span data-qa="incident-severity-serious">{t('incidentSeverity.serious')}</span> },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="occurredAt"
            label={t('incidents.form.occurredAt')}
            style={{ flex: 1, minWidth: 200 }}
            rules={[
              { required: true, message: t('incidents.form.occurredAtRequired') },
              {
                validator: (_, d: Dayjs | undefined) =>
                  d && d.valueOf() > Date.parse(serverNow) + CLOCK_SLACK_MS
                    ? Promise.reject(new Error(t('incidents.form.occurredAtFuture')))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY年M月D日 HH:mm"
              allowClear={false}
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(serverNow), 'day')}
              data-qa="incident-occurred-at"
            />
          </Form.Item>
        </Flex>
        {severity === 'serious' && (
          <Alert
            type="error"
            showIcon
            icon={<AlertFilled />}
            title={t('incidents.form.seriousHint')}
            style={{ marginBottom: 16, marginTop: -8 }}
            data-qa="incident-serious-hint"
          />
        )}
        {day.error && (
          <Alert
            type="warning"
            showIcon
            title={t('incidents.form.daysLoadFailed', { reason: day.error.title })}
            style={{ marginBottom: 16 }}
          />
        )}
        <Flex gap={16}>
          <Form.Item name="sessionId" label={t('incidents.form.session')} style={{ flex: 1 }}>
            <Select
              allowClear
              loading={day.loading}
              placeholder={t('incidents.form.sessionPlaceholder')}
              onChange={onSession}
              data-qa="incident-session"
              notFoundContent={<Typography.Text type="secondary">{t('incidents.form.noSessions')}</Typography.Text>}
              options={sessions.map((s) => ({ value: s.id, label: `${timeRange(s.startsAt, s.endsAt)} · ${s.roomName}` }))}
            />
          </Form.Item>
          <Form.Item name="childId" label={t('incidents.form.child')} style={{ flex: 1 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'title' }}
              loading={day.loading}
              placeholder={t('incidents.form.childPlaceholder')}
              onChange={onChild}
              data-qa="incident-child-input"
              options={children.map((c) => ({
                value: c.childId,
                title: c.childName,
                label: (
                  <Flex justify="space-between" align="center" gap={8}>
                    <span>{c.childName}</span>
                    {c.checkedIn && (
                      <Tag color="success" style={{ marginInlineEnd: 0 }}>
                        {t('incidents.form.childCheckedIn')}
                      </Tag>
                    )}
                  </Flex>
                ),
              }))}
            />
          </Form.Item>
        </Flex>
        {childId && (
          <Alert
            type="info"
            showIcon
            icon={<MessageOutlined />}
            title={t('incidents.form.guardianHint')}
            style={{ marginBottom: 16, marginTop: -8 }}
            data-qa="incident-guardian-hint"
          />
        )}
        <Form.Item
          name="description"
          label={t('incidents.form.description')}
          rules={[{ required: true, whitespace: true, min: 4, message: t('incidents.form.descriptionRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('incidents.form.descriptionPlaceholder')}
            data-qa="incident-description-input"
          />
        </Form.Item>
        <Form.Item
          name="actionTaken"
          label={t('incidents.form.actionTaken')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('incidents.form.actionRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={500}
            showCount
            placeholder={t('incidents.form.actionPlaceholder')}
            data-qa="incident-action-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
