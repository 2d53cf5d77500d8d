// Messages to the people responsible — a house's managers, a street's admins (in-app push) — and to a child's
// guardian (SMS, the ones she has not switched off), through the outbox, written in the transaction of the change
// that causes them.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../domain/time.ts';
import { GUARDIAN_NOTICES, guardianWants, type GuardianNotice } from '../domain/guardianNotices.ts';
import { enqueueMessages } from './outbox.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A message to every active street admin of a street. */
export async function notifyStreetAdmins(
  db: Db,
  clock: Clock,
  streetId: string,
  template: string,
  params: Record<string, string | number>,
) {
  const admins = await db
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'street_admin')
    .where('street_id', '=', streetId)
    .where('status', '=', 'active')
    .execute();
  await enqueueMessages(
    db,
    clock,
    admins.map((a) => ({ channel: 'push' as const, recipient: `user:${a.id}`, template, params })),
  );
}

/** A message to every active manager of a house. */
export async function notifyHouseManagers(
  db: Db,
  clock: Clock,
  houseId: string,
  template: string,
  params: Record<string, string | number>,
) {
  const managers = await db
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'house_manager')
    .where('house_id', '=', houseId)
    .where('status', '=', 'active')
    .execute();
  await enqueueMessages(
    db,
    clock,
    managers.map((m) => ({ channel: 'push' as const, recipient: `user:${m.id}`, template, params })),
  );
}

/** A notice to a child's guardian by SMS, unless she has switched it off. Returns whether it was sent. */
export async function notifyGuardian(
  db: Db,
  clock: Clock,
  guardianUserId: string,
  notice: GuardianNotice,
  params: Record<string, string | number>,
): Promise<boolean> {
  return (await notifyGuardians(db, clock, notice, [{ guardianUserId, params }])) === 1;
}

/** The same notice to many guardians (a job's batch) in two statements; returns how many were sent. */
export async function notifyGuardians(
  db: Db,
  clock: Clock,
  notice: GuardianNotice,
  messages: readonly { guardianUserId: string; params: Record<string, string | number> }[],
): Promise<number> {
  if (!messages.length) return 0;
  const phoneOf = await reachableGuardians(
    db,
    notice,
    messages.map((m) => m.guardianUserId),
  );
  const sms = messages
    .filter((m) => phoneOf.has(m.guardianUserId))
    .map((m) => ({
      channel: 'sms' as const,
      recipient: phoneOf.get(m.guardianUserId)!,
      template: GUARDIAN_NOTICES[notice].template,
      params: m.params,
    }));
  await enqueueMessages(db, clock, sms);
  return sms.length;
}

/** The guardians among these who get this notice (a phone, and not switched off), with their phone. */
export async function reachableGuardians(db: Db, notice: GuardianNotice, guardianUserIds: readonly string[]): Promise<Map<string, string>> {
  if (!guardianUserIds.length) return new Map();
  const guardians = await db
    .selectFrom('app_user as u')
    .leftJoin('guardian_notice_setting as s', (j) => j.onRef('s.user_id', '=', 'u.id').on('s.notice', '=', notice))
    .select(['u.id', 'u.phone', 's.enabled'])
    .where('u.id', 'in', [...new Set(guardianUserIds)])
    .execute();
  return new Map(guardians.filter((g) => g.phone && guardianWants(notice, g.enabled)).map((g) => [g.id, g.phone!]));
}

export interface Once {
  /** What the notice is about, e.g. `ratio-refused:<session id>`. */
  key: string;
  /** The notice is sent at most once per fixed window of this many seconds. */
  windowSeconds: number;
}

/**
 * Notification dedupe, its own mechanism (not the rate limiter): true the first time `once.key` is claimed in its
 * current window, false after. A unique key does it — two processes asking at once get one true. Database errors
 * are not swallowed. Used within a transaction, the claim is undone with it (as is the message it guards).
 */
export async function claimNotice(db: Db, clock: Clock, once: Once): Promise<boolean> {
  const windowMs = once.windowSeconds * 1000;
  const now = clock.now();
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const row = await db
    .insertInto('notice_sent')
    .values({
      dedupe_key: `${once.key}@${new Date(windowStart).toISOString()}`,
      sent_at: now,
      expires_at: new Date(windowStart + windowMs),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('dedupe_key')
    .executeTakeFirst();
  return row !== undefined;
}

/** notifyHouseManagers, at most once per window for the same key. Returns whether the managers were told. */
export async function notifyHouseManagersOnce(
  db: Db,
  clock: Clock,
  once: Once,
  houseId: string,
  template: string,
  params: Record<string, string | number>,
) {
  if (!(await claimNotice(db, clock, once))) return false;
  await notifyHouseManagers(db, clock, houseId, template, params);
  return true;
}

/** notifyStreetAdmins, at most once per window for the same key. Returns whether the admins were told. */
export async function notifyStreetAdminsOnce(
  db: Db,
  clock: Clock,
  once: Once,
  streetId: string,
  template: string,
  params: Record<string, string | number>,
) {
  if (!(await claimNotice(db, clock, once))) return false;
  await notifyStreetAdmins(db, clock, streetId, template, params);
  return true;
}

/** Drops dedupe keys whose window ended more than a day ago. */
export async function purgeNotices(db: Kysely<DB>, now: Date): Promise<void> {
  await db
    .deleteFrom('notice_sent')
    .where('expires_at', '<', new Date(now.getTime() - 86_400_000))
    .execute();
}
