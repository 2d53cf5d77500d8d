// Background work of every API process: delivering the outbox and tidying expired rows. Safe to run in
// several processes at once (the outbox is claimed with FOR UPDATE SKIP LOCKED).
import type { FastifyInstance } from 'fastify';
import { dispatchOutbox, logAdapter } from './outbox.ts';
import { purgeRateLimits } from './rateLimit.ts';
import { expireOffers, sendReminders } from './modules/bookings/engine.ts';
import { extendHorizon } from './modules/care/service.ts';
import { runDailyCompliance } from './modules/compliance/service.ts';
import { localDateOf } from '../domain/time.ts';

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
  const every = (ms: number, name: string, job: () => Promise<unknown>, runNow = false) => {
    const run = () => job().catch((err) => app.log.error({ err }, `${name} failed`));
    if (runNow) void run();
    return setInterval(run, ms);
  };
  const timers = [
    setInterval(tick, 1000),
    // Waiting-list offers that ran out pass on; reminders go out the day before.
    every(30_000, 'offer expiry', () => expireOffers(db, clock)),
    every(5 * 60_000, 'reminders', () => sendReminders(db, clock)),
    // Sessions are generated weeks ahead from each house's weekly schedule.
    every(6 * 3600_000, 'session generation', () => extendHorizon(db, localDateOf(clock.now())), true),
    // The compliance engine's daily district-wide run (the first tick of each day does it).
    every(15 * 60_000, 'daily compliance', () => runDailyCompliance(db, clock), true),
    every(3600_000, 'rate-limit purge', () => purgeRateLimits(db, clock.now())),
  ];
  return () => timers.forEach(clearInterval);
}
