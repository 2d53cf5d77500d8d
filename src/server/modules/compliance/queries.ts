// SQL of the compliance module: the houses of a scope, the facts the rules look at, the findings and the runs.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { addDays } from '../../../domain/time.ts';
import type { ScopeFilter } from '../../access.ts';
import { holdsSeatSql } from '../bookings/queries.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** How many days of coming sessions the roster rules (R3–R5, R7) look at. */
export const ROSTER_LOOKAHEAD_DAYS = 7;

/** The ids of the houses within a scope. */
export async function houseIdsInScope(db: Db, scope: ScopeFilter): Promise<string[]> {
  if (scope.kind === 'none') return [];
  let q = db.selectFrom('house').select('id');
  if (scope.kind === 'street') q = q.where('street_id', '=', scope.streetId);
  if (scope.kind === 'house') q = q.where('id', '=', scope.houseId);
  return (await q.execute()).map((h) => h.id);
}

/** Findings of the houses, open or resolved: most severe first, then newest, then by house, code and subject. */
export async function findingRows(db: Db, houseIds: string[], status: 'open' | 'resolved') {
  let q = db
    .selectFrom('compliance_finding as f')
    .innerJoin('house as h', 'h.id', 'f.house_id')
    .innerJoin('street as s', 's.id', 'h.street_id')
    .selectAll('f')
    .select(['h.name as house_name', 's.name as street_name'])
    .where('f.house_id', 'in', houseIds);
  q = status === 'open' ? q.where('f.resolved_on', 'is', null) : q.where('f.resolved_on', 'is not', null);
  return q
    .orderBy((eb) => eb.case().when('f.severity', '=', 'critical').then(0).else(1).end())
    .orderBy(status === 'open' ? 'f.first_seen_on' : 'f.resolved_on', 'desc')
    .orderBy('h.name')
    .orderBy('f.code')
    .orderBy('f.subject_label')
    .limit(1000)
    .execute();
}

/**
 * The latest compliance run that checked any of the houses, with what it means for them alone: how many of them it
 * checked (operating ones), and how many of their findings were first seen or resolved that day.
 */
export async function lastRunOf(db: Db, houseIds: string[]) {
  const run = await db
    .selectFrom('compliance_run')
    .select(['run_on', 'finished_at', 'house_ids'])
    .where((eb) => eb.or([eb('house_ids', 'is', null), sql<boolean>`house_ids && ${sql.val(houseIds)}::uuid[]`]))
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!run) return undefined;
  const checked = run.house_ids ? houseIds.filter((id) => run.house_ids!.includes(id)) : houseIds;
  if (!checked.length) return undefined;
  const count = (column: 'first_seen_on' | 'resolved_on') =>
    db
      .selectFrom('compliance_finding')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('house_id', 'in', checked)
      .where(column, '=', run.run_on)
      .executeTakeFirstOrThrow();
  const [houses, opened, resolved] = await Promise.all([
    db
      .selectFrom('house')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', checked)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow(),
    count('first_seen_on'),
    count('resolved_on'),
  ]);
  return {
    runOn: run.run_on,
    finishedAt: run.finished_at,
    houses: Number(houses.n),
    opened: Number(opened.n),
    resolved: Number(resolved.n),
  };
}

/** The house rows, with their latest evidence date per topic. */
export async function houseFactRows(db: Db, houseIds: string[]) {
  const [houses, evidence] = await Promise.all([
    db.selectFrom('house').selectAll().where('id', 'in', houseIds).execute(),
    db
      .selectFrom('house_evidence')
      .select(['house_id', 'topic', (eb) => eb.fn.max('observed_on').as('last')])
      .where('house_id', 'in', houseIds)
      .groupBy(['house_id', 'topic'])
      .execute(),
  ]);
  return { houses, evidence };
}

/** The scheduled sessions of the houses from `day` for the look-ahead, with the seats held at `now` and their roster. */
export async function comingSessionRows(db: Db, houseIds: string[], day: string, now: Date) {
  const sessions = await db
    .selectFrom('care_session as s')
    .innerJoin('room as r', 'r.id', 's.room_id')
    .select([
      's.id',
      's.house_id',
      's.date',
      's.starts_at',
      's.offered_capacity',
      'r.area_m2',
      'r.name as room_name',
      (eb) =>
        eb
          .selectFrom('booking as b')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('b.session_id', '=', 's.id')
          .where(holdsSeatSql('b', now))
          .as('taken'),
    ])
    .where('s.house_id', 'in', houseIds)
    .where('s.status', '=', 'scheduled')
    .where('s.date', '>=', day)
    .where('s.date', '<', addDays(day, ROSTER_LOOKAHEAD_DAYS))
    .execute();
  const roster = sessions.length
    ? await db
        .selectFrom('session_carer as sc')
        .innerJoin('app_user as u', 'u.id', 'sc.user_id')
        .select(['sc.session_id', 'sc.user_id', 'u.display_name'])
        .where(
          'sc.session_id',
          'in',
          sessions.map((s) => s.id),
        )
        .execute()
    : [];
  return { sessions, roster };
}

/** A house's operating status (undefined when there is no such house). */
export function houseStatus(db: Db, houseId: string) {
  return db.selectFrom('house').select(['id', 'status']).where('id', '=', houseId).executeTakeFirst();
}

/** The houses a run covers (all when no ids are given), in id order. */
export function housesToRun(db: Db, houseIds?: string[]) {
  let q = db.selectFrom('house').select(['id', 'status']).orderBy('id');
  if (houseIds) q = houseIds.length ? q.where('id', 'in', houseIds) : q.where('id', 'is', null);
  return q.execute();
}

export function openFindingKeys(db: Db, houseId: string) {
  return db
    .selectFrom('compliance_finding')
    .select(['id', 'code', 'subject_id'])
    .where('house_id', '=', houseId)
    .where('resolved_on', 'is', null)
    .execute();
}

export async function resolveFindings(db: Db, ids: string[], day: string) {
  if (!ids.length) return;
  await db.updateTable('compliance_finding').set({ resolved_on: day, updated_at: sql`now()` }).where('id', 'in', ids).execute();
}

interface FindingValues {
  rule: string;
  severity: 'critical' | 'warning';
  owner_role: 'house_manager' | 'street_admin';
  subject_label: string;
  detail: string;
  last_seen_on: string;
}

export async function touchFinding(db: Db, id: string, values: FindingValues) {
  await db
    .updateTable('compliance_finding')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function openFinding(
  db: Db,
  values: FindingValues & {
    house_id: string;
    code: string;
    subject_type: 'house' | 'staff' | 'session';
    subject_id: string | null;
    first_seen_on: string;
  },
) {
  await db.insertInto('compliance_finding').values(values).execute();
}

export async function recordRun(
  db: Db,
  run: {
    run_on: string;
    started_at: Date;
    finished_at: Date;
    houses: number;
    opened: number;
    resolved: number;
    triggered_by: string | null;
    house_ids: string[] | null;
  },
) {
  await db.insertInto('compliance_run').values(run).execute();
}

/** Whether the day's scheduled (not user-triggered) run has been recorded. */
export async function dailyRunDone(db: Db, day: string): Promise<boolean> {
  return !!(await db
    .selectFrom('compliance_run')
    .select('id')
    .where('run_on', '=', day)
    .where('triggered_by', 'is', null)
    .executeTakeFirst());
}
