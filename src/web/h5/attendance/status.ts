// Where a child is in today's session, as the parent reads it: expected (未入园), in (已入园), gone home (已离园),
// turned away at the morning health check (晨检未通过), or not come to a session that is over.
import type { FamilyChildDay, FamilySessionDay } from './store.ts';

export type DayStatus = 'waiting' | 'missed' | 'in' | 'out' | 'refused';

/** Check-in opens this long before a session starts (the server's rule, see AttendanceSession.checkInOpen). */
export const CHECK_IN_LEAD_MS = 30 * 60_000;

export function sessionStatus(s: FamilySessionDay, now: number): DayStatus {
  const a = s.attendance;
  if (!a) return new Date(s.endsAt).getTime() <= now ? 'missed' : 'waiting';
  if (!a.admitted) return 'refused';
  return a.checkedOutAt ? 'out' : 'in';
}

/** A pickup code is worth having while a child is in, or still expected today. */
export const wantsPickupCode = (child: FamilyChildDay, now: number) =>
  child.sessions.some((s) => {
    const status = sessionStatus(s, now);
    return status === 'in' || status === 'waiting';
  });

/** While a child is expected or in, the day is worth asking again every minute. */
export const isLiveDay = (children: FamilyChildDay[], now: number) => children.some((c) => wantsPickupCode(c, now));
