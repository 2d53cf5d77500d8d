// Dates and times of day in the district's time zone (named in src/shared/timeZone.ts).
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

import { DISTRICT_TIME_ZONE } from '../shared/timeZone.ts';

export { DISTRICT_TIME_ZONE };

/** The injected clock: every "now" in the platform comes from here, so tests can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that tests (and the development-only test API) can set and advance. */
export class MovableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  set(to: Date): void {
    this.offsetMs = to.getTime() - this.base.now().getTime();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

/** A calendar date in the district, as 'YYYY-MM-DD'. */
export type LocalDate = string;

export function inDistrict(instant: Date | string | number): Dayjs {
  return dayjs(instant).tz(DISTRICT_TIME_ZONE);
}

/** The district's calendar date of an instant. */
export function localDateOf(instant: Date): LocalDate {
  return inDistrict(instant).format('YYYY-MM-DD');
}

/** The instant at which a district wall-clock time happens, e.g. ('2026-12-01', '09:00'). */
export function districtInstant(date: LocalDate, timeOfDay = '00:00'): Date {
  return dayjs.tz(`${date} ${timeOfDay}`, 'YYYY-MM-DD HH:mm', DISTRICT_TIME_ZONE).toDate();
}

export function isValidLocalDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value, 'YYYY-MM-DD', true).isValid();
}

export function minutesOfDay(timeOfDay: string): number {
  const [h, m] = timeOfDay.split(':').map(Number);
  return h * 60 + m;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dayjs(date, 'YYYY-MM-DD').add(days, 'day').format('YYYY-MM-DD');
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const d = dayjs(date, 'YYYY-MM-DD').day();
  return d === 0 ? 7 : d;
}

/** Whole months between a birth date and a date (as an age on that date). */
export function ageInMonths(birthDate: LocalDate, on: LocalDate): number {
  return dayjs(on, 'YYYY-MM-DD').diff(dayjs(birthDate, 'YYYY-MM-DD'), 'month');
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  return dayjs(date, 'YYYY-MM-DD').add(months, 'month').format('YYYY-MM-DD');
}
