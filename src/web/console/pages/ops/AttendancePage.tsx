// 今日看护: the carer's day at the door, on a tablet. The house's sessions of the day; for the one opened, a live
// panel of children present against the carers on duty (red, naming the rule, the moment R3–R5 break), the
// carers going off and back on duty, and the booked children with the morning health check (check-in) and the
// hand-over to an authorised person (check-out). Other days can be looked at, read-only.
import { Alert, Button, Card, DatePicker, Empty, Flex, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { formatDateZh } from '../../../common/i18n.ts';
import type { AttendanceSession } from '../../../common/opsTypes.ts';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../session.tsx';
import { addDaysTo, districtDateOf } from '../../format.ts';
import { qs } from '../../../common/api.ts';
import { useApi } from '../../hooks/useApi.ts';
import type { StaffSession } from '../schedule/types.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, Loading } from '../../components/States.tsx';
import { useAttendanceDay } from './attendance/useAttendanceDay.ts';
import { defaultSessionId } from './attendance/status.ts';
import { SessionPicker } from './attendance/SessionPicker.tsx';
import { SessionView } from './attendance/SessionView.tsx';
import { DISTRICT_TIME_ZONE } from '../../../../shared/timeZone.ts';
import './attendance/attendance.css';

const CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISTRICT_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function AttendancePage() {
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const houseId = me.user.houseId ?? null;
  const date = params.get('date') ?? me.today;
  const day = useAttendanceDay(houseId, date, date === me.today);
  // While another date loads, the previous date's answer is not shown as this one's.
  const data = day.data?.date === date ? day.data : undefined;
  const today = data ? districtDateOf(data.now) : me.today;
  const isToday = date === today;
  const editable = isToday && can('attendance.record');

  function setParam(values: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(values)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  }
  const setDate = (d: string) => setParam({ date: d === me.today ? undefined : d, session: undefined });

  const sessionId = params.get('session') ?? (data ? defaultSessionId(data.sessions, data.now) : undefined);
  const session = data?.sessions.find((s) => s.id === sessionId) ?? data?.sessions[0];

  // The server's answer to a duty change is the session as it is now: show it at once, then read the whole day.
  function changed(updated?: AttendanceSession) {
    if (updated && data) day.setData({ ...data, sessions: data.sessions.map((s) => (s.id === updated.id ? updated : s)) });
    day.reload();
  }

  // A day without sessions points to the house's next one, a tap away.
  const upcoming = useApi<StaffSession[]>(
    houseId && data && !data.sessions.length
      ? `/api/staff/sessions${qs({ houseId, from: addDaysTo(date, 1), to: addDaysTo(date, 14) })}`
      : null,
  );
  const next = upcoming.data?.find((s) => s.status === 'scheduled');

  // A lost network or a failed poll keeps the last picture on screen (with a warning) rather than blanking it.
  const stale = !!day.error && !!data;

  if (!houseId) {
    return (
      <>
        <PageHeader title={t('attendance.title')} />
        <Card variant="borderless">
          <Typography.Text type="secondary">{t('attendance.noHouse')}</Typography.Text>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('attendance.title')}
        description={data ? `${data.houseName} · ${formatDateZh(date)}` : formatDateZh(date)}
        extra={
          <Flex gap={8} wrap align="center" className="bbw-att-toolbar">
            {data && isToday && (
              <Typography.Text type="secondary" className="bbw-att-updated" data-qa="attendance-updated">
                {t('attendance.updatedAt', { time: CLOCK.format(new Date(data.now)) })}
              </Typography.Text>
            )}
            <DatePicker
              size="large"
              value={dayjs(date)}
              allowClear={false}
              format="YYYY年M月D日"
              inputReadOnly
              onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
              data-qa="attendance-date"
            />
            {date !== me.today && (
              <Button size="large" onClick={() => setDate(me.today)} data-qa="attendance-today">
                {t('attendance.backToToday')}
              </Button>
            )}
            <Button
              size="large"
              icon={<ReloadOutlined />}
              loading={day.loading}
              onClick={day.reload}
              aria-label={t('common.refresh')}
              data-qa="attendance-refresh"
            >
              {t('common.refresh')}
            </Button>
          </Flex>
        }
      />
      {data && !isToday && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-qa="attendance-readonly"
          title={t('attendance.readOnly', { date: formatDateZh(date) })}
        />
      )}
      {stale && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('attendance.stale', { error: day.error!.title })} />}

      {day.error && !data ? (
        <LoadError error={day.error} onRetry={day.reload} />
      ) : !data ? (
        <Loading />
      ) : !data.sessions.length ? (
        <Card variant="borderless">
          <Empty description={t(isToday ? 'attendance.noSessionsToday' : 'attendance.noSessions')} data-qa="attendance-empty">
            {next && (
              <Button type="primary" size="large" onClick={() => setDate(next.date)} data-qa="attendance-next">
                {t('attendance.nextSession', { date: formatDateZh(next.date), time: CLOCK.format(new Date(next.startsAt)).slice(0, 5) })}
              </Button>
            )}
          </Empty>
        </Card>
      ) : (
        <Card variant="borderless">
          <SessionPicker sessions={data.sessions} now={data.now} value={session?.id} onChange={(id) => setParam({ session: id })} />
          {session && (
            <SessionView
              key={session.id}
              session={session}
              now={data.now}
              editable={editable}
              canDuty={editable && can('duty.record')}
              onChanged={changed}
            />
          )}
        </Card>
      )}
    </>
  );
}
