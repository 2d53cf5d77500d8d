// Opening hours as parents read them, in the district's time zone whatever the phone's zone.
import type { OpeningHours } from '../common/types.ts';
import { catalogs } from '../../shared/i18n/index.ts';
import { locale } from './i18n/index.ts';
import { DISTRICT_TIME_ZONE as TIME_ZONE } from '../../shared/timeZone.ts';

const WEEKDAY_INDEX: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Today's ISO weekday (1 = Monday … 7 = Sunday) and the time of day 'HH:mm' in Shanghai. */
export function shanghaiNow(now: Date = new Date()): { weekday: number; time: string } {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(now)) p[part.type] = part.value;
  return { weekday: WEEKDAY_INDEX[p.weekday] ?? 1, time: `${p.hour}:${p.minute}` };
}

export function hoursOn(hours: OpeningHours[], weekday: number): OpeningHours | undefined {
  return hours.find((h) => h.weekday === weekday);
}

/** The next day after `weekday` on which the house opens, within a week: its weekday and hours. */
export function nextOpening(hours: OpeningHours[], weekday: number): OpeningHours | undefined {
  for (let i = 1; i <= 7; i++) {
    const h = hoursOn(hours, ((weekday - 1 + i) % 7) + 1);
    if (h) return h;
  }
  return undefined;
}

/** Whether the house is open at this moment. */
export function isOpenNow(hours: OpeningHours[], now: Date = new Date()): boolean {
  const { weekday, time } = shanghaiNow(now);
  const today = hoursOn(hours, weekday);
  return !!today && today.open <= time && time < today.close;
}

/** 周一 … 周日 (index 1..7). */
export function weekdayName(weekday: number): string {
  return catalogs[locale].weekdays[weekday] ?? '';
}

/** 08:30–17:00 */
export function span(h: OpeningHours): string {
  return `${h.open}–${h.close}`;
}
