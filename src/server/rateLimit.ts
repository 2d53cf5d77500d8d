// Fixed-window rate limits kept in the database, so every API process counts against the same limit. Only a rate
// limiter: "tell someone once per window" is notification dedupe (claimNotice in notify.ts), not a limit.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from './errors.ts';

export interface Limit {
  bucket: string;
  windowSeconds: number;
  max: number;
}

/** Counts one hit in each limit's window; throws 429 RATE_LIMITED when any is exceeded. */
export async function hitRateLimits(db: Kysely<DB> | Transaction<DB>, now: Date, limits: Limit[]): Promise<void> {
  for (const limit of limits) {
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const row = await db
      .insertInto('rate_limit_counter')
      .values({ bucket: limit.bucket, window_start: windowStart, hits: 1 })
      .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`rate_limit_counter.hits + 1` }))
      .returning('hits')
      .executeTakeFirstOrThrow();
    if (row.hits > limit.max) {
      const seconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
      throw new AppError(429, 'RATE_LIMITED', { seconds }, undefined, { retryAfterSeconds: seconds });
    }
  }
}

/** Drops counters of windows that ended more than a day ago. */
export async function purgeRateLimits(db: Kysely<DB>, now: Date): Promise<void> {
  await db
    .deleteFrom('rate_limit_counter')
    .where('window_start', '<', new Date(now.getTime() - 86_400_000))
    .execute();
}
