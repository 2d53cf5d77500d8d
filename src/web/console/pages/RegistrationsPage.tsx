// 社区受理 (R16): the street's queue of family registrations — waiting first, oldest first — with the children's
// ages and how long each family has waited. The district sees every street (with a street filter), read-only.
import type { HTMLAttributes } from 'react';
import { Badge, Card, Empty, Flex, Select, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { qs } from '../../common/api.ts';
import { formatDateTimeZh } from '../../common/i18n.ts';
import type { FamilyStatus } from '../../common/familyTypes.ts';
import type { Street } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import type { Item, Res } from '../../common/wire.ts';
import { DISTRICT_WIDE_ROLES, useSession } from '../session.tsx';
import { ageText, daysBetween, districtDateOf } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';

export type RegistrationSummary = Item<Res<'/api/registrations', 'get'>>;

const TABS: FamilyStatus[] = ['submitted', 'accepted', 'returned', 'draft'];
const STATUS_COLORS: Record<FamilyStatus, string> = { submitted: 'processing', accepted: 'success', returned: 'warning', draft: 'default' };

export function FamilyStatusTag({ status }: { status: FamilyStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-qa="family-status">
      {t(`familyStatus.${status}`)}
    </Tag>
  );
}

/** How long a submitted registration has waited, in whole days (warning after 3, danger after 7). */
function Waiting({ submittedAt, today }: { submittedAt: string | null; today: string }) {
  if (!submittedAt) return <Typography.Text type="secondary">{t('common.dash')}</Typography.Text>;
  const days = Math.max(0, daysBetween(districtDateOf(submittedAt), today));
  const type = days >= 7 ? 'danger' : days >= 3 ? 'warning' : undefined;
  return (
    <Typography.Text type={type} strong={days >= 3} data-qa="registration-waiting">
      {days === 0 ? t('registrations.waitingToday') : t('registrations.waitingDays', { n: days })}
    </Typography.Text>
  );
}

export function RegistrationsPage() {
  const { me, can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as FamilyStatus | null) ?? 'submitted';
  const streetId = params.get('streetId') ?? undefined;
  const districtWide = DISTRICT_WIDE_ROLES.includes(me.user.role);
  const list = useApi<RegistrationSummary[]>(`/api/registrations${qs({ status, streetId })}`);
  // The number waiting, for the tab's badge (the list itself when that tab is open).
  const waiting = useApi<RegistrationSummary[]>(
    status === 'submitted' ? null : `/api/registrations${qs({ status: 'submitted', streetId })}`,
  );
  const waitingCount = status === 'submitted' ? list.data?.length : waiting.data?.length;
  const streets = useApi<Street[]>(districtWide && can('street.list') ? '/api/streets' : null);
  const canDecide = can('registration.decide');

  function setFilter(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  const rows = list.data ?? [];
  const decided = status === 'accepted' || status === 'returned';
  return (
    <>
      <PageHeader
        title={t('registrations.title')}
        description={districtWide ? t('registrations.descriptionDistrict') : t('registrations.description')}
      />
      <Card variant="borderless">
        <Tabs
          activeKey={status}
          onChange={(k) => setFilter('status', k === 'submitted' ? undefined : k)}
          style={{ marginTop: -8 }}
          items={TABS.map((s) => ({
            key: s,
            label: (
              <span data-qa={`registration-tab-${s}`}>
                {t(`familyStatus.${s}`)}
                {s === 'submitted' && waitingCount ? (
                  <Badge count={waitingCount} size="small" style={{ marginInlineStart: 6 }} color="#1f5fd1" />
                ) : null}
              </span>
            ),
          }))}
        />
        <Flex gap={12} wrap className="bbw-toolbar" align="center">
          {districtWide && (
            <Select
              style={{ width: 200 }}
              allowClear
              placeholder={t('houses.allStreets')}
              value={streetId}
              onChange={(v?: string) => setFilter('streetId', v)}
              loading={streets.loading}
              data-qa="registration-filter-street"
              options={(streets.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          )}
          <Typography.Text type="secondary">{t(`registrations.hint.${status}`)}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
            {t('registrations.total', { n: rows.length })}
          </Typography.Text>
        </Flex>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<RegistrationSummary>
            rowKey="id"
            loading={list.loading}
            dataSource={rows}
            // Rows carry a `children` list (the family's children), which is not a tree of rows.
            expandable={{ childrenColumnName: '__none' }}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            onRow={(r) =>
              ({
                'data-qa': 'registration-row',
                'data-id': r.id,
                style: { cursor: 'pointer' },
                onClick: () => navigate(`/registrations/${r.id}`),
              }) as HTMLAttributes<HTMLElement>
            }
            locale={{ emptyText: <Empty description={t(`registrations.empty.${status}`)} /> }}
            columns={[
              {
                title: t('registrations.guardian'),
                key: 'guardian',
                width: 190,
                render: (_, r) => (
                  <Flex vertical gap={2}>
                    <Link
                      to={`/registrations/${r.id}`}
                      onClick={(e) => e.stopPropagation()}
                      style={{ fontWeight: 500 }}
                      data-qa="registration-guardian"
                    >
                      {r.guardianName}
                    </Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.guardianPhoneMasked}
                    </Typography.Text>
                  </Flex>
                ),
              },
              ...(districtWide ? [{ title: t('registrations.street'), dataIndex: 'streetName', width: 130 }] : []),
              {
                title: t('registrations.children'),
                key: 'children',
                render: (_, r) => (
                  <Flex gap={6} wrap data-qa="registration-children">
                    {r.children.map((c) => (
                      <Tag key={c.name} style={{ marginInlineEnd: 0 }}>
                        {c.name} · {ageText(c.ageMonths)}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
              {
                title: t('registrations.submittedAt'),
                dataIndex: 'submittedAt',
                width: 210,
                render: (d: string | null) =>
                  d ? formatDateTimeZh(d) : <Typography.Text type="secondary">{t('registrations.notSubmitted')}</Typography.Text>,
              },
              ...(status === 'submitted'
                ? [
                    {
                      title: t('registrations.waiting'),
                      key: 'waiting',
                      width: 100,
                      render: (_: unknown, r: RegistrationSummary) => <Waiting submittedAt={r.submittedAt} today={me.today} />,
                    },
                  ]
                : []),
              ...(decided
                ? [
                    {
                      title: t('registrations.reviewedAt'),
                      dataIndex: 'reviewedAt',
                      width: 210,
                      render: (d: string | null) => (d ? formatDateTimeZh(d) : t('common.dash')),
                    },
                  ]
                : []),
              ...(status === 'returned'
                ? [
                    {
                      title: t('registrations.returnReason'),
                      dataIndex: 'returnReason',
                      width: 260,
                      render: (reason: string | null) => (
                        <Typography.Text ellipsis={{ tooltip: reason }} style={{ maxWidth: 240 }}>
                          {reason ?? t('common.dash')}
                        </Typography.Text>
                      ),
                    },
                  ]
                : []),
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                render: (_, r) => (
                  <Tooltip title={r.status === 'submitted' && canDecide ? t('registrations.reviewTip') : undefined}>
                    <Link to={`/registrations/${r.id}`} onClick={(e) => e.stopPropagation()} data-qa="registration-open">
                      {r.status === 'submitted' && canDecide ? t('registrations.review') : t('registrations.view')}
                    </Link>
                  </Tooltip>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
