// SQL of the targets (the rules are src/domain/targets.ts): for one year, each street's places and population in
// force (T1/T2), its children with need and the free sessions each was given (T3, as counts per child), its newborn
// register and visits (T4) and its families with need and their guidance sessions (T5) — each one grouped query, so a
// district of 200 streets is as many queries as one street. The lists behind the figures are separate reads.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { LocalDate } from '../../../domain/time.ts';

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
}

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
 * T3 per street: for each number of free sessions delivered (capped at `cap`), how many children with need had it;
 * and, month by month, the sessions delivered to each street's children and how many of them reached `cap` then (for
 * the trend). One pass over the children with need: the sessions are read from care_delivered (migration 017: per
 * child and year, kept by triggers on attendance, booking and care_session), not counted from the year's attendance.
 */
export async function careByStreet(db: Db, w: YearWindow, birth: { from: LocalDate; to: LocalDate }, cap: number) {
  // The month a child reached `cap`: the first whose sessions so far (months[1] + … + months[m]) add up to it.
  const upTo = (m: number) => sql.raw(Array.from({ length: m }, (_, i) => `months[${i + 1}]`).join(' + '));
  const reachedIn = sql.join(
    Array.from({ length: 12 }, (_, i) => sql`WHEN ${upTo(i + 1)} >= ${cap} THEN ${sql.lit(i + 1)}`),
    sql` `,
  );
  const monthSums = sql.raw(Array.from({ length: 12 }, (_, i) => `sum(months[${i + 1}]) AS m${i + 1}`).join(', '));
  const monthArray = sql.raw(`ARRAY[${Array.from({ length: 12 }, (_, i) => `m${i + 1}`).join(', ')}]`);
  const r = await sql<{ kind: 'count' | 'month'; street_id: string; sessions: number; n: string; delivered: string }>`
    WITH need AS MATERIALIZED (
      SELECT c.residence_street_id AS street_id, d.sessions, d.months
      FROM child c
      JOIN family f ON f.id = c.family_id
      LEFT JOIN care_delivered d ON d.child_id = c.id AND d.year = ${w.year}
      WHERE f.status = 'accepted' AND c.birth_date BETWEEN ${birth.from} AND ${birth.to}
    ), per AS (
      SELECT street_id, (CASE WHEN ${cap} < 1 THEN NULL ${reachedIn} END)::int AS reached_month, count(*) AS n, ${monthSums}
      FROM need
      WHERE sessions > 0
      GROUP BY 1, 2
    ), months AS (
      SELECT p.street_id, m.month, (${monthArray})[m.month] AS delivered,
        CASE WHEN p.reached_month = m.month THEN p.n ELSE 0 END AS reached
      FROM per p CROSS JOIN generate_series(1, 12) AS m(month)
    )
    SELECT 'count' AS kind, street_id, least(coalesce(sessions, 0), ${cap})::int AS sessions, count(*) AS n,
      coalesce(sum(sessions), 0) AS delivered
    FROM need GROUP BY 1, 2, 3
    UNION ALL
    SELECT 'month', street_id, month, sum(reached), sum(delivered)
    FROM months GROUP BY 1, 2, 3
    HAVING sum(delivered) > 0`.execute(db);
  return {
    counts: r.rows
      .filter((x) => x.kind === 'count')
      .map((x) => ({ street_id: x.street_id, sessions: x.sessions, children: x.n, delivered: x.delivered })),
    monthly: r.rows
      .filter((x) => x.kind === 'month')
      .map((x) => ({ street_id: x.street_id, month: x.sessions, delivered: x.delivered, reached: x.n })),
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
 * T5 per street: for each number of guidance sessions (capped at `cap`), how many families with need had it. The
 * events attended are read from guidance_taken (migration 017: per family and year, kept by triggers on enrolments
 * and events); the courses completed in the year are counted.
 */
export async function guidanceByStreet(db: Db, w: YearWindow, birth: { from: LocalDate; to: LocalDate }, cap: number) {
  const r = await sql<{ street_id: string; sessions: number; families: string; taken: string }>`
    WITH need AS (
      SELECT f.id, f.street_id
      FROM family f
      WHERE f.status = 'accepted'
        AND EXISTS (SELECT 1 FROM child c WHERE c.family_id = f.id AND c.birth_date BETWEEN ${birth.from} AND ${birth.to})
    ), courses AS (
      SELECT cp.family_id, count(*) AS n
      FROM course_progress cp
      WHERE cp.completed_at >= ${w.fromAt} AND cp.completed_at < ${w.toAt}
      GROUP BY 1
    ), taken AS (
      SELECT need.street_id, coalesce(g.events, 0) + coalesce(k.n, 0) AS n
      FROM need
      LEFT JOIN guidance_taken g ON g.family_id = need.id AND g.year = ${w.year}
      LEFT JOIN courses k ON k.family_id = need.id
    )
    SELECT street_id, least(n, ${cap})::int AS sessions, count(*) AS families, sum(n) AS taken
    FROM taken
    GROUP BY 1, 2`.execute(db);
  return r.rows;
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
    WHERE f.status = 'accepted' AND c.residence_street_id = ${streetId}
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
