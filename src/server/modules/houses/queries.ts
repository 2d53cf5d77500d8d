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

/** The district's streets with their house counts, in the district's order. */
export function streetsWithCounts(db: Db) {
  return db
    .selectFrom('street as s')
    .leftJoin('house as h', 'h.street_id', 's.id')
    .select(({ fn }) => [
      's.id',
      's.code',
      's.name',
      's.short_name',
      's.sort_order',
      fn.count<number>('h.id').as('house_count'),
      fn.count<number>('h.id').filterWhere('h.status', '=', 'active').as('active_count'),
    ])
    .groupBy('s.id')
    .orderBy('s.sort_order')
    .execute();
}

export function streetById(db: Db, streetId: string) {
  return db.selectFrom('street').select(['id', 'name']).where('id', '=', streetId).executeTakeFirst();
}

/** A house's street name and insurance period (for the name and period checks of an edit). */
export function houseEditFacts(db: Db, houseId: string) {
  return db
    .selectFrom('house as h')
    .innerJoin('street as s', 's.id', 'h.street_id')
    .select(['s.name as street_name', 'h.insurance_start', 'h.insurance_end'])
    .where('h.id', '=', houseId)
    .executeTakeFirstOrThrow();
}

/** A room as the scope check sees it (404 when there is none). */
export async function roomTarget(db: Db, roomId: string) {
  const r = await db
    .selectFrom('room as r')
    .innerJoin('house as h', 'h.id', 'r.house_id')
    .select(['r.id', 'r.house_id', 'h.street_id'])
    .where('r.id', '=', roomId)
    .executeTakeFirst();
  if (!r) throw new AppError(404, 'ROOM_NOT_FOUND');
  return { houseId: r.house_id, streetId: r.street_id };
}
