// 协议与规则 (district admin): every version of the two texts families agree to — the children's-data rules
// (§6 consent) and the service agreement (R14) — and publishing a new version, which asks every family to
// agree again from its effective date (until they do, their children cannot book).
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Flex, Form, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import { ExclamationCircleFilled, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, post } from '../../common/api.ts';
import { formatPlainDateZh } from '../../common/i18n.ts';
import type { DocumentKind, LegalDocument } from '../../common/familyTypes.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { formPathOf } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';

const KINDS: DocumentKind[] = ['consent', 'agreement'];

interface PublishValues {
  kind: DocumentKind;
  title: string;
  body: string;
  effectiveFrom: Dayjs | null;
}

/** The version in force today: the newest whose effective date has come. */
function inForce(versions: LegalDocument[], today: string): LegalDocument | undefined {
  return versions.filter((v) => v.effectiveFrom <= today).sort((a, b) => b.version - a.version)[0];
}

function StateTag({ doc, current, today }: { doc: LegalDocument; current?: LegalDocument; today: string }) {
  if (doc.effectiveFrom > today) return <Tag color="orange">{t('documents.upcoming')}</Tag>;
  if (doc === current) return <Tag color="success">{t('documents.inForce')}</Tag>;
  return <Tag>{t('documents.superseded')}</Tag>;
}

export function DocumentsPage() {
  const { me } = useSession();
  const docs = useApi<LegalDocument[]>('/api/documents');
  const [publishing, setPublishing] = useState<DocumentKind | null>(null);
  const [reading, setReading] = useState<LegalDocument | null>(null);
  const today = me.today;

  const byKind = useMemo(
    () =>
      Object.fromEntries(
        KINDS.map((k) => [k, (docs.data ?? []).filter((d) => d.kind === k).sort((a, b) => b.version - a.version)]),
      ) as Record<DocumentKind, LegalDocument[]>,
    [docs.data],
  );

  return (
    <>
      <PageHeader
        title={t('documents.title')}
        description={t('documents.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing('agreement')} data-qa="document-publish">
            {t('documents.publish')}
          </Button>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('documents.reagreeNotice')} data-qa="documents-notice" />
      {docs.error ? (
        <LoadError error={docs.error} onRetry={docs.reload} />
      ) : (
        KINDS.map((kind) => {
          const versions = byKind[kind] ?? [];
          const current = inForce(versions, today);
          return (
            <Card
              key={kind}
              variant="borderless"
              className="bbw-card"
              data-qa={`documents-${kind}`}
              title={
                <Flex align="center" gap={10}>
                  <FileTextOutlined />
                  <span>{t(`documents.kinds.${kind}`)}</span>
                  {current && (
                    <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
                      {t('documents.currentVersion', { n: current.version })}
                    </Typography.Text>
                  )}
                </Flex>
              }
              extra={
                <Button type="link" icon={<PlusOutlined />} onClick={() => setPublishing(kind)}>
                  {t('documents.publishKind')}
                </Button>
              }
            >
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                {t(`documents.kindHints.${kind}`)}
              </Typography.Paragraph>
              <Table<LegalDocument>
                rowKey="version"
                size="middle"
                loading={docs.loading}
                dataSource={versions}
                pagination={false}
                onRow={(d) => ({ 'data-qa': 'document-row', 'data-version': d.version }) as HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: t('documents.version'),
                    dataIndex: 'version',
                    width: 90,
                    render: (v: number) => <Typography.Text strong>v{v}</Typography.Text>,
                  },
                  {
                    title: t('documents.docTitle'),
                    dataIndex: 'title',
                    render: (title: string, d) => <a onClick={() => setReading(d)}>{title}</a>,
                  },
                  {
                    title: t('documents.effectiveFrom'),
                    dataIndex: 'effectiveFrom',
                    width: 200,
                    render: (d: string) => formatPlainDateZh(d),
                  },
                  {
                    title: t('documents.status'),
                    key: 'state',
                    width: 100,
                    render: (_, d) => <StateTag doc={d} current={current} today={today} />,
                  },
                  {
                    title: t('documents.length'),
                    key: 'length',
                    width: 110,
                    align: 'right',
                    render: (_, d) => t('documents.chars', { n: d.body.length }),
                  },
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_, d) => <a onClick={() => setReading(d)}>{t('documents.read')}</a>,
                  },
                ]}
              />
            </Card>
          );
        })
      )}
      <Drawer
        open={!!reading}
        onClose={() => setReading(null)}
        size={640}
        destroyOnHidden
        title={reading ? `${t(`documents.kinds.${reading.kind}`)} · v${reading.version}` : ''}
      >
        {reading && (
          <>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {reading.title}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('documents.effectiveLine', { date: formatPlainDateZh(reading.effectiveFrom) })}
            </Typography.Paragraph>
            <div className="bbw-doc-body" data-qa="document-body">
              {reading.body}
            </div>
          </>
        )}
      </Drawer>
      {docs.data && (
        <PublishModal
          kind={publishing}
          today={today}
          latestOf={(k) => (byKind[k] ?? [])[0]}
          onClose={() => setPublishing(null)}
          onPublished={() => {
            setPublishing(null);
            docs.reload();
          }}
        />
      )}
    </>
  );
}

function PublishModal({
  kind,
  today,
  latestOf,
  onClose,
  onPublished,
}: {
  kind: DocumentKind | null;
  today: string;
  latestOf: (k: DocumentKind) => LegalDocument | undefined;
  onClose: () => void;
  onPublished: () => void;
}) {
  const [form] = Form.useForm<PublishValues>();
  const [saving, setSaving] = useState(false);
  const { message, modal } = App.useApp();
  const watchedKind = (Form.useWatch('kind', form) as DocumentKind | undefined) ?? kind ?? 'agreement';
  const effective = Form.useWatch('effectiveFrom', form) as Dayjs | null | undefined;
  const todayDay = dayjs(today);
  const nextVersion = (latestOf(watchedKind)?.version ?? 0) + 1;

  /** Starts from the newest version's text, which is what an editor changes. */
  function prefill(k: DocumentKind) {
    const latest = latestOf(k);
    form.setFieldsValue({ title: latest?.title ?? '', body: latest?.body ?? '' });
  }

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const date = v.effectiveFrom!.format('YYYY-MM-DD');
    modal.confirm({
      title: t('documents.confirmTitle', { kind: t(`documents.kinds.${v.kind}`), n: nextVersion }),
      icon: <ExclamationCircleFilled />,
      content: t(`documents.confirmBody.${v.kind}`, { date: formatPlainDateZh(date) }),
      okText: t('documents.confirmOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-qa': 'document-publish-confirm' } as Record<string, string>,
      onOk: async () => {
        setSaving(true);
        try {
          await post<LegalDocument>('/api/documents', { kind: v.kind, title: v.title.trim(), body: v.body.trim(), effectiveFrom: date });
          message.success(t('documents.published', { n: nextVersion }));
          onPublished();
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          const fields = err.fieldErrors
            .map((f) => ({ name: formPathOf(f.field), errors: [f.message || err.title] }))
            .filter((f) => ['kind', 'title', 'body', 'effectiveFrom'].includes(String(f.name[0])));
          if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
          else message.error(err.title);
        } finally {
          setSaving(false);
        }
      },
    });
  }

  const effectiveText = effective ? formatPlainDateZh(effective.format('YYYY-MM-DD')) : '';
  return (
    <Modal
      open={kind !== null}
      title={t('documents.publishTitle')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('documents.publishOk', { n: nextVersion })}
      cancelText={t('common.cancel')}
      width={760}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (open && kind) {
          form.setFieldsValue({ kind, effectiveFrom: todayDay });
          prefill(kind);
        }
      }}
    >
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} preserve={false} data-qa="document-form">
        <Form.Item name="kind" label={t('documents.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            onChange={(e) => prefill(e.target.value as DocumentKind)}
            data-qa="document-form-kind"
            options={KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
          />
        </Form.Item>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-qa="document-reagree-warning"
          title={t('documents.reagreeTitle', { n: nextVersion })}
          description={t(`documents.reagree.${watchedKind}`, { date: effectiveText || t('documents.effectiveDay') })}
        />
        <Flex gap={16}>
          <Form.Item
            name="title"
            label={t('documents.docTitle')}
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('documents.titleRequired') }]}
          >
            <Input maxLength={60} data-qa="document-form-title" />
          </Form.Item>
          <Form.Item
            name="effectiveFrom"
            label={t('documents.effectiveFrom')}
            style={{ width: 220 }}
            rules={[{ required: true, message: t('documents.effectiveRequired') }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              format="YYYY年M月D日"
              disabledDate={(d) => d.isBefore(todayDay, 'day')}
              data-qa="document-form-date"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="body"
          label={t('documents.body')}
          extra={t('documents.bodyHint')}
          rules={[{ required: true, whitespace: true, min: 20, message: t('documents.bodyRequired') }]}
        >
          <Input.TextArea rows={11} maxLength={20000} showCount data-qa="document-form-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
