// The SQL of the bookings module (no HTTP, no policy decisions), and the one definition of "holds a seat" in SQL
// that other modules read too, kept in step with `holdsSeat` in src/domain/booking.ts.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../db/schema.ts';

/**
 * A condition on a booking row aliased `alias`: it holds its session's seat at `now` (confirmed, or offered and the
 * offer not yet run out — an expired offer frees its seat on read, before the job marks it expired).
 */
export function holdsSeatSql(alias: string, now: Date): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<boolean>`(${col('status')} = 'confirmed' OR (${col('status')} = 'offered' AND ${col('offered_until')} > ${now}))`;
}

/** Coming scheduled sessions of active houses between two dates, with the seats held now and the queue. */
export async function publicSessions(
  db: Kysely<DB>,
  now: Date,
  filter: { from?: string; to?: string; houseId?: string; street?: string; sessionId?: string },
) {
  let q = db
    .selectFrom('care_session as s')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .innerJoin('street as st', 'st.id', 'h.street_id')
    .innerJoin('room as r', 'r.id', 's.room_id')
    .select([
      's.id',
      's.house_id',
      'h.name as house_name',
      'h.street_id',
      'st.name as street_name',
      'r.name as room_name',
      's.date',
      's.starts_at',
      's.ends_at',
      's.service_type',
      's.capacity',
      'h.hourly_price_fen',
      (eb) =>
        eb
          .selectFrom('booking as b')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('b.session_id', '=', 's.id')
          .where(holdsSeatSql('b', now))
          .as('taken'),
      (eb) =>
        eb
          .selectFrom('booking as b')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('b.session_id', '=', 's.id')
          .where('b.status', '=', 'waitlisted')
          .as('waiting'),
    ])
    .where('s.status', '=', 'scheduled')
    .where('h.status', '=', 'active')
    .where('s.starts_at', '>', now);
  if (filter.from) q = q.where('s.date', '>=', filter.from);
  if (filter.to) q = q.where('s.date', '<=', filter.to);
  if (filter.sessionId) q = q.where('s.id', '=', filter.sessionId);
  if (filter.houseId) q = q.where('s.house_id', '=', filter.houseId);
  if (filter.street) q = q.where('h.street_id', '=', filter.street);
  return q.orderBy('s.starts_at').orderBy('h.name').limit(2000).execute();
}

/** Operating houses that have a location. */
export function housesWithLocation(db: Kysely<DB>) {
  return db
    .selectFrom('house as h')
    .innerJoin('street as s', 's.id', 'h.street_id')
    .select(['h.id', 'h.name', 's.name as street_name', 'h.address', 'h.latitude', 'h.longitude'])
    .where('h.status', '=', 'active')
    .where('h.latitude', 'is not', null)
    .execute();
}

/** A child's guardian (for the scope check). */
export function childGuardian(db: Kysely<DB>, childId: string) {
  return db
    .selectFrom('child as c')
    .innerJoin('family as f', 'f.id', 'c.family_id')
    .select(['c.id', 'f.guardian_user_id'])
    .where('c.id', '=', childId)
    .executeTakeFirst();
}

/** A booking's guardian (for the scope check). */
export function bookingGuardian(db: Kysely<DB>, bookingId: string) {
  return db
    .selectFrom('booking as b')
    .innerJoin('family as f', 'f.id', 'b.family_id')
    .select(['b.id', 'f.guardian_user_id'])
    .where('b.id', '=', bookingId)
    .executeTakeFirst();
}

/**
 * A guardian's bookings, coming (soonest first) or past (latest first, including a visit of today the child has
 * gone home from), with each waiting one's place in line.
 */
export async function guardianBookings(db: Kysely<DB>, guardianUserId: string, scope: 'upcoming' | 'past', now: Date) {
  let q = db
    .selectFrom('booking as b')
    .innerJoin('family as f', 'f.id', 'b.family_id')
    .innerJoin('child as c', 'c.id', 'b.child_id')
    .innerJoin('care_session as s', 's.id', 'b.session_id')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .innerJoin('room as r', 'r.id', 's.room_id')
    .leftJoin('attendance as a', 'a.booking_id', 'b.id')
    .select([
      'b.id',
      'b.status',
      'b.child_id',
      'c.name as child_name',
      'b.session_id',
      's.house_id',
      'h.name as house_name',
      'h.address',
      'r.name as room_name',
      's.date',
      's.starts_at',
      's.ends_at',
      's.service_type',
      'b.free',
      'b.price_fen',
      'b.offered_until',
      'b.cancel_reason',
      (eb) =>
        eb
          .selectFrom('booking as w')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('w.session_id', '=', 'b.session_id')
          .where('w.status', '=', 'waitlisted')
          .whereRef('w.queue_position', '<=', 'b.queue_position')
          .as('position'),
    ])
    .where('f.guardian_user_id', '=', guardianUserId);
  // A visit is over when its session has ended or the child has gone home (checked out) before the end.
  q =
    scope === 'upcoming'
      ? q.where('s.ends_at', '>', now).where('a.checked_out_at', 'is', null).orderBy('s.starts_at', 'asc')
      : q.where((eb) => eb.or([eb('s.ends_at', '<=', now), eb('a.checked_out_at', 'is not', null)])).orderBy('s.starts_at', 'desc');
  return q.limit(200).execute();
}

/** The house and street of a booking (for the scope check). */
export function bookingScope(db: Kysely<DB>, bookingId: string) {
  return db
    .selectFrom('booking as b')
    .innerJoin('care_session as s', 's.id', 'b.session_id')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .select(['b.id', 's.house_id', 'h.street_id'])
    .where('b.id', '=', bookingId)
    .executeTakeFirst();
}

/** The house, street and date of a session (for the scope check). */
export function sessionScope(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('care_session as s')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .select(['s.id', 's.house_id', 'h.street_id', 's.date'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** Who is booked into a session (every status but cancelled), in queue order. */
export function sessionBookings(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('booking as b')
    .innerJoin('child as c', 'c.id', 'b.child_id')
    .select(['b.id', 'b.status', 'b.child_id', 'c.name', 'c.birth_date', 'b.queue_position', 'b.free', 'b.offered_until'])
    .where('b.session_id', '=', sessionId)
    .where('b.status', '<>', 'cancelled')
    .orderBy('b.queue_position')
    .execute();
}
