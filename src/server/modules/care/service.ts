// Sessions: generating them from the weekly schedule, keeping each one's legal capacity current, and closures.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { addDays, districtInstant, isoWeekday, localDateOf, minutesOfDay, type LocalDate } from '../../../domain/time.ts';
import { policyOn } from '../policy/service.ts';
import { complianceRulesFrom, rosterBlockers } from '../../../domain/compliance.ts';
import { loadStaffFacts } from '../staff/queries.ts';
import { recomputeCapacity, rosterChanged } from '../staffing/service.ts';
import {
  activeAccountsOfHouse,
  bookingCountsOf,
  closuresOf,
  sessionRosterClashes,
  sessionsInScope,
  sessionWithHouse,
  slotRosterClashes,
  type RosterClash,
} from './queries.ts';
import { caresForChildren, roleCaresForChildren } from '../../../domain/ratio.ts';
import { rostersOf } from '../staffing/service.ts';
import { sessionCapacity } from '../../../domain/capacity.ts';
import type { PolicyValues } from '../../../domain/policy.ts';
import { capacityRules } from '../houses/service.ts';
import type { ScopeFilter } from '../../access.ts';
import { RATIO_ROLES } from '../../../domain/ratio.ts';
import { AppError } from '../../errors.ts';
import { assertRosterable } from '../staff/service.ts';
import { lockHouse, lockSession } from '../../locks.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { cancelSession, offerAfterCapacityChange } from '../bookings/engine.ts';
import type { Clock } from '../../../domain/time.ts';

export { recomputeCapacity } from '../staffing/service.ts';
export { RATIO_ROLES } from '../../../domain/ratio.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** How far ahead sessions are generated from the weekly schedule. */
export const GENERATION_WEEKS = 4;

/**
 * Creates the sessions of a house's active weekly slots from today to the generation horizon, on dates that are not
 * closed and have no such session yet (safe to run again and from several processes: the (room, start) index ignores
 * duplicates).
 */
export async function generateSessions(db: Db, houseId: string, now: Date): Promise<number> {
  const from = localDateOf(now);
  const to = addDays(from, GENERATION_WEEKS * 7);
  const house = await db.selectFrom('house').select(['status']).where('id', '=', houseId).executeTakeFirst();
  if (house?.status !== 'active') return 0;
  const [templates, closures, carers] = await Promise.all([
    db.selectFrom('schedule_template').selectAll().where('house_id', '=', houseId).where('active', '=', true).execute(),
    db.selectFrom('house_closure').select(['from_date', 'to_date']).where('house_id', '=', houseId).where('to_date', '>=', from).execute(),
    db
      .selectFrom('template_carer as tc')
      .innerJoin('schedule_template as t', 't.id', 'tc.template_id')
      .select(['tc.template_id', 'tc.user_id'])
      .where('t.house_id', '=', houseId)
      .execute(),
  ]);
  const created: string[] = [];
  // The usual roster, less whoever may not be on duty that day (R7–R9: a certificate run out, barred, left).
  const staff = await loadStaffFacts(db, [houseId]);
  const rulesOn = new Map<LocalDate, ReturnType<typeof complianceRulesFrom>>();
  const qualifiedOn = async (date: LocalDate, userId: string) => {
    if (!rulesOn.has(date)) rulesOn.set(date, complianceRulesFrom(await policyOn(db, date)));
    return (
      rosterBlockers(
        staff.find((f) => f.userId === userId),
        date,
        rulesOn.get(date)!,
      ).length === 0
    );
  };
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (closures.some((c) => c.from_date <= date && date <= c.to_date)) continue;
    for (const t of templates.filter((x) => x.weekday === isoWeekday(date))) {
      const row = await db
        .insertInto('care_session')
        .values({
          house_id: houseId,
          room_id: t.room_id,
          template_id: t.id,
          date,
          starts_at: districtInstant(date, t.start_time),
          ends_at: districtInstant(date, t.end_time),
          service_type: t.service_type,
          offered_capacity: t.offered_capacity,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) continue;
      const roster = [];
      for (const c of carers.filter((x) => x.template_id === t.id)) if (await qualifiedOn(date, c.user_id)) roster.push(c);
      // Nor whoever is on another session at the same time (rostered there by hand): one person, one room at a time.
      const busy = new Set(
        (
          await sessionRosterClashes(
            db,
            row.id,
            roster.map((c) => c.user_id),
          )
        ).map((c) => c.userId),
      );
      roster.splice(0, roster.length, ...roster.filter((c) => !busy.has(c.user_id)));
      if (roster.length)
        await db
          .insertInto('session_carer')
          .values(roster.map((c) => ({ session_id: row.id, user_id: c.user_id })))
          .execute();
      created.push(row.id);
    }
  }
  await recomputeCapacity(db, created, now);
  return created.length;
}

/** Extends every operating house's sessions to the generation horizon (the daily job). */
export async function extendHorizon(db: Kysely<DB>, now: Date): Promise<number> {
  const houses = await db.selectFrom('house').select('id').where('status', '=', 'active').execute();
  let created = 0;
  for (const h of houses) {
    created += await db.transaction().execute((trx) => generateSessions(trx, h.id, now));
  }
  return created;
}

/** The exclusion constraint of 006: one person on two overlapping sessions (two rosters saved at the same moment). */
export const ROSTER_OVERLAP_CONSTRAINT = 'session_carer_no_overlap';

export function isRosterOverlapViolation(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e.code === '23P01' && (e.constraint === ROSTER_OVERLAP_CONSTRAINT || !!e.message?.includes(ROSTER_OVERLAP_CONSTRAINT));
}

function overlapError(clash: RosterClash | undefined, field: string) {
  return new AppError(409, 'ROSTER_OVERLAP', { name: clash?.name ?? '', session: clash?.other ?? '' }, [
    { field, code: 'ROSTER_OVERLAP', message: '' },
  ]);
}

/** Refuses (409 ROSTER_OVERLAP, naming the person and the other session) anyone already on a session at the same time. */
export async function assertNoSessionOverlap(db: Db, sessionId: string, userIds: readonly string[], field = 'body.userIds') {
  const clash = (await sessionRosterClashes(db, sessionId, userIds))[0];
  if (clash) throw overlapError(clash, field);
}

/** Refuses (409 ROSTER_OVERLAP, naming the person and the other slot) anyone on another weekly slot at the same hours. */
export async function assertNoSlotOverlap(
  db: Db,
  slot: { weekday: number; startTime: string; endTime: string; exceptTemplateId?: string },
  userIds: readonly string[],
) {
  const clash = (await slotRosterClashes(db, slot, userIds))[0];
  if (clash) throw overlapError(clash, 'body.carerIds');
}

/**
 * Roster members must be active staff accounts of this house (volunteers may help, but are not counted for R5), and
 * qualified on the dates concerned (R7–R9: a staff record with valid credentials, not barred).
 */
export async function assertRosterEligible(db: Db, houseId: string, userIds: string[], dates: string[], field = 'body.carerIds') {
  if (!userIds.length) return;
  const staff = await db
    .selectFrom('app_user')
    .select('id')
    .where('house_id', '=', houseId)
    .where('status', '=', 'active')
    .where('role', 'in', [...RATIO_ROLES, 'volunteer'])
    .where('id', 'in', userIds)
    .execute();
  if (staff.length !== new Set(userIds).size)
    throw new AppError(422, 'ROSTER_NOT_ELIGIBLE', undefined, [{ field, code: 'ROSTER_NOT_ELIGIBLE', message: '' }]);
  await assertRosterable(db, houseId, userIds, dates);
}

/**
 * Sets who is on duty in a session, under the session's lock: eligible and qualified that day, on no other session
 * at the same time; who stays keeps their off-duty state. Capacity is recomputed (bookings above it flagged, freed
 * seats offered) and a session under way re-checks its live ratio. Returns whether bookings were flagged.
 */
export async function setSessionRoster(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource,
  session: { id: string; houseId: string; date: LocalDate },
  requested: string[],
): Promise<{ flagged: boolean }> {
  const userIds = [...new Set(requested)];
  try {
    return await db.transaction().execute(async (trx) => {
      await lockSession(trx, session.id);
      // Checked under the lock (with the staff records share-locked), so a hit recorded meanwhile cannot slip in.
      await assertRosterEligible(trx, session.houseId, userIds, [session.date], 'body.userIds');
      await assertNoSessionOverlap(trx, session.id, userIds);
      // Only who leaves and who joins change: someone off duty stays off duty.
      let removed = trx.deleteFrom('session_carer').where('session_id', '=', session.id);
      if (userIds.length) removed = removed.where('user_id', 'not in', userIds);
      await removed.execute();
      if (userIds.length) {
        await trx
          .insertInto('session_carer')
          .values(userIds.map((u) => ({ session_id: session.id, user_id: u })))
          .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
          .execute();
      }
      const flagged = await rosterChanged(trx, clock, [session.id]);
      await writeAudit(trx, clock, source, {
        action: 'session.roster',
        entityType: 'care_session',
        entityId: session.id,
        detail: { userIds: requested, flagged: flagged.length > 0 },
      });
      await offerAfterCapacityChange(trx, clock, session.id, source);
      return { flagged: flagged.length > 0 };
    });
  } catch (err) {
    // Two rosters naming the same person for overlapping sessions at once: the constraint lets one through; the
    // other is answered like the check above, naming the session that got there first.
    if (isRosterOverlapViolation(err)) throw overlapError((await sessionRosterClashes(db, session.id, userIds))[0], 'body.userIds');
    throw err;
  }
}

/**
 * R2 for a weekly slot: it starts before it ends, and is no longer than the policy's maximum on every date it will
 * generate a session for (the policy of those dates, not today's: a change that takes effect later applies then).
 */
export async function assertSlotLength(db: Db, slot: { weekday: number; startTime: string; endTime: string }, today: LocalDate) {
  const minutes = minutesOfDay(slot.endTime) - minutesOfDay(slot.startTime);
  const dates: LocalDate[] = [];
  for (let d = today; d <= addDays(today, GENERATION_WEEKS * 7); d = addDays(d, 1)) if (isoWeekday(d) === slot.weekday) dates.push(d);
  for (const date of dates.length ? dates : [today]) {
    const maxHours = (await policyOn(db, date))['session.maxHours'];
    if (minutes <= 0 || minutes > maxHours * 60) {
      throw new AppError(422, 'SESSION_TOO_LONG', { hours: maxHours }, [{ field: 'body.endTime', code: 'SESSION_TOO_LONG', message: '' }]);
    }
  }
}

export interface SlotInput {
  roomId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  serviceType: 'temporary' | 'hourly';
  offeredCapacity: number;
  carerIds: string[];
}

/**
 * Adds a weekly slot and generates its sessions to the horizon: the room is the house's and free at those hours, the
 * slot within R2 on its dates, its people eligible and on no other weekly slot at the same hours. Returns its id.
 */
export async function addWeeklySlot(db: Kysely<DB>, clock: Clock, source: AuditSource, houseId: string, b: SlotInput): Promise<string> {
  const today = localDateOf(clock.now());
  const room = await db.selectFrom('room').select('id').where('id', '=', b.roomId).where('house_id', '=', houseId).executeTakeFirst();
  if (!room) throw new AppError(422, 'ROOM_NOT_FOUND', undefined, [{ field: 'body.roomId', code: 'ROOM_NOT_FOUND', message: '' }]);
  const clash = await db
    .selectFrom('schedule_template')
    .select('id')
    .where('room_id', '=', b.roomId)
    .where('active', '=', true)
    .where('weekday', '=', b.weekday)
    .where('start_time', '<', b.endTime)
    .where('end_time', '>', b.startTime)
    .executeTakeFirst();
  if (clash) throw new AppError(409, 'SESSION_OVERLAP', undefined, [{ field: 'body.startTime', code: 'SESSION_OVERLAP', message: '' }]);
  await assertSlotLength(db, b, today);
  const carerIds = [...new Set(b.carerIds)];
  await assertRosterEligible(db, houseId, carerIds, [today]);
  await assertNoSlotOverlap(db, b, carerIds);
  try {
    return await db.transaction().execute(async (trx) => {
      const t = await trx
        .insertInto('schedule_template')
        .values({
          house_id: houseId,
          room_id: b.roomId,
          weekday: b.weekday,
          start_time: b.startTime,
          end_time: b.endTime,
          service_type: b.serviceType,
          offered_capacity: b.offeredCapacity,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (carerIds.length)
        await trx
          .insertInto('template_carer')
          .values(carerIds.map((u) => ({ template_id: t.id, user_id: u })))
          .execute();
      // Checked again in the transaction: a slot naming the same person saved meanwhile is seen here.
      await assertNoSlotOverlap(trx, { ...b, exceptTemplateId: t.id }, carerIds);
      await generateSessions(trx, houseId, clock.now());
      await writeAudit(trx, clock, source, {
        action: 'schedule.create',
        entityType: 'schedule_template',
        entityId: t.id,
        detail: { ...b },
      });
      return t.id;
    });
  } catch (err) {
    if (isRosterOverlapViolation(err)) throw new AppError(409, 'ROSTER_OVERLAP', { name: '', session: '' });
    if ((err as { code?: string }).code === '23P01') throw new AppError(409, 'SESSION_OVERLAP');
    throw err;
  }
}

/** Stops a weekly slot (sessions already generated stay), audited. */
export async function deactivateWeeklySlot(db: Kysely<DB>, clock: Clock, source: AuditSource, templateId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('schedule_template').set({ active: false, updated_at: clock.now() }).where('id', '=', templateId).execute();
    await writeAudit(trx, clock, source, { action: 'schedule.deactivate', entityType: 'schedule_template', entityId: templateId });
  });
}

/** Closes a house for a date range: its coming sessions are cancelled (bookings cancelled, free sessions returned, families told), audited. */
export async function closeHouse(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource,
  actorId: string,
  houseId: string,
  b: { fromDate: LocalDate; toDate: LocalDate; reason: string },
): Promise<{ sessionsCancelled: number; bookingsCancelled: number }> {
  return db.transaction().execute(async (trx) => {
    await lockHouse(trx, houseId);
    const c = await trx
      .insertInto('house_closure')
      .values({ house_id: houseId, from_date: b.fromDate, to_date: b.toDate, reason: b.reason, created_by: actorId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sessions = await trx
      .selectFrom('care_session')
      .select('id')
      .where('house_id', '=', houseId)
      .where('status', '=', 'scheduled')
      .where('date', '>=', b.fromDate)
      .where('date', '<=', b.toDate)
      .where('starts_at', '>', clock.now())
      .orderBy('id')
      .execute();
    let bookings = 0;
    for (const s of sessions) bookings += await cancelSession(trx, clock, s.id, b.reason, source);
    await writeAudit(trx, clock, source, {
      action: 'house.close',
      entityType: 'house_closure',
      entityId: c.id,
      detail: { ...b, sessions: sessions.length, bookings },
    });
    return { sessionsCancelled: sessions.length, bookingsCancelled: bookings };
  });
}

// ---- Reads of the schedule screens ----

/** The house's active staff accounts for rosters, with why each cannot be rostered on the date. */
export async function rosterCandidates(db: Db, houseId: string, date: LocalDate) {
  const [rows, facts, policy] = await Promise.all([
    activeAccountsOfHouse(db, houseId, [...RATIO_ROLES, 'volunteer']),
    loadStaffFacts(db, [houseId]),
    policyOn(db, date),
  ]);
  const rules = complianceRulesFrom(policy);
  const collator = new Intl.Collator('zh-CN');
  return rows
    .sort((a, b) => collator.compare(a.display_name, b.display_name))
    .map((u) => ({
      id: u.id,
      name: u.display_name,
      role: u.role,
      countsForRatio: (() => {
        const f = facts.find((x) => x.userId === u.id);
        return f ? caresForChildren(f.position) : roleCaresForChildren(u.role);
      })(),
      blockers: rosterBlockers(
        facts.find((f) => f.userId === u.id),
        date,
        rules,
      ),
    }));
}

/** Sessions in a scope with capacity, its binding term (with the policy of each session's date), seats and roster. */
export async function sessionList(
  db: Db,
  clock: Clock,
  scope: ScopeFilter,
  q: { houseId?: string; from: LocalDate; to: LocalDate; flaggedOnly?: boolean },
) {
  const sessions = await sessionsInScope(db, scope, q);
  if (!sessions.length) return [];
  const ids = sessions.map((s) => s.id);
  const now = clock.now();
  const [counts, rosters] = await Promise.all([bookingCountsOf(db, ids, now), rostersOf(db, ids)]);
  const n = (id: string, status: string) => Number(counts.find((c) => c.session_id === id && c.status === status)?.n ?? 0);
  const policies = new Map<string, PolicyValues>();
  for (const date of new Set(sessions.map((s) => s.date))) policies.set(date, await policyOn(db, date));
  return sessions.map((s) => {
    const roster = rosters.get(s.id) ?? [];
    const terms = sessionCapacity(
      { areaM2: s.area_m2, carersOnDuty: roster.filter((c) => c.eligible).length, offeredCapacity: s.offered_capacity },
      capacityRules(policies.get(s.date)!),
    ).terms as { classSize: number; area: number; carers: number; offered: number };
    const confirmed = n(s.id, 'confirmed');
    const offered = n(s.id, 'offered');
    return {
      id: s.id,
      houseId: s.house_id,
      houseName: s.house_name,
      streetName: s.street_name,
      roomId: s.room_id,
      roomName: s.room_name,
      date: s.date,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: new Date(s.ends_at).toISOString(),
      serviceType: s.service_type,
      status: s.status,
      cancelReason: s.cancel_reason,
      offeredCapacity: s.offered_capacity,
      capacity: s.capacity,
      capacityBinding: s.capacity_binding,
      confirmed,
      offered,
      waitlisted: n(s.id, 'waitlisted'),
      seatsLeft: Math.max(0, s.capacity - confirmed - offered),
      overCapacity: s.over_capacity,
      capacityTerms: terms,
      started: new Date(s.starts_at) <= now,
      carers: roster.map((c) => ({ id: c.userId, name: c.name, role: c.role, countsForRatio: c.eligible })),
    };
  });
}

/** A session's house, street, status and times, as authorising and the schedule workflows need them (404 when none). */
export async function sessionTarget(db: Db, sessionId: string) {
  const s = await sessionWithHouse(db, sessionId);
  if (!s) throw new AppError(404, 'SESSION_NOT_FOUND');
  return {
    houseId: s.house_id,
    streetId: s.street_id,
    status: s.status,
    startsAt: new Date(s.starts_at),
    endsAt: new Date(s.ends_at),
    date: s.date,
  };
}

/** Cancels one session that has not begun: every booking cancelled, free sessions returned, families told. Returns how many bookings. */
export async function cancelOneSession(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource,
  sessionId: string,
  target: { startsAt: Date },
  reason: string,
): Promise<number> {
  if (target.startsAt <= clock.now()) throw new AppError(409, 'SESSION_STARTED');
  return db.transaction().execute((trx) => cancelSession(trx, clock, sessionId, reason, source));
}

/** The house's closures, latest first. */
export async function closureList(db: Db, houseId: string) {
  const rows = await closuresOf(db, houseId);
  return rows.map((c) => ({
    id: c.id,
    fromDate: c.from_date,
    toDate: c.to_date,
    reason: c.reason,
    createdAt: new Date(c.created_at).toISOString(),
  }));
}
