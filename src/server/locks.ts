// The one place that takes row locks. Every transaction that changes what a rule depends on locks the rows that
// rule is about, through these functions only, and always in this order, so that concurrent transactions serialise
// on the same rows and can never deadlock:
//
//   house → care sessions (by id) → child → booking → staff member
//   guidance event → guidance enrolment
//   newborn → home visit
//
// Each lock first sets a `lock_timeout` for the rest of the transaction: a wait past it fails with PostgreSQL's
// 55P03, which the error handler answers as 503 LOCK_TIMEOUT with Retry-After (retryable), never a hang.
// Facts that depend on a lock are read in a statement *after* the one that takes it: under READ COMMITTED a
// statement's snapshot is taken before it waits, so it cannot see what the transaction it waited for committed.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Trx = Transaction<DB>;

/** How long a transaction waits for a row another one holds before it gives up (answered as retryable). */
export const LOCK_TIMEOUT_MS = 5000;

/** PostgreSQL's lock_not_available, raised when a lock wait passes `lock_timeout`. */
export const LOCK_TIMEOUT_SQLSTATE = '55P03';

async function withTimeout(trx: Trx) {
  await sql.raw(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT_MS}ms'`).execute(trx);
}

/** Locks one house row. Returns false when there is no such house. */
export async function lockHouse(trx: Trx, houseId: string): Promise<boolean> {
  await withTimeout(trx);
  const row = await trx.selectFrom('house').select('id').where('id', '=', houseId).forUpdate().executeTakeFirst();
  return !!row;
}

/** Locks care sessions, in id order (two transactions locking overlapping sets cannot deadlock). Returns the ids found. */
export async function lockSessions(trx: Trx, sessionIds: readonly string[]): Promise<string[]> {
  if (!sessionIds.length) return [];
  await withTimeout(trx);
  const ids = [...new Set(sessionIds)].sort();
  const rows = await trx.selectFrom('care_session').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
  return rows.map((r) => r.id);
}

/** Locks one care session row. Returns false when there is no such session. */
export async function lockSession(trx: Trx, sessionId: string): Promise<boolean> {
  return (await lockSessions(trx, [sessionId])).length === 1;
}

/**
 * Locks one child row: every rule that counts across a child's bookings (free sessions, future bookings, hours a
 * day, overlaps, suspension) is checked under it. Returns false when there is no such child.
 */
export async function lockChild(trx: Trx, childId: string): Promise<boolean> {
  await withTimeout(trx);
  const row = await trx.selectFrom('child').select('id').where('id', '=', childId).forUpdate().executeTakeFirst();
  return !!row;
}

/** Locks one booking row (after its session and child). Returns false when there is no such booking. */
export async function lockBooking(trx: Trx, bookingId: string): Promise<boolean> {
  await withTimeout(trx);
  const row = await trx.selectFrom('booking').select('id').where('id', '=', bookingId).forUpdate().executeTakeFirst();
  return !!row;
}

/** Locks one guidance event row: its seats, its queue and its attendance change under it. False when there is none. */
export async function lockGuidanceEvent(trx: Trx, eventId: string): Promise<boolean> {
  await withTimeout(trx);
  const row = await trx.selectFrom('guidance_event').select('id').where('id', '=', eventId).forUpdate().executeTakeFirst();
  return !!row;
}

/** Locks one family's progress in one course: its segments and its check are credited one at a time. */
export async function lockCourseProgress(trx: Trx, courseId: string, familyId: string): Promise<boolean> {
  await withTimeout(trx);
  const row = await trx
    .selectFrom('course_progress')
    .select('course_id')
    .where('course_id', '=', courseId)
    .where('family_id', '=', familyId)
    .forUpdate()
    .executeTakeFirst();
  return !!row;
}

/** Locks one newborn of the register: its visitor and its visits change under it. False when there is none. */
export async function lockNewborn(trx: Trx, newbornId: string): Promise<boolean> {
  await withTimeout(trx);
  const row = await trx.selectFrom('newborn').select('id').where('id', '=', newbornId).forUpdate().executeTakeFirst();
  return !!row;
}

/** Locks one staff member row: changes to a person's record and rosters serialise on it. */
export async function lockStaffMember(trx: Trx, staffId: string): Promise<boolean> {
  await withTimeout(trx);
  const row = await trx.selectFrom('staff_member').select('id').where('id', '=', staffId).forUpdate().executeTakeFirst();
  return !!row;
}

/**
 * Share-locks the staff records of these accounts, in id order: any number of roster saves may hold it at once, but a
 * change to the records (a bar after a criminal-record hit, R9) waits until they commit — or they see it.
 */
export async function shareStaffMembersOfUsers(trx: Trx, userIds: readonly string[]): Promise<void> {
  if (!userIds.length) return;
  await withTimeout(trx);
  await trx
    .selectFrom('staff_member')
    .select('id')
    .where('user_id', 'in', [...userIds])
    .orderBy('id')
    .forShare()
    .execute();
}
