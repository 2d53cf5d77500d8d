// One session: its capacity term by term, the duty roster (the manager edits it and sees the new capacity at
// once), the children booked with their status, and the house's actions — cancel a booking with a reason (to
// bring an over-capacity session back within the law), mark a no-show after the start, cancel the session.
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { AuditOutlined, CloseCircleOutlined, SaveOutlined, StopOutlined, UserDeleteOutlined, WarningFilled } from '@ant-design/icons';
import { ApiError, api, post } from '../../../common/api.ts';
import { formatDateTimeZh, formatDateZh } from '../../../common/i18n.ts';
import { t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useSession } from '../../session.tsx';
import { ageText, districtDateOf, timeOf, timeRange } from '../../format.ts';
import { bindingLabel, previewCapacity, termsOf, type CapacityContext } from './capacity.ts';
import { RosterNames, ServiceTypeTag, SessionStatusTag } from './tags.tsx';
import { rosterOption } from './rosterOptions.ts';
import type { SessionBooking, StaffMember, StaffSession } from './types.ts';

const LIVE = ['confirmed', 'offered', 'waitlisted'];
const BOOKING_COLORS: Record<string, string> = {
  confirmed: 'success',
  offered: 'orange',
  waitlisted: 'blue',
  no_show: 'error',
  expired: 'default',
  cancelled: 'default',
};

function bookingStatusText(b: SessionBooking): string {
  if (b.status === 'offered' && b.offeredUntil) {
    const until = b.offeredUntil;
    return t('schedule.booking.offeredUntil', {
      until: districtDateOf(until) === districtDateOf(new Date().toISOString()) ? timeOf(until) : formatDateTimeZh(until),
    });
  }
  if (b.status === 'waitlisted') return t('schedule.booking.waitlistedN', { n: b.queuePosition });
  return t(`schedule.booking.${b.status}`);
}

/** A reason asked for in a modal (cancelling a booking or a whole session). */
function ReasonModal({
  open,
  title,
  hint,
  okText,
  presets,
  onOk,
  onClose,
  qa,
}: {
  open: boolean;
  title: string;
  hint: string;
  okText: string;
  presets: string[];
  onOk: (reason: string) => Promise<boolean>;
  onClose: () => void;
  qa: string;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      if (await onOk(v.reason.trim())) form.resetFields();
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title={title}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, ...({ 'data-qa': `${qa}-confirm` } as object) }}
      destroyOnHidden
      width={500}
    >
      <Alert type="warning" showIcon title={hint} style={{ margin: '12px 0 16px' }} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('schedule.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('schedule.reasonRequired') }]}
          extra={t('schedule.reasonSent')}
        >
          <Input.TextArea rows={2} maxLength={100} showCount data-qa={`${qa}-reason`} autoFocus />
        </Form.Item>
        <Flex gap={6} wrap style={{ marginTop: -8 }}>
          {presets.map((p) => (
            <Tag key={p} style={{ cursor: 'pointer' }} onClick={() => form.setFieldValue('reason', p)}>
              {p}
            </Tag>
          ))}
        </Flex>
      </Form>
    </Modal>
  );
}

function RosterEditor({
  session,
  ctx,
  staff,
  onSaved,
}: {
  session: StaffSession;
  ctx: CapacityContext;
  staff: StaffMember[] | undefined;
  onSaved: (updated: StaffSession, before: StaffSession) => void;
}) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<string[]>(session.carers.map((c) => c.id));
  const [saving, setSaving] = useState(false);
  const rosterKey = session.carers.map((c) => c.id).join(',');
  useEffect(() => setDraft(rosterKey ? rosterKey.split(',') : []), [session.id, rosterKey]);

  // Who may be on duty is decided for the session's date (a certificate may run out before then).
  const onDate = useApi<StaffMember[]>(`/api/houses/${session.houseId}/staff?date=${session.date}`);
  const people = useMemo(() => {
    const byId = new Map<string, StaffMember>();
    for (const c of [...(onDate.data ?? staff ?? []), ...session.carers]) if (!byId.has(c.id)) byId.set(c.id, c);
    return [...byId.values()];
  }, [onDate.data, staff, session.carers]);
  const changed =
    draft.slice().sort().join(',') !==
    session.carers
      .map((c) => c.id)
      .sort()
      .join(',');
  const preview = changed
    ? previewCapacity(
        session,
        people.filter((p) => draft.includes(p.id)),
        ctx,
      )
    : undefined;
  const taken = session.confirmed + session.offered;

  async function save() {
    setSaving(true);
    try {
      const updated = await api<StaffSession>('PUT', `/api/staff/sessions/${session.id}/roster`, { userIds: draft });
      onSaved(updated, session);
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="flex-start">
        <Select
          mode="multiple"
          style={{ flex: 1 }}
          value={draft}
          onChange={setDraft}
          placeholder={t('schedule.rosterPlaceholder')}
          data-qa="roster-select"
          optionFilterProp="label"
          // Someone already on the roster stays selectable (to take them off) even when now barred.
          options={people.map((p) => ({
            ...rosterOption(p),
            disabled: rosterOption(p).disabled && !session.carers.some((c) => c.id === p.id),
          }))}
        />
        <Button type="primary" icon={<SaveOutlined />} disabled={!changed} loading={saving} onClick={save} data-qa="roster-save">
          {t('schedule.rosterSave')}
        </Button>
      </Flex>
      {preview && (
        <Typography.Text type={preview.capacity < taken ? 'danger' : 'secondary'} data-qa="roster-preview">
          {preview.capacity < taken
            ? t('schedule.rosterPreviewOver', { n: preview.capacity, taken })
            : t('schedule.rosterPreview', { n: preview.capacity })}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function SessionDrawer({
  session,
  ctx,
  staff,
  onClose,
  onChanged,
}: {
  session: StaffSession | null;
  ctx: CapacityContext;
  staff: StaffMember[] | undefined;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { me, can } = useSession();
  const { message } = App.useApp();
  const s = session;
  const canBookings = can('session.bookings.read');
  const bookings = useApi<SessionBooking[]>(s && canBookings ? `/api/staff/sessions/${s.id}/bookings` : null);
  const [rosterResult, setRosterResult] = useState<{ sessionId: string; before: number; after: StaffSession } | null>(null);
  const [cancelling, setCancelling] = useState<SessionBooking | null>(null);
  const [cancellingSession, setCancellingSession] = useState(false);

  useEffect(() => setRosterResult((r) => (r && r.sessionId === s?.id ? r : null)), [s?.id]);

  if (!s) return <Drawer open={false} />;
  const today = me.today;
  const manager = can('schedule.manage');
  const scheduled = s.status === 'scheduled';
  const upcoming = scheduled && s.date >= today;
  const started = s.date < today || (s.date === today && Date.now() >= new Date(s.startsAt).getTime());
  const terms = termsOf(s, ctx);
  const list = bookings.data ?? [];
  const liveCount = list.filter((b) => LIVE.includes(b.status)).length;

  function changed() {
    bookings.reload();
    onChanged();
  }

  async function cancelBooking(reason: string) {
    if (!cancelling) return false;
    try {
      await post(`/api/bookings/${cancelling.id}/cancel-by-house`, { reason });
      message.success(t('schedule.bookingCancelled', { name: cancelling.childName }));
      setCancelling(null);
      changed();
      return true;
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
      return false;
    }
  }

  async function noShow(b: SessionBooking) {
    try {
      const res = await post<{ status: 'no_show'; suspendedUntil: string | null }>(`/api/bookings/${b.id}/no-show`);
      message.success(
        res.suspendedUntil
          ? t('schedule.noShowSuspended', { name: b.childName, until: formatDateTimeZh(res.suspendedUntil) })
          : t('schedule.noShowDone', { name: b.childName }),
      );
      changed();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    }
  }

  async function cancelSession(reason: string) {
    try {
      const res = await post<{ bookingsCancelled: number }>(`/api/staff/sessions/${s!.id}/cancel`, { reason });
      message.success(
        res.bookingsCancelled ? t('schedule.sessionCancelledN', { n: res.bookingsCancelled }) : t('schedule.sessionCancelled'),
      );
      setCancellingSession(false);
      changed();
      return true;
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
      return false;
    }
  }

  const result = rosterResult?.sessionId === s.id ? rosterResult : null;
  return (
    <Drawer
      open
      onClose={onClose}
      size={760}
      destroyOnHidden
      data-qa="session-drawer"
      title={
        <Flex align="center" gap={10} wrap>
          <span>
            {formatDateZh(s.date)} {timeRange(s.startsAt, s.endsAt)}
          </span>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {s.roomName}
          </Typography.Text>
          <ServiceTypeTag type={s.serviceType} />
          <SessionStatusTag session={s} today={today} />
        </Flex>
      }
      footer={
        manager && upcoming && !started ? (
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('schedule.cancelSessionHint')}
            </Typography.Text>
            <Button danger icon={<StopOutlined />} onClick={() => setCancellingSession(true)} data-qa="session-cancel">
              {t('schedule.cancelSession')}
            </Button>
          </Flex>
        ) : undefined
      }
    >
      {s.status === 'cancelled' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('schedule.sessionWasCancelled')}
          description={s.cancelReason ? t('schedule.cancelledReason', { reason: s.cancelReason }) : undefined}
        />
      )}
      {s.overCapacity && (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled />}
          style={{ marginBottom: 16 }}
          data-qa="session-over-alert"
          title={t('schedule.overBanner')}
          description={t(manager ? 'schedule.overDetailManager' : 'schedule.overDetailOthers', {
            taken: s.confirmed + s.offered,
            capacity: s.capacity,
            over: s.confirmed + s.offered - s.capacity,
          })}
        />
      )}

      <div className="bbw-stats" data-qa="session-stats">
        <Statistic
          title={t('schedule.stat.capacity')}
          value={s.capacity}
          suffix={t('common.unit.person')}
          styles={{ content: { color: s.overCapacity ? '#cf1322' : undefined } }}
        />
        <Statistic title={t('schedule.stat.confirmed')} value={s.confirmed} />
        <Statistic title={t('schedule.stat.offered')} value={s.offered} />
        <Statistic title={t('schedule.stat.waitlisted')} value={s.waitlisted} />
        <Statistic title={t('schedule.stat.seatsLeft')} value={scheduled ? s.seatsLeft : 0} />
      </div>

      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('schedule.capacityTitle')}
      </Typography.Title>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 330 } }}
        data-qa="capacity-terms"
        items={terms.map((term) => ({
          key: term.term,
          label: term.label,
          children: (
            <Flex align="center" gap={8} data-qa="capacity-term" data-term={term.term} data-binding={String(term.binding)}>
              <Typography.Text strong={term.binding}>
                {term.value !== undefined ? t('houses.persons', { n: term.value }) : t('common.dash')}
              </Typography.Text>
              {term.binding && (
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {t('schedule.bindingTag')}
                </Tag>
              )}
            </Flex>
          ),
        }))}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
        {t('schedule.capacityFormula', { n: s.capacity, binding: bindingLabel(s, ctx) })}
      </Typography.Paragraph>

      <Divider style={{ margin: '20px 0 12px' }} />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('schedule.rosterTitle')}
      </Typography.Title>
      {manager && upcoming ? (
        <RosterEditor
          session={s}
          ctx={ctx}
          staff={staff}
          onSaved={(after, before) => {
            setRosterResult({ sessionId: s.id, before: before.capacity, after });
            onChanged();
          }}
        />
      ) : (
        <RosterNames carers={s.carers} />
      )}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          showIcon
          type={result.after.overCapacity ? 'error' : 'success'}
          data-qa="roster-result"
          data-over={String(result.after.overCapacity)}
          title={t('schedule.rosterSaved', {
            before: result.before,
            after: result.after.capacity,
            binding: bindingLabel(result.after, ctx),
          })}
          description={
            result.after.overCapacity
              ? t('schedule.rosterNowOver', { taken: result.after.confirmed + result.after.offered, capacity: result.after.capacity })
              : t('schedule.rosterWithin', { seats: result.after.seatsLeft })
          }
        />
      )}

      <Divider style={{ margin: '20px 0 12px' }} />
      <Flex align="baseline" gap={10}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('schedule.bookingsTitle')}
        </Typography.Title>
        {canBookings && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <AuditOutlined /> {t('schedule.bookingsAudited')}
          </Typography.Text>
        )}
      </Flex>
      {!canBookings ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('schedule.bookingsNoAccess')}
        </Typography.Paragraph>
      ) : bookings.error ? (
        <Alert type="error" showIcon style={{ marginTop: 8 }} title={bookings.error.title} />
      ) : (
        <Table<SessionBooking>
          style={{ marginTop: 8 }}
          size="small"
          rowKey="id"
          loading={bookings.loading}
          dataSource={list}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('schedule.noBookings')} /> }}
          onRow={(b) => ({ 'data-qa': 'booking-row', 'data-status': b.status, 'data-child': b.childName }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('schedule.booking.child'),
              dataIndex: 'childName',
              render: (n: string) => <Typography.Text strong>{n}</Typography.Text>,
            },
            { title: t('schedule.booking.age'), dataIndex: 'ageMonths', width: 100, render: (m: number) => ageText(m) },
            {
              title: t('schedule.booking.status'),
              key: 'status',
              width: 190,
              render: (_, b) => (
                <Tag color={BOOKING_COLORS[b.status]} data-qa="booking-status">
                  {bookingStatusText(b)}
                </Tag>
              ),
            },
            {
              title: t('schedule.booking.fee'),
              dataIndex: 'free',
              width: 70,
              render: (free: boolean, b) =>
                b.status === 'waitlisted' ? t('common.dash') : free ? t('schedule.booking.free') : t('schedule.booking.paid'),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 190,
              render: (_, b) => (
                <Flex gap={4} wrap>
                  {can('booking.markNoShow') && b.status === 'confirmed' && scheduled && s.date <= today && (
                    <Popconfirm
                      title={t('schedule.noShowConfirm', { name: b.childName })}
                      description={t('schedule.noShowHint')}
                      okText={t('schedule.noShow')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => noShow(b)}
                    >
                      <Button size="small" icon={<UserDeleteOutlined />} data-qa="booking-no-show">
                        {t('schedule.noShow')}
                      </Button>
                    </Popconfirm>
                  )}
                  {can('booking.cancelByHouse') && LIVE.includes(b.status) && scheduled && (
                    <Button
                      size="small"
                      danger
                      type={s.overCapacity && b.status !== 'waitlisted' ? 'primary' : 'default'}
                      icon={<CloseCircleOutlined />}
                      onClick={() => setCancelling(b)}
                      data-qa="booking-cancel"
                    >
                      {t('schedule.cancelBooking')}
                    </Button>
                  )}
                </Flex>
              ),
            },
          ]}
        />
      )}
      {canBookings && liveCount > 0 && !started && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
          {t('schedule.noShowLater')}
        </Typography.Paragraph>
      )}

      <ReasonModal
        open={!!cancelling}
        qa="booking-cancel"
        title={t('schedule.cancelBookingTitle', { name: cancelling?.childName ?? '' })}
        hint={t('schedule.cancelBookingHint')}
        okText={t('schedule.cancelBookingOk')}
        presets={[t('schedule.presets.overCapacity'), t('schedule.presets.staff')]}
        onOk={cancelBooking}
        onClose={() => setCancelling(null)}
      />
      <ReasonModal
        open={cancellingSession}
        qa="session-cancel"
        title={t('schedule.cancelSessionTitle', { date: formatDateZh(s.date), time: timeRange(s.startsAt, s.endsAt) })}
        hint={liveCount ? t('schedule.cancelSessionWarnN', { n: liveCount }) : t('schedule.cancelSessionWarn')}
        okText={t('schedule.cancelSessionOk')}
        presets={[t('schedule.presets.weather'), t('schedule.presets.staff'), t('schedule.presets.facility')]}
        onOk={cancelSession}
        onClose={() => setCancellingSession(false)}
      />
    </Drawer>
  );
}
