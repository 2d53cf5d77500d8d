// Times of sessions and bookings as parents read them, always in the district's time zone (Asia/Shanghai)
// whatever the phone's zone: 09:00–11:00, 12月2日 09:00, 剩余 1小时58分.
import { addDays, inDistrict } from '../../../domain/time.ts';
import { formatYuan } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';

export { addDays, formatYuan };

/** '09:00' */
export const timeOf = (iso: string) => inDistrict(iso).format('HH:mm');

/** '09:00–11:00' */
export const timeSpan = (s: { startsAt: string; endsAt: string }) => `${timeOf(s.startsAt)}–${timeOf(s.endsAt)}`;

/** '12月2日 09:00' */
export function monthDayTime(iso: string): string {
  const d = inDistrict(iso);
  return t('time.monthDayTime', { m: d.month() + 1, d: d.date(), time: d.format('HH:mm') });
}

/** Length of a session in hours: 2, 1.5 */
export function sessionHours(s: { startsAt: string; endsAt: string }): number {
  return Math.round(((new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime()) / 3600_000) * 10) / 10;
}

/** '今天' / '明天' for the district's today and the day after, otherwise ''. */
export function dayLabel(date: string, today: string): string {
  if (date === today) return t('sessions.today');
  if (date === addDays(today, 1)) return t('sessions.tomorrow');
  return '';
}

/** What is left of a wait, for countdowns: '1小时58分', '4分12秒', '35秒'. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t('time.hm', { h, m });
  if (m > 0) return t('time.ms', { m, s });
  return t('time.s', { s });
}

/** Walking distance: '640 米', '1.3 公里'. */
export function distanceText(metres: number): string {
  if (metres < 50) return t('nearby.here');
  return metres < 1000 ? t('nearby.metres', { n: Math.round(metres / 10) * 10 }) : t('nearby.km', { n: (metres / 1000).toFixed(1) });
}
