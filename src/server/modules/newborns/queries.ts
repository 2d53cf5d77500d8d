// SQL of the newborn register.
import type { Insertable, Kysely, Transaction } from 'kysely';
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

/** The guardian's account phone and, when registered, the family's id, street, name and address. */
export function guardianOf(db: Db, userId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('family as f', 'f.guardian_user_id', 'u.id')
    .select(['u.phone', 'u.display_name', 'f.id as family_id', 'f.street_id', 'f.guardian_name', 'f.address'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export async function streetExists(db: Db, streetId: string): Promise<boolean> {
  return !!(await db.selectFrom('street').select('id').where('id', '=', streetId).executeTakeFirst());
}

/** Adds the row unless the same baby (birth date, phone hash, name) is already registered; its id, or undefined. */
export async function insertNewbornUnlessKnown(db: Db, row: Insertable<DB['newborn']>) {
  const added = await db
    .insertInto('newborn')
    .values(row)
    .onConflict((oc) => oc.columns(['birth_date', 'phone_hash', 'child_name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return added?.id;
}

/** The registered row of a baby by the duplicate key. */
export function newbornByKey(db: Db, key: { birthDate: string; phoneHash: string; childName: string }) {
  return db
    .selectFrom('newborn')
    .select(['id', 'family_id'])
    .where('birth_date', '=', key.birthDate)
    .where('phone_hash', '=', key.phoneHash)
    .where('child_name', '=', key.childName)
    .executeTakeFirst();
}

/** Links a registered newborn to a family, unless it is linked already; whether it was linked now. */
export async function linkToFamily(db: Db, newbornId: string, familyId: string, now: Date) {
  const r = await db
    .updateTable('newborn')
    .set({ family_id: familyId, updated_at: now })
    .where('id', '=', newbornId)
    .where('family_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A family's own newborns: reported by it or linked to it, or registered under the guardian's phone. */
export function ownNewborns(db: Db, own: { familyId: string | null; phoneHash: string }, ids?: string[]) {
  let q = db
    .selectFrom('newborn as n')
    .innerJoin('street as s', 's.id', 'n.street_id')
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
      'n.family_id',
      'n.created_at',
    ])
    .where((w) =>
      own.familyId
        ? w.or([w('n.phone_hash', '=', own.phoneHash), w('n.family_id', '=', own.familyId)])
        : w('n.phone_hash', '=', own.phoneHash),
    );
  if (ids) q = q.where('n.id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('n.birth_date', 'desc').orderBy('n.id').execute();
}
