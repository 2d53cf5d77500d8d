// The day's rules of DOMAIN.md §5.3 and R2: when check-in is open, the fever threshold, care time and its flags.
import { describe, expect, it } from 'vitest';
import { attendanceFlags, careMinutes, checkInOpen, isFever } from '../../src/domain/attendance.ts';

const at = (time: string) => new Date(`2026-12-01T${time}:00+08:00`);
const session = { startsAt: at('09:00'), endsAt: at('11:00') };

describe('check-in window', () => {
  it('opens 30 minutes before the start and closes at the end', () => {
    expect(checkInOpen(session, at('08:29'))).toBe(false);
    expect(checkInOpen(session, at('08:30'))).toBe(true);
    expect(checkInOpen(session, at('10:59'))).toBe(true);
    expect(checkInOpen(session, at('11:00'))).toBe(false);
  });
});

describe('fever at the morning check', () => {
  it('is a fever at or above the threshold, in tenths of a degree', () => {
    expect(isFever(37.2, 37.3)).toBe(false);
    expect(isFever(37.3, 37.3)).toBe(true);
    expect(isFever(37.299999, 37.3)).toBe(true);
    expect(isFever(38.5, 37.5)).toBe(true);
  });
});

describe('care time (R2)', () => {
  it('adds closed stays and an open stay up to now', () => {
    expect(
      careMinutes(
        [
          { inAt: at('09:00'), outAt: at('11:00') },
          { inAt: at('14:00'), outAt: null },
        ],
        at('15:30'),
      ),
    ).toBe(210);
  });
  it('flags more care in a day than the policy allows, and not the limit itself', () => {
    const base = { checkedIn: true, checkedOut: true, sessionEndsAt: at('11:00'), maxHoursPerDay: 4 };
    expect(attendanceFlags({ ...base, minutesToday: 240 }, at('12:00')).overDailyLimit).toBe(false);
    expect(attendanceFlags({ ...base, minutesToday: 241 }, at('12:00')).overDailyLimit).toBe(true);
  });
  it('flags a child still in after the session ended, not one picked up or never come', () => {
    const base = { sessionEndsAt: at('11:00'), minutesToday: 0, maxHoursPerDay: 4 };
    expect(attendanceFlags({ ...base, checkedIn: true, checkedOut: false }, at('11:01')).overdue).toBe(true);
    expect(attendanceFlags({ ...base, checkedIn: true, checkedOut: false }, at('10:59')).overdue).toBe(false);
    expect(attendanceFlags({ ...base, checkedIn: true, checkedOut: true }, at('11:01')).overdue).toBe(false);
    expect(attendanceFlags({ ...base, checkedIn: false, checkedOut: false }, at('11:01')).overdue).toBe(false);
  });
});
