// Coming sessions grouped by day (2026年12月2日 周三 · 明天): each with its time, service type, room (and house when
// the list spans a street), the seats left or the waiting list, or when booking opens; the family's own bookings
// are marked. The button opens the booking page.
import { Button } from 'antd-mobile';
import { useNavigate } from 'react-router';
import type { MyBooking, PublicSession } from '../../common/bookingTypes.ts';
import { formatDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { dayLabel, monthDayTime, sessionHours, timeOf } from './format.ts';
import { isLive } from './store.ts';

export type SessionState = 'open' | 'full' | 'notOpen';

/** Open with seats, full (waiting list), or not open for booking yet. `now` is the phone's clock. */
export function sessionState(s: PublicSession, now = Date.now()): SessionState {
  if (!s.bookable && now < new Date(s.bookingOpensAt).getTime()) return 'notOpen';
  return s.seatsLeft > 0 ? 'open' : 'full';
}

/** 余 3 位 / 已满,可候补 · 2 人排队 / 12月2日 09:00 开放预约 */
export function seatsText(s: PublicSession, state = sessionState(s)): string {
  if (state === 'notOpen') return t('sessions.opensAt', { time: monthDayTime(s.bookingOpensAt) });
  if (state === 'full') return s.waitlisted > 0 ? t('sessions.fullQueue', { n: s.waitlisted }) : t('sessions.fullNoQueue');
  return t('sessions.seatsLeft', { n: s.seatsLeft });
}

export const bookPath = (s: PublicSession) => `/book/${s.id}`;

export function ServiceTag({ type }: { type: PublicSession['serviceType'] }) {
  return (
    <span className={`service-tag ${type}`} data-qa="service-type">
      {t(`sessions.serviceType.${type}`)}
    </span>
  );
}

function statusWord(b: MyBooking): string {
  return b.status === 'waitlisted' ? t('bookings.status.waitlisted', { n: b.queuePosition ?? '' }) : t(`bookings.status.${b.status}`);
}

export function SessionCard({ session: s, showHouse, mine }: { session: PublicSession; showHouse: boolean; mine: MyBooking[] }) {
  const navigate = useNavigate();
  const state = sessionState(s);
  const open = () => navigate(bookPath(s));
  return (
    <div
      className={`session-card state-${state}`}
      data-qa="session-card"
      data-session-id={s.id}
      data-state={state}
      // A tap anywhere on the card opens the booking; keyboards and screen readers use the card's own book button
      // (a button inside a button is announced as neither).
      onClick={open}
    >
      <div className="session-time">
        <span className="session-start" data-qa="session-time">
          {timeOf(s.startsAt)}
        </span>
        <span className="session-end">{timeOf(s.endsAt)}</span>
      </div>
      <div className="session-main">
        <div className="session-title">
          {showHouse ? (
            <span className="session-house" data-qa="session-house">
              {s.houseName}
            </span>
          ) : (
            <span className="session-room" data-qa="session-room">
              {s.roomName}
            </span>
          )}
        </div>
        <div className="session-sub">
          <ServiceTag type={s.serviceType} />
          <span>
            {showHouse && <span data-qa="session-room">{s.roomName} · </span>}
            {t('sessions.hours', { n: sessionHours(s) })}
          </span>
        </div>
        <div className={`session-seats ${state}`} data-qa="session-seats">
          {seatsText(s, state)}
        </div>
        {mine.length > 0 && (
          <div className="session-mine">
            {mine.map((b) => (
              <span key={b.id} className={`mine-chip status-${b.status}`} data-qa="session-mine">
                {t('sessions.mine', { child: b.childName, status: statusWord(b) })}
              </span>
            ))}
          </div>
        )}
      </div>
      <Button
        size="small"
        shape="rounded"
        color="primary"
        fill={state === 'open' ? 'solid' : 'outline'}
        className={`book-button ${state}`}
        data-qa="book-button"
        onClick={(e) => {
          e.stopPropagation();
          open();
        }}
      >
        {state === 'open' ? t('sessions.book') : state === 'full' ? t('sessions.waitlist') : t('sessions.notOpen')}
      </Button>
    </div>
  );
}

/** Sessions by day, each day a card headed by its date. */
export function SessionList({
  sessions,
  today,
  showHouse = false,
  bookings = [],
}: {
  sessions: PublicSession[];
  today: string;
  showHouse?: boolean;
  bookings?: MyBooking[];
}) {
  const days = new Map<string, PublicSession[]>();
  for (const s of sessions) days.set(s.date, [...(days.get(s.date) ?? []), s]);
  const live = bookings.filter(isLive);
  return (
    <div className="session-list" data-qa="session-list">
      {[...days.entries()].map(([date, list]) => {
        const label = dayLabel(date, today);
        return (
          <section key={date} className="card day-card" data-qa="session-day" data-date={date}>
            <h3 className="day-head">
              <span data-qa="session-day-title">{formatDateZh(date)}</span>
              {label && <span className="day-badge">{label}</span>}
            </h3>
            {list.map((s) => (
              <SessionCard key={s.id} session={s} showHouse={showHouse} mine={live.filter((b) => b.sessionId === s.id)} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
