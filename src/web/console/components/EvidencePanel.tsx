// 佐证材料: the dated evidence behind the house's CCTV, alarm, insurance and facility facts (R11, R12, R19), newest
// first per topic, each with its photo or file; those who keep the facts add new evidence (and new facts) here.
import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Empty, Table, Tabs, Typography } from 'antd';
import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import type { Evidence, EvidenceTopic } from '../../common/opsTypes.ts';
import type { House } from '../../common/types.ts';
import { formatPlainDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { LoadError } from './States.tsx';
import { EVIDENCE_TOPICS, EvidenceModal } from '../pages/ops/compliance/EvidenceModal.tsx';
import { houseFileHref } from '../pages/ops/staff/HouseFileField.tsx';

export function EvidencePanel({ house, onFactsChanged }: { house: House; onFactsChanged?: () => void }) {
  const { can } = useSession();
  const evidence = useApi<Evidence[]>(`/api/houses/${house.id}/evidence`);
  const [topic, setTopic] = useState<EvidenceTopic>('cctv');
  const [adding, setAdding] = useState(false);
  const rows = evidence.data ?? [];
  const byTopic = (x: EvidenceTopic) => rows.filter((e) => e.topic === x);

  return (
    <Card
      variant="borderless"
      title={t('compliance.evidence.title')}
      style={{ marginTop: 16 }}
      data-qa="evidence-panel"
      extra={
        can('houseFacts.manage') && (
          <Button type="primary" ghost icon={<PlusOutlined />} onClick={() => setAdding(true)} data-qa="evidence-add">
            {t('compliance.evidence.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('compliance.evidence.hint')}
      </Typography.Paragraph>
      {evidence.error ? (
        <LoadError error={evidence.error} onRetry={evidence.reload} />
      ) : (
        <Tabs
          activeKey={topic}
          onChange={(k) => setTopic(k as EvidenceTopic)}
          items={EVIDENCE_TOPICS.map((x) => {
            const list = byTopic(x);
            return {
              key: x,
              label: (
                <span data-qa={`evidence-tab-${x}`}>
                  {t(`compliance.evidence.topics.${x}`)}
                  <Typography.Text type={list.length ? 'secondary' : 'danger'} style={{ fontSize: 12, marginInlineStart: 6 }}>
                    {list[0] ? formatPlainDateZh(list[0].observedOn) : t('compliance.evidence.none')}
                  </Typography.Text>
                </span>
              ),
              children: (
                <Table<Evidence>
                  rowKey="id"
                  size="small"
                  loading={evidence.loading}
                  dataSource={list}
                  pagination={list.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compliance.evidence.empty')} /> }}
                  onRow={() => ({ 'data-qa': 'evidence-row' }) as HTMLAttributes<HTMLElement>}
                  columns={[
                    {
                      title: t('compliance.evidence.observedOn'),
                      dataIndex: 'observedOn',
                      width: 170,
                      render: (d: string) => formatPlainDateZh(d),
                    },
                    { title: t('compliance.evidence.note'), dataIndex: 'note' },
                    {
                      title: t('compliance.evidence.file'),
                      dataIndex: 'fileId',
                      width: 100,
                      render: (id: string | null) =>
                        id ? (
                          <Typography.Link href={houseFileHref(id)} target="_blank" rel="noreferrer" data-qa="evidence-file-link">
                            <FileTextOutlined /> {t('compliance.evidence.open')}
                          </Typography.Link>
                        ) : (
                          <Typography.Text type="secondary">{t('compliance.evidence.noFile')}</Typography.Text>
                        ),
                    },
                    {
                      title: t('compliance.evidence.recordedBy'),
                      dataIndex: 'recordedBy',
                      width: 140,
                      render: (name: string) => <Typography.Text type="secondary">{name}</Typography.Text>,
                    },
                  ]}
                />
              ),
            };
          })}
        />
      )}
      {can('houseFacts.manage') && (
        <EvidenceModal
          house={house}
          topic={topic}
          open={adding}
          onClose={() => setAdding(false)}
          onSaved={(e, factsChanged) => {
            setAdding(false);
            setTopic(e.topic);
            evidence.reload();
            if (factsChanged) onFactsChanged?.();
          }}
        />
      )}
    </Card>
  );
}
