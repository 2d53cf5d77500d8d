// The one job mechanism: every background job of the platform runs through it, in any number of processes on one
// PostgreSQL, and on the embedded PGlite (one connection).
//
// Design
// - A job is a name, a schedule and a handler (`JobDefinition`). Runs are rows of `job_run`, keyed (name, run_key):
//   * `{ everyMs }` — periodic: one row, run_key 'every', re-armed (pending, available_at = end + everyMs) after
//     each run, whichever process ran it. Two processes never both run it in one period.
//   * `{ dailyAt: 'HH:mm' }` — daily: one row per district-local date (run_key '2026-12-01'), inserted by whichever
//     process first sees that date past that time (INSERT … ON CONFLICT DO NOTHING). The unique key makes the
//     day's run happen once however many processes there are; the rows are the visible history.
// - Claim: one short statement (UPDATE … WHERE key = (SELECT … FOR UPDATE SKIP LOCKED)) turns a due pending run, or
//   a running run whose lease has run out, into `running` with this worker's id, `locked_until = now + lease` and
//   one more attempt. No transaction is held while the handler works: on PGlite every other query can go on.
// - Lease and heartbeat: while the handler runs, the worker pushes `locked_until` forward every lease/3. A process
//   that dies (SIGKILL, power) stops the heartbeat; once the lease has passed, the next claim in any process takes
//   the run again (default lease 60 s, so within a minute or two). Handlers must therefore be idempotent — they are:
//   each is "find what is due and do it", in transactions of their own.
// - Never overlaps itself: a unique index allows one `running` row per job name, and the claim skips a job that has
//   one; in one process, runs of different jobs may go on side by side (up to `concurrency`).
// - Retries: a handler that throws is retried with back-off (30 s, 1, 2, 4 … min, capped at 30 min) up to
//   `maxAttempts` (default 5). Then a daily run ends `failed` (kept, with last_error); a periodic job counts one more
//   in `failures` and is re-armed for its next period. Both are logged at error level: `countFailedJobs` counts them.
// - Every settle (done, retry, failed, re-arm) applies only while this worker still holds the run (`locked_by`), so
//   a worker that lost its lease cannot overwrite the run of the one that took it over.
// - Time comes from the injected clock (`ctx.clock`): "due", leases and back-off are computed from it, so tests
//   move time instead of sleeping. Adding a job is a few lines in jobs/index.ts.
import { sql, type Kysely, type UpdateObject } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inDistrict, localDateOf, type Clock } from '../../domain/time.ts';

export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobContext {
  db: Kysely<DB>;
  clock: Clock;
  log: JobLog;
  workerId: string;
  /** The key of this run ('every', or the district-local date of a daily run). */
  runKey: string;
}

export type JobSchedule = { everyMs: number } | { dailyAt: string };

export interface JobDefinition {
  name: string;
  schedule: JobSchedule;
  /** The work. Must be idempotent: a run whose process died is run again. Its result is kept for daily runs. */
  run(ctx: JobContext): Promise<unknown>;
  /** Attempts before a run is given up (default 5). */
  maxAttempts?: number;
}

export interface RunnerOptions {
  /** This process's id in claims (default host:pid:random). */
  workerId?: string;
  /** How long a claim lasts without a heartbeat (default 60 s). */
  leaseMs?: number;
  /** How often the loop looks for due runs (default 1 s). */
  pollMs?: number;
  /** How many runs of different jobs one process may have going at once (default 4). */
  concurrency?: number;
}

export const PERIODIC_KEY = 'every';

/** Back-off after the n-th failed attempt: 30 s, 1, 2, 4, 8 … minutes, at most 30 minutes. */
export const jobBackoffMs = (attempt: number) => Math.min(30 * 60_000, 30_000 * 2 ** (attempt - 1));

/** The run key due now for a daily job ('YYYY-MM-DD' once the district-local time has reached `dailyAt`), else null. */
export function dailyKeyDue(dailyAt: string, now: Date): string | null {
  const local = inDistrict(now);
  return local.format('HH:mm') >= dailyAt ? localDateOf(now) : null;
}

interface ClaimedRun {
  name: string;
  run_key: string;
  attempts: number;
}

export class JobRunner {
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly jobs: Map<string, JobDefinition>;
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private periodicArmed = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly log: JobLog,
    jobs: JobDefinition[],
    options: RunnerOptions = {},
  ) {
    this.jobs = new Map(jobs.map((j) => [j.name, j]));
    if (this.jobs.size !== jobs.length) throw new Error('two jobs with one name');
    this.workerId = options.workerId ?? `${process.env.HOSTNAME ?? 'host'}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 4;
  }

  /** Inserts the runs that are due by the schedule (idempotent: the unique key keeps one row per run). */
  async schedule(): Promise<void> {
    const now = this.clock.now();
    const rows: { name: string; run_key: string }[] = [];
    for (const job of this.jobs.values()) {
      if ('everyMs' in job.schedule) {
        if (!this.periodicArmed) rows.push({ name: job.name, run_key: PERIODIC_KEY });
      } else {
        const key = dailyKeyDue(job.schedule.dailyAt, now);
        if (key) rows.push({ name: job.name, run_key: key });
      }
    }
    if (rows.length) {
      await this.db
        .insertInto('job_run')
        .values(rows.map((r) => ({ ...r, status: 'pending' as const, available_at: now, created_at: now })))
        .onConflict((oc) => oc.columns(['name', 'run_key']).doNothing())
        .execute();
    }
    this.periodicArmed = true;
  }

  /** Takes one due run of a job of this runner that is not already running here or elsewhere; null if none. */
  async claim(): Promise<ClaimedRun | null> {
    const now = this.clock.now();
    const names = [...this.jobs.keys()].filter((n) => !this.inFlight.has(n));
    if (!names.length) return null;
    try {
      const r = await sql<ClaimedRun>`
        UPDATE job_run j SET status = 'running', locked_by = ${this.workerId},
          locked_until = ${new Date(now.getTime() + this.leaseMs)}, attempts = j.attempts + 1, started_at = ${now}
        WHERE (j.name, j.run_key) = (
          SELECT c.name, c.run_key FROM job_run c
          WHERE c.name IN (${sql.join(names)})
            AND ((c.status = 'pending' AND c.available_at <= ${now}) OR (c.status = 'running' AND c.locked_until <= ${now}))
            AND NOT EXISTS (SELECT 1 FROM job_run o WHERE o.name = c.name AND o.status = 'running' AND o.run_key <> c.run_key)
          ORDER BY c.available_at LIMIT 1
          FOR UPDATE SKIP LOCKED)
        RETURNING j.name, j.run_key, j.attempts`.execute(this.db);
      return r.rows[0] ?? null;
    } catch (err) {
      // Two processes claimed two runs of one job at the same moment: the unique index let one through.
      if ((err as { code?: string }).code === '23505') return null;
      throw err;
    }
  }

  /** Runs a claimed run to its end: heartbeat while it works, then done / retry / failed / re-armed. */
  private async execute(run: ClaimedRun): Promise<void> {
    const job = this.jobs.get(run.name)!;
    const mine = () =>
      this.db
        .updateTable('job_run')
        .where('name', '=', run.name)
        .where('run_key', '=', run.run_key)
        .where('locked_by', '=', this.workerId)
        .where('status', '=', 'running');
    const heartbeat = setInterval(
      () => {
        mine()
          .set({ locked_until: new Date(this.clock.now().getTime() + this.leaseMs) })
          .execute()
          .catch((err) => this.log.warn({ err, job: run.name }, 'job heartbeat failed'));
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    let result: unknown;
    let error: unknown = null;
    try {
      result = await job.run({ db: this.db, clock: this.clock, log: this.log, workerId: this.workerId, runKey: run.run_key });
    } catch (err) {
      error = err ?? new Error('job failed');
    } finally {
      clearInterval(heartbeat);
    }
    const now = this.clock.now();
    const periodic = 'everyMs' in job.schedule ? job.schedule.everyMs : null;
    const maxAttempts = job.maxAttempts ?? 5;
    const released = { locked_by: null, locked_until: null, finished_at: now };
    let settle: UpdateObject<DB, 'job_run'>;
    if (error === null) {
      settle =
        periodic !== null
          ? { ...released, status: 'pending' as const, attempts: 0, available_at: new Date(now.getTime() + periodic), last_error: null }
          : { ...released, status: 'done' as const, result: JSON.stringify(result ?? null) };
    } else if (run.attempts < maxAttempts) {
      this.log.warn({ err: error, job: run.name, runKey: run.run_key, attempt: run.attempts }, `job ${run.name} failed, retrying later`);
      settle = {
        ...released,
        status: 'pending' as const,
        available_at: new Date(now.getTime() + jobBackoffMs(run.attempts)),
        last_error: String(error).slice(0, 1000),
      };
    } else {
      this.log.error(
        { err: error, job: run.name, runKey: run.run_key, attempts: run.attempts },
        `job ${run.name} given up after ${run.attempts} attempts`,
      );
      settle =
        periodic !== null
          ? {
              ...released,
              status: 'pending' as const,
              attempts: 0,
              failures: sql<number>`failures + 1`,
              available_at: new Date(now.getTime() + periodic),
              last_error: String(error).slice(0, 1000),
            }
          : { ...released, status: 'failed' as const, failures: sql<number>`failures + 1`, last_error: String(error).slice(0, 1000) };
    }
    const r = await mine().set(settle).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0)
      this.log.warn(
        { job: run.name, runKey: run.run_key },
        `job ${run.name}: the lease ran out before the run ended (another process took it over)`,
      );
  }

  /** Schedules, then starts every claimable run (up to `concurrency`); returns the runs started. */
  async tick(): Promise<Promise<void>[]> {
    await this.schedule();
    const started: Promise<void>[] = [];
    while (this.inFlight.size < this.concurrency && !this.stopped) {
      const run = await this.claim();
      if (!run) break;
      const p = this.execute(run)
        .catch((err) => this.log.error({ err, job: run.name }, `job ${run.name}: could not record the run's end`))
        .finally(() => this.inFlight.delete(run.name));
      this.inFlight.set(run.name, p);
      started.push(p);
    }
    return started;
  }

  /** For tests and tools: runs everything due now to its end (runs that become due meanwhile wait for the next call). */
  async runDue(): Promise<number> {
    const started = await this.tick();
    await Promise.all(started);
    return started.length;
  }

  /** The loop: a tick, then the next one `pollMs` after it has claimed what it could. */
  start(): void {
    this.stopped = false;
    const loop = async () => {
      try {
        await this.tick();
      } catch (err) {
        this.log.error({ err }, 'job loop failed');
      }
      if (!this.stopped) this.timer = setTimeout(loop, this.pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops claiming and waits for the runs in progress to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all(this.inFlight.values());
  }
}

/** How many runs have been given up (failed daily runs plus counted failures of periodic jobs), per job. */
export async function countFailedJobs(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('job_run')
    .select(['name', (eb) => eb.fn.sum<number>('failures').as('n')])
    .groupBy('name')
    .execute();
  return Object.fromEntries(rows.filter((r) => Number(r.n) > 0).map((r) => [r.name, Number(r.n)]));
}
