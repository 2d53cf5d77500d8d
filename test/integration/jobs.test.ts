// The one job mechanism (src/server/jobs/runner.ts) and the outbox's claim (src/server/outbox.ts), in one process
// with several runners standing in for several processes. Time is moved, never slept on. Each test makes its own
// database (no order between tests).
import { describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { dispatchOutbox, enqueueMessage, MAX_ATTEMPTS, type ChannelAdapter } from '../../src/server/outbox.ts';
import { claimNotice } from '../../src/server/notify.ts';
import { countFailedJobs, JobRunner, PERIODIC_KEY, type JobDefinition, type JobLog } from '../../src/server/jobs/runner.ts';
import { localDateOf } from '../../src/domain/time.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';

// Each test makes its own database, which is slow on a loaded machine (PGlite's migrations).
vi.setConfig({ testTimeout: 180_000 });

const quiet: JobLog = { info() {}, warn() {}, error() {} };

function capturingLog() {
  const errors: string[] = [];
  const warnings: string[] = [];
  return {
    log: { info() {}, warn: (_o: object, m: string) => warnings.push(m), error: (_o: object, m: string) => errors.push(m) } as JobLog,
    errors,
    warnings,
  };
}

async function withApp(driver: (typeof drivers)[number], fn: (t: TestApp) => Promise<void>) {
  const t = await createTestApp(driver);
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}

async function enqueue(t: TestApp, n: number) {
  for (let i = 0; i < n; i++) {
    await enqueueMessage(t.database.db, t.clock, {
      channel: 'sms',
      recipient: `1380000${String(i).padStart(4, '0')}`,
      template: 'otp',
      params: { code: String(100000 + i) },
    });
  }
}

function recording(): ChannelAdapter & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(m) {
      sent.push(m.id);
    },
  };
}

describe.each(drivers)('the outbox on %s', (driver) => {
  it('sends each due message once, outside any transaction (a query during the send does not wait)', async () => {
    await withApp(driver, async (t) => {
      const db = t.database.db;
      await enqueue(t, 5);
      const sent: string[] = [];
      const adapter: ChannelAdapter = {
        async send(m) {
          // On PGlite's one connection this would wait forever if the claim's transaction were still open.
          const probe = db.selectFrom('outbox_message').select('id').where('id', '=', m.id).executeTakeFirstOrThrow();
          await Promise.race([probe, new Promise((_, reject) => setTimeout(() => reject(new Error('a query waited on the send')), 5000))]);
          sent.push(m.id);
        },
      };
      expect(await dispatchOutbox(db, t.clock, adapter, { workerId: 'A' })).toBe(5);
      expect(await dispatchOutbox(db, t.clock, adapter, { workerId: 'B' })).toBe(0);
      expect(new Set(sent).size).toBe(5);
      const rows = await db.selectFrom('outbox_message').select(['status', 'attempts', 'locked_by']).execute();
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.locked_by === null)).toBe(true);
    });
  });

  it('retries a failed send with back-off and gives it up after the last attempt, logged', async () => {
    await withApp(driver, async (t) => {
      const db = t.database.db;
      await enqueue(t, 1);
      const { log, errors, warnings } = capturingLog();
      const failing: ChannelAdapter = {
        async send() {
          throw new Error('gateway down');
        },
      };
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await dispatchOutbox(db, t.clock, failing, { workerId: 'A', log })).toBe(0);
        // Not due again before its back-off (1, 2, 4, 8 minutes).
        expect(await dispatchOutbox(db, t.clock, failing, { workerId: 'A', log })).toBe(0);
        t.clock.advance(60_000 * 2 ** (attempt - 1) + 1000);
      }
      const m = await db.selectFrom('outbox_message').select(['status', 'attempts', 'last_error']).executeTakeFirstOrThrow();
      expect(m).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'Error: gateway down' });
      expect(warnings).toHaveLength(MAX_ATTEMPTS - 1);
      expect(errors).toEqual([`outbox: message given up after ${MAX_ATTEMPTS} attempts`]);
    });
  });

  it('takes over the claim of a process that died once its lease has run out, not before', async () => {
    await withApp(driver, async (t) => {
      const db = t.database.db;
      await enqueue(t, 3);
      // Worker A claims and "dies" before sending: its adapter never returns control to settle (we stop here).
      await sql`UPDATE outbox_message SET locked_by = 'A', locked_until = ${new Date(t.clock.now().getTime() + 60_000)}, attempts = 1`.execute(
        db,
      );
      const b = recording();
      expect(await dispatchOutbox(db, t.clock, b, { workerId: 'B', leaseMs: 60_000 })).toBe(0);
      t.clock.advance(61_000);
      expect(await dispatchOutbox(db, t.clock, b, { workerId: 'B', leaseMs: 60_000 })).toBe(3);
      expect(b.sent).toHaveLength(3);
      // A comes back late: its settle does not overwrite B's (fenced by locked_by).
      const late = await db
        .updateTable('outbox_message')
        .set({ status: 'pending' })
        .where('locked_by', '=', 'A')
        .where('status', '=', 'pending')
        .executeTakeFirst();
      expect(Number(late.numUpdatedRows)).toBe(0);
    });
  });
});

function runner(t: TestApp, jobs: JobDefinition[], workerId: string, log: JobLog = quiet, leaseMs = 60_000) {
  return new JobRunner(t.database.db, t.clock, log, jobs, { workerId, leaseMs, pollMs: 10 });
}

describe.each(drivers)('the job mechanism on %s', (driver) => {
  it('does a daily run once per district-local day however many processes see it', async () => {
    await withApp(driver, async (t) => {
      const ran: string[] = [];
      const daily: JobDefinition = {
        name: 'test.daily',
        schedule: { dailyAt: '06:00' },
        run: async (ctx) => {
          ran.push(`${ctx.workerId}:${ctx.runKey}`);
          return { ok: true };
        },
      };
      const a = runner(t, [daily], 'A');
      const b = runner(t, [daily], 'B');
      t.clock.set(new Date('2026-12-01T05:59:00+08:00'));
      await Promise.all([a.runDue(), b.runDue()]);
      expect(ran).toEqual([]);
      t.clock.set(new Date('2026-12-01T06:00:00+08:00'));
      await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
      t.clock.advance(3600_000);
      await Promise.all([a.runDue(), b.runDue()]);
      expect(ran.map((r) => r.split(':')[1])).toEqual(['2026-12-01']);
      t.clock.set(new Date('2026-12-02T07:00:00+08:00'));
      await Promise.all([b.runDue(), a.runDue()]);
      expect(ran.map((r) => r.split(':')[1])).toEqual(['2026-12-01', '2026-12-02']);
      const rows = await t.database.db
        .selectFrom('job_run')
        .select(['run_key', 'status', 'attempts', 'result'])
        .where('name', '=', 'test.daily')
        .orderBy('run_key')
        .execute();
      expect(rows).toEqual([
        { run_key: '2026-12-01', status: 'done', attempts: 1, result: { ok: true } },
        { run_key: '2026-12-02', status: 'done', attempts: 1, result: { ok: true } },
      ]);
    });
  });

  it('runs a periodic job once per period across processes, re-armed after each run', async () => {
    await withApp(driver, async (t) => {
      let runs = 0;
      const job: JobDefinition = {
        name: 'test.every',
        schedule: { everyMs: 30_000 },
        run: async () => {
          runs++;
        },
      };
      const a = runner(t, [job], 'A');
      const b = runner(t, [job], 'B');
      await Promise.all([a.runDue(), b.runDue()]);
      expect(runs).toBe(1);
      t.clock.advance(29_000);
      await Promise.all([a.runDue(), b.runDue()]);
      expect(runs).toBe(1);
      t.clock.advance(2000);
      await Promise.all([b.runDue(), a.runDue()]);
      expect(runs).toBe(2);
      const row = await t.database.db.selectFrom('job_run').selectAll().where('name', '=', 'test.every').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ run_key: PERIODIC_KEY, status: 'pending', attempts: 0, locked_by: null });
    });
  });

  it('never overlaps a job with itself: while one process runs it, no other takes it', async () => {
    await withApp(driver, async (t) => {
      let release = () => {};
      let running = 0;
      let maxRunning = 0;
      const job: JobDefinition = {
        name: 'test.slow',
        schedule: { everyMs: 1000 },
        run: async () => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await new Promise<void>((r) => {
            release = r;
          });
          running--;
        },
      };
      const a = runner(t, [job], 'A');
      const b = runner(t, [job], 'B');
      const first = await a.tick();
      expect(first).toHaveLength(1);
      t.clock.advance(5000); // its next period is due, but the run of A is still going (and A's lease holds)
      expect(await b.tick()).toHaveLength(0);
      expect(await a.tick()).toHaveLength(0);
      release();
      await Promise.all(first);
      expect(maxRunning).toBe(1);
    });
  });

  it('takes over a run whose process died once the lease has run out', async () => {
    await withApp(driver, async (t) => {
      const ran: string[] = [];
      const daily: JobDefinition = {
        name: 'test.daily',
        schedule: { dailyAt: '00:00' },
        run: async (ctx) => {
          ran.push(ctx.workerId);
        },
      };
      const a = runner(t, [daily], 'A', quiet, 120_000);
      const b = runner(t, [daily], 'B', quiet, 120_000);
      await a.schedule();
      expect(await a.claim()).toMatchObject({ name: 'test.daily', attempts: 1 }); // A claims… and dies (never runs it)
      expect(await b.runDue()).toBe(0);
      t.clock.advance(119_000);
      expect(await b.runDue()).toBe(0);
      t.clock.advance(2000);
      expect(await b.runDue()).toBe(1);
      expect(ran).toEqual(['B']);
      const row = await t.database.db
        .selectFrom('job_run')
        .select(['status', 'attempts', 'locked_by'])
        .where('name', '=', 'test.daily')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'done', attempts: 2, locked_by: null });
    });
  });

  it('retries a failing run with back-off and ends it failed, logged and counted', async () => {
    await withApp(driver, async (t) => {
      let calls = 0;
      const daily: JobDefinition = {
        name: 'test.failing',
        schedule: { dailyAt: '00:00' },
        maxAttempts: 3,
        run: async () => {
          calls++;
          throw new Error('boom');
        },
      };
      const { log, errors, warnings } = capturingLog();
      const a = runner(t, [daily], 'A', log);
      await a.runDue();
      expect(calls).toBe(1);
      await a.runDue();
      expect(calls).toBe(1); // back-off: 30 s
      t.clock.advance(31_000);
      await a.runDue();
      expect(calls).toBe(2);
      t.clock.advance(59_000);
      await a.runDue();
      expect(calls).toBe(2); // back-off: 60 s
      t.clock.advance(2000);
      await a.runDue();
      expect(calls).toBe(3);
      t.clock.advance(3600_000);
      await a.runDue();
      expect(calls).toBe(3);
      const row = await t.database.db
        .selectFrom('job_run')
        .select(['status', 'attempts', 'last_error'])
        .where('name', '=', 'test.failing')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'failed', attempts: 3, last_error: 'Error: boom' });
      expect(warnings).toHaveLength(2);
      expect(errors).toEqual(['job test.failing given up after 3 attempts']);
      expect(await countFailedJobs(t.database.db)).toEqual({ 'test.failing': 1 });
    });
  });

  it('runs the platform jobs: the outbox is delivered and the daily compliance run is done once for the day', async () => {
    await withApp(driver, async (t) => {
      const { platformJobs } = await import('../../src/server/jobs/index.ts');
      const a = recording();
      const b = recording();
      await enqueue(t, 30);
      const ra = runner(t, platformJobs({ adapter: a }), 'A');
      const rb = runner(t, platformJobs({ adapter: b }), 'B');
      await Promise.all([ra.runDue(), rb.runDue()]);
      expect([...a.sent, ...b.sent].sort()).toEqual(
        (await t.database.db.selectFrom('outbox_message').select('id').execute()).map((r) => r.id).sort(),
      );
      const day = localDateOf(t.clock.now());
      const runs = await t.database.db
        .selectFrom('compliance_run')
        .select('id')
        .where('run_on', '=', day)
        .where('triggered_by', 'is', null)
        .execute();
      expect(runs).toHaveLength(1);
      const jobRows = await t.database.db.selectFrom('job_run').select(['name', 'status']).orderBy('name').execute();
      expect(jobRows.find((r) => r.name === 'compliance.daily')).toEqual({ name: 'compliance.daily', status: 'done' });
      expect(jobRows.filter((r) => r.status === 'running')).toEqual([]);
    });
  });
});

describe.each(drivers)('notification dedupe on %s', (driver) => {
  it('claims a notice once per key and window, and does not swallow database errors', async () => {
    await withApp(driver, async (t) => {
      const db = t.database.db;
      t.clock.set(new Date('2026-12-01T09:00:10+08:00'));
      const once = { key: 'ratio-refused:s1', windowSeconds: 900 };
      const results = await Promise.all([claimNotice(db, t.clock, once), claimNotice(db, t.clock, once), claimNotice(db, t.clock, once)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await claimNotice(db, t.clock, { ...once, key: 'ratio-refused:s2' })).toBe(true);
      t.clock.advance(900_000);
      expect(await claimNotice(db, t.clock, once)).toBe(true);
      await expect(
        db.transaction().execute(async (trx) => {
          await sql`SELECT 1/0`.execute(trx).catch(() => {});
          return claimNotice(trx, t.clock, { key: 'x', windowSeconds: 60 });
        }),
      ).rejects.toThrow();
    });
  });
});
