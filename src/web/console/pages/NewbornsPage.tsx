// 新生儿名册 (DOMAIN.md §5.5, T4): the street imports the health system's Excel list (with a row-by-row report),
// sees each newborn family's home-visit state against its due day, and assigns the visitor. The district reads every
// street's register. Phones and house numbers arrive masked; every read is audited on the server. Each row says where it
// came from: the import (导入) or the family's own report in the H5 (家庭申报), filterable.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Modal, Select, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError, put, upload } from '../../common/api.ts';
import { formatPlainDateZh } from '../../common/i18n.ts';
import type { Item, Res } from '../../common/wire.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';

type Newborn = Item<Res<'/api/newborns', 'get'>>;
type Report = Res<'/api/newborns/import', 'post'>;
type Visitor = Item<Res<'/api/newborns/visitors', 'get'>>;
type VisitState = Newborn['visitState'];

const SOURCES: Newborn['source'][] = ['import', 'family'];

const STATE_COLORS: Record<VisitState, string> = {
  confirmed: 'success',
  awaitingConfirmation: 'processing',
  scheduled: 'blue',
  due: 'default',
  overdue: 'error',
};

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
      setReport(await upload<Report>('/api/newborns/import', form));
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  const problems = report?.rows.filter((r) => r.status !== 'added') ?? [];
  return (
    <Modal
      open={open}
      title={t('newborns.importTitle')}
      onCancel={close}
      width={720}
      footer={
        report ? (
          <Button type="primary" onClick={close} data-qa="newborn-import-close">
            {t('common.close')}
          </Button>
        ) : (
          <Button type="primary" loading={busy} disabled={!file} onClick={send} data-qa="newborn-import-send">
            {t('newborns.importSend')}
          </Button>
        )
      }
    >
      {!report && (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('newborns.importHint')}
          </Typography.Paragraph>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />} data-qa="newborn-import-file">
              {t('newborns.chooseFile')}
            </Button>
          </Upload>
          {error && <Alert type="error" showIcon message={error} data-qa="newborn-import-error" />}
        </Flex>
      )}
      {report && (
        <Flex vertical gap={12} data-qa="newborn-import-report">
          <Alert
            type={report.refused ? 'warning' : 'success'}
            showIcon
            message={t('newborns.reportSummary', {
              total: report.total,
              added: report.added,
              duplicates: report.duplicates,
              refused: report.refused,
            })}
          />
          {problems.length > 0 && (
            <Table
              size="small"
              rowKey="row"
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              dataSource={problems}
              columns={[
                { title: t('newborns.row'), dataIndex: 'row', width: 70 },
                { title: t('newborns.childName'), dataIndex: 'childName', width: 110 },
                {
                  title: t('newborns.result'),
                  render: (_: unknown, r: Report['rows'][number]) =>
                    r.status === 'duplicate' ? (
                      <Tag>{t('newborns.duplicate')}</Tag>
                    ) : (
                      <Typography.Text type="danger">
                        {r.problems.map((p) => `${t(`newbornFields.${p.field}`)}:${t(`newborns.problems.${p.code}`)}`).join(';')}
                      </Typography.Text>
                    ),
                },
              ]}
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}

export function NewbornsPage() {
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const manage = can('newborn.manage');
  const list = useApi<Newborn[]>('/api/newborns');
  const visitors = useApi<Visitor[]>(manage ? '/api/newborns/visitors' : null);
  const [importing, setImporting] = useState(false);
  const rows = list.data ?? [];
  const count = (s: VisitState) => rows.filter((r) => r.visitState === s).length;

  async function assign(n: Newborn, userId: string) {
    try {
      await put(`/api/newborns/${n.id}/visitor`, { userId });
      message.success(t('newborns.assigned', { name: n.childName }));
      list.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <>
      <PageHeader
        title={t('newborns.title')}
        description={t('newborns.description')}
        extra={
          manage && (
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-qa="newborn-import">
              {t('newborns.import')}
            </Button>
          )
        }
      />
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Flex vertical gap={16}>
          <Card variant="borderless">
            <Flex gap={48} wrap data-qa="newborn-coverage">
              <Statistic title={t('newborns.families')} value={rows.length} />
              <Statistic title={t('newborns.states.confirmed')} value={count('confirmed')} suffix={`/ ${rows.length}`} />
              <Statistic title={t('newborns.states.awaitingConfirmation')} value={count('awaitingConfirmation')} />
              <Statistic title={t('newborns.states.scheduled')} value={count('scheduled')} />
              <Statistic title={t('newborns.states.due')} value={count('due')} />
              <Statistic
                title={t('newborns.states.overdue')}
                value={count('overdue')}
                valueStyle={count('overdue') ? { color: '#b42318' } : undefined}
              />
            </Flex>
          </Card>
          <Card variant="borderless">
            <Table
              rowKey="id"
              loading={list.loading}
              dataSource={rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('newborns.empty') }}
              columns={[
                { title: t('newborns.childName'), dataIndex: 'childName', render: (v: string) => <span data-qa="newborn-name">{v}</span> },
                { title: t('newborns.sex'), dataIndex: 'sex', width: 70, render: (v: string) => t(`sex.${v}`) },
                { title: t('newborns.birthDate'), dataIndex: 'birthDate', render: (v: string) => formatPlainDateZh(v) },
                { title: t('newborns.guardian'), dataIndex: 'guardianName' },
                { title: t('newborns.phone'), dataIndex: 'phone' },
                { title: t('newborns.address'), dataIndex: 'address', ellipsis: true },
                {
                  title: <span title={t('newborns.sourceHint')}>{t('newborns.source')}</span>,
                  dataIndex: 'source',
                  width: 100,
                  filters: SOURCES.map((s) => ({ text: t(`newborns.sources.${s}`), value: s })),
                  onFilter: (value, n: Newborn) => n.source === value,
                  render: (v: Newborn['source']) => (
                    <Tag color={v === 'family' ? 'purple' : 'default'} data-qa="newborn-source" data-source={v}>
                      {t(`newborns.sources.${v}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('newborns.visit'),
                  render: (_: unknown, n: Newborn) => (
                    <Flex vertical gap={2}>
                      <Tag color={STATE_COLORS[n.visitState]} data-qa="newborn-state" style={{ width: 'fit-content' }}>
                        {t(`newborns.states.${n.visitState}`)}
                      </Tag>
                      {n.visitState !== 'confirmed' && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('newborns.dueBy', { date: formatPlainDateZh(n.visitDueBy) })}
                        </Typography.Text>
                      )}
                    </Flex>
                  ),
                },
                {
                  title: t('newborns.visitor'),
                  width: 220,
                  render: (_: unknown, n: Newborn) =>
                    manage ? (
                      <Select
                        style={{ width: 200 }}
                        placeholder={t('newborns.assign')}
                        aria-label={t('newborns.assign')}
                        value={n.visitor?.id}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={(visitors.data ?? []).map((v) => ({
                          value: v.id,
                          label: v.organisation ? `${v.name}(${v.organisation})` : v.name,
                        }))}
                        onChange={(id: string) => assign(n, id)}
                        data-qa="newborn-visitor"
                      />
                    ) : (
                      (n.visitor?.name ?? t('common.dash'))
                    ),
                },
              ]}
            />
          </Card>
        </Flex>
      )}
      <ImportModal open={importing} onClose={() => setImporting(false)} onDone={list.reload} />
    </>
  );
}
