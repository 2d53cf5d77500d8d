// 审计日志 (audit admin): who did what to which record, in plain words, newest first. Filters by period, person,
// action (grouped by area), record type and name, paged by the server; each event opens to its labelled details;
// 导出 downloads what was found as .xlsx (the export is itself audited).
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Empty, Flex, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { ApiError, get, qs } from '../../common/api.ts';
import { formatDateTimeZh } from '../../common/i18n.ts';
import { AUDIT_ACTIONS, AUDIT_AREAS, AUDIT_ENTITY_TYPES, auditActionsOf, type AuditArea } from '../../../shared/auditActions.ts';
import { locale, t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import type { Res } from '../../common/wire.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';
import { RoleTag } from './UsersPage.tsx';

type AuditLog = Res<'/api/audit', 'get'>;
type AuditItem = AuditLog['items'][number];
type Actor = Res<'/api/audit/actors', 'get'>[number];

const FILTER_KEYS = ['from', 'to', 'actorId', 'action', 'area', 'entityType', 'entityId', 'record'] as const;
type Filter = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

const zh = locale === 'zh-CN';
const areaLabel = (area: AuditArea) => (zh ? AUDIT_AREAS[area].zh : AUDIT_AREAS[area].en);

/** The action filter: one group per area, led by "the whole area" (value 'area:house'). */
const ACTION_OPTIONS = (Object.keys(AUDIT_AREAS) as AuditArea[]).map((area) => ({
  label: areaLabel(area),
  options: [
    { value: `area:${area}`, label: t('audit.areaAll', { area: areaLabel(area) }) },
    ...auditActionsOf(area).map((a) => ({ value: a, label: zh ? AUDIT_ACTIONS[a].zh : AUDIT_ACTIONS[a].en })),
  ],
}));

const RECORD_TYPE_OPTIONS = AUDIT_ENTITY_TYPES.map((type) => ({ value: type, label: t(`auditLog.entities.${type}`) }));

/** The file name the server gave (filename*=UTF-8''…), or a plain one. */
function fileNameOf(disposition: string | null): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/)?.[1];
  if (star) return decodeURIComponent(star);
  return disposition?.match(/filename="([^"]+)"/)?.[1] ?? 'audit-log.xlsx';
}

/** The person filter: people who acted in the log, searched by name on the server. */
function PersonSelect(props: { value?: string; onChange: (v: string | undefined) => void }) {
  const [options, setOptions] = useState<Actor[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const search = (q: string) => {
    const n = ++latest.current;
    setLoading(true);
    get<Actor[]>(`/api/audit/actors${qs({ q: q.trim().slice(0, 40) })}`)
      .then((rows) => {
        if (n === latest.current) setOptions(rows);
      })
      .catch(() => undefined)
      .finally(() => {
        if (n === latest.current) setLoading(false);
      });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first list once, on opening the page
  useEffect(() => search(''), []);
  return (
    <Select
      style={{ width: 260 }}
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      loading={loading}
      placeholder={t('audit.person')}
      aria-label={t('audit.person')}
      value={props.value}
      onChange={(v) => props.onChange(v ?? undefined)}
      onClear={() => search('')}
      options={options.map((a) => ({ value: a.id, label: `${a.name}(${a.roleLabel})` }))}
      notFoundContent={loading ? undefined : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} />}
      data-qa="audit-person"
    />
  );
}

function Details({ item }: { item: AuditItem }) {
  if (!item.details.length) return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      style={{ padding: '4px 8px' }}
      data-qa="audit-details"
      items={item.details.map((d) => ({ key: d.key, label: d.label, children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.value}</span> }))}
    />
  );
}

export function AuditPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter: Filter = useMemo(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])), [params]);
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const log = useApi<AuditLog>(`/api/audit${qs({ ...filter, page, pageSize })}`);

  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(
    filter.from || filter.to ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null] : null,
  );
  const [actorId, setActorId] = useState(filter.actorId);
  const [action, setAction] = useState(filter.action ?? (filter.area ? `area:${filter.area}` : undefined));
  const [entityType, setEntityType] = useState(filter.entityType);
  const [record, setRecord] = useState(filter.record ?? '');
  const [exporting, setExporting] = useState(false);

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
      actorId,
      action: action?.startsWith('area:') ? undefined : action,
      area: action?.startsWith('area:') ? action.slice(5) : undefined,
      entityType,
      // An id from a link stays only while its record type does.
      entityId: entityType && entityType === filter.entityType ? filter.entityId : undefined,
      record: record.trim() || undefined,
      page: undefined,
    });
  const reset = () => {
    setRange(null);
    setActorId(undefined);
    setAction(undefined);
    setEntityType(undefined);
    setRecord('');
    setParams(new URLSearchParams(), { replace: true });
  };

  /** Downloads the current filter's events as .xlsx; a refusal (too many, a bad filter) shows the server's words. */
  async function exportFound() {
    setExporting(true);
    try {
      const res = await fetch(`/api/audit/export${qs(filter)}`, { credentials: 'same-origin', headers: { 'Accept-Language': locale } });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { title?: string };
        throw new ApiError(res.status, 'EXPORT', body.title ?? t('errors.INTERNAL'));
      }
      const name = fileNameOf(res.headers.get('content-disposition'));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      message.success(t('audit.exported', { name }));
      log.reload(); // the export is in the log now
    } catch (err) {
      message.error(err instanceof ApiError ? err.title : t('errors.INTERNAL'));
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        extra={
          <Tooltip title={t('audit.exportHint')}>
            <Button
              icon={<DownloadOutlined />}
              onClick={exportFound}
              loading={exporting}
              disabled={!log.data?.total}
              data-qa="audit-export"
            >
              {t('audit.export')}
            </Button>
          </Tooltip>
        }
      />
      {log.error ? (
        <LoadError error={log.error} onRetry={log.reload} />
      ) : (
        <Card variant="borderless">
          <Flex gap={12} wrap className="bbw-toolbar" align="center" style={{ marginBottom: 12 }}>
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => setRange(v)}
              allowEmpty={[true, true]}
              placeholder={[t('audit.periodStart'), t('audit.periodEnd')]}
              aria-label={t('audit.period')}
              data-qa="audit-range"
            />
            <PersonSelect value={actorId} onChange={setActorId} />
            <Select
              style={{ width: 260 }}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('audit.allActions')}
              aria-label={t('audit.allActions')}
              value={action}
              onChange={setAction}
              options={ACTION_OPTIONS}
              data-qa="audit-action"
            />
          </Flex>
          <Flex gap={12} wrap className="bbw-toolbar" align="center">
            <Select
              style={{ width: 160 }}
              allowClear
              placeholder={t('audit.allRecordTypes')}
              aria-label={t('audit.allRecordTypes')}
              value={entityType}
              onChange={setEntityType}
              options={RECORD_TYPE_OPTIONS}
              data-qa="audit-record-type"
            />
            <Input
              style={{ width: 300 }}
              allowClear
              maxLength={40}
              placeholder={t('audit.recordName')}
              aria-label={t('audit.recordName')}
              value={record}
              onChange={(e) => setRecord(e.target.value)}
              onPressEnter={search}
              data-qa="audit-record"
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
            locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
            onRow={() => ({ 'data-qa': 'audit-row' }) as HTMLAttributes<HTMLElement>}
            expandable={{
              expandedRowRender: (item) => <Details item={item} />,
              rowExpandable: (item) => item.details.length > 0,
            }}
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
                width: 190,
                render: (_, a) =>
                  a.actor ? (
                    <Flex gap={6} align="center" wrap>
                      <span>{a.actor.name}</span>
                      <RoleTag role={a.actor.role} />
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary">
                      {a.action.startsWith('auth.') ? t('audit.anonymous') : t('audit.system')}
                    </Typography.Text>
                  ),
              },
              {
                title: t('audit.event'),
                key: 'event',
                render: (_, a) => (
                  <Flex vertical gap={4} align="flex-start">
                    <span data-qa="audit-description">{a.description}</span>
                    <Tag bordered={false} data-qa="audit-action-label">
                      {a.areaLabel ? `${a.areaLabel} · ${a.actionLabel}` : a.actionLabel}
                    </Tag>
                  </Flex>
                ),
              },
              {
                title: t('audit.record'),
                key: 'record',
                width: 250,
                render: (_, a) =>
                  // Signing in or out is about one's own account, already in the person column.
                  a.record?.name && !(a.record.type === 'app_user' && a.record.id === a.actor?.id) ? (
                    <Flex vertical>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {a.record.typeLabel}
                      </Typography.Text>
                      <span>{a.record.name}</span>
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary">
                      {a.record && a.record.id !== a.actor?.id ? a.record.typeLabel : t('common.dash')}
                    </Typography.Text>
                  ),
              },
              {
                title: t('audit.ip'),
                dataIndex: 'ip',
                width: 130,
                render: (ip: string | null) => <span className="bbw-code">{ip ?? t('common.dash')}</span>,
              },
            ]}
            scroll={{ x: 1100 }}
          />
        </Card>
      )}
    </>
  );
}
