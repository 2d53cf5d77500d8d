// Booking rules of DOMAIN.md §4 as pure functions: the booking window, the cancellation deadline, the free-session
// ledger and the no-show suspension. The server applies them inside its transactions.
import { addDays, districtInstant, localDateOf, type LocalDate } from './time.ts';
import type { PolicyValues } from './policy.ts';

/** Bookings that still count for the child (limits, overlaps) and for the session (its queue). */
export const LIVE_BOOKING_STATUSES = ['confirmed', 'waitlisted', 'offered'] as const;
/** Bookings that hold one of the session's seats; an `offered` one only until its offer runs out (see `holdsSeat`). */
export const SEAT_HOLDING_STATUSES = ['confirmed', 'offered'] as const;

/** Whether a booking holds its seat at `now`: confirmed, or offered and not yet past the offer's deadline. */
export function holdsSeat(b: { status: string; offeredUntil: Date | null }, now: Date): boolean {
  return b.status === 'confirmed' || (b.status === 'offered' && !!b.offeredUntil && b.offeredUntil > now);
}

type P = Pick<
  PolicyValues,
  | 'booking.windowDays'
  | 'booking.windowOpensAt'
  | 'booking.ownStreetPriorityHours'
  | 'booking.cancelDeadlineHours'
  | 'waitlist.offerHours'
  | 'waitlist.offerWakingStart'
  | 'waitlist.offerWakingEnd'
  | 'noShow.limit'
  | 'noShow.windowDays'
  | 'noShow.suspendDays'
  | 'care.freeSessionsPerYear'
>;

/** Bookings for a session open `windowDays` before its date, at `windowOpensAt` (default 7 days ahead, 09:00). */
export function bookingOpensAt(sessionDate: LocalDate, policy: P): Date {
  return districtInstant(addDays(sessionDate, -policy['booking.windowDays']), policy['booking.windowOpensAt']);
}

/**
 * Own-street priority (§4): when `booking.ownStreetPriorityHours` is set, only children living in the house's street
 * may book until this moment (that many hours after the session's booking opens). Null when the priority is off.
 */
export function ownStreetPriorityUntil(sessionDate: LocalDate, policy: P): Date | null {
  const hours = policy['booking.ownStreetPriorityHours'];
  return hours > 0 ? new Date(bookingOpensAt(sessionDate, policy).getTime() + hours * 3600_000) : null;
}

/** Cancelling at least `cancelDeadlineHours` before the start returns the free session (or the fee). */
export function isTimelyCancellation(startsAt: Date, now: Date, policy: P): boolean {
  return now.getTime() <= freeCancellationUntil(startsAt, policy).getTime();
}

/** The last moment a cancellation is timely (what the guardian is shown; `isTimelyCancellation` applies it). */
export function freeCancellationUntil(startsAt: Date, policy: P): Date {
  return new Date(startsAt.getTime() - policy['booking.cancelDeadlineHours'] * 3600_000);
}

/**
 * How long a freed seat is held for the first child on the waiting list: `waitlist.offerHours` counted in waking
 * hours only (district time, from `waitlist.offerWakingStart` to `waitlist.offerWakingEnd`), never past the session's
 * start. An offer made at 22:56 with 2 hours starts counting at 08:00 and runs out at 10:00 the next day; one whose
 * session starts before then runs out at the start.
 */
export function offerDeadline(now: Date, startsAt: Date, policy: P): Date {
  const end = startsAt.getTime();
  let remaining = policy['waitlist.offerHours'] * 3600_000;
  let t = now.getTime();
  // One day's waking window per turn; the hold is at most 48 h and a window at least a minute, so this ends.
  for (let day = localDateOf(now); t < end; day = addDays(day, 1)) {
    const opens = districtInstant(day, policy['waitlist.offerWakingStart']).getTime();
    const closes = districtInstant(day, policy['waitlist.offerWakingEnd']).getTime();
    const from = Math.max(t, opens);
    if (from < closes) {
      if (from + remaining <= closes) return new Date(Math.min(from + remaining, end));
      remaining -= closes - from;
    }
    t = Math.max(t, closes);
  }
  return new Date(end);
}

/** One line of the free-session ledger: -1 when a free seat is confirmed, +1 when it is returned. */
export interface LedgerEntry {
  bookingId: string;
  amount: -1 | 1;
}

export interface Entitlement {
  freeTotal: number;
  used: number;
  remaining: number;
}

/** The balance is always derived from the entries, never kept as a counter. */
export function entitlementOf(entries: LedgerEntry[], freeTotal: number): Entitlement {
  return entitlementFromLedgerSum(
    entries.reduce((sum, e) => sum + e.amount, 0),
    freeTotal,
  );
}

/** The same from the sum of the entries (as the database adds them up). */
export function entitlementFromLedgerSum(sum: number, freeTotal: number): Entitlement {
  const used = -sum;
  return { freeTotal, used, remaining: Math.max(0, freeTotal - used) };
}

/** The price of a paid session: the house's hourly price × the session's length, in fen. */
export function sessionPriceFen(hourlyPriceFen: number, startsAt: Date, endsAt: Date): number {
  return Math.round((hourlyPriceFen * (endsAt.getTime() - startsAt.getTime())) / 3600_000);
}

/**
 * After a no-show: if the family has `limit` no-shows within `windowDays`, online booking is suspended for
 * `suspendDays` from now. Returns the end of the suspension, or null.
 */
export function suspensionAfterNoShow(noShowTimes: Date[], now: Date, policy: P): Date | null {
  const since = now.getTime() - policy['noShow.windowDays'] * 86_400_000;
  const recent = noShowTimes.filter((t) => t.getTime() > since && t.getTime() <= now.getTime());
  return recent.length >= policy['noShow.limit'] ? new Date(now.getTime() + policy['noShow.suspendDays'] * 86_400_000) : null;
}
