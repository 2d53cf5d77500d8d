// 目标总览 (§2): the district's five targets for a year — a card per target, a bar per street against the target
// line, the month-by-month trend, and every street's figures in a table that opens the street. Street admins see
// their street (and the district's totals), inspectors the figures; the year's .xlsx is one click away.
import { useState } from 'react';
import { Button, Card, Col, Row, Segmented, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { formatDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { StreetBars, TrendLines } from './targets/charts.tsx';
import { ratioOf, StatusTag, TargetCards, TARGETS, YearPicker, type Overview, type TargetId } from './targets/cards.tsx';

const pct = (r: number | null) => (r === null ? t('common.dash') : `${(r * 100).toFixed(1)}%`);

export function TargetsPage() {
  const { me } = useSession();
  const thisYear = Number(me.today.slice(0, 4));
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? thisYear);
  const [chart, setChart] = useState<TargetId>('T1');
  const o = useApi<Overview>(`/api/targets?year=${year}`);
  if (o.error) return <LoadError error={o.error} onRetry={o.reload} />;
  if (!o.data) return <Loading />;
  const data = o.data;
  return (
    <>
      <PageHeader
        title={t('targets.title')}
        description={t('targets.description', { year, date: formatDateZh(data.asOf) })}
        extra={
          <>
            <YearPicker year={year} thisYear={thisYear} onChange={(y) => setParams({ year: String(y) }, { replace: true })} />
            <a href={`/api/targets/export?year=${year}`} download data-qa="targets-export">
              <Button icon={<DownloadOutlined />}>{t('targets.export')}</Button>
            </a>
          </>
        }
      />
      <TargetCards figures={data.district} parameters={data.parameters} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card
            variant="borderless"
            title={t('targets.byStreet')}
            extra={
              <Segmented<TargetId>
                value={chart}
                onChange={setChart}
                options={TARGETS.filter((id) => id !== 'T2').map((id) => ({ value: id, label: `${id} ${t(`targets.names.${id}`)}` }))}
                data-qa="targets-chart-switch"
              />
            }
          >
            <StreetBars rows={data.streets.map((s) => ({ name: s.name, ratio: ratioOf(s, chart), status: s[chart].status }))} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card variant="borderless" title={t('targets.trend')}>
            <TrendLines trend={data.trend} />
          </Card>
        </Col>
      </Row>
      <Card variant="borderless" title={t('targets.table')}>
        <Table<Overview['streets'][number]>
          rowKey="id"
          dataSource={data.streets}
          pagination={false}
          scroll={{ x: 1100 }}
          onRow={(s) => ({ 'data-qa': 'targets-street-row', 'data-street': s.code }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('targets.street'),
              key: 'name',
              fixed: 'left',
              width: 130,
              render: (_, s) => (
                <Link to={`/targets/streets/${s.id}?year=${year}`} data-qa="targets-open-street">
                  {s.name}
                </Link>
              ),
            },
            {
              title: `T1 ${t('targets.names.T1')}`,
              key: 'T1',
              render: (_, s) => (
                <Cell
                  status={s.T1.status}
                  main={pct(s.T1.ratio)}
                  sub={s.T1.children === null ? t('targets.noPopulation') : `${s.T1.places} / ${s.T1.needed}`}
                />
              ),
            },
            {
              title: `T2 ${t('targets.names.T2')}`,
              key: 'T2',
              render: (_, s) => <Cell status={s.T2.status} main={`${s.T2.houses}`} sub={t('targets.houses')} />,
            },
            {
              title: `T3 ${t('targets.names.T3')}`,
              key: 'T3',
              render: (_, s) => <Cell status={s.T3.status} main={pct(s.T3.ratio)} sub={`${s.T3.reached} / ${s.T3.children}`} />,
            },
            {
              title: `T4 ${t('targets.names.T4')}`,
              key: 'T4',
              render: (_, s) => (
                <Cell
                  status={s.T4.status}
                  main={pct(s.T4.ratio)}
                  sub={`${s.T4.visited} / ${s.T4.registered}${s.T4.overdue ? ` · ${t('targets.overdue')} ${s.T4.overdue}` : ''}`}
                />
              ),
            },
            {
              title: `T5 ${t('targets.names.T5')}`,
              key: 'T5',
              render: (_, s) => <Cell status={s.T5.status} main={pct(s.T5.ratio)} sub={`${s.T5.reached} / ${s.T5.families}`} />,
            },
          ]}
        />
      </Card>
    </>
  );
}

function Cell({ status, main, sub }: { status: Overview['streets'][number]['T1']['status']; main: string; sub: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <StatusTag status={status} />
      <div>
        <div style={{ fontWeight: 600 }}>{main}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      </div>
    </div>
  );
}
