// SQL of the targets (the rules are src/domain/targets.ts): for one year, each street's places and population in
// force (T1/T2), its children with need and the free sessions each was given (T3, as counts per child), its newborn
// register and visits (T4) and its families with need and their guidance sessions (T5) — each one grouped query, so a
// district of 200 streets is as many queries as one street. The lists behind the figures are separate reads.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { LocalDate } from '../../../domain/time.ts';
import { DISTRICT_TIME_ZONE } from '../../../shared/timeZone.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface YearWindow {
  year: number;
  from: LocalDate;
  to: LocalDate;
  /** the instant the figures are read at: population figures recorded after it are not in force yet */
  at: Date;
  /** the year's first instant and the next year's, in district time */
  fromAt: Date;
  toAt: Date;
  /** the day the figures describe: today in the current year, else the year's last day */
  asOf: LocalDate;
  /** whether `asOf` is today (then where a child lives is child.residence_street_id: a move is never dated ahead) */
  current: boolean;
}

/** The street the child `childId` (a column) lived in on `on` (a date or a date column), by child_residence. */
const livedIn = (childId: RawBuilder<unknown>, on: RawBuilder<unknown> | LocalDate) =>
  sql`(SELECT r.street_id FROM child_residence r WHERE r.child_id = ${childId} AND r.since <= ${on} ORDER BY r.since DESC LIMIT 1)`;

/** The street a child of `child c` counts in for the year's figures: where it lives on the day they describe. */
const streetOfChild = (w: YearWindow) => (w.current ? sql.ref('c.residence_street_id') : livedIn(sql.ref('c.id'), w.asOf));

export function streets(db: Db) {
  return db.selectFrom('street').select(['id', 'code', 'name']).orderBy('sort_order').execute();
}

/** T1/T2 per street: operating houses, their approved places, and the population figure in force for the year. */
export async function placesByStreet(db: Db, w: YearWindow) {
  const houses = await db
    .selectFrom('house')
    .select(['street_id'])
    .select((eb) => [eb.fn.countAll<string>().as('houses'), sql<string>`coalesce(sum(approved_places), 0)`.as('places')])
    .where('status', '=', 'active')
    .groupBy('street_id')
    .execute();
  // The figure in force: the latest version recorded at or before `at` (populationInForce in src/domain/population.ts).
  const population = await sql<{ street_id: string; children_1_3: number; newborns: number; source: string; as_of: string }>`
    SELECT DISTINCT ON (street_id) street_id, children_1_3, newborns, source, to_char(as_of, 'YYYY-MM-DD') AS as_of
    FROM street_population
    WHERE year = ${w.year} AND recorded_at <= ${w.at}
    ORDER BY street_id, recorded_at DESC, id DESC`.execute(db);
  return { houses, population: population.rows };
}

/** Every population version of the year recorded by `at`, oldest first (the T1 trend picks the one in force each month). */
export function populationVersions(db: Db, w: YearWindow) {
  return db
    .selectFrom('street_population')
    .select(['street_id', 'year', 'children_1_3', 'newborns', 'recorded_at'])
    .where('year', '=', w.year)
    .where('recorded_at', '<=', w.at)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/**
 * T3 per street: for each number of free sessions delivered (capped at `cap`), how many children with need had it,
 * counted in the street each child lives in; and per month the sessions delivered in the street the child lived in on
 * the session's date, and the children who reached `cap` then (for the trend). The sessions are read from
 * care_delivered (migration 017: per child and year, kept by triggers); only a child who moved street has its
 * sessions read one by one, to find where it lived on each date.
 */
export async function careByStreet(db: Db, w: YearWindow, birth: { from: LocalDate; to: LocalDate }, cap: number) {
  const need = sql`
      SELECT c.id, ${streetOfChild(w)} AS street_id,
        EXISTS (SELECT 1 FROM child_residence r WHERE r.child_id = c.id AND r.since > '-infinity') AS moved, -- child_residence_moved_idx
        d.sessions, d.months
      FROM child c
      JOIN family f ON f.id = c.family_id
      LEFT JOIN care_delivered d ON d.child_id = c.id AND d.year = ${w.year}
      WHERE f.status = 'accepted' AND c.birth_date BETWEEN ${birth.from} AND ${birth.to}`;
  // The month a child reached `cap`: the first whose sessions so far (months[1] + … + months[m]) add up to it.
  const upTo = (m: number) => sql.raw(Array.from({ length: m }, (_, i) => `months[${i + 1}]`).join(' + '));
  const reachedIn = sql.join(
    Array.from({ length: 12 }, (_, i) => sql`WHEN ${upTo(i + 1)} >= ${cap} THEN ${sql.lit(i + 1)}`),
    sql` `,
  );
  const monthSums = sql.raw(Array.from({ length: 12 }, (_, i) => `sum(months[${i + 1}]) AS m${i + 1}`).join(', '));
  const monthArray = sql.raw(`ARRAY[${Array.from({ length: 12 }, (_, i) => `m${i + 1}`).join(', ')}]`);
  // one statement, so that the children with need are found once: their counts, then the months of those who never
  // moved, then the sessions of those who did
  const r = await sql<{
    kind: 'count' | 'month';
    need_street_id: string;
    street_id: string;
    n: number;
    delivered: string;
    reached: string;
  }>`
    WITH need AS MATERIALIZED (${need}), per AS (
      -- children who never moved: grouped by street and the month they reached the cap before the months are spread out
      SELECT street_id, (CASE ${reachedIn} END)::int AS reached_month, count(*) AS n, ${monthSums}
      FROM need WHERE NOT moved AND sessions > 0
      GROUP BY 1, 2
    ), moved AS (
      -- (a lateral read per child who moved, by attendance's child index: not a join of the year's attendance)
      SELECT need.street_id AS need_street_id, x.street_id, x.date, x.nth
      FROM need CROSS JOIN LATERAL (
        SELECT ${livedIn(sql.ref('a.child_id'), sql.ref('s.date'))} AS street_id, s.date,
          row_number() OVER (ORDER BY s.date, s.starts_at) AS nth
        FROM attendance a
        JOIN booking b ON b.id = a.booking_id
        JOIN care_session s ON s.id = a.session_id
        WHERE a.child_id = need.id AND a.admitted AND b.free AND s.date BETWEEN ${w.from} AND ${w.to}
      ) x
      WHERE need.moved
    )
    SELECT 'count' AS kind, street_id AS need_street_id, street_id, least(coalesce(sessions, 0), ${cap})::int AS n,
      count(*) AS delivered, 0 AS reached
    FROM need GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'month', street_id, street_id, m.month, sum((${monthArray})[m.month]),
      sum(CASE WHEN reached_month = m.month THEN n ELSE 0 END)
    FROM per CROSS JOIN generate_series(1, 12) AS m(month)
    GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'month', need_street_id, street_id, extract(month FROM date)::int, count(*), count(*) FILTER (WHERE nth = ${cap})
    FROM moved GROUP BY 2, 3, 4`.execute(db);
  return {
    // per street, how many children (`children`) had each capped number of sessions
    counts: r.rows.filter((x) => x.kind === 'count').map((x) => ({ street_id: x.street_id, sessions: x.n, children: x.delivered })),
    monthly: r.rows
      .filter((x) => x.kind === 'month')
      .map((x) => ({ need_street_id: x.need_street_id, street_id: x.street_id, month: x.n, delivered: x.delivered, reached: x.reached })),
  };
}

/** T4 per street: the year's newborns on the register, those whose visit the family confirmed, and those overdue. */
export async function visitsByStreet(db: Db, w: YearWindow, overdueBornBefore: LocalDate) {
  const r = await sql<{ street_id: string; month: number; registered: string; visited: string; recorded: string; overdue: string }>`
    SELECT n.street_id, extract(month FROM n.birth_date)::int AS month, count(*) AS registered,
      count(*) FILTER (WHERE v.confirmed) AS visited,
      count(*) FILTER (WHERE v.recorded) AS recorded,
      count(*) FILTER (WHERE NOT coalesce(v.recorded, false) AND n.birth_date < ${overdueBornBefore}) AS overdue
    FROM newborn n
    LEFT JOIN LATERAL (
      SELECT bool_or(h.family_confirmed_at IS NOT NULL) AS confirmed, bool_or(true) AS recorded
      FROM home_visit h WHERE h.newborn_id = n.id AND h.status = 'done'
    ) v ON true
    WHERE n.birth_date BETWEEN ${w.from} AND ${w.to}
    GROUP BY 1, 2`.execute(db);
  return r.rows;
}

/**
 * T5 per street: for each number of guidance sessions (capped at `cap`), how many families with need had it; and per
 * month the sessions taken (up to `cap` a family) and the families who reached `cap` (for the trend).
 */
export async function guidanceByStreet(db: Db, w: YearWindow, birth: { from: LocalDate; to: LocalDate }, cap: number) {
  // each event attended (not cancelled) or course completed in the year, once, with its day
  const taken = sql`
      SELECT g.family_id, e.date AS on_date -- an attended enrolment is its family's live one (guidance_enrolment_live_idx)
      FROM guidance_enrolment g JOIN guidance_event e ON e.id = g.event_id
      WHERE g.attended_at IS NOT NULL AND e.status <> 'cancelled' AND e.date BETWEEN ${w.from} AND ${w.to}
      UNION ALL
      SELECT cp.family_id, (cp.completed_at AT TIME ZONE ${DISTRICT_TIME_ZONE})::date
      FROM course_progress cp
      WHERE cp.completed_at >= ${w.fromAt} AND cp.completed_at < ${w.toAt}`;
  const need = sql`
      SELECT f.id, f.street_id
      FROM family f
      WHERE f.status = 'accepted'
        AND EXISTS (SELECT 1 FROM child c WHERE c.family_id = f.id AND c.birth_date BETWEEN ${birth.from} AND ${birth.to})`;
  // the counts read guidance_taken (migration 017: events attended per family and year, kept by triggers) and the
  // courses completed in the year
  const counts = await sql<{ street_id: string; sessions: number; families: string }>`
    WITH need AS (${need}), courses AS (
      SELECT cp.family_id, count(*) AS n
      FROM course_progress cp
      WHERE cp.completed_at >= ${w.fromAt} AND cp.completed_at < ${w.toAt}
      GROUP BY 1
    )
    SELECT need.street_id, least(coalesce(g.events, 0) + coalesce(k.n, 0), ${cap})::int AS sessions, count(*) AS families
    FROM need
    LEFT JOIN guidance_taken g ON g.family_id = need.id AND g.year = ${w.year}
    LEFT JOIN courses k ON k.family_id = need.id
    GROUP BY 1, 2`.execute(db);
  const monthly = await sql<{ street_id: string; month: number; taken: string; reached: string }>`
    WITH need AS (${need}), sessions AS (
      SELECT need.street_id, t.on_date, row_number() OVER (PARTITION BY t.family_id ORDER BY t.on_date) AS nth
      FROM (${taken}) t JOIN need ON need.id = t.family_id
    )
    SELECT street_id, extract(month FROM on_date)::int AS month,
      count(*) FILTER (WHERE nth <= ${cap}) AS taken, count(*) FILTER (WHERE nth = ${cap}) AS reached
    FROM sessions GROUP BY 1, 2`.execute(db);
  return { counts: counts.rows, monthly: monthly.rows };
}

/** A street's operating houses with their places and the free sessions delivered there in the year. */
export function housesOfStreet(db: Db, w: YearWindow, streetId: string) {
  return db
    .selectFrom('house as h')
    .select(['h.id', 'h.name', 'h.status', 'h.approved_places'])
    .select((eb) => [
      eb
        .selectFrom('attendance as a')
        .innerJoin('booking as b', 'b.id', 'a.booking_id')
        .innerJoin('care_session as s', 's.id', 'a.session_id')
        .select((x) => x.fn.countAll<string>().as('n'))
        .whereRef('s.house_id', '=', 'h.id')
        .where('a.admitted', '=', true)
        .where('b.free', '=', true)
        .where('s.date', '>=', w.from)
        .where('s.date', '<=', w.to)
        .as('delivered'),
      eb
        .selectFrom('attendance as a')
        .innerJoin('care_session as s', 's.id', 'a.session_id')
        .select(sql<string>`count(DISTINCT a.child_id)`.as('n'))
        .whereRef('s.house_id', '=', 'h.id')
        .where('a.admitted', '=', true)
        .where('s.date', '>=', w.from)
        .where('s.date', '<=', w.to)
        .as('children'),
    ])
    .where('h.street_id', '=', streetId)
    .orderBy('h.name')
    .execute();
}

/** T3's list: a street's children with need and the free sessions each was given (optionally only those seen at a house). */
export async function careChildren(db: Db, w: YearWindow, birth: { from: LocalDate; to: LocalDate }, streetId: string, houseId?: string) {
  const r = await sql<{ id: string; name: string; birth_date: string; family_id: string; sessions: string; last_on: string | null }>`
    SELECT c.id, c.name, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, c.family_id,
      count(s.id) AS sessions, to_char(max(s.date), 'YYYY-MM-DD') AS last_on
    FROM child c
    JOIN family f ON f.id = c.family_id
    LEFT JOIN attendance a ON a.child_id = c.id AND a.admitted
      AND EXISTS (SELECT 1 FROM booking b WHERE b.id = a.booking_id AND b.free)
    LEFT JOIN care_session s ON s.id = a.session_id AND s.date BETWEEN ${w.from} AND ${w.to}
    WHERE f.status = 'accepted' AND ${streetOfChild(w)} = ${streetId}
      AND c.birth_date BETWEEN ${birth.from} AND ${birth.to}
      ${houseId ? sql`AND EXISTS (SELECT 1 FROM attendance a2 JOIN care_session s2 ON s2.id = a2.session_id WHERE a2.child_id = c.id AND s2.house_id = ${houseId} AND s2.date BETWEEN ${w.from} AND ${w.to})` : sql``}
    GROUP BY c.id
    ORDER BY count(s.id), c.birth_date
    LIMIT 2000`.execute(db);
  return r.rows;
}

/** T5's list: a street's families with need and their guidance sessions in the year (events attended, courses completed). */
export async function guidanceFamilies(db: Db, w: YearWindow, birth: { from: LocalDate; to: LocalDate }, streetId: string) {
  const r = await sql<{ id: string; guardian_name: string; children: string; events: string; courses: string }>`
    SELECT f.id, f.guardian_name,
      (SELECT count(*) FROM child c WHERE c.family_id = f.id) AS children,
      (SELECT count(DISTINCT g.event_id) FROM guidance_enrolment g JOIN guidance_event e ON e.id = g.event_id
        WHERE g.family_id = f.id AND g.attended_at IS NOT NULL AND e.status <> 'cancelled' AND e.date BETWEEN ${w.from} AND ${w.to}) AS events,
      (SELECT count(*) FROM course_progress cp
        WHERE cp.family_id = f.id AND cp.completed_at >= ${w.fromAt} AND cp.completed_at < ${w.toAt}) AS courses
    FROM family f
    WHERE f.status = 'accepted' AND f.street_id = ${streetId}
      AND EXISTS (SELECT 1 FROM child c WHERE c.family_id = f.id AND c.birth_date BETWEEN ${birth.from} AND ${birth.to})
    ORDER BY 4 + 5, f.created_at
    LIMIT 2000`.execute(db);
  return r.rows;
}

/** T4's list: a street's newborns of the year with their visit (recorded, confirmed by the family). */
export async function newbornVisits(db: Db, w: YearWindow, streetId: string) {
  return db
    .selectFrom('newborn as n')
    .leftJoin('app_user as u', 'u.id', 'n.visitor_user_id')
    .select(['n.id', 'n.child_name', 'n.birth_date', 'u.display_name as visitor'])
    .select((eb) => [
      eb
        .selectFrom('home_visit as h')
        .select(sql<boolean>`bool_or(true)`.as('x'))
        .whereRef('h.newborn_id', '=', 'n.id')
        .where('h.status', '=', 'done')
        .as('recorded'),
      eb
        .selectFrom('home_visit as h')
        .select(sql<boolean>`bool_or(h.family_confirmed_at IS NOT NULL)`.as('x'))
        .whereRef('h.newborn_id', '=', 'n.id')
        .where('h.status', '=', 'done')
        .as('confirmed'),
    ])
    .where('n.street_id', '=', streetId)
    .where('n.birth_date', '>=', w.from)
    .where('n.birth_date', '<=', w.to)
    .orderBy('n.birth_date')
    .limit(2000)
    .execute();
}

/** Families of a street waiting for the street's review of their registration. */
export async function registrationsWaiting(db: Db, streetId: string): Promise<number> {
  const r = await db
    .selectFrom('family')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('street_id', '=', streetId)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Nudges: the guardians of these families (who is told, and under what name the street sees the family). */
export function familyGuardians(db: Db, familyIds: readonly string[]) {
  if (!familyIds.length) return Promise.resolve([]);
  return db
    .selectFrom('family')
    .select(['id', 'guardian_name', 'guardian_user_id'])
    .where('id', 'in', [...familyIds])
    .execute();
}

/** Nudges: the reminders of a kind already sent to these families in the month (at most one each, by the unique key). */
export function nudgesInMonth(db: Db, familyIds: readonly string[], kind: 'care' | 'guidance', month: LocalDate) {
  if (!familyIds.length) return Promise.resolve([]);
  return db
    .selectFrom('target_nudge')
    .select(['family_id', 'sent_at'])
    .where('family_id', 'in', [...familyIds])
    .where('kind', '=', kind)
    .where('month', '=', month)
    .execute();
}

/**
 * Nudges: records the reminders; a family already reminded of the kind in the month (by another send, even one still
 * running: the unique key waits for it) is left out. Returns the families recorded now, whose messages go out.
 */
export async function recordNudges(
  db: Db,
  rows: readonly {
    family_id: string;
    kind: 'care' | 'guidance';
    month: LocalDate;
    year: number;
    street_id: string;
    used: number;
    due: number;
    sent_by: string;
    sent_at: Date;
  }[],
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const r = await db
    .insertInto('target_nudge')
    .values([...rows])
    .onConflict((oc) => oc.constraint('target_nudge_once_a_month').doNothing())
    .returning('family_id')
    .execute();
  return new Set(r.map((x) => x.family_id));
}
