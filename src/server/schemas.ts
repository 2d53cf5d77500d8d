// Schemas shared by several modules' routes.
import { z } from 'zod';

export const uuid = z.uuid();
export const idParams = z.strictObject({ id: z.uuid() });
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const timeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:mm');
export const phone = z.string().regex(/^1[3-9]\d{9}$/);
export const ok = z.object({ ok: z.literal(true) });
