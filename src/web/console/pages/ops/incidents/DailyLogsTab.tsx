// 每日消毒与安全检查: the last 14 days at a glance (which days lack a log), and the chosen day's logs of each
// kind; house staff record them, street and district admins and inspectors read them.
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Flex, Typography } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { qs } from '../../../../common/api.ts';
import type { DailyLog } from '../../../../common/opsTypes.ts';
import { formatDateZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { useApi } from '../../../hooks/useApi.ts';
import { useSession } from '../../../session.tsx';
import { addDaysTo } from '../../../format.ts';
import { LoadError } from '../../../components/States.tsx';
import { LOG_KINDS, OVERVIEW_DAYS, RECORD_BACK_DAYS, dayState, type LogKind } from './checklists.ts';
import { LogOverview } from './LogOverview.tsx';
import { LogCard } from './LogCard.tsx';
import { DailyLogForm } from './DailyLogForm.tsx';

export function DailyLogsTab({
  houseId,
  housePicker,
  date,
  onDate,
}: {
  houseId: string | null;
  housePicker: ReactNode;
  date: string;
  onDate: (date: string) => void;
}) {
  const { me, can } = useSession();
  const today = me.today;
  // The overview ends today, or on the chosen day when that is older than the last 14 days.
  const end = date >= addDaysTo(today, -(OVERVIEW_DAYS - 1)) ? today : date;
  const start = addDaysTo(end, -(OVERVIEW_DAYS - 1));
  const logs = useApi<DailyLog[]>(houseId ? `/api/houses/${houseId}/daily-logs${qs({ from: start, to: end })}` : null);
  const [recording, setRecording] = useState<LogKind | null>(null);
  // Only the house's own staff record, only for their house, and only for the last week.
  const recorder = can('dailyLog.record') && houseId === me.user.houseId;
  const canRecord = recorder && date >= addDaysTo(today, -RECORD_BACK_DAYS);

  const days = useMemo(() => Array.from({ length: OVERVIEW_DAYS }, (_, i) => addDaysTo(start, i)), [start]);
  const all = logs.data ?? [];
  const incomplete = logs.data
    ? days.filter((d) => LOG_KINDS.some((k) => dayState(all.filter((l) => l.date === d && l.kind === k)) === 'missing')).length
    : 0;
  const ofDay = (kind: LogKind) =>
    all.filter((l) => l.date === date && l.kind === kind).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));

  return (
    <>
      <Flex gap={8} wrap align="center" className="bbw-toolbar">
        {housePicker}
        <Typography.Text type="secondary">{t('incidents.logs.date')}</Typography.Text>
        <DatePicker
          value={dayjs(date)}
          allowClear={false}
          format="YYYY年M月D日"
          style={{ width: 160 }}
          disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
          onChange={(d) => d && onDate(d.format('YYYY-MM-DD'))}
          data-qa="logs-date"
        />
        {date !== today && <Button onClick={() => onDate(today)}>{t('incidents.logs.today')}</Button>}
      </Flex>
      {!houseId ? (
        <Empty description={t('incidents.pickHouse')} />
      ) : logs.error ? (
        <LoadError error={logs.error} onRetry={logs.reload} />
      ) : (
        <>
          <Card
            size="small"
            style={{ marginBottom: 16, background: '#fafbfc' }}
            loading={logs.loading && !logs.data}
            title={
              <Flex gap={12} align="baseline" wrap>
                <span>{t('incidents.logs.overview')}</span>
                {logs.data &&
                  (incomplete > 0 ? (
                    <Typography.Text type="danger" style={{ fontSize: 13, fontWeight: 'normal' }} data-qa="logs-incomplete">
                      <WarningFilled /> {t('incidents.logs.missingDays', { n: incomplete })}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="success" style={{ fontSize: 13, fontWeight: 'normal' }} data-qa="logs-incomplete">
                      {t('incidents.logs.allComplete')}
                    </Typography.Text>
                  ))}
              </Flex>
            }
          >
            <LogOverview days={days} logs={all} selected={date} today={today} onSelect={onDate} />
            <Typography.Paragraph type="secondary" style={{ margin: '10px 0 0', fontSize: 12 }}>
              {t('incidents.logs.overviewHint')}
            </Typography.Paragraph>
          </Card>
          <Typography.Title level={5} style={{ margin: '0 0 12px' }} data-qa="logs-day-title">
            {date === today ? `${formatDateZh(date)} · ${t('incidents.logs.today')}` : formatDateZh(date)}
          </Typography.Title>
          {recorder && !canRecord && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('incidents.logs.tooOld', { days: RECORD_BACK_DAYS })}
              data-qa="logs-too-old"
            />
          )}
          <Flex gap={16} wrap align="flex-start">
            {LOG_KINDS.map((k) => (
              <LogCard key={k} kind={k} logs={ofDay(k)} canRecord={canRecord} onRecord={() => setRecording(k)} />
            ))}
          </Flex>
          {canRecord && recording && (
            <DailyLogForm
              key={recording}
              houseId={houseId}
              date={date}
              kind={recording}
              onClose={() => setRecording(null)}
              onSaved={(log) => {
                setRecording(null);
                logs.setData([...all, log]);
              }}
            />
          )}
        </>
      )}
    </>
  );
}
