// SQL of the population module: each street's versioned figures (常住1–3岁幼儿数, 当年新生儿数) and houses' places.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function streets(db: Db, streetId?: string) {
  let q = db.selectFrom('street').select(['id', 'name', 'short_name', 'sort_order']).orderBy('sort_order');
  if (streetId) q = q.where('id', '=', streetId);
  return q.execute();
}

/** Every version of the year's figures (of one street or all), newest first, with the recorder's name. */
export function versionsOf(db: Db, year: number, streetId?: string) {
  let q = db
    .selectFrom('street_population as p')
    .innerJoin('app_user as u', 'u.id', 'p.recorded_by')
    .select([
      'p.id',
      'p.street_id',
      'p.year',
      'p.children_1_3',
      'p.newborns',
      'p.source',
      'p.as_of',
      'p.note',
      'p.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('p.year', '=', year)
    .orderBy('p.recorded_at', 'desc')
    .orderBy('p.id', 'desc');
  if (streetId) q = q.where('p.street_id', '=', streetId);
  return q.execute();
}

/**
 * The figure in force for (street, year) at `at`. Must match domain/population.ts `populationInForce`:
 * DISTINCT ON (street_id, year) … WHERE recorded_at <= at ORDER BY recorded_at DESC.
 */
export function inForce(db: Db, streetId: string, year: number, at: Date) {
  return db
    .selectFrom('street_population')
    .selectAll()
    .where('street_id', '=', streetId)
    .where('year', '=', year)
    .where('recorded_at', '<=', at)
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface PopulationRow {
  street_id: string;
  year: number;
  children_1_3: number;
  newborns: number;
  source: string;
  as_of: string;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export function insertVersion(db: Db, row: PopulationRow) {
  return db.insertInto('street_population').values(row).returning('id').executeTakeFirstOrThrow();
}

export function setApprovedPlaces(db: Db, houseId: string, places: number, at: Date) {
  return db.updateTable('house').set({ approved_places: places, updated_at: at }).where('id', '=', houseId).execute();
}
