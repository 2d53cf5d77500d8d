// 签到 for one guidance event: who is enrolled (confirmed, offered a seat, waiting), a tick per confirmed family and
// the 6-digit code a guardian shows at the door. The list is family data: the server audits the read.
import { useState } from 'react';
import { App, Button, Drawer, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CheckOutlined } from '@ant-design/icons';
import { ApiError, post } from '../../../common/api.ts';
import type { Res } from '../../../common/wire.ts';
import { formatDateZh } from '../../../common/i18n.ts';
import { t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';
import { timeOf, timeRange } from '../../format.ts';
import { LoadError } from '../../components/States.tsx';
import { ModeTag } from './tags.tsx';

type Roster = Res<'/api/guidance/manage/events/{id}/enrolments', 'get'>;
type Enrolment = Roster['enrolments'][number];
type Attendance = Res<'/api/guidance/manage/events/{id}/attendance', 'post'>;

const STATUS_COLORS: Record<string, string> = { confirmed: 'blue', waitlisted: 'orange', offered: 'gold' };

export function RosterDrawer({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const roster = useApi<Roster>(`/api/guidance/manage/events/${eventId}/enrolments`);
  const [busy, setBusy] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const e = roster.data?.event;

  async function record(body: { enrolmentId: string } | { code: string }, name?: string) {
    setBusy('enrolmentId' in body ? body.enrolmentId : 'code');
    try {
      const r = await post<Attendance>(`/api/guidance/manage/events/${eventId}/attendance`, body);
      const who = name ?? roster.data?.enrolments.find((x) => x.id === r.id)?.guardianName;
      if (who) message.success(r.already ? t('guidance.tickAlready', { name: who }) : t('guidance.tickDone', { name: who }));
      else message.success(t('guidance.codeDone'));
      if ('code' in body) setCode('');
      roster.reload();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      message.error(err.title);
    } finally {
      setBusy(null);
    }
  }

  const list = roster.data?.enrolments ?? [];
  const confirmed = list.filter((x) => x.status === 'confirmed').length;
  const attended = list.filter((x) => x.attendedAt).length;
  const waiting = list.filter((x) => x.status === 'waitlisted' || x.status === 'offered').length;

  return (
    <Drawer
      open
      size={860}
      onClose={onClose}
      destroyOnHidden
      title={e ? t('guidance.rosterTitle', { title: e.title }) : t('guidance.roster')}
      data-qa="roster-drawer"
    >
      {roster.error ? (
        <LoadError error={roster.error} onRetry={roster.reload} />
      ) : (
        <Flex vertical gap={16}>
          {e && (
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Flex vertical>
                <Space>
                  <Typography.Text strong>
                    {formatDateZh(e.date)} {timeRange(e.startsAt, e.endsAt)}
                  </Typography.Text>
                  <ModeTag mode={e.mode} />
                </Space>
                <Typography.Text type="secondary" data-qa="roster-summary">
                  {e.place ? `${e.place} · ` : ''}
                  {t('guidance.rosterSummary', { n: confirmed, a: attended, k: waiting })}
                </Typography.Text>
              </Flex>
              <Space.Compact>
                <Input
                  value={code}
                  onChange={(ev) => setCode(ev.target.value.replace(/\D/g, '').slice(0, 6))}
                  onPressEnter={() => code.length === 6 && void record({ code })}
                  placeholder={t('guidance.codePlaceholder')}
                  aria-label={t('guidance.code')}
                  inputMode="numeric"
                  maxLength={6}
                  style={{ width: 240 }}
                  data-qa="roster-code"
                />
                <Button
                  type="primary"
                  disabled={code.length !== 6}
                  loading={busy === 'code'}
                  onClick={() => void record({ code })}
                  data-qa="roster-code-submit"
                >
                  {t('guidance.codeSubmit')}
                </Button>
              </Space.Compact>
            </Flex>
          )}
          <Table<Enrolment>
            rowKey="id"
            size="middle"
            loading={roster.loading}
            dataSource={list}
            // Each row's `children` are the family's children's names, not rows of a tree.
            expandable={{ childrenColumnName: 'noRows' }}
            pagination={false}
            locale={{ emptyText: t('guidance.rosterEmpty') }}
            onRow={(x) => ({ 'data-qa': 'roster-row', 'data-status': x.status }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('guidance.guardian'), dataIndex: 'guardianName', key: 'guardian' },
              { title: t('guidance.phone'), key: 'phone', width: 130, render: (_, x) => x.phone ?? t('common.dash') },
              { title: t('guidance.children'), key: 'children', render: (_, x) => x.children.join('、') || t('common.dash') },
              {
                title: t('guidance.enrolment'),
                key: 'status',
                width: 120,
                render: (_, x) => <Tag color={STATUS_COLORS[x.status] ?? 'default'}>{t(`guidance.enrolmentStatuses.${x.status}`)}</Tag>,
              },
              {
                title: t('guidance.attended'),
                key: 'attended',
                width: 170,
                render: (_, x) =>
                  x.attendedAt ? (
                    <Typography.Text type="success" data-qa="roster-attended">
                      <CheckCircleFilled /> {t('guidance.attended')} {timeOf(x.attendedAt)}
                      {x.attendanceMethod === 'code' ? ` · ${t('guidance.byCode')}` : ''}
                    </Typography.Text>
                  ) : x.status === 'confirmed' ? (
                    <Button
                      size="small"
                      icon={<CheckOutlined />}
                      loading={busy === x.id}
                      onClick={() => void record({ enrolmentId: x.id }, x.guardianName)}
                      aria-label={`${t('guidance.tick')} ${x.guardianName}`}
                      data-qa="roster-tick"
                    >
                      {t('guidance.tick')}
                    </Button>
                  ) : (
                    t('common.dash')
                  ),
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
