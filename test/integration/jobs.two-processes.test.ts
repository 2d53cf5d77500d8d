// Two real server processes (`node --import tsx src/main.ts`) on one PostgreSQL: every outbox message is sent exactly
// once across both, each daily run is done once; then one process is killed (SIGKILL) while it holds claimed
// messages, and the other finishes them once the lease has run out. Skips without TEST_DATABASE_URL.
// Loopback only; every wait is bounded; both processes are always killed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { addDays, localDateOf, systemClock } from '../../src/domain/time.ts';
import { createFieldCipher, parseKeyRing } from '../../src/server/crypto.ts';
import { MemoryFileStore } from '../../src/server/files.ts';
import { enqueueMessage } from '../../src/server/outbox.ts';
import { makeStaffedHouse } from '../../src/server/modules/testing/factories.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LEASE_MS = 3000;
const ENCRYPTION_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const SEARCH_HASH_KEY = Buffer.alloc(32, 9).toString('base64');

interface Proc {
  name: string;
  port: number;
  child: ChildProcess;
  output: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL', () => {
  const admin = process.env.TEST_DATABASE_URL!;
  const dbName = `bbw_test_jobs2_${process.pid}_${Date.now()}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bbw-jobs2-'));
  let url = '';
  let database: Database;
  const procs: Proc[] = [];

  async function start(name: string): Promise<Proc> {
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: '5',
        DATA_DIR: path.join(tmp, name),
        WEB_DIST: path.join(tmp, 'no-web'),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ENCRYPTION_KEYS,
        SEARCH_HASH_KEY,
        ENABLE_TEST_API: 'true',
        JOB_WORKER_ID: name,
        JOB_POLL_MS: '50',
        JOB_LEASE_MS: String(LEASE_MS),
        OUTBOX_EVERY_MS: '50',
        OUTBOX_LEASE_MS: String(LEASE_MS),
        OUTBOX_CHANNEL: 'record',
        OUTBOX_SEND_DELAY_MS: '5',
      },
    });
    const keep = (b: Buffer) => {
      if (output.length < 400) output.push(b.toString());
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const p = { name, port, child, output };
    procs.push(p);
    await until(
      `process ${name} to listen`,
      120_000,
      async () => {
        if (child.exitCode !== null) throw new Error(`process ${name} exited ${child.exitCode}:\n${output.join('')}`);
        return fetch(`http://127.0.0.1:${port}/`).then(
          (r) => r.ok,
          () => false,
        );
      },
      250,
    );
    return p;
  }

  function kill(p: Proc, signal: NodeJS.Signals = 'SIGKILL') {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  }

  async function setClock(p: Proc, now: Date) {
    const r = await fetch(`http://127.0.0.1:${p.port}/api/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: now.toISOString() }),
    });
    expect(r.status).toBe(200);
  }

  async function enqueue(n: number, tag: string) {
    for (let i = 0; i < n; i++) {
      await enqueueMessage(database.db, systemClock, {
        channel: 'sms',
        recipient: `139${tag}${String(i).padStart(4, '0')}`,
        template: 'otp',
        params: { code: String(100000 + i) },
      });
    }
  }

  const deliveriesPerMessage = async () => {
    const rows = await database.db.selectFrom('outbox_delivery').select(['message_id', 'worker']).execute();
    const per = new Map<string, string[]>();
    for (const r of rows) per.set(r.message_id, [...(per.get(r.message_id) ?? []), r.worker]);
    return per;
  };
  const unsent = async () =>
    Number(
      (
        await database.db
          .selectFrom('outbox_message')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '<>', 'sent')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const dailyRuns = (day: string) =>
    database.db.selectFrom('compliance_run').select('id').where('run_on', '=', day).where('triggered_by', 'is', null).execute();

  beforeAll(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${dbName}`;
    url = u.toString();
    database = await openDatabase({ url, poolSize: 4 });
    const cipher = createFieldCipher(parseKeyRing(ENCRYPTION_KEYS, SEARCH_HASH_KEY));
    await prepareDatabase(database.db, { demo: false, cipher, files: new MemoryFileStore(), now: new Date() });
    // Two houses in order give the daily compliance run something to check.
    for (let i = 0; i < 2; i++) await makeStaffedHouse(database.db, new Date());
    await Promise.all([start('A'), start('B')]);
  }, 240_000);

  afterAll(async () => {
    for (const p of procs) kill(p);
    for (const p of procs) if (p.output.length) console.log(`--- output of ${p.name} (last lines) ---\n${p.output.join('').slice(-3000)}`);
    await Promise.all(
      procs.map((p) => (p.child.exitCode !== null || p.child.signalCode !== null ? null : new Promise((r) => p.child.once('exit', r)))),
    );
    await database?.close();
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  // One test in two phases (the second needs a process to kill, so it cannot come first in a shuffled order).
  it('sends every message exactly once across both processes, does each daily run once, and survives a SIGKILL', async () => {
    await enqueue(200, '01');
    await until('every message sent', 90_000, async () => (await unsent()) === 0);
    const per = await deliveriesPerMessage();
    const all = await database.db.selectFrom('outbox_message').select('id').execute();
    expect(per.size).toBe(all.length);
    expect([...per.values()].filter((w) => w.length !== 1)).toEqual([]);
    const byWorker = { A: 0, B: 0 } as Record<string, number>;
    for (const w of per.values()) byWorker[w[0]]++;
    console.log(`messages ${all.length}, deliveries ${[...per.values()].flat().length}, by worker ${JSON.stringify(byWorker)}`);

    const today = localDateOf(new Date());
    await until(
      'the daily compliance run of today',
      60_000,
      async () =>
        (
          await database.db
            .selectFrom('job_run')
            .select('status')
            .where('name', '=', 'compliance.daily')
            .where('run_key', '=', today)
            .executeTakeFirst()
        )?.status === 'done',
    );
    expect(await dailyRuns(today)).toHaveLength(1);

    // Both processes' clocks to the next district-local day: its run is done once too.
    const tomorrow = addDays(today, 1);
    const at = new Date(`${tomorrow}T00:30:00+08:00`);
    await Promise.all(procs.map((p) => setClock(p, at)));
    await until(
      'the daily compliance run of tomorrow',
      60_000,
      async () =>
        (
          await database.db
            .selectFrom('job_run')
            .select('status')
            .where('name', '=', 'compliance.daily')
            .where('run_key', '=', tomorrow)
            .executeTakeFirst()
        )?.status === 'done',
    );
    await sleep(1000); // give the other process every chance to run it a second time
    expect(await dailyRuns(tomorrow)).toHaveLength(1);
    expect(await dailyRuns(today)).toHaveLength(1);
    const runs = await database.db
      .selectFrom('job_run')
      .select(['run_key', 'status'])
      .where('name', '=', 'compliance.daily')
      .orderBy('run_key')
      .execute();
    expect(runs).toEqual([
      { run_key: today, status: 'done' },
      { run_key: tomorrow, status: 'done' },
    ]);

    // Then: the process that holds claimed, unsent messages is killed (SIGKILL) there; the other finishes them once the
    // lease has run out.
    const before = new Set((await database.db.selectFrom('outbox_message').select('id').execute()).map((r) => r.id));
    await enqueue(200, '02');
    const holder = await until(
      'a process to hold claimed, unsent messages',
      60_000,
      async () =>
        (
          await database.db
            .selectFrom('outbox_message')
            .select('locked_by')
            .where('locked_by', 'is not', null)
            .where('status', '=', 'pending')
            .limit(1)
            .executeTakeFirst()
        )?.locked_by,
      2,
    ).catch(async (err) => {
      console.log(JSON.stringify(await database.db.selectFrom('job_run').selectAll().execute(), null, 1));
      throw err;
    });
    const victim = procs.find((p) => p.name === holder)!;
    const survivor = procs.find((p) => p.name !== holder)!;
    kill(victim);
    const killedAt = Date.now();
    await new Promise((r) => (victim.child.exitCode !== null || victim.child.signalCode !== null ? r(null) : victim.child.once('exit', r)));
    const orphans = (
      await database.db
        .selectFrom('outbox_message')
        .select('id')
        .where('locked_by', '=', victim.name)
        .where('status', '=', 'pending')
        .execute()
    ).map((r) => r.id);
    expect(orphans.length).toBeGreaterThan(0);

    await until(`every message sent by ${survivor.name}`, 60_000, async () => (await unsent()) === 0);
    const tookMs = Date.now() - killedAt;
    const per2 = await deliveriesPerMessage();
    const fresh = [...per2.entries()].filter(([id]) => !before.has(id));
    expect(fresh).toHaveLength(200);
    // Each orphan was delivered by the survivor after the kill.
    for (const id of orphans) expect(per2.get(id)).toContain(survivor.name);
    // At most the one message the victim was sending when it died reached the channel twice (at-least-once on a crash).
    const twice = fresh.filter(([, w]) => w.length > 1);
    expect(twice.length).toBeLessThanOrEqual(1);
    for (const [id] of twice) expect(orphans).toContain(id);
    // The survivor took over within the lease of the claims and of the job run (plus polling), not minutes later.
    expect(tookMs).toBeLessThan(2 * LEASE_MS + 10_000);
    const stuck = await database.db
      .selectFrom('job_run')
      .select(['name', 'locked_by'])
      .where('status', '=', 'running')
      .where('locked_by', '=', victim.name)
      .execute();
    expect(stuck).toEqual([]);
    console.log(
      `killed ${victim.name} holding ${orphans.length} claimed messages; ${survivor.name} finished all in ${tookMs} ms (lease ${LEASE_MS} ms); sent twice: ${twice.length}`,
    );
    expect(survivor.child.exitCode).toBe(null);
  }, 400_000);
});
