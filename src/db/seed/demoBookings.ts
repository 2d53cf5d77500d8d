// A few bookings so the demo's screens are not empty: the demo guardian's children booked into coming sessions.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { bookSeat } from '../../server/modules/bookings/engine.ts';
import { localDateOf, type Clock } from '../../domain/time.ts';

export async function seedDemoBookings(db: Kysely<DB>, now: Date): Promise<void> {
  const clock: Clock = { now: () => now };
  const children = await db.selectFrom('child as c').innerJoin('family as f', 'f.id', 'c.family_id').innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .select(['c.id', 'c.name', 'f.street_id', 'u.id as guardian_id', 'u.role']).where('f.status', '=', 'accepted').orderBy('c.birth_date').execute();
  const today = localDateOf(now);
  for (const [i, child] of children.entries()) {
    // The second and fourth session ahead in the child's own street.
    const sessions = await db.selectFrom('care_session as s').innerJoin('house as h', 'h.id', 's.house_id').select(['s.id'])
      .where('h.street_id', '=', child.street_id).where('s.date', '>', today).where('s.status', '=', 'scheduled')
      .where('s.starts_at', '>', now).orderBy('s.starts_at').limit(6).execute();
    for (const s of [sessions[1 + (i % 2)], sessions[4]].filter(Boolean)) {
      await bookSeat(db, clock, { sessionId: s.id, childId: child.id, actor: { id: child.guardian_id, role: 'guardian' }, source: { actor: null } })
        .catch(() => undefined); // outside the booking window or otherwise refused: the demo simply has fewer bookings
    }
  }
}
