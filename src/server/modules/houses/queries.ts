// SQL of the houses module.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../errors.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A house as the scope check sees it (404 when there is none), with its name for messages. */
export async function houseTarget(db: Db, houseId: string) {
  const h = await db.selectFrom('house').select(['id', 'street_id', 'name']).where('id', '=', houseId).executeTakeFirst();
  if (!h) throw new AppError(404, 'HOUSE_NOT_FOUND');
  return { houseId: h.id, streetId: h.street_id, name: h.name };
}
