// Booking rules of DOMAIN.md §4 as pure functions: the booking window, the cancellation deadline, the free-session
// ledger and the no-show suspension. The server applies them inside its transactions.
import { addDays, districtInstant, type LocalDate } from './time.ts';
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

/** How long a freed seat is held for the first child on the waiting list: the offer window, never past the start. */
export function offerDeadline(now: Date, startsAt: Date, policy: P): Date {
  return new Date(Math.min(now.getTime() + policy['waitlist.offerHours'] * 3600_000, startsAt.getTime()));
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
