// 人口与托额 (issue 12, T1): per street and year, the resident children aged 1–3 and newborns in force with their
// versions (entered or corrected in a form, or imported from Excel with a row-by-row report); and the street's houses
// with their approved places next to their legal capacity, edited inline by the street admin.
import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popover,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError, post, put, upload } from '../../common/api.ts';
import { formatPlainDateZh } from '../../common/i18n.ts';
import type { Item, Res } from '../../common/wire.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';
import { useSearchParams } from 'react-router';

type StreetRow = Item<Res<'/api/population', 'get'>>;
type Version = StreetRow['history'][number];
type Report = Res<'/api/population/import', 'post'>;
type House = Item<Res<'/api/houses', 'get'>>;

const THIS_YEAR = new Date().getFullYear();
const YEARS = [THIS_YEAR + 1, THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2];
const dateOf = (iso: string) => formatPlainDateZh(iso.slice(0, 10));

function History({ versions }: { versions: Version[] }) {
  return (
    <Table<Version>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={versions}
      columns={[
        { title: t('population.children'), dataIndex: 'children1to3' },
        { title: t('population.newborns'), dataIndex: 'newborns' },
        { title: t('population.source'), dataIndex: 'source' },
        { title: t('population.asOf'), dataIndex: 'asOf', render: dateOf },
        { title: t('population.recordedBy'), render: (_, v) => `${v.recordedBy} · ${dateOf(v.recordedAt)}` },
        { title: t('population.note'), dataIndex: 'note' },
      ]}
    />
  );
}

function RecordModal({ row, onClose, onDone }: { row: StreetRow | null; onClose: () => void; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  async function save(v: { children1to3: number; newborns: number; source: string; asOf: Dayjs; note?: string }) {
    if (!row) return;
    setBusy(true);
    try {
      await post('/api/population', {
        streetId: row.streetId,
        year: row.year,
        children1to3: v.children1to3,
        newborns: v.newborns,
        source: v.source,
        asOf: v.asOf.format('YYYY-MM-DD'),
        note: v.note || null,
      });
      message.success(t('population.saved'));
      onDone();
      onClose();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={!!row}
      title={row ? t('population.recordTitle', { street: row.streetName, year: row.year }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('population.save')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        preserve={false}
        initialValues={{ children1to3: row?.inForce?.children1to3, newborns: row?.inForce?.newborns, source: row?.inForce?.source }}
      >
        <Form.Item name="children1to3" label={t('population.children')} rules={[{ required: true }]}>
          <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} data-qa="population-children" />
        </Form.Item>
        <Form.Item name="newborns" label={t('population.newborns')} rules={[{ required: true }]}>
          <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} data-qa="population-newborns" />
        </Form.Item>
        <Form.Item name="source" label={t('population.source')} rules={[{ required: true, max: 60 }]}>
          <Input maxLength={60} placeholder="公安户籍统计" data-qa="population-source" />
        </Form.Item>
        <Form.Item name="asOf" label={t('population.asOf')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-qa="population-asof" />
        </Form.Item>
        <Form.Item name="note" label={t('population.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setFile(null);
    setReport(null);
    setError(null);
    onClose();
  };
  async function send() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      setReport(await upload<Report>('/api/population/import', form));
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t('population.importTitle')}
      onCancel={close}
      onOk={report ? close : send}
      okText={report ? t('population.save') : t('population.importSend')}
      okButtonProps={{ disabled: !file && !report }}
      confirmLoading={busy}
      width={640}
    >
      <Flex vertical gap={12}>
        <Typography.Link href="/api/population/template">
          <DownloadOutlined /> {t('population.template')}
        </Typography.Link>
        <Upload
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button icon={<UploadOutlined />}>{t('population.import')}</Button>
        </Upload>
        {error && <Alert type="error" title={error} />}
        {report && (
          <>
            <Alert
              type={report.refused ? 'warning' : 'success'}
              title={t('population.importDone', { added: report.added, unchanged: report.unchanged, refused: report.refused })}
            />
            <Table
              size="small"
              rowKey="row"
              pagination={false}
              dataSource={report.rows}
              columns={[
                { title: '#', render: (_, r) => t('population.row', { row: r.row }) },
                { title: t('population.street'), dataIndex: 'street' },
                { title: t('population.year'), dataIndex: 'year' },
                {
                  title: '',
                  render: (_, r) => (
                    <Tag color={r.outcome === 'refused' ? 'error' : r.outcome === 'added' ? 'success' : 'default'}>
                      {t(`population.outcomes.${r.outcome}`)}
                      {r.column ? ` · ${r.column}: ${t(`errors.${r.code}` as never)}` : ''}
                    </Tag>
                  ),
                },
              ]}
            />
          </>
        )}
      </Flex>
    </Modal>
  );
}

function PlacesTab() {
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const houses = useApi<House[]>('/api/houses');
  const [editing, setEditing] = useState<Record<string, number | null>>({});
  if (houses.error) return <LoadError error={houses.error} onRetry={houses.reload} />;
  const rows = houses.data ?? [];
  async function save(h: House) {
    const value = editing[h.id];
    if (value === undefined || value === null) return;
    try {
      await put(`/api/houses/${h.id}/places`, { approvedPlaces: value });
      message.success(t('population.placesSaved'));
      houses.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  }
  const places = rows.reduce((s, h) => s + (h.status === 'active' ? (h.approvedPlaces ?? 0) : 0), 0);
  const capacity = rows.reduce((s, h) => s + (h.status === 'active' ? h.legalCapacity : 0), 0);
  return (
    <Flex vertical gap={12}>
      <Typography.Text>{t('population.streetPlaces', { places, capacity })}</Typography.Text>
      <Table<House>
        rowKey="id"
        loading={houses.loading}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('population.street'), dataIndex: 'streetName' },
          { title: t('population.house'), dataIndex: 'name' },
          {
            title: t('population.approvedPlaces'),
            render: (_, h) =>
              can('house.places') && h.permissions.update ? (
                <Flex gap={8}>
                  <InputNumber
                    aria-label={`${h.name} ${t('population.approvedPlaces')}`}
                    min={0}
                    max={1000}
                    precision={0}
                    value={editing[h.id] ?? h.approvedPlaces}
                    onChange={(v) => setEditing((e) => ({ ...e, [h.id]: v }))}
                    data-qa={`places-${h.id}`}
                  />
                  <Button onClick={() => save(h)} disabled={editing[h.id] === undefined} data-qa={`places-save-${h.id}`}>
                    {t('population.save')}
                  </Button>
                </Flex>
              ) : (
                (h.approvedPlaces ?? '—')
              ),
          },
          { title: t('population.legalCapacity'), dataIndex: 'legalCapacity' },
        ]}
      />
    </Flex>
  );
}

export function PopulationPage() {
  const { can } = useSession();
  const manage = can('population.manage');
  const [params] = useSearchParams();
  const [year, setYear] = useState(THIS_YEAR);
  const list = useApi<StreetRow[]>(`/api/population?year=${year}`);
  const [recording, setRecording] = useState<StreetRow | null>(null);
  const [importing, setImporting] = useState(false);
  const rows = list.data ?? [];
  const population = list.error ? (
    <LoadError error={list.error} onRetry={list.reload} />
  ) : (
    <Table<StreetRow>
      rowKey="streetId"
      loading={list.loading}
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('population.street'), dataIndex: 'streetName' },
        { title: t('population.children'), render: (_, r) => r.inForce?.children1to3 ?? <Tag>{t('population.none')}</Tag> },
        { title: t('population.newborns'), render: (_, r) => r.inForce?.newborns ?? '—' },
        { title: t('population.source'), render: (_, r) => r.inForce?.source ?? '—' },
        { title: t('population.asOf'), render: (_, r) => (r.inForce ? dateOf(r.inForce.asOf) : '—') },
        { title: t('population.recordedBy'), render: (_, r) => r.inForce?.recordedBy ?? '—' },
        {
          title: t('population.history'),
          render: (_, r) =>
            r.history.length ? (
              <Popover content={<History versions={r.history} />} trigger="click" title={r.streetName}>
                <Button type="link" size="small">
                  {t('population.historyCount', { n: r.history.length })}
                </Button>
              </Popover>
            ) : (
              '—'
            ),
        },
        ...(manage
          ? [
              {
                title: '',
                render: (_: unknown, r: StreetRow) => (
                  <Button size="small" onClick={() => setRecording(r)} data-qa={`population-record-${r.streetId}`}>
                    {t('population.record')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
  return (
    <>
      <PageHeader
        title={t('population.title')}
        description={t('population.description')}
        extra={
          <Flex gap={8}>
            <Select
              aria-label={t('population.year')}
              value={year}
              onChange={setYear}
              options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))}
              style={{ width: 110 }}
            />
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-qa="population-import">
                {t('population.import')}
              </Button>
            )}
          </Flex>
        }
      />
      <Tabs
        defaultActiveKey={params.get('tab') === 'places' ? 'places' : 'population'}
        items={[
          { key: 'population', label: t('population.tabPopulation'), children: population },
          { key: 'places', label: t('population.tabPlaces'), children: <PlacesTab /> },
        ]}
      />
      <RecordModal row={recording} onClose={() => setRecording(null)} onDone={list.reload} />
      <ImportModal open={importing} onClose={() => setImporting(false)} onDone={list.reload} />
    </>
  );
}
