// 审计日志 (audit admin): the append-only log, newest first, filtered by date and action, paged by the server.
import { useState, type HTMLAttributes } from 'react';
import { Button, Card, DatePicker, Flex, Select, Table, Tooltip, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { qs } from '../../common/api.ts';
import { formatDateTimeZh } from '../../common/i18n.ts';
import { labelOf, t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import type { Res } from '../../common/wire.ts';
import { compactJson } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';
import { RoleTag } from './UsersPage.tsx';

type AuditLog = Res<'/api/audit', 'get'>;
type AuditItem = AuditLog['items'][number];

const GROUPS: [string, string[]][] = [
  ['auth', ['auth.signIn', 'auth.signOut', 'auth.failed', 'auth.locked', 'auth.passwordChanged']],
  ['house', ['house.create', 'house.update', 'house.suspend', 'house.resume']],
  ['room', ['room.create', 'room.update', 'room.delete']],
  ['family', ['family.register', 'family.update', 'family.submit', 'consent.give', 'certificate.upload']],
  ['registration', ['registration.accept', 'registration.return']],
  ['child', ['child.create', 'child.update', 'child.read', 'child.unmask', 'idNumber.unmask']],
  ['policy', ['policy.update', 'document.publish']],
  ['schedule', ['schedule.create', 'schedule.deactivate', 'session.roster', 'session.cancel', 'house.close']],
  [
    'booking',
    [
      'booking.confirm',
      'booking.waitlist',
      'booking.cancel',
      'booking.cancelByHouse',
      'booking.offer',
      'booking.acceptOffer',
      'booking.offerExpired',
      'booking.noShow',
      'booking.suspend',
    ],
  ],
  ['user', ['user.create', 'user.update', 'user.passwordReset']],
  ['security', ['security.unlock', 'security.signOut']],
];

/** The Chinese label of an action code, or the code itself (e.g. family.pickup.replace → 家庭登记 · pickup.replace). */
function actionLabel(action: string): string {
  return labelOf('audit.actions', action) ?? action;
}
function entityLabel(type: string): string {
  return labelOf('audit.entities', type) ?? type;
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const action = params.get('action') ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const log = useApi<AuditLog>(`/api/audit${qs({ from, to, action, page, pageSize })}`);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(
    from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null,
  );
  const [actionDraft, setActionDraft] = useState<string | undefined>(action);

  function apply(next: Record<string, string | undefined>) {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  }

  const search = () =>
    apply({
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
      action: actionDraft,
      page: undefined,
    });
  const reset = () => {
    setRange(null);
    setActionDraft(undefined);
    setParams(new URLSearchParams(), { replace: true });
  };

  // The server filters by prefix: 'house.' finds every house action, 'house.create' only that one.
  const actionOptions = GROUPS.map(([g, codes]) => ({
    label: t(`audit.groups.${g}`),
    options: [
      ...(codes.length > 1 && codes.every((c) => c.startsWith(`${g}.`))
        ? [{ value: `${g}.`, label: t('audit.groupAll', { group: t(`audit.groups.${g}`) }) }]
        : []),
      ...codes.map((a) => ({ value: a, label: actionLabel(a) })),
    ],
  }));

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      {log.error ? (
        <LoadError error={log.error} onRetry={log.reload} />
      ) : (
        <Card variant="borderless">
          <Flex gap={12} wrap className="bbw-toolbar" align="center">
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} data-qa="audit-range" />
            <Select
              style={{ width: 220 }}
              allowClear
              placeholder={t('audit.allActions')}
              aria-label={t('audit.allActions')}
              value={actionDraft}
              onChange={setActionDraft}
              options={actionOptions}
              data-qa="audit-action"
            />
            <Button type="primary" icon={<SearchOutlined />} onClick={search} data-qa="audit-search">
              {t('audit.query')}
            </Button>
            <Button onClick={reset}>{t('audit.reset')}</Button>
          </Flex>
          <Table<AuditItem>
            rowKey="id"
            size="middle"
            loading={log.loading}
            dataSource={log.data?.items ?? []}
            onRow={() => ({ 'data-qa': 'audit-row' }) as HTMLAttributes<HTMLElement>}
            pagination={{
              current: page,
              pageSize,
              total: log.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (n) => t('audit.total', { n }),
              onChange: (p, s) => apply({ page: p === 1 ? undefined : String(p), pageSize: s === 20 ? undefined : String(s) }),
            }}
            columns={[
              {
                title: t('audit.time'),
                dataIndex: 'at',
                width: 200,
                render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTimeZh(d)}</span>,
              },
              {
                title: t('audit.actor'),
                key: 'actor',
                width: 200,
                render: (_, a) =>
                  a.actorName || a.actorRole ? (
                    <Flex gap={6} align="center" wrap>
                      <span>{a.actorName ?? t('common.dash')}</span>
                      <RoleTag role={a.actorRole} />
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary">{t('audit.anonymous')}</Typography.Text>
                  ),
              },
              {
                title: t('audit.action'),
                dataIndex: 'action',
                width: 170,
                render: (code: string) => (
                  <Flex vertical>
                    <span data-qa="audit-action-label">{actionLabel(code)}</span>
                    <span className="bbw-code">{code}</span>
                  </Flex>
                ),
              },
              {
                title: t('audit.entity'),
                key: 'entity',
                width: 150,
                render: (_, a) =>
                  a.entityType ? (
                    <Flex vertical>
                      <span>{entityLabel(a.entityType)}</span>
                      {a.entityId && (
                        <Typography.Text className="bbw-code" copyable={{ text: a.entityId }} style={{ fontSize: 12 }}>
                          {a.entityId.length > 13 ? `${a.entityId.slice(0, 8)}…` : a.entityId}
                        </Typography.Text>
                      )}
                    </Flex>
                  ) : (
                    t('common.dash')
                  ),
              },
              {
                title: t('audit.detail'),
                dataIndex: 'detail',
                render: (d: Record<string, unknown>) => {
                  const text = compactJson(d);
                  return text ? (
                    <Tooltip title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(d, null, 2)}</pre>}>
                      <Typography.Text className="bbw-code" ellipsis style={{ maxWidth: 300 }}>
                        {text}
                      </Typography.Text>
                    </Tooltip>
                  ) : (
                    <Typography.Text type="secondary">{t('common.dash')}</Typography.Text>
                  );
                },
              },
              {
                title: t('audit.ip'),
                dataIndex: 'ip',
                width: 130,
                render: (ip: string | null) => <span className="bbw-code">{ip ?? t('common.dash')}</span>,
              },
            ]}
            scroll={{ x: 1040 }}
          />
        </Card>
      )}
    </>
  );
}
