// 街道概览: the district's 8 streets with their houses (target T2), each linking to its house list.
import { Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { HTMLAttributes } from 'react';
import type { Street } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';

export function StreetsPage() {
  const streets = useApi<Street[]>('/api/streets');
  const list = streets.data ?? [];
  const covered = list.filter((s) => s.activeHouseCount > 0).length;
  const houses = list.reduce((n, s) => n + s.houseCount, 0);
  const active = list.reduce((n, s) => n + s.activeHouseCount, 0);

  return (
    <>
      <PageHeader title={t('streets.title')} description={t('streets.description')} />
      {streets.error ? (
        <LoadError error={streets.error} onRetry={streets.reload} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {[
              { title: t('streets.summaryStreets'), value: list.length },
              { title: t('streets.summaryCovered'), value: `${covered} / ${list.length}`, warn: covered < list.length },
              { title: t('streets.summaryHouses'), value: houses },
              { title: t('streets.summaryActive'), value: active },
            ].map((s) => (
              <Col span={6} key={s.title}>
                <Card variant="borderless" size="small" className="bbw-stat-card" loading={streets.loading && !streets.data}>
                  <Statistic title={s.title} value={s.value} styles={s.warn ? { content: { color: '#cf1322' } } : undefined} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card variant="borderless">
            <Table<Street>
              rowKey="id"
              loading={streets.loading}
              dataSource={list}
              pagination={false}
              onRow={() => ({ 'data-qa': 'street-row' }) as HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('streets.name'),
                  dataIndex: 'name',
                  render: (name: string, s) => <Link to={`/houses?streetId=${s.id}`}>{name}</Link>,
                },
                {
                  title: t('streets.houses'),
                  dataIndex: 'houseCount',
                  align: 'right',
                  width: 140,
                  render: (n: number) => <span data-qa="street-house-count">{n}</span>,
                },
                { title: t('streets.active'), dataIndex: 'activeHouseCount', align: 'right', width: 140 },
                {
                  title: t('streets.suspended'),
                  key: 'suspended',
                  align: 'right',
                  width: 140,
                  render: (_, s) => s.houseCount - s.activeHouseCount,
                },
                {
                  title: t('streets.coverage'),
                  key: 'coverage',
                  width: 160,
                  render: (_, s) =>
                    s.activeHouseCount > 0 ? (
                      <Tag color="success">{t('streets.covered')}</Tag>
                    ) : (
                      <Tag color="error">{t('streets.notCovered')}</Tag>
                    ),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 140,
                  render: (_, s) => (
                    <Link to={`/houses?streetId=${s.id}`}>
                      {t('streets.viewHouses')} <RightOutlined style={{ fontSize: 10 }} />
                    </Link>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
