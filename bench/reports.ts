// npm run bench:reports (issue 12): the targets' dashboard queries at city size. Builds on PostgreSQL a dataset of
// about 200 streets, 1,500 houses, 300,000 children, 3.6 million care bookings with their attendance and 1 million
// guidance attendances in 2026 (set-based SQL, a few minutes), then times the real service functions of
// src/server/modules/targets — the district overview, one street, a street's T3 and T5 lists — and prints p50/p95.
//
// BENCH_DATABASE_URL (default postgres://postgres:postgres@localhost:5432/bbw_bench_reports) is created when missing
// and migrated with the project's runner. The dataset is generated once per scale (recorded in bench_dataset);
// `--fresh` drops and rebuilds it. `--scale 0.1` makes everything but the streets ten times smaller; `--runs 30` sets
// the timed runs per query (after 3 warm-up runs); `--write` appends the figures to bench/RESULTS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { ensureStreets } from '../src/db/seed/streets.ts';
import type { Actor } from '../src/server/access.ts';
import { ensurePolicyDefaults } from '../src/server/modules/policy/service.ts';
import { streetTargets, targetList, targetsOverview } from '../src/server/modules/targets/service.ts';
import { DISTRICT_TIME_ZONE } from '../src/shared/timeZone.ts';

const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/bbw_bench_reports';
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : (process.argv[i + 1] ?? '');
};
const FRESH = process.argv.includes('--fresh');
const WRITE = process.argv.includes('--write');
const SCALE = Number(arg('scale') ?? 1);
const RUNS = Number(arg('runs') ?? 30);
const LABEL = arg('label') ?? '';
const NOW = new Date('2026-12-01T10:00:00+08:00');
const YEAR = 2026;

if (!(SCALE > 0 && SCALE <= 1) || !(RUNS >= 1)) {
  console.error('usage: npm run bench:reports -- [--scale 0<s≤1] [--runs N] [--fresh] [--write] [--label text]');
  process.exit(2);
}

/** The sizes at a scale: streets stay 200 (the district's shape), everything else scales. */
function sizes(scale: number) {
  const children = Math.round(300_000 * scale);
  return {
    streets: 200,
    houses: Math.max(10, Math.round(1500 * scale)),
    children,
    // 1.25 children per family: a quarter of the families have two
    families: Math.round(children / 1.25),
    eventsPerStreet: Math.max(10, Math.round(100 * scale)),
    newborns: Math.round(80_000 * scale),
    courses: 20,
  };
}

async function ensureDatabase(fresh: boolean) {
  const url = new URL(URL_);
  const name = url.pathname.slice(1);
  const admin = new URL(URL_);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    if (fresh) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
}

const ms = (t0: number) => Math.round(performance.now() - t0);

/** Set-based generation, statement by statement on one connection (each step timed). */
async function generate(client: pg.Client, scale: number) {
  const z = sizes(scale);
  const t0 = performance.now();
  const step = async (label: string, text: string) => {
    const t = performance.now();
    const r = await client.query(text);
    console.log(`  ${label}: ${r.rowCount ?? ''} rows, ${ms(t)} ms`);
  };
  await client.query(`SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`);
  await client.query(`SET TIME ZONE '${DISTRICT_TIME_ZONE}'`);
  // Deterministic ids (md5 of a name) so that each table can be generated without joining the ones before it.
  await step(
    'streets',
    `INSERT INTO street (code, name, short_name, sort_order)
     SELECT 'b' || lpad(i::text, 3, '0'), '测试' || i || '街道', '测试' || i, 100 + i
     FROM generate_series(1, ${z.streets} - (SELECT count(*) FROM street)) i`,
  );
  await client.query(`CREATE TABLE bench_street AS
    SELECT (row_number() OVER (ORDER BY sort_order, code) - 1)::int AS n, id FROM street`);
  await client.query('CREATE UNIQUE INDEX ON bench_street (n)');
  await step(
    'staff',
    `INSERT INTO app_user (id, role, username, display_name, password_hash)
     VALUES (md5('staff')::uuid, 'district_admin', 'bench_staff', '测试管理员', 'x')`,
  );
  await step(
    'houses',
    `INSERT INTO house (id, street_id, name, address, status, suspended_reason, approved_places)
     SELECT md5('h' || h)::uuid, s.id, '测试宝宝屋' || h, '测试路' || h || '号',
       CASE WHEN h % 50 = 49 THEN 'suspended' ELSE 'active' END, CASE WHEN h % 50 = 49 THEN '整改' END, 10 + h % 30
     FROM generate_series(0, ${z.houses - 1}) h JOIN bench_street s ON s.n = h % ${z.streets}`,
  );
  await step(
    'rooms',
    `INSERT INTO room (id, house_id, name, area_m2) SELECT md5('r' || h)::uuid, md5('h' || h)::uuid, '活动室', 80
     FROM generate_series(0, ${z.houses - 1}) h`,
  );
  // One morning session on every weekday of the year in every house.
  await client.query(`CREATE TABLE bench_day AS
    SELECT (row_number() OVER (ORDER BY d) - 1)::int AS n, d::date AS date FROM generate_series('${YEAR}-01-01'::date, '${YEAR}-12-31', '1 day') d
    WHERE extract(isodow FROM d) < 6`);
  await client.query('CREATE UNIQUE INDEX ON bench_day (n)');
  const days = Number((await client.query('SELECT count(*) FROM bench_day')).rows[0].count);
  await step(
    'care sessions',
    `INSERT INTO care_session (id, house_id, room_id, date, starts_at, ends_at, service_type, offered_capacity, capacity)
     SELECT md5('s' || h || '-' || d.n)::uuid, md5('h' || h)::uuid, md5('r' || h)::uuid, d.date,
       (d.date + time '09:00') AT TIME ZONE '${DISTRICT_TIME_ZONE}', (d.date + time '11:30') AT TIME ZONE '${DISTRICT_TIME_ZONE}',
       'temporary', 12, 12
     FROM generate_series(0, ${z.houses - 1}) h CROSS JOIN bench_day d`,
  );
  await step(
    'guardians',
    `INSERT INTO app_user (id, role, phone, display_name)
     SELECT md5('u' || f)::uuid, 'guardian', '139' || lpad(f::text, 8, '0'), '家长' || f FROM generate_series(0, ${z.families - 1}) f`,
  );
  await step(
    'families',
    `INSERT INTO family (id, guardian_user_id, guardian_name, guardian_id_enc, guardian_id_hash, street_id, address, status,
       submitted_at, reviewed_at, consent_version, consent_at, created_at)
     SELECT md5('f' || f)::uuid, md5('u' || f)::uuid, '家长' || f, 'enc:' || md5('g' || f), md5('g' || f), s.id, '测试路' || f || '号',
       CASE WHEN f % 20 = 19 THEN 'submitted' ELSE 'accepted' END, '2025-06-01', '2025-06-02', 1, '2025-06-01', '2025-06-01'
     FROM generate_series(0, ${z.families - 1}) f JOIN bench_street s ON s.n = f % ${z.streets}`,
  );
  // Children born from December 2022 to October 2026 (aged 0–3 in the year); child i is of family i % families.
  await step(
    'children',
    `INSERT INTO child (id, family_id, name, sex, birth_date, id_number_enc, id_number_hash, residence_street_id, health_enc)
     SELECT md5('c' || i)::uuid, md5('f' || (i % ${z.families}))::uuid, '宝宝' || i, CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END,
       date '2022-12-01' + (i::bigint * 7919 % 1430)::int, 'enc:' || md5('n' || i), md5('n' || i), s.id, 'enc:' || md5('x' || i)
     FROM generate_series(0, ${z.children - 1}) i JOIN bench_street s ON s.n = (i % ${z.families}) % ${z.streets}`,
  );
  // 0–24 bookings per child (12 on average: 3.6 million), on distinct weekdays, in a house of its street (mostly):
  // 80 % attended, 3 % refused at the door, 7 % no-shows, 10 % cancelled; 90 % of them free.
  await step(
    'bookings',
    `INSERT INTO booking (id, session_id, child_id, family_id, status, during, free, created_by, created_at, confirmed_at,
       cancelled_at, no_show_at)
     SELECT md5('b' || c || '-' || k)::uuid, md5('s' || ((c % ${z.families}) % ${z.streets} + ${z.streets} * (c % 8)) % ${z.houses} || '-' || d.n)::uuid,
       md5('c' || c)::uuid, md5('f' || (c % ${z.families}))::uuid,
       CASE WHEN r < 83 THEN 'confirmed' WHEN r < 90 THEN 'no_show' ELSE 'cancelled' END,
       tstzrange((d.date + time '09:00') AT TIME ZONE '${DISTRICT_TIME_ZONE}', (d.date + time '11:30') AT TIME ZONE '${DISTRICT_TIME_ZONE}'),
       (c + k * 3) % 10 <> 0, md5('u' || (c % ${z.families}))::uuid, d.date - 3, d.date - 3,
       CASE WHEN r >= 90 THEN d.date - 1 END, CASE WHEN r >= 83 AND r < 90 THEN d.date + time '10:00' END
     FROM generate_series(0, ${z.children - 1}) c
     CROSS JOIN LATERAL generate_series(0, (c * 2654435761 % 25)::int - 1) k
     CROSS JOIN LATERAL (SELECT (c * 7 + k * 13) % 100 AS r) x
     JOIN bench_day d ON d.n = (c::bigint * 37 + k * 10) % ${days}`,
  );
  await step(
    'attendance',
    `INSERT INTO attendance (booking_id, session_id, child_id, admitted, health_enc, brought_by, checked_in_at, checked_in_by,
       checked_out_at, checked_out_by, picked_up_by, pickup_method)
     SELECT b.id, b.session_id, b.child_id, ok, 'enc:x', '妈妈', lower(b.during), md5('staff')::uuid,
       CASE WHEN ok THEN upper(b.during) END, CASE WHEN ok THEN md5('staff')::uuid END, CASE WHEN ok THEN '妈妈' END,
       CASE WHEN ok THEN 'list' END
     FROM booking b CROSS JOIN LATERAL (SELECT get_byte(decode(md5(b.id::text), 'hex'), 0) >= 10 AS ok) x
     WHERE b.status = 'confirmed'`,
  );
  await step(
    'guidance providers',
    `INSERT INTO guidance_provider (id, kind, name, street_id, address)
     SELECT md5('p' || s.n)::uuid, 'early_education_centre', '测试早教中心' || s.n, s.id, '测试路' FROM bench_street s`,
  );
  // Each street's provider runs an event every few days; 2 % of them are cancelled.
  await step(
    'guidance events',
    `INSERT INTO guidance_event (id, provider_id, street_id, title, topic, min_age_months, max_age_months, leader, mode, place,
       date, starts_at, ends_at, seats, status, cancel_reason, created_by, created_at, updated_at)
     SELECT md5('e' || s.n || '-' || e)::uuid, md5('p' || s.n)::uuid, s.id, '育儿讲座' || e, 'feeding', 0, 36, '指导师', 'offline', '活动室',
       dt, (dt + time '14:00') AT TIME ZONE '${DISTRICT_TIME_ZONE}', (dt + time '15:00') AT TIME ZONE '${DISTRICT_TIME_ZONE}', 500,
       CASE WHEN e % 50 = 7 THEN 'cancelled' ELSE 'published' END, CASE WHEN e % 50 = 7 THEN '讲师临时有事' END,
       md5('staff')::uuid, '${YEAR}-01-01', '${YEAR}-01-01'
     FROM bench_street s CROSS JOIN generate_series(0, ${z.eventsPerStreet - 1}) e
     CROSS JOIN LATERAL (SELECT date '${YEAR}-01-03' + (e * 355 / ${z.eventsPerStreet}) AS dt) x`,
  );
  // 0–9 enrolments per family (4.5 on average), at events of its street, 92 % attended.
  await step(
    'guidance enrolments',
    `INSERT INTO guidance_enrolment (event_id, family_id, status, door_code, attended_at, attended_by, attendance_method,
       created_by, created_at, updated_at)
     SELECT md5('e' || (f % ${z.streets}) || '-' || ((f * 7 + k * 11) % ${z.eventsPerStreet}))::uuid, md5('f' || f)::uuid, 'confirmed',
       lpad(((f / ${z.streets}) % 1000000)::text, 6, '0'),
       CASE WHEN ok THEN '${YEAR}-01-01'::timestamptz END, CASE WHEN ok THEN md5('staff')::uuid END, CASE WHEN ok THEN 'list' END,
       md5('u' || f)::uuid, '${YEAR}-01-01', '${YEAR}-01-01'
     FROM generate_series(0, ${z.families - 1}) f
     CROSS JOIN LATERAL generate_series(0, (f * 2654435761 % 10)::int - 1) k
     CROSS JOIN LATERAL (SELECT (f + k * 7) % 25 <> 0 AS ok) x
     WHERE k < ${z.eventsPerStreet}`,
  );
  // attended_at at the event's start
  await step(
    'guidance attendance times',
    `UPDATE guidance_enrolment g SET attended_at = e.starts_at + interval '5 minutes'
     FROM guidance_event e WHERE e.id = g.event_id AND g.attended_at IS NOT NULL`,
  );
  await step(
    'courses',
    `INSERT INTO guidance_course (id, provider_id, street_id, title, topic, min_age_months, max_age_months, leader, article, quiz,
       status, published_at, created_by, created_at, updated_at)
     SELECT md5('k' || i)::uuid, md5('p0')::uuid, (SELECT id FROM bench_street WHERE n = 0), '线上课程' || i, 'sleep', 0, 36, '指导师',
       '[{"kind":"text","text":"正文"}]', '[{"question":"?","options":["a","b"],"answer":0}]', 'published', '${YEAR}-01-01',
       md5('staff')::uuid, '${YEAR}-01-01', '${YEAR}-01-01'
     FROM generate_series(0, ${z.courses - 1}) i`,
  );
  // A third of the families started one to three courses; most of those finished them during the year.
  await step(
    'course progress',
    `INSERT INTO course_progress (course_id, family_id, article_read_at, quiz_attempts, quiz_passed_at, completed_at, started_at, updated_at)
     SELECT md5('k' || ((f + j * 7) % ${z.courses}))::uuid, md5('f' || f)::uuid, t, 1, CASE WHEN f % 4 <> 0 THEN t END,
       CASE WHEN f % 4 <> 0 THEN t END, t, t
     FROM generate_series(0, ${z.families - 1}) f CROSS JOIN generate_series(0, f % 3) j
     CROSS JOIN LATERAL (SELECT '${YEAR}-01-10'::timestamptz + (f % 320)::int * interval '1 day' AS t) x
     WHERE f % 3 = 0`,
  );
  // The year's newborns on the registers; 70 % visited (of which most confirmed by the family), 10 % scheduled.
  await step(
    'newborns',
    `INSERT INTO newborn (id, street_id, child_name, sex, birth_date, guardian_name, phone_enc, phone_hash, address_enc, source,
       visitor_user_id, created_by, created_at, updated_at)
     SELECT md5('nb' || i)::uuid, s.id, '新生儿' || i, CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END, date '${YEAR}-01-01' + (i % 330),
       '母亲' || i, 'enc:' || md5('np' || i), md5('np' || i), 'enc:x', 'import', md5('staff')::uuid, md5('staff')::uuid, now(), now()
     FROM generate_series(0, ${z.newborns - 1}) i JOIN bench_street s ON s.n = i % ${z.streets}`,
  );
  await step(
    'home visits',
    `INSERT INTO home_visit (newborn_id, visitor_user_id, status, scheduled_at, visited_on, duration_minutes, recorded_at,
       family_confirmed_at, created_at, updated_at)
     SELECT md5('nb' || i)::uuid, md5('staff')::uuid, CASE WHEN i % 10 < 7 THEN 'done' ELSE 'scheduled' END, t,
       CASE WHEN i % 10 < 7 THEN t::date END, CASE WHEN i % 10 < 7 THEN 45 END, CASE WHEN i % 10 < 7 THEN t END,
       CASE WHEN i % 10 < 6 THEN t + interval '1 day' END, t, t
     FROM generate_series(0, ${z.newborns - 1}) i
     CROSS JOIN LATERAL (SELECT (date '${YEAR}-01-01' + (i % 330) + 10)::timestamptz AS t) x
     WHERE i % 10 < 8`,
  );
  await step(
    'street population',
    `INSERT INTO street_population (street_id, year, children_1_3, newborns, source, as_of, recorded_by, recorded_at)
     SELECT s.id, ${YEAR}, 900 + s.n * 7 % 500 + v * 30, 400, CASE WHEN v = 0 THEN '街道摸排' ELSE '公安户籍统计' END,
       '${YEAR}-01-01', md5('staff')::uuid, CASE WHEN v = 0 THEN timestamptz '${YEAR}-02-01' ELSE timestamptz '${YEAR}-06-01' END
     FROM bench_street s CROSS JOIN generate_series(0, 1) v`,
  );
  await client.query('DROP TABLE bench_street, bench_day');
  const t = performance.now();
  await client.query('VACUUM ANALYZE');
  console.log(`  vacuum analyze: ${ms(t)} ms`);
  return Math.round((performance.now() - t0) / 1000);
}

async function counts(client: pg.Client) {
  const tables = [
    'street',
    'house',
    'family',
    'child',
    'care_session',
    'booking',
    'attendance',
    'guidance_event',
    'guidance_enrolment',
    'course_progress',
    'newborn',
    'home_visit',
    'street_population',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await client.query(`SELECT count(*) FROM ${t}`)).rows[0].count);
  out['attendance admitted'] = Number((await client.query('SELECT count(*) FROM attendance WHERE admitted')).rows[0].count);
  out['guidance attended'] = Number(
    (await client.query('SELECT count(*) FROM guidance_enrolment WHERE attended_at IS NOT NULL')).rows[0].count,
  );
  return out;
}

const pctl = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function main() {
  await ensureDatabase(FRESH);
  const database = await openDatabase({ url: URL_, poolSize: 10 });
  const db = database.db;
  const client = new pg.Client({ connectionString: URL_ });
  await client.connect();
  try {
    const applied = await migrate(db);
    if (applied.length) console.log(`migrated: ${applied.join(', ')}`);
    await ensureStreets(db);
    await ensurePolicyDefaults(db);
    await client.query(
      'CREATE TABLE IF NOT EXISTS bench_dataset (scale numeric NOT NULL, seconds integer NOT NULL, at timestamptz NOT NULL)',
    );
    const marker = (await client.query('SELECT scale, seconds, at FROM bench_dataset')).rows[0] as
      | { scale: string; seconds: number; at: Date }
      | undefined;
    let seconds: number;
    if (marker && Number(marker.scale) === SCALE) {
      seconds = marker.seconds;
      console.log(`dataset at scale ${SCALE} already there (generated ${marker.at.toISOString()} in ${seconds} s); --fresh rebuilds it`);
    } else {
      if (marker) {
        console.error(`the database holds scale ${marker.scale}, not ${SCALE}: rerun with --fresh`);
        process.exit(2);
      }
      console.log(`generating at scale ${SCALE} …`);
      seconds = await generate(client, SCALE);
      await client.query('INSERT INTO bench_dataset VALUES ($1, $2, now())', [SCALE, seconds]);
      console.log(`generated in ${seconds} s`);
    }
    const sizes = await counts(client);
    const sizeLine = Object.entries(sizes)
      .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
      .join(' · ');
    console.log(sizeLine);

    const clock = { now: () => NOW };
    const street = (
      await client.query(`SELECT s.id FROM street s JOIN family f ON f.street_id = s.id GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`)
    ).rows[0].id as string;
    const actor: Actor = {
      id: (await client.query(`SELECT id FROM app_user WHERE username = 'bench_staff'`)).rows[0]?.id ?? crypto.randomUUID(),
      role: 'district_admin',
      displayName: 'bench',
      streetId: null,
      houseId: null,
      department: null,
      providerId: null,
      sessionId: 'bench',
    };
    const queries: [string, () => Promise<unknown>, number][] = [
      ['district overview (targetsOverview)', () => targetsOverview(db, clock, YEAR, { kind: 'all' }), 500],
      ['one street (streetTargets)', () => streetTargets(db, clock, actor, street, YEAR), 200],
      ["street's T3 list (targetList T3)", () => targetList(db, clock, { actor }, { target: 'T3', streetId: street, year: YEAR }), 200],
      ["street's T5 list (targetList T5)", () => targetList(db, clock, { actor }, { target: 'T5', streetId: street, year: YEAR }), 200],
    ];
    const lines: string[] = [];
    for (const [name, run, target] of queries) {
      for (let i = 0; i < 3; i++) await run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
      const p95 = pctl(times, 95);
      const line = `${name}: p50 ${pctl(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (target < ${target} ms: ${p95 < target ? 'met' : 'NOT met'})`;
      console.log(line);
      lines.push(line);
    }
    const header = `bench:reports ${new Date().toISOString()} · ${os.cpus().length} cores · PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version} · scale ${SCALE} · ${RUNS} runs after 3 warm-up${LABEL ? ` · ${LABEL}` : ''}`;
    console.log(header);
    if (WRITE) {
      const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
      const day = new Date().toISOString().slice(0, 10);
      const block = [
        `## ${day}: issue 12: targets at city size (npm run bench:reports)`,
        '',
        '```',
        header,
        `dataset (generated in ${seconds} s): ${sizeLine}`,
        ...lines,
        '```',
        '',
      ].join('\n');
      fs.appendFileSync(file, `\n${block}`);
      console.log(`appended to ${file}`);
    }
  } finally {
    await client.end();
    await database.close();
  }
}

await main();
