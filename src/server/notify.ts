// Messages to the people responsible: a house's managers, a street's admins (in-app push through the outbox,
// written in the transaction of the change that causes them).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../domain/time.ts';
import { enqueueMessage } from './outbox.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A message to every active street admin of a street. */
export async function notifyStreetAdmins(db: Db, clock: Clock, streetId: string, template: string, params: Record<string, string | number>) {
  const admins = await db.selectFrom('app_user').select('id').where('role', '=', 'street_admin').where('street_id', '=', streetId)
    .where('status', '=', 'active').execute();
  for (const a of admins) await enqueueMessage(db, clock, { channel: 'push', recipient: `user:${a.id}`, template, params });
}

/** A message to every active manager of a house. */
export async function notifyHouseManagers(db: Db, clock: Clock, houseId: string, template: string, params: Record<string, string | number>) {
  const managers = await db.selectFrom('app_user').select('id').where('role', '=', 'house_manager').where('house_id', '=', houseId)
    .where('status', '=', 'active').execute();
  for (const m of managers) await enqueueMessage(db, clock, { channel: 'push', recipient: `user:${m.id}`, template, params });
}
