// Background work of every API process: delivering the outbox and tidying expired rows. Safe to run in
// several processes at once (the outbox is claimed with FOR UPDATE SKIP LOCKED).
import type { FastifyInstance } from 'fastify';
import { dispatchOutbox, logAdapter } from './outbox.ts';
import { purgeRateLimits } from './rateLimit.ts';

export function startWorkers(app: FastifyInstance): () => void {
  const { db, clock } = app.ctx;
  const adapter = logAdapter(app.log);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await dispatchOutbox(db, clock, adapter);
    } catch (err) {
      app.log.error({ err }, 'outbox dispatch failed');
    } finally {
      running = false;
    }
  };
  const outbox = setInterval(tick, 1000);
  const hourly = setInterval(() => {
    purgeRateLimits(db, clock.now()).catch((err) => app.log.error({ err }, 'rate-limit purge failed'));
  }, 3600_000);
  return () => {
    clearInterval(outbox);
    clearInterval(hourly);
  };
}
