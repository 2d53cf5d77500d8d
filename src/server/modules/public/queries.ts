// SQL of the public pages.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

/** The district's streets in their order. */
export function streetsInOrder(db: Kysely<DB>) {
  return db.selectFrom('street').select(['id', 'name', 'short_name']).orderBy('sort_order').execute();
}
