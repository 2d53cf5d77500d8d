// Console-side presentation helpers: opening hours, capacity reasons, mapping server field errors to forms.
import { formatArea } from '../common/i18n.ts';
import type { OpeningHours, Room } from '../common/types.ts';
import { t } from './i18n/index.ts';
import type { ConsoleRules } from './hooks/usePolicy.ts';
import { DISTRICT_TIME_ZONE } from '../../shared/timeZone.ts';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** '08:30–17:00' for one weekday, or null when closed. */
export function hoursOn(hours: OpeningHours[], weekday: number): string | null {
  const h = hours.find((x) => x.weekday === weekday);
  return h ? `${h.open}–${h.close}` : null;
}

/** Why a room holds the children it does: '按面积:62 ㎡ ÷ 3 ㎡/人' or '班额上限 20 人'. */
export function capacityBasis(
  room: Pick<Room, 'areaM2' | 'binding' | 'legalCapacity'>,
  rules: Pick<ConsoleRules, 'minAreaPerChildM2' | 'maxClassSize'> | undefined,
): string {
  if (room.binding === 'classSize') return t('rooms.byClassSize', { max: rules?.maxClassSize ?? room.legalCapacity });
  if (!rules) return t('rooms.byAreaUnknown');
  return t('rooms.byArea', { area: formatArea(room.areaM2), per: rules.minAreaPerChildM2 });
}

/** 'body.rooms.0.areaM2' → ['rooms', 0, 'areaM2'] with field aliases of the form. */
export function formPathOf(field: string, aliases: Record<string, (string | number)[]> = {}): (string | number)[] {
  const parts = field
    .replace(/^(body|query|querystring|params)\.?/, '')
    .split('.')
    .filter(Boolean);
  const top = parts[0] ?? '';
  if (aliases[top]) return aliases[top];
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** 20 → '1岁8个月', 12 → '1岁', 8 → '8个月'. */
export function ageText(months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (y === 0) return t('age.months', { m });
  return m === 0 ? t('age.years', { y }) : t('age.yearsMonths', { y, m });
}

const TIME_FMT = new Intl.DateTimeFormat('en-GB', { timeZone: DISTRICT_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant → '09:30' in the district's time zone. */
export function timeOf(iso: string): string {
  return TIME_FMT.format(new Date(iso));
}

/** '09:00–11:00' from two instants. */
export function timeRange(startsAt: string, endsAt: string): string {
  return `${timeOf(startsAt)}–${timeOf(endsAt)}`;
}

/** Whole days from one calendar date ('YYYY-MM-DD') to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const d = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((d(to) - d(from)) / 86_400_000);
}

/** 'YYYY-MM-DD' plus n days. */
export function addDaysTo(date: string, n: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + n));
  return d.toISOString().slice(0, 10);
}

/** The calendar date of an instant in the district ('YYYY-MM-DD'). */
export function districtDateOf(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISTRICT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}
