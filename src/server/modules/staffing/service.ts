// Staffing: the one place where who is on a session's roster turns into what depends on it — the session's
// capacity (R3–R5, bookings above it flagged), the live ratio in the room and its alarm — and where a person
// leaving a roster (barred, leaving the house) takes effect. care, attendance and staff call it; it calls none of
// them (only queries, policy and houses), so no service imports a sibling that imports it back.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { liveRatio, sessionCapacity } from '../../../domain/capacity.ts';
import { complianceRulesFrom, rosterBlockers, type ComplianceRules } from '../../../domain/compliance.ts';
import { countsForRatio } from '../../../domain/ratio.ts';
import { inDistrict, type Clock, type LocalDate } from '../../../domain/time.ts';
import { notifyHouseManagers } from '../../notify.ts';
import { capacityRules } from '../houses/service.ts';
import { policiesOn, policyOn } from '../policy/service.ts';
import { loadStaffFacts } from '../staff/queries.ts';
import { holdsSeatSql } from '../bookings/queries.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface RosterEntry {
  userId: string;
  name: string;
  role: string;
  /** The position of the person's staff record in the session's house (null: none). */
  position: string | null;
  /** Why the person may not be on duty on the session's date (R7–R9); empty: nothing. */
  blockers: string[];
  offDutyAt: Date | null;
  /** Counts for R5 as planned (the rule with onDuty = true): what a session's capacity counts. */
  eligible: boolean;
  /** Counts for R5 now: the rule of domain/ratio.ts. */
  counts: boolean;
}

/** The rosters of sessions, each person with the facts of the R5 rule and whether they count (by session id). */
export async function rostersOf(db: Db, sessionIds: readonly string[]): Promise<Map<string, RosterEntry[]>> {
  const out = new Map<string, RosterEntry[]>();
  const ids = [...new Set(sessionIds)];
  if (!ids.length) return out;
  const [sessions, carers] = await Promise.all([
    db.selectFrom('care_session').select(['id', 'house_id', 'date']).where('id', 'in', ids).execute(),
    db
      .selectFrom('session_carer as sc')
      .innerJoin('app_user as u', 'u.id', 'sc.user_id')
      .select(['sc.session_id', 'sc.user_id', 'sc.off_duty_at', 'u.display_name', 'u.role'])
      .where('sc.session_id', 'in', ids)
      .orderBy('u.display_name')
      .execute(),
  ]);
  const facts = await loadStaffFacts(db, [...new Set(sessions.map((s) => s.house_id))]);
  const rulesOn = new Map<LocalDate, ComplianceRules>();
  for (const date of new Set(sessions.map((s) => s.date))) rulesOn.set(date, complianceRulesFrom(await policyOn(db, date)));
  for (const s of sessions) {
    const rules = rulesOn.get(s.date)!;
    out.set(
      s.id,
      carers
        .filter((c) => c.session_id === s.id)
        .map((c) => {
          const fact = facts.find((f) => f.userId === c.user_id && f.houseId === s.house_id);
          const blockers = rosterBlockers(fact, s.date, rules);
          const position = fact?.position ?? null;
          return {
            userId: c.user_id,
            name: c.display_name,
            role: c.role,
            position,
            blockers,
            offDutyAt: c.off_duty_at ? new Date(c.off_duty_at) : null,
            eligible: countsForRatio({ position, blockers, onDuty: true }),
            counts: countsForRatio({ position, blockers, onDuty: c.off_duty_at === null }),
          };
        }),
    );
  }
  return out;
}

/**
 * How many of a session's roster count for R5 (0 for a session without a roster). `planned`: as the roster plans
 * it, everyone on duty — what a session's capacity counts (someone stepping out for a while does not shrink the
 * seats booked); otherwise as of now, who is on duty — what the live ratio counts. The rule is the same.
 */
export const carersCounting = (rosters: Map<string, RosterEntry[]>, sessionId: string, planned = false) =>
  (rosters.get(sessionId) ?? []).filter((r) => (planned ? r.eligible : r.counts)).length;

/**
 * Recomputes min(R4, floor(area / R3), R5 × carers on duty, offered) for sessions, and flags those whose seats
 * taken now exceed it (never dropping anyone: the manager decides whom to move). Returns the flagged ids.
 */
export async function recomputeCapacity(db: Db, sessionIds: string[], now: Date): Promise<string[]> {
  if (!sessionIds.length) return [];
  const rows = await db
    .selectFrom('care_session as s')
    .innerJoin('room as r', 'r.id', 's.room_id')
    .select([
      's.id',
      's.date',
      's.offered_capacity',
      's.over_capacity',
      'r.area_m2',
      (eb) =>
        eb
          .selectFrom('booking as b')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('b.session_id', '=', 's.id')
          .where(holdsSeatSql('b', now))
          .as('taken'),
    ])
    .where('s.id', 'in', sessionIds)
    .execute();
  const rosters = await rostersOf(db, sessionIds);
  const policies = await policiesOn(
    db,
    rows.map((r) => r.date),
  );
  const flagged: string[] = [];
  for (const row of rows) {
    const cap = sessionCapacity(
      { areaM2: row.area_m2, carersOnDuty: carersCounting(rosters, row.id, true), offeredCapacity: row.offered_capacity },
      capacityRules(policies.get(row.date)!),
    );
    const over = Number(row.taken ?? 0) > cap.capacity;
    if (over && !row.over_capacity) flagged.push(row.id);
    await db
      .updateTable('care_session')
      .set({ capacity: cap.capacity, capacity_binding: cap.binding, over_capacity: over, updated_at: sql`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  return flagged;
}

/** Carers counting for R5 and children present in a session, with the live check against R3–R5 on its date. */
export async function sessionRatio(db: Db, sessionId: string) {
  const s = await db
    .selectFrom('care_session as s')
    .innerJoin('room as r', 'r.id', 's.room_id')
    .select([
      's.date',
      's.house_id',
      'r.area_m2',
      (eb) =>
        eb
          .selectFrom('attendance as a')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('a.session_id', '=', 's.id')
          .where('a.admitted', '=', true)
          .where('a.checked_out_at', 'is', null)
          .as('present'),
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const rules = capacityRules(await policyOn(db, s.date));
  const present = Number(s.present ?? 0);
  const carersOnDuty = carersCounting(await rostersOf(db, [sessionId]), sessionId);
  return {
    present,
    carersOnDuty,
    ...liveRatio({ present, carersOnDuty, areaM2: s.area_m2 }, rules),
    childrenPerCarer: rules.childrenPerCarer,
  };
}

export type RatioCause = 'carer_left' | 'child_arrived' | 'roster_changed';

/**
 * After anything that changes who is present or on duty: raises the session's ratio alarm (and tells the house's
 * managers) when R3–R5 are broken and no alarm is open; clears it when the session is within the standard again.
 */
export async function evaluateRatio(trx: Transaction<DB>, clock: Clock, sessionId: string, cause: RatioCause | null) {
  const ratio = await sessionRatio(trx, sessionId);
  const open = await trx
    .selectFrom('ratio_alarm')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  // cause null: a change that can only make things better (a child leaving) — it may clear, never raise.
  if (!ratio.ok && !open && cause) {
    await trx
      .insertInto('ratio_alarm')
      .values({
        session_id: sessionId,
        cause,
        present: ratio.present,
        carers: ratio.carersOnDuty,
        max_children: ratio.maxChildren,
        raised_at: clock.now(),
      })
      .execute();
    const s = await trx
      .selectFrom('care_session as s')
      .innerJoin('house as h', 'h.id', 's.house_id')
      .select(['s.house_id', 'h.name', 's.starts_at'])
      .where('s.id', '=', sessionId)
      .executeTakeFirstOrThrow();
    await notifyHouseManagers(trx, clock, s.house_id, 'ratioAlarm', {
      house: s.name,
      time: inDistrict(s.starts_at).format('HH:mm'),
      present: ratio.present,
      carers: ratio.carersOnDuty,
      max: ratio.maxChildren,
    });
  }
  if (ratio.ok && open) await trx.updateTable('ratio_alarm').set({ cleared_at: clock.now() }).where('id', '=', open.id).execute();
  return ratio;
}

/**
 * A session's roster changed (set by the manager, someone barred or leaving): capacity is recomputed (bookings
 * above it flagged) and, for a session under way, the live ratio re-checked. Returns the ids newly flagged.
 */
export async function rosterChanged(trx: Transaction<DB>, clock: Clock, sessionIds: string[]): Promise<string[]> {
  if (!sessionIds.length) return [];
  const now = clock.now();
  const flagged = await recomputeCapacity(trx, sessionIds, now);
  const running = await trx
    .selectFrom('care_session')
    .select('id')
    .where('id', 'in', sessionIds)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .orderBy('id')
    .execute();
  for (const r of running) await evaluateRatio(trx, clock, r.id, 'roster_changed');
  return flagged;
}

/**
 * Takes a person off the weekly slots and off every session that ends after `from` (barred now, or leaving on a
 * date); capacity is recomputed so bookings above it are flagged, and a session under way re-checks its live ratio.
 */
export async function takeOffRosters(trx: Transaction<DB>, clock: Clock, userId: string, from: Date): Promise<number> {
  await trx.deleteFrom('template_carer').where('user_id', '=', userId).execute();
  const coming = await trx
    .selectFrom('session_carer as sc')
    .innerJoin('care_session as cs', 'cs.id', 'sc.session_id')
    .select('sc.session_id')
    .where('sc.user_id', '=', userId)
    .where('cs.ends_at', '>', from)
    .execute();
  const sessionIds = coming.map((c) => c.session_id);
  if (!sessionIds.length) return 0;
  await trx.deleteFrom('session_carer').where('user_id', '=', userId).where('session_id', 'in', sessionIds).execute();
  await rosterChanged(trx, clock, sessionIds);
  return sessionIds.length;
}
