// SQL of the incidents module: incidents, the child an incident may name, and the daily logs.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, DailyLogTable, IncidentTable } from '../../../db/schema.ts';
import { addDays, districtInstant, localDateOf } from '../../../domain/time.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface IncidentFilter {
  ids?: string[];
  houseIds?: string[];
  streetId?: string;
  from: string;
  to: string;
}

/** Incidents that occurred on the local days from..to, newest first, with house, reporter and child names. */
export async function incidentRows(db: Db, where: IncidentFilter) {
  let q = db
    .selectFrom('incident as i')
    .innerJoin('house as h', 'h.id', 'i.house_id')
    .innerJoin('app_user as u', 'u.id', 'i.reported_by')
    .leftJoin('child as c', 'c.id', 'i.child_id')
    .selectAll('i')
    .select(['h.name as house_name', 'u.display_name as reporter', 'c.name as child_name'])
    .where('i.occurred_at', '>=', districtInstant(where.from))
    .where('i.occurred_at', '<', districtInstant(addDays(where.to, 1)));
  if (where.ids) q = q.where('i.id', 'in', where.ids);
  if (where.houseIds) q = q.where('i.house_id', 'in', where.houseIds);
  if (where.streetId) q = q.where('h.street_id', '=', where.streetId);
  return q.orderBy('i.occurred_at', 'desc').limit(500).execute();
}

export async function sessionInHouse(db: Db, sessionId: string, houseId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('care_session')
    .select('id')
    .where('id', '=', sessionId)
    .where('house_id', '=', houseId)
    .executeTakeFirst());
}

/**
 * The child with the guardian's phone, when the child had a session in the house (the given one, if any) in the
 * `days` before `at` (a booking confirmed or a no-show).
 */
export function childSeenInHouse(db: Db, childId: string, houseId: string, at: Date, days: number, sessionId?: string | null) {
  return db
    .selectFrom('child as c')
    .innerJoin('family as f', 'f.id', 'c.family_id')
    .innerJoin('app_user as g', 'g.id', 'f.guardian_user_id')
    .select(['c.id', 'c.name', 'g.phone', 'f.guardian_user_id'])
    .where('c.id', '=', childId)
    .where((eb) => {
      let q = eb
        .selectFrom('booking as bk')
        .innerJoin('care_session as s', 's.id', 'bk.session_id')
        .select('bk.id')
        .whereRef('bk.child_id', '=', 'c.id')
        .where('s.house_id', '=', houseId)
        .where('bk.status', 'in', ['confirmed', 'no_show'])
        .where('s.date', '>=', addDays(localDateOf(at), -days))
        .where('s.date', '<=', localDateOf(at));
      if (sessionId) q = q.where('s.id', '=', sessionId);
      return eb.exists(q);
    })
    .executeTakeFirst();
}

export async function insertIncident(db: Db, values: Insertable<IncidentTable>): Promise<string> {
  return (await db.insertInto('incident').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** A house's daily logs of the days from..to, newest first, with the recorder's name. */
export function dailyLogRows(db: Db, houseId: string, from: string, to: string) {
  return db
    .selectFrom('daily_log as l')
    .innerJoin('app_user as u', 'u.id', 'l.recorded_by')
    .selectAll('l')
    .select('u.display_name')
    .where('l.house_id', '=', houseId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date', 'desc')
    .orderBy('l.recorded_at', 'desc')
    .limit(500)
    .execute();
}

export function insertDailyLog(db: Db, values: Insertable<DailyLogTable>) {
  return db.insertInto('daily_log').values(values).returningAll().executeTakeFirstOrThrow();
}
