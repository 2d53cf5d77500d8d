// One of a child's sessions today: where and when, the status (未入园 / 已入园 09:02 / 已离园 11:00 / 晨检未通过),
// who brought and who collected the child, and the morning health check (temperature, what the carer observed).
import type { ReactNode } from 'react';
import { t } from '../i18n/index.ts';
import { ClockIcon, PinIcon } from '../components/icons.tsx';
import { timeOf, timeSpan } from '../booking/format.ts';
import type { FamilySessionDay } from './store.ts';
import { CHECK_IN_LEAD_MS, sessionStatus } from './status.ts';

function StatusPill({ s, now }: { s: FamilySessionDay; now: number }) {
  const status = sessionStatus(s, now);
  const a = s.attendance;
  const label = t(`attendance.status.${status === 'missed' ? 'waiting' : status}`);
  const at = status === 'in' ? a!.checkedInAt : status === 'out' ? a!.checkedOutAt! : null;
  return (
    <span className={`att-status att-${status}`} data-qa="attendance-status" data-status={status}>
      {at ? t('attendance.statusAt', { status: label, time: timeOf(at) }) : label}
    </span>
  );
}

function Row({ label, children, qa }: { label: string; children: ReactNode; qa: string }) {
  return (
    <div className="att-row" data-qa={qa}>
      <span className="att-row-label">{label}</span>
      <span className="att-row-value">{children}</span>
    </div>
  );
}

export function SessionDay({ s, now }: { s: FamilySessionDay; now: number }) {
  const status = sessionStatus(s, now);
  const a = s.attendance;
  const opensAt = new Date(new Date(s.startsAt).getTime() - CHECK_IN_LEAD_MS).toISOString();
  return (
    <div className={`att-session att-session-${status}`} data-qa="attendance-session" data-booking-id={s.bookingId} data-status={status}>
      <div className="att-session-top">
        <span className="att-session-time">
          <ClockIcon />
          <b>{timeSpan(s)}</b>
        </span>
        <StatusPill s={s} now={now} />
      </div>
      <div className="att-session-place">
        <PinIcon />
        <span>
          {s.houseName} · {s.roomName}
        </span>
      </div>

      {status === 'waiting' && <div className="att-hint">{t('attendance.waitingHint', { time: timeOf(opensAt) })}</div>}
      {status === 'missed' && <div className="att-hint">{t('attendance.missedHint')}</div>}

      {a && (
        <div className="att-details">
          {a.admitted && (
            <Row label={t('attendance.checkedIn')} qa="attendance-in">
              <b>{timeOf(a.checkedInAt)}</b> · {t('attendance.broughtBy')} {a.broughtBy}
            </Row>
          )}
          {a.checkedOutAt && (
            <Row label={t('attendance.checkedOut')} qa="attendance-out">
              <b>{timeOf(a.checkedOutAt)}</b> · {t('attendance.pickedUpBy')} {a.pickedUpBy}
            </Row>
          )}
          {!a.admitted && (
            <Row label={t('attendance.reason')} qa="attendance-refusal">
              <span className="att-refusal">{a.refusalReason}</span>
            </Row>
          )}
          <Row label={t('attendance.health')} qa="attendance-health">
            <span className={a.admitted ? 'att-temp' : 'att-temp high'} data-qa="attendance-temperature">
              {t('attendance.temperature', { value: a.temperature.toFixed(1) })}
            </span>
            <span className="att-observations" data-qa="attendance-observations">
              {a.observations || (a.admitted ? t('attendance.normal') : '')}
            </span>
          </Row>
        </div>
      )}
    </div>
  );
}
