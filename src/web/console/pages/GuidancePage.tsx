// 育儿指导 (§5.4, T5): the guidance events in a period in the viewer's scope. A provider's 指导师 and a house's
// manager publish, edit and cancel their own (families are told by SMS) and take attendance at the door (?event=<id>
// opens an event's list). Streets and the district read the list. (Carers may take attendance through the API but
// cannot list events, guidance.read: the page is not theirs yet.)
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Space, Table, Typography } from 'antd';
import { CheckCircleFilled, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { qs } from '../../common/api.ts';
import { formatDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { addDaysTo, timeRange } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';
import { EventFormModal } from './guidance/EventFormModal.tsx';
import { CancelEventModal } from './guidance/CancelEventModal.tsx';
import { RosterDrawer } from './guidance/RosterDrawer.tsx';
import { EventStatusTag, ModeTag, type GuidanceEvent } from './guidance/tags.tsx';

export function GuidancePage() {
  const { me, can } = useSession();
  const { message } = App.useApp();
  const canManage = can('guidance.manage');
  const canAttend = can('guidance.attendance');
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? me.today;
  const to = params.get('to') ?? addDaysTo(from, 28);
  const events = useApi<GuidanceEvent[]>(`/api/guidance/manage/events${qs({ from, to })}`);
  const [form, setForm] = useState<{ open: boolean; event: GuidanceEvent | null }>({ open: false, event: null });
  const [cancelling, setCancelling] = useState<GuidanceEvent | null>(null);
  const rosterId = params.get('event');
  // The server's clock (tests move it), not the browser's.
  const now = Date.parse(me.now);

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('guidance.title')}
        description={t('guidance.description')}
        extra={
          <>
            <DatePicker.RangePicker
              value={[dayjs(from), dayjs(to)]}
              allowClear={false}
              format="YYYY年M月D日"
              inputReadOnly
              style={{ width: 300 }}
              aria-label={t('guidance.period')}
              data-qa="guidance-period"
              onChange={(r) => {
                if (!r?.[0] || !r[1]) return;
                const next = new URLSearchParams(params);
                next.set('from', r[0].format('YYYY-MM-DD'));
                next.set('to', r[1].format('YYYY-MM-DD'));
                setParams(next, { replace: true });
              }}
            />
            {canManage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setForm({ open: true, event: null })}
                data-qa="guidance-publish"
              >
                {t('guidance.publish')}
              </Button>
            )}
          </>
        }
      />
      {!canManage && !canAttend && (
        <Alert
          type="info"
          showIcon
          icon={<EyeOutlined />}
          style={{ marginBottom: 16 }}
          title={t('guidance.readOnly')}
          data-qa="guidance-readonly"
        />
      )}
      {events.error ? (
        <LoadError error={events.error} onRetry={events.reload} />
      ) : (
        <Card variant="borderless">
          <Table<GuidanceEvent>
            rowKey="id"
            loading={events.loading}
            dataSource={events.data ?? []}
            pagination={false}
            scroll={{ x: 1080 }}
            locale={{ emptyText: t('guidance.empty') }}
            onRow={(e) => ({ 'data-qa': 'guidance-row', 'data-status': e.status }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('guidance.when'),
                key: 'when',
                width: 175,
                render: (_, e) => (
                  <Flex vertical>
                    <span style={{ whiteSpace: 'nowrap' }}>{formatDateZh(e.date)}</span>
                    <Typography.Text type="secondary">{timeRange(e.startsAt, e.endsAt)}</Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('guidance.eventTitle'),
                key: 'title',
                render: (_, e) => (
                  <Flex vertical>
                    <Typography.Text strong data-qa="guidance-title">
                      {e.title}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('guidance.ageBandText', { min: e.minAgeMonths, max: e.maxAgeMonths })} ·{' '}
                      {e.childComes ? t('guidance.childComes') : t('guidance.parentsOnly')} · {e.leader}
                    </Typography.Text>
                    {e.cancelReason && (
                      <Typography.Text type="danger" style={{ fontSize: 12 }} data-qa="guidance-cancel-reason">
                        {t('guidance.cancelledBecause', { reason: e.cancelReason })}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              { title: t('guidance.topic'), dataIndex: 'topicName', key: 'topic', width: 96 },
              {
                title: t('guidance.organiser'),
                key: 'organiser',
                width: 140,
                render: (_, e) => (
                  <Flex vertical>
                    <span>{e.organiser}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.streetName}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('guidance.mode'),
                key: 'mode',
                width: 120,
                render: (_, e) => (
                  <Flex vertical gap={2} align="start">
                    <ModeTag mode={e.mode} />
                    {e.mode === 'offline' && e.place && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {e.place}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('guidance.seats'),
                key: 'seats',
                width: 145,
                render: (_, e) => (
                  <Flex vertical data-qa="guidance-seats">
                    <span>{t('guidance.seatsText', { n: e.seats - e.seatsLeft, m: e.seats })}</span>
                    {e.waiting > 0 && <Typography.Text type="warning">{t('guidance.waiting', { k: e.waiting })}</Typography.Text>}
                    {e.attended > 0 && (
                      <Typography.Text type="success" data-qa="guidance-attended">
                        <CheckCircleFilled /> {t('guidance.attendedCount', { n: e.attended })}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('guidance.status'),
                key: 'status',
                width: 80,
                render: (_, e) => <EventStatusTag event={e} now={now} />,
              },
              ...(canManage || canAttend
                ? [
                    {
                      title: t('guidance.actions'),
                      key: 'actions',
                      width: 150,
                      render: (_: unknown, e: GuidanceEvent) => {
                        const open = e.status === 'published' && new Date(e.startsAt).getTime() > now;
                        if (!(canAttend && e.status === 'published') && !(canManage && open)) return t('common.dash');
                        return (
                          <Space size={0} wrap>
                            {canAttend && e.status === 'published' && (
                              <Button type="link" size="small" onClick={() => setParam('event', e.id)} data-qa="guidance-roster">
                                {t('guidance.roster')}
                              </Button>
                            )}
                            {canManage && open && (
                              <Button type="link" size="small" onClick={() => setForm({ open: true, event: e })} data-qa="guidance-edit">
                                {t('guidance.edit')}
                              </Button>
                            )}
                            {canManage && open && (
                              <Button type="link" size="small" danger onClick={() => setCancelling(e)} data-qa="guidance-cancel">
                                {t('guidance.cancel')}
                              </Button>
                            )}
                          </Space>
                        );
                      },
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      {canManage && (
        <EventFormModal
          open={form.open}
          event={form.event}
          onClose={() => setForm({ open: false, event: null })}
          onSaved={(saved, created, told) => {
            message.success(
              created ? t('guidance.form.published') : told ? t('guidance.form.savedNotified', { n: told }) : t('guidance.form.saved'),
            );
            setForm({ open: false, event: null });
            // A new event outside the period shown: show the period from its day.
            if (saved.date < from || saved.date > to) {
              const next = new URLSearchParams(params);
              next.set('from', [saved.date, from].sort()[0]);
              next.set('to', [saved.date, to].sort()[1]);
              setParams(next, { replace: true });
            } else events.reload();
          }}
        />
      )}
      {cancelling && (
        <CancelEventModal
          event={cancelling}
          onClose={() => setCancelling(null)}
          onCancelled={() => {
            setCancelling(null);
            events.reload();
          }}
        />
      )}
      {canAttend && rosterId && (
        <RosterDrawer
          eventId={rosterId}
          onClose={() => {
            setParam('event', null);
            events.reload();
          }}
        />
      )}
    </>
  );
}
