// Background work of every API process: the platform's jobs (jobs/index.ts) run through the one job mechanism
// (jobs/runner.ts), which is safe with any number of processes and on the embedded PGlite.
import type { FastifyInstance } from 'fastify';
import { logAdapter, recordingAdapter } from './outbox.ts';
import { platformJobs } from './jobs/index.ts';
import { JobRunner } from './jobs/runner.ts';

/** Builds this process's job runner from the configuration (not started). */
export function createJobRunner(app: FastifyInstance): JobRunner {
  const { db, clock, config } = app.ctx;
  const j = config.jobs;
  const workerId = j.workerId ?? `${process.env.HOSTNAME ?? 'host'}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const log = logAdapter(app.log);
  const adapter = j.outboxChannel === 'record' ? recordingAdapter(db, clock, workerId, log, j.outboxSendDelayMs) : log;
  return new JobRunner(db, clock, app.log, platformJobs({ adapter, outboxEveryMs: j.outboxEveryMs, outboxLeaseMs: j.outboxLeaseMs }), {
    workerId,
    leaseMs: j.leaseMs,
    pollMs: j.pollMs,
  });
}

/** Starts the jobs (unless JOBS_ENABLED=false); the returned function stops them and waits for runs in progress. */
export function startWorkers(app: FastifyInstance): () => Promise<void> {
  if (!app.ctx.config.jobs.enabled) return async () => {};
  const runner = createJobRunner(app);
  runner.start();
  app.log.info({ workerId: runner.workerId }, 'background jobs started');
  return () => runner.stop();
}
