// The daily work of a session (DOMAIN.md §5.3, R2): when check-in is open, the morning check's fever rule, and the
// flags a carer must see — a child still in after the end, a child past the day's hours of care.

/** Check-in opens this long before a session starts (families arrive early) and closes at its end. */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 30;

export function checkInOpen(session: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  return now.getTime() >= session.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000 && now < session.endsAt;
}

export function isFever(temperatureCelsius: number, thresholdCelsius: number): boolean {
  // Compare in tenths of a degree so 37.3 read from a form is never 37.299999.
  return Math.round(temperatureCelsius * 10) >= Math.round(thresholdCelsius * 10);
}

/** Minutes of care a child had (or is having) in the given stays, counting an open stay up to now. */
export function careMinutes(stays: { inAt: Date; outAt: Date | null }[], now: Date): number {
  return stays.reduce((sum, s) => sum + Math.max(0, ((s.outAt ?? now).getTime() - s.inAt.getTime()) / 60_000), 0);
}

export interface AttendanceFlags {
  /** Still checked in after the session's end. */
  overdue: boolean;
  /** More care today than R2 allows. */
  overDailyLimit: boolean;
}

export function attendanceFlags(
  input: { checkedIn: boolean; checkedOut: boolean; sessionEndsAt: Date; minutesToday: number; maxHoursPerDay: number },
  now: Date,
): AttendanceFlags {
  return {
    overdue: input.checkedIn && !input.checkedOut && now > input.sessionEndsAt,
    overDailyLimit: input.minutesToday > input.maxHoursPerDay * 60,
  };
}
