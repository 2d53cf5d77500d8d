// Sessions: generating them from the weekly schedule, keeping each one's legal capacity current, and closures.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { sessionCapacity } from '../../../domain/capacity.ts';
import { addDays, districtInstant, isoWeekday, type LocalDate } from '../../../domain/time.ts';
import { policyOn } from '../policy/service.ts';
import { capacityRules } from '../houses/service.ts';
import { complianceRulesFrom, rosterBlockers } from '../../../domain/compliance.ts';
import { loadStaffFacts } from '../staff/service.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Roles that count as carers on duty for R5 (volunteers help but do not count). */
export const RATIO_ROLES = ['carer', 'house_manager', 'health_staff'] as const;

/** How far ahead sessions are generated from the weekly schedule. */
export const GENERATION_WEEKS = 4;

/**
 * Recomputes min(R4, floor(area / R3), R5 × carers on duty, offered) for sessions, and flags those whose seats
 * taken now exceed it (never dropping anyone: the manager decides whom to move). Returns the flagged ids.
 */
export async function recomputeCapacity(db: Db, sessionIds: string[]): Promise<string[]> {
  if (!sessionIds.length) return [];
  const rows = await db.selectFrom('care_session as s').innerJoin('room as r', 'r.id', 's.room_id')
    .select(['s.id', 's.date', 's.offered_capacity', 's.over_capacity', 'r.area_m2',
      (eb) => eb.selectFrom('session_carer as sc').innerJoin('app_user as u', 'u.id', 'sc.user_id')
        .select(eb.fn.countAll<number>().as('n')).whereRef('sc.session_id', '=', 's.id').where('u.role', 'in', [...RATIO_ROLES]).as('carers'),
      (eb) => eb.selectFrom('booking as b').select(eb.fn.countAll<number>().as('n'))
        .whereRef('b.session_id', '=', 's.id').where('b.status', 'in', ['confirmed', 'offered']).as('taken')])
    .where('s.id', 'in', sessionIds).execute();
  const policies = new Map<string, Awaited<ReturnType<typeof policyOn>>>();
  const flagged: string[] = [];
  for (const row of rows) {
    if (!policies.has(row.date)) policies.set(row.date, await policyOn(db, row.date));
    const cap = sessionCapacity(
      { areaM2: row.area_m2, carersOnDuty: Number(row.carers ?? 0), offeredCapacity: row.offered_capacity },
      capacityRules(policies.get(row.date)!),
    );
    const over = Number(row.taken ?? 0) > cap.capacity;
    if (over && !row.over_capacity) flagged.push(row.id);
    await db.updateTable('care_session')
      .set({ capacity: cap.capacity, capacity_binding: cap.binding, over_capacity: over, updated_at: sql`now()` })
      .where('id', '=', row.id).execute();
  }
  return flagged;
}

/**
 * Creates the sessions of a house's active weekly slots for the dates in [from, to] that are not closed and do not
 * exist yet (safe to run again and from several processes: the (room, start) index ignores duplicates).
 */
export async function generateSessions(db: Db, houseId: string, from: LocalDate, to: LocalDate): Promise<number> {
  const house = await db.selectFrom('house').select(['status']).where('id', '=', houseId).executeTakeFirst();
  if (!house || house.status !== 'active') return 0;
  const [templates, closures, carers] = await Promise.all([
    db.selectFrom('schedule_template').selectAll().where('house_id', '=', houseId).where('active', '=', true).execute(),
    db.selectFrom('house_closure').select(['from_date', 'to_date']).where('house_id', '=', houseId).where('to_date', '>=', from).execute(),
    db.selectFrom('template_carer as tc').innerJoin('schedule_template as t', 't.id', 'tc.template_id')
      .select(['tc.template_id', 'tc.user_id']).where('t.house_id', '=', houseId).execute(),
  ]);
  const created: string[] = [];
  // The usual roster, less whoever may not be on duty that day (R7–R9: a certificate run out, barred, left).
  const staff = await loadStaffFacts(db, [houseId]);
  const rulesOn = new Map<LocalDate, ReturnType<typeof complianceRulesFrom>>();
  const qualifiedOn = async (date: LocalDate, userId: string) => {
    if (!rulesOn.has(date)) rulesOn.set(date, complianceRulesFrom(await policyOn(db, date)));
    return rosterBlockers(staff.find((f) => f.userId === userId), date, rulesOn.get(date)!).length === 0;
  };
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (closures.some((c) => c.from_date <= date && date <= c.to_date)) continue;
    for (const t of templates.filter((x) => x.weekday === isoWeekday(date))) {
      const row = await db.insertInto('care_session').values({
        house_id: houseId, room_id: t.room_id, template_id: t.id, date,
        starts_at: districtInstant(date, t.start_time), ends_at: districtInstant(date, t.end_time),
        service_type: t.service_type, offered_capacity: t.offered_capacity,
      }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
      if (!row) continue;
      const roster = [];
      for (const c of carers.filter((x) => x.template_id === t.id)) if (await qualifiedOn(date, c.user_id)) roster.push(c);
      if (roster.length) await db.insertInto('session_carer').values(roster.map((c) => ({ session_id: row.id, user_id: c.user_id }))).execute();
      created.push(row.id);
    }
  }
  await recomputeCapacity(db, created);
  return created.length;
}

/** Extends every operating house's sessions to the generation horizon (the daily job). */
export async function extendHorizon(db: Kysely<DB>, today: LocalDate): Promise<number> {
  const houses = await db.selectFrom('house').select('id').where('status', '=', 'active').execute();
  let created = 0;
  for (const h of houses) {
    created += await db.transaction().execute((trx) => generateSessions(trx, h.id, today, addDays(today, GENERATION_WEEKS * 7)));
  }
  return created;
}
