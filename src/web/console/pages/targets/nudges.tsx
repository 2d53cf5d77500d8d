// 提醒 (issue 12, nudges): from the middle of the year the street reminds the families behind on their free care
// (T3) or guidance (T5) sessions by SMS, at most once a month of each kind. The button opens a modal that lists the
// families behind (names masked: an audited read), the ones not yet reminded this month ticked; sending asks for the
// count and answers what was sent and why the others were not.
import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Modal, Table, Tag, Tooltip, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { nudgeWindow, type NudgeKind } from '../../../../domain/nudges.ts';
import { ApiError, post } from '../../../common/api.ts';
import { formatDateTimeZh } from '../../../common/i18n.ts';
import type { Res } from '../../../common/wire.ts';
import { t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';

type Candidates = Res<'/api/targets/nudges', 'get'>;
type Family = Candidates['families'][number];
type Sent = Res<'/api/targets/nudges', 'post'>;

/** The 提醒 button of a list (T3 → care, T5 → guidance), disabled with the reason before the year is half over. */
export function NudgeButton({ streetId, year, kind, today }: { streetId: string; year: number; kind: NudgeKind; today: string }) {
  const [open, setOpen] = useState(false);
  const window = nudgeWindow(year, today);
  const button = (
    <Button icon={<BellOutlined />} disabled={window !== 'open'} onClick={() => setOpen(true)} data-qa="nudge-open">
      {t(`targets.nudge.button.${kind}`)}
    </Button>
  );
  return (
    <>
      {window === 'open' ? (
        button
      ) : (
        <Tooltip title={t(`targets.nudge.closed.${window}`)}>
          <span data-qa="nudge-closed">{button}</span>
        </Tooltip>
      )}
      {window !== 'open' && (
        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }} data-qa="nudge-closed-reason">
          {t(`targets.nudge.closed.${window}`)}
        </Typography.Text>
      )}
      {open && <NudgeModal streetId={streetId} year={year} kind={kind} onClose={() => setOpen(false)} />}
    </>
  );
}

const selectable = (f: Family) => f.reachable && !f.remindedAt;

function NudgeModal({ streetId, year, kind, onClose }: { streetId: string; year: number; kind: NudgeKind; onClose: () => void }) {
  const list = useApi<Candidates>(`/api/targets/nudges?streetId=${streetId}&kind=${kind}&year=${year}`);
  const [selected, setSelected] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Sent | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (list.data) setSelected(list.data.families.filter(selectable).map((f) => f.id));
  }, [list.data]);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      setResult(await post<Sent>('/api/targets/nudges', { streetId, year, kind, familyIds: selected }));
      setConfirming(false);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const d = list.data;
  const count = (reason: Sent['skipped'][number]['reason']) => result?.skipped.filter((s) => s.reason === reason).length ?? 0;
  const footer = result ? (
    <Button type="primary" onClick={onClose} data-qa="nudge-close">
      {t('common.close')}
    </Button>
  ) : confirming ? (
    <>
      <Button onClick={() => setConfirming(false)} disabled={busy}>
        {t('targets.nudge.back')}
      </Button>
      <Button type="primary" loading={busy} onClick={send} data-qa="nudge-confirm">
        {t('targets.nudge.confirm', { n: selected.length })}
      </Button>
    </>
  ) : (
    <>
      <Button onClick={onClose}>{t('targets.nudge.cancel')}</Button>
      <Button type="primary" disabled={!selected.length} onClick={() => setConfirming(true)} data-qa="nudge-send">
        {t('targets.nudge.send', { n: selected.length })}
      </Button>
    </>
  );

  return (
    <Modal open title={t(`targets.nudge.title.${kind}`)} onCancel={onClose} width={760} footer={footer} data-qa="nudge-modal">
      {list.error ? (
        <Alert type="error" showIcon title={list.error.message} />
      ) : result ? (
        <Flex vertical gap={8} data-qa="nudge-result">
          <Alert
            type={result.sent ? 'success' : 'info'}
            showIcon
            title={t('targets.nudge.result', { sent: result.sent, already: count('alreadyReminded') })}
            description={[
              count('unreachable') ? t('targets.nudge.resultUnreachable', { n: count('unreachable') }) : null,
              count('notEligible') ? t('targets.nudge.resultNotEligible', { n: count('notEligible') }) : null,
            ]
              .filter(Boolean)
              .join(';')}
          />
        </Flex>
      ) : confirming ? (
        <Flex vertical gap={12} data-qa="nudge-confirmation">
          <Typography.Paragraph style={{ margin: 0, fontSize: 16 }}>
            {t('targets.nudge.confirmText', { n: selected.length })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t(`targets.nudge.sample.${kind}`, { due: d?.due ?? 0 })}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} data-qa="nudge-error" />}
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {d ? t(`targets.nudge.hint.${kind}`, { due: d.due, half: Math.ceil(d.due / 2) }) : ''}
          </Typography.Paragraph>
          <Table<Family>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={d?.families ?? []}
            pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{ emptyText: t('targets.nudge.empty') }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as string[]),
              getCheckboxProps: (f) => ({ disabled: !selectable(f) }),
            }}
            onRow={() => ({ 'data-qa': 'nudge-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('targets.guardian'), dataIndex: 'name', key: 'name' },
              {
                title: t(`targets.nudge.used.${kind}`),
                key: 'used',
                render: (_, f) =>
                  kind === 'care' ? f.behindChildren.map((c) => `${c.name} ${c.sessions}/${d?.due}`).join('、') : `${f.used}/${d?.due}`,
              },
              {
                title: t('targets.nudge.thisMonth'),
                key: 'reminded',
                render: (_, f) =>
                  f.remindedAt ? (
                    <Tag color="default">{t('targets.nudge.remindedAt', { at: formatDateTimeZh(new Date(f.remindedAt)) })}</Tag>
                  ) : !f.reachable ? (
                    <Tag color="warning">{t('targets.nudge.unreachable')}</Tag>
                  ) : (
                    <Tag color="processing">{t('targets.nudge.notYet')}</Tag>
                  ),
              },
            ]}
          />
        </Flex>
      )}
    </Modal>
  );
}
