// One street's targets (§2): its five figures, the distribution of free care and guidance sessions, its houses
// (approved places, free sessions given there, children served), and — for the street and the district, not
// inspectors — the lists of children, newborn families and families behind the figures, names masked, each look
// audited (a list is fetched only when asked for). From the middle of the year, the T3 and T5 lists have a 提醒 that
// reminds the families behind by SMS (pages/targets/nudges.tsx).
import { useState } from 'react';
import { Alert, Button, Card, Col, Row, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatPlainDateZh } from '../../common/i18n.ts';
import type { Res } from '../../common/wire.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { TrendLines } from './targets/charts.tsx';
import { TargetCards, YearPicker } from './targets/cards.tsx';
import { NudgeButton } from './targets/nudges.tsx';

type StreetTargets = Res<'/api/targets/streets/{id}', 'get'>;
type List = Res<'/api/targets/lists', 'get'>;
type ListTarget = List['target'];

export function StreetTargetsPage() {
  const { id = '' } = useParams();
  const { me, can } = useSession();
  const thisYear = Number(me.today.slice(0, 4));
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? thisYear);
  const s = useApi<StreetTargets>(`/api/targets/streets/${id}?year=${year}`);
  if (s.error) return <LoadError error={s.error} onRetry={s.reload} />;
  if (!s.data) return <Loading />;
  const d = s.data;
  return (
    <>
      <PageHeader
        title={t('targets.streetTitle', { street: d.street.name })}
        crumbs={[{ title: t('targets.title'), to: `/targets?year=${year}` }, { title: d.street.name }]}
        extra={<YearPicker year={year} thisYear={thisYear} onChange={(y) => setParams({ year: String(y) }, { replace: true })} />}
      />
      <TargetCards figures={{ ...d.street, T2: d.street.T2 }} parameters={d.parameters} hideT2 />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={t('targets.distribution')}>
            <Distribution title={`T3 ${t('targets.names.T3')}`} bands={d.street.T3.distribution} qa="t3" />
            <Distribution title={`T5 ${t('targets.names.T5')}`} bands={d.street.T5.distribution} qa="t5" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={t('targets.trend')}>
            <TrendLines trend={d.trend} />
          </Card>
        </Col>
      </Row>
      <Card variant="borderless" title={t('targets.housesTitle')} style={{ marginBottom: 16 }} data-qa="targets-houses">
        <Table<StreetTargets['houses'][number]>
          rowKey="id"
          dataSource={d.houses}
          pagination={false}
          columns={[
            {
              title: t('targets.house'),
              key: 'name',
              render: (_, h) => (
                <>
                  <Link to={`/houses/${h.id}`}>{h.name}</Link> {h.status === 'suspended' && <Tag>{t('targets.suspended')}</Tag>}
                </>
              ),
            },
            { title: t('targets.places'), key: 'places', render: (_, h) => h.approvedPlaces ?? t('common.dash') },
            { title: t('targets.delivered'), dataIndex: 'delivered', key: 'delivered' },
            { title: t('targets.served'), dataIndex: 'childrenServed', key: 'served' },
          ]}
        />
      </Card>
      {can('targets.people') ? (
        <Lists streetId={id} year={year} houses={d.houses} today={me.today} nudge={can('targets.nudge')} />
      ) : (
        <Alert type="info" showIcon title={t('targets.inspectorNote')} />
      )}
    </>
  );
}

function Distribution({ title, bands, qa }: { title: string; bands: StreetTargets['street']['T3']['distribution']; qa: string }) {
  const total = bands.reduce((n, b) => n + b.n, 0) || 1;
  return (
    <div style={{ marginBottom: 16 }} data-qa={`targets-distribution-${qa}`}>
      <Typography.Text strong>{title}</Typography.Text>
      <div style={{ display: 'flex', height: 28, borderRadius: 6, overflow: 'hidden', margin: '8px 0 4px', background: '#eef1f6' }}>
        {bands.map((b, i) =>
          b.n ? (
            <div
              key={b.band}
              title={`${t('targets.distributionBand', { band: b.band })}: ${b.n}`}
              style={{
                width: `${(b.n / total) * 100}%`,
                background: ['#c62828', '#ef9a3c', '#f4c542', '#2e7d32'][i],
                color: '#fff',
                fontSize: 12,
                textAlign: 'center',
                lineHeight: '28px',
              }}
            >
              {b.n}
            </div>
          ) : null,
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {bands.map((b) => `${t('targets.distributionBand', { band: b.band })} ${b.n}`).join(' · ')}
      </Typography.Text>
    </div>
  );
}

/** The lists behind the figures, each fetched (and audited) only when the official asks to see it. */
function Lists({
  streetId,
  year,
  houses,
  today,
  nudge,
}: {
  streetId: string;
  year: number;
  houses: StreetTargets['houses'];
  today: string;
  nudge: boolean;
}) {
  // ?list=T5 opens that list's tab (the street admin's to-do links here)
  const [params] = useSearchParams();
  const asked = params.get('list');
  const [tab, setTab] = useState<ListTarget>(asked === 'T4' || asked === 'T5' ? asked : 'T3');
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const [houseId, setHouseId] = useState<string | null>(null);
  const key = `${tab}:${houseId ?? ''}`;
  const path = shown[key]
    ? `/api/targets/lists?target=${tab}&streetId=${streetId}&year=${year}${tab === 'T3' && houseId ? `&houseId=${houseId}` : ''}`
    : null;
  const list = useApi<List>(path);
  return (
    <Card variant="borderless" title={t('targets.lists')} data-qa="targets-lists">
      <Typography.Paragraph type="secondary">{t('targets.listsHint')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as ListTarget)}
        items={(['T3', 'T4', 'T5'] as const).map((id) => ({ key: id, label: `${id} ${t(`targets.names.${id}`)}` }))}
      />
      {nudge && tab !== 'T4' && (
        <div style={{ marginBottom: 12 }}>
          <NudgeButton key={tab} streetId={streetId} year={year} kind={tab === 'T3' ? 'care' : 'guidance'} today={today} />
        </div>
      )}
      {tab === 'T3' && houses.length > 1 && (
        <div style={{ marginBottom: 12, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {[null, ...houses.map((h) => h.id)].map((h) => (
            <Button key={h ?? 'all'} size="small" type={houseId === h ? 'primary' : 'default'} onClick={() => setHouseId(h)}>
              {h ? houses.find((x) => x.id === h)?.name : t('targets.wholeStreet')}
            </Button>
          ))}
        </div>
      )}
      {!path ? (
        <Button onClick={() => setShown({ ...shown, [key]: true })} data-qa="targets-show-list">
          {t('targets.showList')}
        </Button>
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table<List['rows'][number]>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.rows ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          locale={{ emptyText: t('targets.listEmpty') }}
          onRow={() => ({ 'data-qa': 'targets-list-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={columnsOf(tab)}
        />
      )}
    </Card>
  );
}

function columnsOf(tab: ListTarget) {
  const d = (r: List['rows'][number], k: string) => r.detail[k];
  const reached = {
    title: t('targets.reached'),
    key: 'reached',
    render: (_: unknown, r: List['rows'][number]) =>
      r.reached ? <Tag color="success">{t('targets.yes')}</Tag> : <Tag>{t('targets.no')}</Tag>,
  };
  if (tab === 'T3')
    return [
      { title: t('targets.name'), dataIndex: 'name', key: 'name' },
      {
        title: t('targets.birthMonth'),
        key: 'birth',
        render: (_: unknown, r: List['rows'][number]) => String(d(r, 'birthMonth')).replace('-', '年') + '月',
      },
      { title: t('targets.sessions'), key: 'sessions', render: (_: unknown, r: List['rows'][number]) => d(r, 'sessions') },
      {
        title: t('targets.lastOn'),
        key: 'last',
        render: (_: unknown, r: List['rows'][number]) => (d(r, 'lastOn') ? formatPlainDateZh(String(d(r, 'lastOn'))) : t('common.dash')),
      },
      reached,
    ];
  if (tab === 'T5')
    return [
      { title: t('targets.guardian'), dataIndex: 'name', key: 'name' },
      { title: t('targets.childCount'), key: 'children', render: (_: unknown, r: List['rows'][number]) => d(r, 'children') },
      { title: t('targets.events'), key: 'events', render: (_: unknown, r: List['rows'][number]) => d(r, 'events') },
      { title: t('targets.courses'), key: 'courses', render: (_: unknown, r: List['rows'][number]) => d(r, 'courses') },
      { title: t('targets.sessions'), key: 'sessions', render: (_: unknown, r: List['rows'][number]) => d(r, 'sessions') },
      reached,
    ];
  return [
    { title: t('targets.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('targets.birthDate'),
      key: 'birth',
      render: (_: unknown, r: List['rows'][number]) => formatPlainDateZh(String(d(r, 'birthDate'))),
    },
    { title: t('targets.visitor'), key: 'visitor', render: (_: unknown, r: List['rows'][number]) => d(r, 'visitor') ?? t('common.dash') },
    {
      title: t('targets.state'),
      key: 'state',
      render: (_: unknown, r: List['rows'][number]) => {
        const state = String(d(r, 'state')) as 'confirmed' | 'awaitingConfirmation' | 'overdue' | 'due';
        const color = { confirmed: 'success', awaitingConfirmation: 'processing', overdue: 'error', due: 'default' }[state];
        return <Tag color={color}>{t(`targets.visitStates.${state}`)}</Tag>;
      },
    },
  ];
}
