// A few bookings so the demo's screens are not empty: the demo guardian's children booked into coming sessions.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { bookSeat } from '../../server/modules/bookings/engine.ts';
import { addDays, districtInstant, localDateOf, type Clock } from '../../domain/time.ts';
import type { FieldCipher } from '../../server/crypto.ts';

export async function seedDemoBookings(db: Kysely<DB>, cipher: FieldCipher, now: Date): Promise<void> {
  const clock: Clock = { now: () => now };
  const children = await db
    .selectFrom('child as c')
    .innerJoin('family as f', 'f.id', 'c.family_id')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .select(['c.id', 'c.name', 'f.street_id', 'u.id as guardian_id', 'u.role'])
    .where('f.status', '=', 'accepted')
    .orderBy('c.birth_date')
    .execute();
  const today = localDateOf(now);
  for (const [i, child] of children.entries()) {
    // The second and fourth session ahead in the child's own street.
    const sessions = await db
      .selectFrom('care_session as s')
      .innerJoin('house as h', 'h.id', 's.house_id')
      .select(['s.id'])
      .where('h.street_id', '=', child.street_id)
      .where('s.date', '>', today)
      .where('s.status', '=', 'scheduled')
      .where('s.starts_at', '>', now)
      .orderBy('s.starts_at')
      .limit(6)
      .execute();
    for (const s of [sessions[1 + (i % 2)], sessions[4]].filter(Boolean)) {
      await bookSeat(db, clock, {
        sessionId: s.id,
        childId: child.id,
        actor: { id: child.guardian_id, role: 'guardian' },
        source: { actor: { id: child.guardian_id, role: 'guardian' } },
      }).catch(() => undefined); // outside the booking window or otherwise refused: the demo simply has fewer bookings
    }
  }
  await seedDemoDay(db, cipher, now);
}

/**
 * When the platform starts while a session of 四川北路 is under way, the carers' 今日看护 page shows it live: the
 * demo guardian's two children were booked the day before and are checked in with the morning health check.
 */
async function seedDemoDay(db: Kysely<DB>, cipher: FieldCipher, now: Date): Promise<void> {
  const session = await db
    .selectFrom('care_session as s')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .select(['s.id', 's.date', 's.starts_at'])
    .where('h.name', 'like', '四川北路%')
    .where('s.status', '=', 'scheduled')
    .where('s.ends_at', '>', now)
    .orderBy('s.starts_at')
    .limit(1)
    .executeTakeFirst();
  const carer = await db.selectFrom('app_user').select('id').where('username', '=', 'carer.scbl').executeTakeFirst();
  const checkedInAt = session && new Date(new Date(session.starts_at).getTime() + 5 * 60_000);
  if (!session || !carer || !checkedInAt || checkedInAt > now) return;
  const children = await db
    .selectFrom('child as c')
    .innerJoin('family as f', 'f.id', 'c.family_id')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .select(['c.id', 'f.guardian_user_id', 'f.guardian_name'])
    .where('u.phone', '=', '13800000001')
    .orderBy('c.birth_date')
    .execute();
  const dayBefore: Clock = { now: () => districtInstant(addDays(session.date, -1), '10:00') };
  const health = [
    { temperature: 36.5, observations: '精神好,咽部无红肿' },
    { temperature: 36.7, observations: '精神好' },
  ];
  for (const [i, child] of children.entries()) {
    const booked = await bookSeat(db, dayBefore, {
      sessionId: session.id,
      childId: child.id,
      actor: { id: child.guardian_user_id, role: 'guardian' },
      source: { actor: { id: child.guardian_user_id, role: 'guardian' } },
    }).catch(() => null);
    if (booked?.status !== 'confirmed') continue;
    await db
      .insertInto('attendance')
      .values({
        booking_id: booked.id,
        session_id: session.id,
        child_id: child.id,
        admitted: true,
        health_enc: cipher.encrypt(JSON.stringify({ ...health[i % health.length], refusalReason: null })),
        brought_by: child.guardian_name,
        checked_in_at: checkedInAt,
        checked_in_by: carer.id,
      })
      .execute();
  }
}
