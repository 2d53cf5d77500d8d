// One kind of log on one day: each record with its result, the items not done, the note, who and when.
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled, PlusOutlined } from '@ant-design/icons';
import type { DailyLog } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { timeOf } from '../../../format.ts';
import { CHECKLISTS, type LogKind } from './checklists.ts';

function LogEntry({ log }: { log: DailyLog }) {
  const checklist = CHECKLISTS[log.kind];
  const undone = checklist.filter((i) => !log.items.includes(i));
  return (
    <Flex vertical gap={4} style={{ padding: '10px 0' }} data-qa="log-entry">
      <Flex gap={8} align="center" wrap>
        {log.allOk ? (
          <Tag color="success" icon={<CheckCircleFilled />} data-qa="log-entry-result">
            {t('incidents.logs.allOk')}
          </Tag>
        ) : (
          <Tag color="warning" icon={<ExclamationCircleFilled />} data-qa="log-entry-result">
            {t('incidents.logs.hasProblems')}
          </Tag>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('incidents.logs.itemsDone', { n: checklist.length - undone.length, total: checklist.length })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13, marginInlineStart: 'auto' }}>
          {t('incidents.logs.recordedBy', { name: log.recordedBy, time: timeOf(log.recordedAt) })}
        </Typography.Text>
      </Flex>
      {undone.length > 0 && (
        <Typography.Text type="warning" style={{ fontSize: 13 }}>
          {t('incidents.logs.itemsMissing', { items: undone.map((i) => t(`incidents.logs.items.${i}`)).join('、') })}
        </Typography.Text>
      )}
      {log.note && (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-qa="log-entry-note">
          {log.note}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

export function LogCard({
  kind,
  logs,
  canRecord,
  onRecord,
}: {
  kind: LogKind;
  logs: DailyLog[];
  canRecord: boolean;
  onRecord: () => void;
}) {
  const done = logs.length > 0;
  return (
    <Card
      size="small"
      style={{ flex: 1, minWidth: 320 }}
      data-qa={`log-card-${kind}`}
      title={
        <Flex gap={8} align="center">
          <span>{t(`incidents.logs.kind.${kind}`)}</span>
          {!done && (
            <Tag color="error" data-qa="log-card-missing">
              {t('incidents.logs.missing')}
            </Tag>
          )}
        </Flex>
      }
      extra={
        canRecord && (
          <Button size="small" type={done ? 'default' : 'primary'} icon={<PlusOutlined />} onClick={onRecord} data-qa={`log-add-${kind}`}>
            {done ? t('incidents.logs.recordAgain') : t(`incidents.logs.record.${kind}`)}
          </Button>
        )
      }
    >
      {done ? (
        <div>
          {logs.map((l, i) => (
            <div key={l.id} style={i ? { borderTop: '1px solid #f0f0f0' } : undefined}>
              <LogEntry log={l} />
            </div>
          ))}
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.logs.noneYet')} style={{ margin: '12px 0' }} />
      )}
    </Card>
  );
}
