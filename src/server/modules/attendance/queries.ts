// SQL of the attendance module (reads): the attendance records, the family's day, pickup codes and people.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { LocalDate } from '../../../domain/time.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Display names of staff accounts by id. */
export async function namesOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  const rows = list.length ? await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', list).execute() : [];
  return new Map(rows.map((u) => [u.id, u.display_name]));
}

export async function attendanceRow(db: Db, attendanceId: string) {
  return db.selectFrom('attendance').selectAll().where('id', '=', attendanceId).executeTakeFirstOrThrow();
}

export async function attendanceIdOfBooking(db: Db, bookingId: string) {
  return db.selectFrom('attendance').select(['id', 'admitted']).where('booking_id', '=', bookingId).executeTakeFirst();
}

export async function houseName(db: Db, houseId: string) {
  return (await db.selectFrom('house').select('name').where('id', '=', houseId).executeTakeFirstOrThrow()).name;
}

/** An attendance record with the session's house and the child's family, as a check-out needs them. */
export async function attendanceForCheckOut(db: Db, attendanceId: string) {
  return db
    .selectFrom('attendance as a')
    .innerJoin('care_session as s', 's.id', 'a.session_id')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .innerJoin('child as c', 'c.id', 'a.child_id')
    .innerJoin('family as f', 'f.id', 'c.family_id')
    .select([
      'a.id',
      'a.admitted',
      'a.checked_out_at',
      'a.child_id',
      'a.session_id',
      's.house_id',
      'h.street_id',
      'f.id as family_id',
      'f.guardian_user_id',
      'f.guardian_name',
      'c.name as child_name',
      'h.name as house_name',
    ])
    .where('a.id', '=', attendanceId)
    .executeTakeFirst();
}

/** The child's newest pickup code still unused and valid. */
export async function livePickupCode(db: Db, childId: string, now: Date) {
  return db
    .selectFrom('pickup_code')
    .select(['id', 'code_hash'])
    .where('child_id', '=', childId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function pickupPersonOfFamily(db: Db, personId: string, familyId: string) {
  return db
    .selectFrom('pickup_person')
    .select(['id', 'name', 'relation'])
    .where('id', '=', personId)
    .where('family_id', '=', familyId)
    .executeTakeFirst();
}

export async function sessionWithStreet(db: Db, sessionId: string) {
  return db
    .selectFrom('care_session as s')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .select(['s.id', 's.house_id', 's.date', 'h.street_id'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function familyOfGuardian(db: Db, userId: string) {
  return db.selectFrom('family').select(['id', 'guardian_user_id']).where('guardian_user_id', '=', userId).executeTakeFirst();
}

export async function childrenOfFamily(db: Db, familyId: string) {
  return db.selectFrom('child').select(['id', 'name']).where('family_id', '=', familyId).orderBy('birth_date').execute();
}

/** The family's confirmed or no-show bookings on a day in scheduled sessions, with the attendance record's id. */
export async function familyBookingsOn(db: Db, familyId: string, date: LocalDate) {
  return db
    .selectFrom('booking as b')
    .innerJoin('care_session as s', 's.id', 'b.session_id')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .innerJoin('room as r', 'r.id', 's.room_id')
    .leftJoin('attendance as a', 'a.booking_id', 'b.id')
    .select(['b.id', 'b.child_id', 'h.name as house_name', 'r.name as room_name', 's.starts_at', 's.ends_at', 'a.id as attendance_id'])
    .where('b.family_id', '=', familyId)
    .where('s.date', '=', date)
    .where('b.status', 'in', ['confirmed', 'no_show'])
    .where('s.status', '=', 'scheduled')
    .orderBy('s.starts_at')
    .execute();
}

/** Unused, unexpired pickup codes of the children, newest first. */
export async function livePickupCodesOf(db: Db, childIds: string[], now: Date) {
  return db
    .selectFrom('pickup_code')
    .select(['child_id', 'expires_at'])
    .where('child_id', 'in', childIds.length ? childIds : [null as never])
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function childWithGuardian(db: Db, childId: string) {
  return db
    .selectFrom('child as c')
    .innerJoin('family as f', 'f.id', 'c.family_id')
    .select(['c.id', 'f.guardian_user_id'])
    .where('c.id', '=', childId)
    .executeTakeFirst();
}
