// 宝宝屋列表: the houses in the user's scope with status, rooms, legal capacity and compliance (R11, R12, R19).
import { useMemo, type HTMLAttributes } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { qs } from '../../common/api.ts';
import type { House, Street } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { DISTRICT_WIDE_ROLES, useSession } from '../session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';
import { ComplianceTags, StatusTag, hasComplianceIssue } from '../components/HouseTags.tsx';

export function HousesPage() {
  const { me, can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const streetId = params.get('streetId') ?? undefined;
  const status = (params.get('status') as House['status'] | null) ?? undefined;
  const districtWide = DISTRICT_WIDE_ROLES.includes(me.user.role);
  const houses = useApi<House[]>(`/api/houses${qs({ streetId, status })}`);
  const streets = useApi<Street[]>(districtWide && can('street.list') ? '/api/streets' : null);

  function setFilter(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  const list = houses.data ?? [];
  const summary = useMemo(
    () => ({
      total: list.length,
      active: list.filter((h) => h.status === 'active').length,
      capacity: list.filter((h) => h.status === 'active').reduce((s, h) => s + h.legalCapacity, 0),
      issues: list.filter(hasComplianceIssue).length,
    }),
    [list],
  );

  const canCreate = can('house.create') && !!me.user.streetId;
  return (
    <>
      <PageHeader
        title={t('houses.title')}
        description={t('houses.description')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/houses/new')} data-qa="house-create">
              {t('houses.create')}
            </Button>
          )
        }
      />
      {houses.error ? (
        <LoadError error={houses.error} onRetry={houses.reload} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {[
              { title: t('houses.summaryHouses'), value: summary.total, suffix: '' },
              { title: t('houses.summaryActive'), value: summary.active, suffix: '' },
              { title: t('houses.summaryCapacity'), value: summary.capacity, suffix: t('common.unit.person') },
              { title: t('houses.summaryIssues'), value: summary.issues, suffix: '', warn: summary.issues > 0 },
            ].map((s) => (
              <Col span={6} key={s.title}>
                <Card variant="borderless" size="small" className="bbw-stat-card" loading={houses.loading && !houses.data}>
                  <Statistic
                    title={s.title}
                    value={s.value}
                    suffix={s.suffix}
                    styles={s.warn ? { content: { color: '#cf1322' } } : undefined}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Card variant="borderless">
            <Flex gap={12} wrap className="bbw-toolbar" align="center">
              {districtWide && (
                <Select
                  style={{ width: 200 }}
                  allowClear
                  placeholder={t('houses.allStreets')}
                  aria-label={t('houses.filterStreet')}
                  value={streetId}
                  onChange={(v?: string) => setFilter('streetId', v)}
                  loading={streets.loading}
                  options={(streets.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                  data-qa="house-filter-street"
                />
              )}
              <Select
                style={{ width: 160 }}
                allowClear
                placeholder={t('houses.allStatus')}
                aria-label={t('houses.filterStatus')}
                value={status}
                onChange={(v?: string) => setFilter('status', v)}
                options={(['active', 'suspended'] as const).map((s) => ({ value: s, label: t(`houseStatus.${s}`) }))}
                data-qa="house-filter-status"
              />
              <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
                {t('houses.total', { n: list.length })}
              </Typography.Text>
            </Flex>
            <Table<House>
              rowKey="id"
              loading={houses.loading}
              dataSource={list}
              pagination={list.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              onRow={(h) => ({ 'data-qa': 'house-row', 'data-house-id': h.id }) as HTMLAttributes<HTMLElement>}
              locale={{
                emptyText: <Empty description={canCreate && !streetId && !status ? t('houses.emptyHint') : t('houses.empty')} />,
              }}
              columns={[
                {
                  title: t('houses.name'),
                  dataIndex: 'name',
                  render: (name: string, h) => (
                    <Flex vertical gap={2}>
                      <Link to={`/houses/${h.id}`} data-qa="house-name" style={{ fontWeight: 500 }}>
                        {name}
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: h.address }}>
                        {h.address}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                ...(districtWide ? [{ title: t('houses.street'), dataIndex: 'streetName', width: 130 }] : []),
                { title: t('houses.status'), dataIndex: 'status', width: 90, render: (s: House['status']) => <StatusTag status={s} /> },
                { title: t('houses.rooms'), key: 'rooms', width: 80, align: 'right', render: (_, h) => h.rooms.length },
                {
                  title: t('houses.capacity'),
                  dataIndex: 'legalCapacity',
                  width: 100,
                  align: 'right',
                  render: (n: number) => <span data-qa="house-capacity">{t('houses.persons', { n })}</span>,
                },
                { title: t('houses.compliance'), key: 'checks', width: 360, render: (_, h) => <ComplianceTags house={h} /> },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  fixed: 'right',
                  render: (_, h) => <Link to={`/houses/${h.id}`}>{t('houses.view')}</Link>,
                },
              ]}
              scroll={{ x: 1100 }}
            />
          </Card>
        </>
      )}
    </>
  );
}
