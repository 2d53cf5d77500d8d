// SQL of the newborn register.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ScopeFilter } from '../../access.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The register of the scope, newest births first. */
export function registerOf(db: Db, scope: ScopeFilter, streetId: string | undefined, limit: number) {
  let q = db
    .selectFrom('newborn as n')
    .innerJoin('street as s', 's.id', 'n.street_id')
    .leftJoin('app_user as v', 'v.id', 'n.visitor_user_id')
    .select([
      'n.id',
      'n.street_id',
      's.name as street_name',
      'n.child_name',
      'n.sex',
      'n.birth_date',
      'n.guardian_name',
      'n.phone_enc',
      'n.address_enc',
      'n.source',
      'n.visitor_user_id',
      'v.display_name as visitor_name',
      'n.created_at',
    ]);
  if (scope.kind === 'street') q = q.where('n.street_id', '=', scope.streetId);
  else if (scope.kind !== 'all') return Promise.resolve([]);
  if (streetId) q = q.where('n.street_id', '=', streetId);
  return q.orderBy('n.birth_date', 'desc').orderBy('n.id').limit(limit).execute();
}

/** Which of these duplicate keys (birth date, phone hash, name) are already in the register. */
export async function existingKeys(db: Db, rows: { birthDate: string; phoneHash: string; childName: string }[]) {
  if (!rows.length) return new Set<string>();
  const found = await db
    .selectFrom('newborn')
    .select(['birth_date', 'phone_hash', 'child_name'])
    .where('phone_hash', 'in', [...new Set(rows.map((r) => r.phoneHash))])
    .execute();
  return new Set(found.map((f) => `${f.birth_date}|${f.phone_hash}|${f.child_name}`));
}
