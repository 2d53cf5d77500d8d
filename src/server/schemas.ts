// Schemas shared by several modules' routes. Every module's dates and times come from here, so an impossible
// value (2026-13-45, 25:00) is refused at the schema with the field named, before it can reach the database.
import { z } from 'zod';

export const uuid = z.uuid();
export const idParams = z.strictObject({ id: z.uuid() });

/** A real calendar date 'YYYY-MM-DD' (years 1900–2999): 2026-02-29 and 2026-13-45 are refused. */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    if (y < 1900 || y > 2999) return false;
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'YYYY-MM-DD');

export const timeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:mm');
export const phone = z.string().regex(/^1[3-9]\d{9}$/);
export const ok = z.object({ ok: z.literal(true) });

/** The first string inside a request part that holds a NUL character, as a dotted path ('' for the part itself). */
export function pathOfNul(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes('\u0000')) return [...path, k.replaceAll('\u0000', '\\0')].join('.');
    const found = pathOfNul(v, [...path, k], depth + 1);
    if (found !== null) return found;
  }
  return null;
}
