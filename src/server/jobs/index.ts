// Every background job of the platform, in one list: a name, a schedule, and a call into the module that owns the
// work. To add one, add an entry here (the mechanism is in runner.ts; see its design notes).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { expireOffers, sendReminders } from '../modules/bookings/engine.ts';
import { extendHorizon } from '../modules/care/service.ts';
import { expireGuidanceOffers, sendGuidanceReminders } from '../modules/guidance/engine.ts';
import { runDailyCompliance } from '../modules/compliance/service.ts';
import { purgeNotices } from '../notify.ts';
import { dispatchOutbox, type ChannelAdapter } from '../outbox.ts';
import { purgeRateLimits } from '../rateLimit.ts';
import type { JobDefinition } from './runner.ts';

export interface PlatformJobOptions {
  adapter: ChannelAdapter;
  /** How often the outbox is delivered (default 1 s). */
  outboxEveryMs?: number;
  /** How long a claim on outbox messages lasts (default 60 s). */
  outboxLeaseMs?: number;
  /** How many messages one claim takes (default 20). */
  outboxBatch?: number;
}

export function platformJobs(o: PlatformJobOptions): JobDefinition[] {
  return [
    // Outgoing SMS and push: claimed with a lease, sent outside any transaction (outbox.ts). Until nothing is due.
    {
      name: 'outbox.deliver',
      schedule: { everyMs: o.outboxEveryMs ?? 1000 },
      run: async ({ db, clock, workerId, log }) => {
        let sent = 0;
        for (let round = 0; round < 50; round++) {
          const n = await dispatchOutbox(db, clock, o.adapter, { workerId, leaseMs: o.outboxLeaseMs, batch: o.outboxBatch, log });
          sent += n;
          if (n === 0) break;
        }
        return sent;
      },
    },
    // Waiting-list offers that ran out pass on.
    { name: 'bookings.expireOffers', schedule: { everyMs: 30_000 }, run: ({ db, clock }) => expireOffers(db, clock) },
    // Reminders go out the day before (once per booking: reminded_at).
    { name: 'bookings.reminders', schedule: { everyMs: 5 * 60_000 }, run: ({ db, clock }) => sendReminders(db, clock) },
    // The same for guidance events: offers that ran out pass on; reminders the day before with the door code.
    { name: 'guidance.expireOffers', schedule: { everyMs: 30_000 }, run: ({ db, clock }) => expireGuidanceOffers(db, clock) },
    { name: 'guidance.reminders', schedule: { everyMs: 5 * 60_000 }, run: ({ db, clock }) => sendGuidanceReminders(db, clock) },
    // Sessions are generated weeks ahead from each house's weekly schedule.
    {
      name: 'care.extendHorizon',
      schedule: { everyMs: 6 * 3600_000 },
      run: ({ db, clock }) => extendHorizon(db, clock.now()),
    },
    // The compliance engine's district-wide run, once per district-local day.
    { name: 'compliance.daily', schedule: { dailyAt: '00:00' }, run: ({ db, clock }) => runDailyCompliance(db, clock) },
    // Expired rate-limit windows, notice keys and old job history.
    {
      name: 'housekeeping.purge',
      schedule: { everyMs: 3600_000 },
      run: async ({ db, clock }) => {
        await purgeRateLimits(db, clock.now());
        await purgeNotices(db, clock.now());
        await purgeJobHistory(db, clock.now());
      },
    },
  ];
}

/** Finished daily runs are kept for a year as the visible history. */
async function purgeJobHistory(db: Kysely<DB>, now: Date) {
  await db
    .deleteFrom('job_run')
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', '<', new Date(now.getTime() - 366 * 86_400_000))
    .execute();
}
