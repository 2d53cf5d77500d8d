// How a person stands: each required credential as a coloured tag, and whether they can be put on a roster.
import type { ReactNode } from 'react';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { CredentialStatus, StaffRecord } from '../../../../common/opsTypes.ts';
import { formatPlainDateZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';

const LOOK: Record<CredentialStatus, { color: string; icon: ReactNode }> = {
  valid: { color: 'success', icon: <CheckCircleOutlined /> },
  expiring: { color: 'warning', icon: <ClockCircleOutlined /> },
  expired: { color: 'error', icon: <CloseCircleOutlined /> },
  missing: { color: 'error', icon: <ExclamationCircleOutlined /> },
  hit: { color: 'magenta', icon: <StopOutlined /> },
};

export function RequirementTag({ req }: { req: StaffRecord['requirements'][number] }) {
  const look = LOOK[req.status];
  const kind = t(`credentialKinds.${req.kind}`);
  const state =
    req.status === 'expiring' && req.until
      ? t('staff.status.expiringOn', { date: formatPlainDateZh(req.until) })
      : t(`credentialStatus.${req.status}`);
  const tip =
    req.until && req.status !== 'expiring'
      ? t(req.status === 'expired' ? 'staff.status.expiredOn' : 'staff.status.validUntil', { date: formatPlainDateZh(req.until) })
      : undefined;
  return (
    <Tooltip title={tip}>
      <Tag color={look.color} icon={look.icon} style={{ marginInlineEnd: 0 }} data-qa={`req-${req.kind}`} data-status={req.status}>
        {kind} · {state}
      </Tag>
    </Tooltip>
  );
}

export function Requirements({ record }: { record: StaffRecord }) {
  if (!record.requirements.length) return <Typography.Text type="secondary">{t('staff.noRequirements')}</Typography.Text>;
  return (
    <Flex vertical gap={4} align="flex-start">
      {record.requirements.map((r) => (
        <RequirementTag key={r.kind} req={r} />
      ))}
    </Flex>
  );
}

/** 可排班 / 不可排班 with the reasons (a guard or someone who has left is simply not on rosters). */
export function RosterState({ record }: { record: StaffRecord }) {
  const codes = record.rosterBlockers;
  if (!codes.length)
    return (
      <Tag color="success" icon={<CheckCircleOutlined />} data-qa="roster-ok">
        {t('staff.rosterOk')}
      </Tag>
    );
  if (codes.length === 1 && (codes[0] === 'NOT_ROSTER_POSITION' || codes[0] === 'NOT_EMPLOYED')) {
    return <Tag data-qa="roster-na">{t(`rosterBlockers.${codes[0]}`)}</Tag>;
  }
  return (
    <Flex vertical gap={4} align="flex-start" data-qa="roster-blocked">
      <Tag color="error" icon={<StopOutlined />}>
        {t('staff.rosterBlocked')}
      </Tag>
      <ul style={{ margin: 0, paddingInlineStart: 18, fontSize: 12, color: 'var(--ant-color-error, #cf1322)' }}>
        {codes.map((c) => (
          <li key={c}>{t(`rosterBlockers.${c}`)}</li>
        ))}
      </ul>
    </Flex>
  );
}
