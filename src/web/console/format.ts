// Console-side presentation helpers: opening hours, capacity reasons, mapping server field errors to forms.
import { formatArea } from '../common/i18n.ts';
import type { OpeningHours, Room } from '../common/types.ts';
import { t } from './i18n/index.ts';
import type { ConsoleRules } from './hooks/usePolicy.ts';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** '08:30–17:00' for one weekday, or null when closed. */
export function hoursOn(hours: OpeningHours[], weekday: number): string | null {
  const h = hours.find((x) => x.weekday === weekday);
  return h ? `${h.open}–${h.close}` : null;
}

/** Why a room holds the children it does: '按面积:62 ㎡ ÷ 3 ㎡/人' or '班额上限 20 人'. */
export function capacityBasis(room: Pick<Room, 'areaM2' | 'binding' | 'legalCapacity'>, rules: Pick<ConsoleRules, 'minAreaPerChildM2' | 'maxClassSize'> | undefined): string {
  if (room.binding === 'classSize') return t('rooms.byClassSize', { max: rules?.maxClassSize ?? room.legalCapacity });
  if (!rules) return t('rooms.byAreaUnknown');
  return t('rooms.byArea', { area: formatArea(room.areaM2), per: rules.minAreaPerChildM2 });
}

/** 'body.rooms.0.areaM2' → ['rooms', 0, 'areaM2'] with field aliases of the form. */
export function formPathOf(field: string, aliases: Record<string, (string | number)[]> = {}): (string | number)[] {
  const parts = field.replace(/^(body|querystring|params)\.?/, '').split('.').filter(Boolean);
  const top = parts[0] ?? '';
  if (aliases[top]) return aliases[top];
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** A compact one-line JSON for the audit table. */
export function compactJson(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'object' && Object.keys(value as object).length === 0) return '';
  return JSON.stringify(value);
}
