// The incidents of a date range (the last 30 days by default), newest first; a row opens the full text. House
// staff record new ones here and see at once whether the guardian was told and the street alerted.
import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, Button, DatePicker, Empty, Flex, Table, Typography } from 'antd';
import { CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { qs } from '../../../../common/api.ts';
import type { Incident } from '../../../../common/opsTypes.ts';
import { formatDateTimeZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { useApi } from '../../../hooks/useApi.ts';
import { useSession } from '../../../session.tsx';
import { addDaysTo } from '../../../format.ts';
import { LoadError } from '../../../components/States.tsx';
import { IncidentForm } from './IncidentForm.tsx';
import { IncidentDrawer } from './IncidentDrawer.tsx';
import { KindTag, NoticeTimes, SeverityTag, sameDayTime } from './tags.tsx';

const DEFAULT_DAYS = 30;

export function IncidentsTab({
  houseId,
  housePicker,
  showHouse,
  from: fromParam,
  to: toParam,
  onRange,
}: {
  /** null: every house in the user's scope */
  houseId: string | null;
  housePicker: ReactNode;
  showHouse: boolean;
  from: string | null;
  to: string | null;
  onRange: (from: string | undefined, to: string | undefined) => void;
}) {
  const { me, can } = useSession();
  const from = fromParam ?? addDaysTo(me.today, -(DEFAULT_DAYS - 1));
  const to = toParam ?? me.today;
  const incidents = useApi<Incident[]>(`/api/incidents${qs({ houseId: houseId ?? undefined, from, to })}`);
  const [recording, setRecording] = useState(false);
  const [saved, setSaved] = useState<Incident | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const canRecord = can('incident.record') && !!me.user.houseId;

  const rows = useMemo(() => [...(incidents.data ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)), [incidents.data]);
  const opened = rows.find((i) => i.id === openId) ?? (saved?.id === openId ? saved : null);

  const columns = [
    {
      title: t('incidents.list.col.occurredAt'),
      key: 'occurredAt',
      width: 220,
      render: (_: unknown, i: Incident) => (
        <Flex vertical gap={4} align="flex-start">
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-qa="incident-time">
            {formatDateTimeZh(i.occurredAt)}
          </Typography.Text>
          <Flex gap={4}>
            <KindTag kind={i.kind} />
            <SeverityTag severity={i.severity} />
          </Flex>
        </Flex>
      ),
    },
    ...(showHouse ? [{ title: t('incidents.list.col.house'), dataIndex: 'houseName', width: 200 }] : []),
    {
      title: t('incidents.list.col.child'),
      key: 'child',
      width: 120,
      render: (_: unknown, i: Incident) =>
        i.childName ? (
          <span data-qa="incident-child">{i.childName}</span>
        ) : (
          <Typography.Text type="secondary">{t('common.dash')}</Typography.Text>
        ),
    },
    {
      title: t('incidents.list.col.description'),
      key: 'description',
      render: (_: unknown, i: Incident) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }} data-qa="incident-description">
          {i.description}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('incidents.list.col.reportedBy'),
      key: 'reportedBy',
      width: 130,
      render: (_: unknown, i: Incident) => (
        <Flex vertical gap={0}>
          <span>{i.reportedBy}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sameDayTime(i.createdAt, i.occurredAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('incidents.list.col.notices'),
      key: 'notices',
      width: 190,
      render: (_: unknown, i: Incident) => <NoticeTimes incident={i} />,
    },
  ];

  return (
    <>
      <Flex gap={8} wrap align="center" className="bbw-toolbar">
        {housePicker}
        <Typography.Text type="secondary">{t('incidents.list.range')}</Typography.Text>
        <DatePicker.RangePicker
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          format="YYYY年M月D日"
          disabledDate={(d) => d.isAfter(dayjs(me.today), 'day')}
          onChange={(r) => {
            if (!r?.[0] || !r[1]) return;
            const [f, tt] = [r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')];
            const isDefault = tt === me.today && f === addDaysTo(me.today, -(DEFAULT_DAYS - 1));
            onRange(isDefault ? undefined : f, isDefault ? undefined : tt);
          }}
          data-qa="incidents-range"
        />
        {incidents.data && (
          <Typography.Text type="secondary" data-qa="incidents-count">
            {t('incidents.list.count', { n: rows.length })}
          </Typography.Text>
        )}
        {canRecord && (
          <Button
            type="primary"
            danger
            icon={<PlusOutlined />}
            style={{ marginInlineStart: 'auto' }}
            onClick={() => setRecording(true)}
            data-qa="incident-add"
          >
            {t('incidents.list.record')}
          </Button>
        )}
      </Flex>
      {saved && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          style={{ marginBottom: 16 }}
          data-qa="incident-saved"
          closable={{ onClose: () => setSaved(null) }}
          title={t('incidents.saved.title')}
          description={<SavedNotices incident={saved} />}
          action={
            <Button size="small" onClick={() => setOpenId(saved.id)}>
              {t('incidents.saved.open')}
            </Button>
          }
        />
      )}
      {incidents.error ? (
        <LoadError error={incidents.error} onRetry={incidents.reload} />
      ) : (
        <Table<Incident>
          rowKey="id"
          loading={incidents.loading}
          dataSource={rows}
          columns={columns}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: <Empty description={t('incidents.list.empty')} /> }}
          onRow={(i) =>
            ({ onClick: () => setOpenId(i.id), style: { cursor: 'pointer' }, 'data-qa': 'incident-row' }) as HTMLAttributes<HTMLElement>
          }
        />
      )}
      {canRecord && me.user.houseId && (
        <IncidentForm
          open={recording}
          houseId={me.user.houseId}
          onClose={() => setRecording(false)}
          onSaved={(incident) => {
            setRecording(false);
            setSaved(incident);
            incidents.reload();
          }}
        />
      )}
      <IncidentDrawer incident={opened} showHouse={showHouse} onClose={() => setOpenId(null)} />
    </>
  );
}

/** What happened after saving: the guardian's SMS and the street's alert with their times. */
function SavedNotices({ incident }: { incident: Incident }) {
  const lines = [
    incident.guardianNotifiedAt && t('incidents.saved.guardian', { time: sameDayTime(incident.guardianNotifiedAt, incident.createdAt) }),
    incident.streetAlertedAt && t('incidents.saved.street', { time: sameDayTime(incident.streetAlertedAt, incident.createdAt) }),
  ].filter(Boolean);
  return <span data-qa="incident-saved-notices">{lines.length ? lines.join(';') : t('incidents.saved.noNotice')}</span>;
}
