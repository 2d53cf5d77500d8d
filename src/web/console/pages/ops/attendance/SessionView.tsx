// One session of the day: its heading, the live panel beside the carers on duty, and the booked children with the
// check-in and check-out dialogs.
import { useState } from 'react';
import { Alert, Flex, Tag, Typography } from 'antd';
import { CHECK_IN_OPENS_MINUTES_BEFORE } from '../../../../../domain/attendance.ts';
import { formatArea } from '../../../../common/i18n.ts';
import type { AttendanceChild, AttendanceSession } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { timeOf, timeRange } from '../../../format.ts';
import { LivePanel } from './LivePanel.tsx';
import { CarersDuty } from './CarersDuty.tsx';
import { ChildrenList } from './ChildrenList.tsx';
import { CheckInDialog } from './CheckInDialog.tsx';
import { CheckOutDialog } from './CheckOutDialog.tsx';
import { sessionPhase } from './status.ts';

const PHASE_COLOR = { cancelled: 'default', upcoming: 'blue', running: 'processing', ended: 'default' } as const;

export function SessionView({
  session,
  now,
  editable,
  canDuty,
  onChanged,
}: {
  session: AttendanceSession;
  now: string;
  /** Today's page and a user who may record attendance. */
  editable: boolean;
  canDuty: boolean;
  /** After an action: the session the server answered with (when it did), then a reload of the day. */
  onChanged: (updated?: AttendanceSession) => void;
}) {
  const [checkingIn, setCheckingIn] = useState<AttendanceChild | null>(null);
  const [checkingOut, setCheckingOut] = useState<AttendanceChild | null>(null);
  const phase = sessionPhase(session, now);
  const cancelled = phase === 'cancelled';
  // Duty changes only while the session runs (or is about to): afterwards the record is history.
  const live = editable && !cancelled && phase !== 'ended';

  return (
    <div data-qa="session-view" data-session-id={session.id}>
      <Flex align="center" gap={10} wrap className="bbw-att-session-head">
        <span className="bbw-att-session-title" data-qa="session-title">
          {timeRange(session.startsAt, session.endsAt)}
        </span>
        <Typography.Text>
          {session.roomName}({formatArea(session.areaM2)})
        </Typography.Text>
        <Tag color={session.serviceType === 'temporary' ? 'blue' : 'cyan'}>{t(`schedule.serviceType.${session.serviceType}`)}</Tag>
        <Tag color={PHASE_COLOR[phase]} data-qa="session-phase">
          {t(`attendance.phase.${phase}`)}
        </Tag>
      </Flex>

      {cancelled && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('attendance.cancelled')} />}
      {editable && !cancelled && !session.checkInOpen && phase === 'upcoming' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-qa="check-in-not-open"
          title={t('attendance.checkInOpensAt', {
            time: timeOf(new Date(new Date(session.startsAt).getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000).toISOString()),
          })}
        />
      )}
      {editable && phase === 'ended' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('attendance.ended')} />}

      {!cancelled && (
        <div className="bbw-att-top">
          <LivePanel session={session} />
          <div className="bbw-att-box">
            <div className="bbw-att-box-title">{t('attendance.duty.title')}</div>
            <CarersDuty session={session} editable={live && canDuty} onChanged={onChanged} />
          </div>
        </div>
      )}

      <div className="bbw-att-box">
        <div className="bbw-att-box-title">{t('attendance.childrenTitle')}</div>
        <ChildrenList
          session={session}
          canCheckIn={editable && !cancelled && session.checkInOpen}
          canCheckOut={editable && !cancelled}
          onCheckIn={setCheckingIn}
          onCheckOut={setCheckingOut}
        />
      </div>

      {checkingIn && (
        <CheckInDialog
          child={checkingIn}
          feverFrom={session.feverCelsius}
          onClose={() => setCheckingIn(null)}
          onDone={() => {
            setCheckingIn(null);
            onChanged();
          }}
        />
      )}
      {checkingOut && (
        <CheckOutDialog
          child={checkingOut}
          onClose={() => setCheckingOut(null)}
          onDone={() => {
            setCheckingOut(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}
