// The sessions of two weeks, day by day: time, room, type, legal capacity with its binding term, seats taken,
// waiting and left, the roster and the status. Over-capacity sessions are red; a click opens the session.
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Button, DatePicker, Empty, Flex, Segmented, Table, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { qs } from '../../../common/api.ts';
import { formatDateZh } from '../../../common/i18n.ts';
import { t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useSession } from '../../session.tsx';
import { addDaysTo, timeRange } from '../../format.ts';
import { LoadError } from '../../components/States.tsx';
import { bindingLabel, type CapacityContext } from './capacity.ts';
import { SessionDrawer } from './SessionDrawer.tsx';
import { RosterNames, ServiceTypeTag, SessionStatusTag } from './tags.tsx';
import { FLAG_HORIZON_DAYS, type StaffMember, type StaffSession } from './types.ts';

export const RANGE_DAYS = 14;

function dayTitle(date: string, today: string): string {
  const rel = date === today ? t('schedule.today') : date === addDaysTo(today, 1) ? t('schedule.tomorrow') : '';
  return rel ? `${formatDateZh(date)} · ${rel}` : formatDateZh(date);
}

export function SessionsTab({
  houseId,
  ctx,
  staff,
  flaggedOnly,
  onFlaggedOnly,
  from,
  onFrom,
  flaggedCount,
  onChanged,
}: {
  houseId: string;
  ctx: CapacityContext;
  staff: StaffMember[] | undefined;
  flaggedOnly: boolean;
  onFlaggedOnly: (on: boolean) => void;
  from: string;
  onFrom: (date: string) => void;
  flaggedCount: number;
  onChanged: () => void;
}) {
  const { me } = useSession();
  const today = me.today;
  const path = flaggedOnly
    ? `/api/staff/sessions${qs({ houseId, from: today, to: addDaysTo(today, FLAG_HORIZON_DAYS - 1), flagged: 'true' })}`
    : `/api/staff/sessions${qs({ houseId, from, to: addDaysTo(from, RANGE_DAYS - 1) })}`;
  const sessions = useApi<StaffSession[]>(path);
  const [opened, setOpened] = useState<{ id: string; date: string } | null>(null);
  // The open session is read on its own, so it stays open (and current) when a change takes it out of the filter.
  const openDay = useApi<StaffSession[]>(opened ? `/api/staff/sessions${qs({ houseId, from: opened.date, to: opened.date })}` : null);

  const days = useMemo(() => {
    const map = new Map<string, StaffSession[]>();
    for (const s of sessions.data ?? []) map.set(s.date, [...(map.get(s.date) ?? []), s]);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [sessions.data]);

  const open = openDay.data?.find((s) => s.id === opened?.id) ?? sessions.data?.find((s) => s.id === opened?.id) ?? null;
  const refresh = () => {
    sessions.reload();
    openDay.reload();
    onChanged();
  };

  const columns = [
    {
      title: t('schedule.col.time'),
      key: 'time',
      width: 120,
      render: (_: unknown, s: StaffSession) => (
        <Flex vertical gap={4} align="flex-start">
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }} data-qa="session-time">
            {timeRange(s.startsAt, s.endsAt)}
          </Typography.Text>
          <ServiceTypeTag type={s.serviceType} />
        </Flex>
      ),
    },
    { title: t('schedule.col.room'), dataIndex: 'roomName', width: 100 },
    {
      title: t('schedule.col.capacity'),
      key: 'capacity',
      width: 160,
      render: (_: unknown, s: StaffSession) => (
        <Flex vertical gap={0}>
          <Typography.Text strong style={{ fontSize: 15 }} type={s.overCapacity ? 'danger' : undefined} data-qa="session-capacity">
            {t('houses.persons', { n: s.capacity })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-qa="session-binding">
            {bindingLabel(s, ctx)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('schedule.col.booked'),
      key: 'booked',
      width: 140,
      render: (_: unknown, s: StaffSession) => (
        <Flex vertical gap={0} data-qa="session-counts">
          <span>
            {t('schedule.confirmedN', { n: s.confirmed })}
            {s.overCapacity && (
              <Typography.Text type="danger" strong>
                {' '}
                {t('schedule.overBy', { n: s.confirmed + s.offered - s.capacity })}
              </Typography.Text>
            )}
          </span>
          {(s.offered > 0 || s.waitlisted > 0) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                s.offered ? t('schedule.offeredN', { n: s.offered }) : '',
                s.waitlisted ? t('schedule.waitlistedN', { n: s.waitlisted }) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('schedule.col.seatsLeft'),
      dataIndex: 'seatsLeft',
      width: 70,
      align: 'right' as const,
      render: (n: number, s: StaffSession) =>
        s.status === 'cancelled' ? (
          t('common.dash')
        ) : (
          <Typography.Text strong={n > 0} type={n === 0 ? 'secondary' : undefined} data-qa="session-seats">
            {n}
          </Typography.Text>
        ),
    },
    { title: t('schedule.col.roster'), key: 'roster', render: (_: unknown, s: StaffSession) => <RosterNames carers={s.carers} /> },
    {
      title: t('schedule.col.status'),
      key: 'status',
      width: 90,
      render: (_: unknown, s: StaffSession) => <SessionStatusTag session={s} today={today} />,
    },
  ];

  return (
    <>
      <Flex gap={8} wrap align="center" className="bbw-toolbar">
        {!flaggedOnly && (
          <>
            <Button icon={<LeftOutlined />} onClick={() => onFrom(addDaysTo(from, -RANGE_DAYS))} aria-label={t('schedule.prevRange')} />
            <DatePicker
              value={dayjs(from)}
              allowClear={false}
              format="YYYY年M月D日"
              onChange={(d) => d && onFrom(d.format('YYYY-MM-DD'))}
              style={{ width: 160 }}
              data-qa="sessions-from"
            />
            <Typography.Text type="secondary">
              {t('schedule.rangeTo', { date: formatDateZh(addDaysTo(from, RANGE_DAYS - 1)) })}
            </Typography.Text>
            <Button icon={<RightOutlined />} onClick={() => onFrom(addDaysTo(from, RANGE_DAYS))} aria-label={t('schedule.nextRange')} />
            {from !== today && <Button onClick={() => onFrom(today)}>{t('schedule.backToToday')}</Button>}
          </>
        )}
        {flaggedOnly && <Typography.Text type="secondary">{t('schedule.flaggedRange', { days: FLAG_HORIZON_DAYS })}</Typography.Text>}
        <Segmented
          style={{ marginInlineStart: 'auto' }}
          value={flaggedOnly ? 'flagged' : 'all'}
          onChange={(v) => onFlaggedOnly(v === 'flagged')}
          data-qa="sessions-filter"
          options={[
            { value: 'all', label: t('schedule.filterAll') },
            { value: 'flagged', label: <span data-qa="sessions-filter-flagged">{t('schedule.filterFlagged', { n: flaggedCount })}</span> },
          ]}
        />
      </Flex>
      {sessions.error ? (
        <LoadError error={sessions.error} onRetry={sessions.reload} />
      ) : (
        <div data-qa="sessions">
          {!sessions.loading && days.length === 0 && (
            <Empty style={{ margin: '40px 0' }} description={flaggedOnly ? t('schedule.noFlagged') : t('schedule.noSessions')} />
          )}
          {days.map(([date, list], index) => (
            <section key={date} className="bbw-day" data-qa="session-day" data-date={date}>
              <Flex align="baseline" gap={10} className="bbw-day-title">
                <Typography.Text strong style={{ fontSize: 15 }}>
                  {dayTitle(date, today)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('schedule.daySummary', {
                    n: list.filter((s) => s.status === 'scheduled').length,
                    booked: list.reduce((sum, s) => sum + (s.status === 'scheduled' ? s.confirmed : 0), 0),
                  })}
                  {list.some((s) => s.status === 'cancelled') &&
                    t('schedule.dayCancelled', { n: list.filter((s) => s.status === 'cancelled').length })}
                </Typography.Text>
              </Flex>
              <Table<StaffSession>
                rowKey="id"
                size="small"
                dataSource={list}
                pagination={false}
                columns={columns}
                tableLayout="fixed"
                showHeader={index === 0}
                rowClassName={(s) => (s.overCapacity ? 'bbw-row-over' : s.status === 'cancelled' ? 'bbw-row-cancelled' : '')}
                onRow={(s) =>
                  ({
                    'data-qa': 'session-row',
                    'data-session-id': s.id,
                    'data-over': String(s.overCapacity),
                    style: { cursor: 'pointer' },
                    onClick: () => setOpened({ id: s.id, date: s.date }),
                  }) as HTMLAttributes<HTMLElement>
                }
              />
            </section>
          ))}
        </div>
      )}
      <SessionDrawer session={open} ctx={ctx} staff={staff} onClose={() => setOpened(null)} onChanged={refresh} />
    </>
  );
}
