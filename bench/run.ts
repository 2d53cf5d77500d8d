// npm run bench: many guardians racing for a district's week of sessions over HTTP (real sessions and cookies),
// against a real PostgreSQL; then, on the same server in the same run, pgbench running the booking transaction's
// SQL. Prints bookings/s, p50/p99 latency, seats overbooked (must be 0) and the ratio of the two throughputs.
//
// BENCH_DATABASE_URL (default TEST_DATABASE_URL, then postgres://postgres:postgres@localhost:5432/postgres) must
// let us create and drop a database. BENCH_GUARDIANS (default 3000) and BENCH_CONNECTIONS (default 50) size the run.
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { createFieldCipher, newKeyRingSecrets, parseKeyRing } from '../src/server/crypto.ts';
import { MemoryFileStore } from '../src/server/files.ts';
import { createSession } from '../src/server/auth/sessions.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/postgres';
const GUARDIANS = Number(process.env.BENCH_GUARDIANS ?? 3000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const POOL = Number(process.env.BENCH_POOL ?? 10);
const NOW = new Date('2026-12-01T09:00:00+08:00'); // bookings for the week ahead are open

async function admin(query: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function main() {
  const name = `bbw_bench_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: POOL });
  const db = database.db;
  try {
    const secrets = newKeyRingSecrets();
    const cipher = createFieldCipher(parseKeyRing(secrets.encryptionKeys, secrets.searchHashKey));
    await prepareDatabase(db, { demo: true, cipher, files: new MemoryFileStore(), now: NOW });

    // A district's week: every operating house's sessions from tomorrow to a week ahead (the booking window).
    const sessions = await db
      .selectFrom('care_session')
      .select(['id', 'capacity', 'starts_at', 'ends_at'])
      .where('date', '>', '2026-12-01')
      .where('date', '<=', '2026-12-08')
      .where('status', '=', 'scheduled')
      .execute();
    const seats = sessions.reduce((n, s) => n + s.capacity, 0);

    // Guardians with one bookable child each and a signed-in session, made in bulk.
    const street = await db.selectFrom('street').select('id').where('code', '=', 'scbl').executeTakeFirstOrThrow();
    const people: { cookie: string; csrf: string; childId: string; familyId: string; userId: string }[] = [];
    const enc = cipher.encrypt('310109202504040000');
    const health = cipher.encrypt(JSON.stringify({ allergies: '', history: '', declaredTruthfully: true }));
    // Twice as many as book over HTTP: the second half are fresh children for pgbench.
    for (let start = 0; start < 2 * GUARDIANS; start += 500) {
      await db.transaction().execute(async (trx) => {
        const n = Math.min(500, 2 * GUARDIANS - start);
        const users = await trx
          .insertInto('app_user')
          .values(
            Array.from({ length: n }, (_, i) => ({
              role: 'guardian' as const,
              phone: `166${String(start + i).padStart(8, '0')}`,
              display_name: `家长${start + i}`,
              status: 'active' as const,
            })),
          )
          .returning('id')
          .execute();
        const families = await trx
          .insertInto('family')
          .values(
            users.map((u) => ({
              guardian_user_id: u.id,
              guardian_name: '家长',
              guardian_id_enc: enc,
              guardian_id_hash: crypto.randomUUID(),
              street_id: street.id,
              address: '虹口区',
              status: 'accepted' as const,
              consent_version: 1,
              consent_at: NOW,
              agreement_version: 1,
              agreement_signed_at: NOW,
            })),
          )
          .returning(['id', 'guardian_user_id'])
          .execute();
        const children = await trx
          .insertInto('child')
          .values(
            families.map((f) => ({
              family_id: f.id,
              name: '宝宝',
              sex: 'male' as const,
              birth_date: '2025-04-04',
              id_number_enc: enc,
              id_number_hash: crypto.randomUUID(),
              residence_street_id: street.id,
              health_enc: health,
            })),
          )
          .returning(['id', 'family_id'])
          .execute();
        const files = await trx
          .insertInto('stored_file')
          .values(
            families.map((f) => ({
              family_id: f.id,
              content_type: 'image/png' as const,
              size_bytes: 1,
              sha256: 'x',
              storage_key: crypto.randomUUID(),
              uploaded_by: f.guardian_user_id,
            })),
          )
          .returning('id')
          .execute();
        await trx
          .insertInto('health_certificate')
          .values(
            children.map((c, i) => ({ child_id: c.id, file_id: files[i].id, exam_date: '2026-11-20', institution: '虹口区妇幼保健所' })),
          )
          .execute();
        for (let i = 0; i < n && start + i < GUARDIANS; i++) {
          const s = await createSession(trx, { id: users[i].id, role: 'guardian' }, NOW, {});
          people.push({
            cookie: `bbw_session=${s.token}`,
            csrf: s.csrfToken,
            childId: children[i].id,
            familyId: families[i].id,
            userId: users[i].id,
          });
        }
      });
    }

    // The platform as it runs in production: its own process (npm start's entry point) on this database, so the load
    // generator below does not share its event loop. Its clock is moved to the bench's "now" through the test API.
    const port = await freePort();
    const server = spawn(
      process.execPath,
      [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), '--import', 'tsx', 'src/main.ts'],
      {
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          DATABASE_POOL_SIZE: String(POOL),
          PORT: String(port),
          HOST: '127.0.0.1',
          SEED_DEMO: 'false',
          ENABLE_TEST_API: 'true',
          LOG_LEVEL: 'warn',
          WEB_DIST: os.tmpdir(),
          ENCRYPTION_KEYS: secrets.encryptionKeys,
          SEARCH_HASH_KEY: secrets.searchHashKey,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('API docs')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    await fetch(`http://127.0.0.1:${port}/api/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: NOW.toISOString() }),
    });

    // Each guardian books one random session of the week, all at once.
    let next = 0;
    const statuses = new Map<string, number>();
    const started = Date.now();
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      amount: GUARDIANS,
      requests: [
        {
          method: 'POST',
          path: '/api/bookings',
          setupRequest: (req) => {
            const p = people[next++ % people.length];
            const s = sessions[crypto.randomInt(sessions.length)];
            return {
              ...req,
              headers: { 'content-type': 'application/json', cookie: p.cookie, 'x-csrf-token': p.csrf },
              body: JSON.stringify({ sessionId: s.id, childId: p.childId }),
            };
          },
          onResponse: (status, body) => {
            const key = status === 201 ? JSON.parse(body).status : `${status} ${JSON.parse(body).code ?? ''}`;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
          },
        },
      ],
    });
    const elapsed = (Date.now() - started) / 1000;
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));

    const over = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM care_session s
      WHERE (SELECT count(*) FROM booking b WHERE b.session_id = s.id AND b.status IN ('confirmed', 'offered')) > s.capacity`.execute(db);
    const overbookedSeats = await sql<{ n: number }>`
      SELECT coalesce(sum(greatest(0, taken - capacity)), 0)::int AS n FROM (
        SELECT s.capacity, (SELECT count(*) FROM booking b WHERE b.session_id = s.id AND b.status IN ('confirmed', 'offered')) AS taken
        FROM care_session s) x`.execute(db);

    // pgbench: the same transaction's SQL (lock the session, count its seats, insert the booking, debit the ledger,
    // write the audit event), on the same server, with fresh children so no constraint refuses a row.
    await sql`CREATE TABLE bench_session AS SELECT row_number() OVER () AS n, id, capacity, starts_at, ends_at FROM care_session
      WHERE date > '2026-12-01' AND date <= '2026-12-08' AND status = 'scheduled'`.execute(db);
    await sql`CREATE TABLE bench_child AS SELECT row_number() OVER () AS n, c.id, c.family_id, f.guardian_user_id AS uid
      FROM child c JOIN family f ON f.id = c.family_id WHERE NOT EXISTS (SELECT 1 FROM booking b WHERE b.child_id = c.id)`.execute(db);
    await sql`CREATE UNIQUE INDEX ON bench_session (n)`.execute(db);
    await sql`CREATE UNIQUE INDEX ON bench_child (n)`.execute(db);
    await sql`CREATE SEQUENCE bench_child_seq`.execute(db);
    const fresh = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_child`.execute(db)).rows[0].n);
    const script = path.join(os.tmpdir(), `bbw-bench-${process.pid}.sql`);
    fs.writeFileSync(
      script,
      `\\set s random(1, ${sessions.length})
BEGIN;
SELECT id AS cid, family_id AS fid, uid FROM bench_child WHERE n = (SELECT nextval('bench_child_seq')) \\gset
SELECT id AS sid, capacity AS cap, starts_at AS sa, ends_at AS ea FROM bench_session WHERE n = :s \\gset
SELECT id FROM care_session WHERE id = ':sid' FOR UPDATE;
SELECT count(*) AS taken FROM booking WHERE session_id = ':sid' AND status IN ('confirmed', 'offered', 'waitlisted') \\gset
INSERT INTO booking (id, session_id, child_id, family_id, status, during, free, created_by, created_at)
  VALUES (gen_random_uuid(), ':sid', ':cid', ':fid', CASE WHEN :taken < :cap THEN 'confirmed' ELSE 'waitlisted' END,
          tstzrange(':sa', ':ea', '[)'), :taken < :cap, ':uid', now()) RETURNING id AS bid \\gset
INSERT INTO entitlement_entry (child_id, year, booking_id, amount, reason, created_at)
  SELECT ':cid', 2026, ':bid', -1, 'booking', now() WHERE :taken < :cap;
INSERT INTO audit_event (at, actor_user_id, actor_role, action, entity_type, entity_id) VALUES (now(), ':uid', 'guardian', 'booking.confirm', 'booking', ':bid');
COMMIT;
`,
    );
    const perClient = Math.max(1, Math.floor(Math.min(fresh, GUARDIANS) / CONNECTIONS));
    const out = execFileSync(
      'pgbench',
      ['-n', '-M', 'simple', '-c', String(CONNECTIONS), '-j', '2', '-t', String(perClient), '-f', script, url.toString()],
      { encoding: 'utf8' },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0);

    const bookingsPerSecond = GUARDIANS / elapsed;
    const lines = [
      `bench: ${new Date().toISOString()} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? ''} · PostgreSQL via ${url.hostname}:${url.port || 5432}`,
      `district week: ${sessions.length} sessions, ${seats} seats; ${GUARDIANS} guardians booking at once over HTTP (the server in its own process), ${CONNECTIONS} connections, pool ${POOL}`,
      `outcomes: ${[...statuses.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `HTTP booking: ${bookingsPerSecond.toFixed(0)} bookings/s (autocannon ${result.requests.average.toFixed(0)} req/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `seats overbooked: ${overbookedSeats.rows[0].n} (sessions over capacity: ${over.rows[0].n})`,
      `pgbench, same transaction SQL, same server, ${CONNECTIONS} clients: ${tps.toFixed(0)} tps`,
      `ratio HTTP / pgbench: ${(bookingsPerSecond / tps).toFixed(2)} (target ≥ 0.50, p99 < 100 ms)`,
    ];
    console.log(lines.join('\n'));
    // The newest run is kept beside the script, with the machine and date in its first line.
    fs.writeFileSync(
      path.join(path.dirname(new URL(import.meta.url).pathname), 'RESULTS.md'),
      `# Benchmark results

Written by \`npm run bench\` (bench/run.ts): the latest run on this machine. Rerun it to compare; prefer the ratio to
pgbench over absolute figures, since these machines are noisy.

\`\`\`
${lines.join('\n')}
\`\`\`
`,
    );
    fs.rmSync(script, { force: true });
    if (Number(overbookedSeats.rows[0].n) !== 0) process.exitCode = 1;
  } finally {
    await database.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
