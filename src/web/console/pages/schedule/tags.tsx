// Small shared pieces of the schedule screens: the service type, a session's status, its roster.
import { Tag, Tooltip, Typography } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import { t } from '../../i18n/index.ts';
import type { StaffMember, StaffSession } from './types.ts';

export function ServiceTypeTag({ type }: { type: StaffSession['serviceType'] }) {
  return (
    <Tag color={type === 'temporary' ? 'blue' : 'cyan'} style={{ marginInlineEnd: 0 }} data-qa="service-type">
      {t(`schedule.serviceType.${type}`)}
    </Tag>
  );
}

export function SessionStatusTag({ session, today }: { session: StaffSession; today: string }) {
  if (session.status === 'cancelled') {
    return (
      <Tooltip title={session.cancelReason ? t('schedule.cancelledReason', { reason: session.cancelReason }) : undefined}>
        <Tag data-qa="session-status">{t('schedule.status.cancelled')}</Tag>
      </Tooltip>
    );
  }
  if (session.overCapacity)
    return (
      <Tag color="error" icon={<WarningFilled />} data-qa="session-status">
        {t('schedule.status.over')}
      </Tag>
    );
  const now = Date.now();
  if (session.date < today || (session.date === today && now >= new Date(session.endsAt).getTime())) {
    return <Tag data-qa="session-status">{t('schedule.status.past')}</Tag>;
  }
  if (session.date === today && now >= new Date(session.startsAt).getTime()) {
    return (
      <Tag color="processing" data-qa="session-status">
        {t('schedule.status.running')}
      </Tag>
    );
  }
  if (session.seatsLeft === 0)
    return (
      <Tag color="orange" data-qa="session-status">
        {t('schedule.status.full')}
      </Tag>
    );
  return (
    <Tag color="success" data-qa="session-status">
      {t('schedule.status.open')}
    </Tag>
  );
}

export function RosterNames({ carers }: { carers: StaffMember[] }) {
  if (!carers.length) return <Typography.Text type="warning">{t('schedule.noRoster')}</Typography.Text>;
  return (
    <span data-qa="session-roster">
      {carers.map((c, i) => (
        <span key={c.id}>
          {i > 0 && '、'}
          {c.name}
          {c.role === 'volunteer' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('schedule.volunteerMark')}
            </Typography.Text>
          )}
        </span>
      ))}
    </span>
  );
}
