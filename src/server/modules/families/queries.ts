// SQL of the families module: the guardian's family, children, people, files and the street's review queue.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ScopeFilter } from '../../access.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The family of a guardian account, or undefined. */
export function familyOfGuardian(db: Db, userId: string) {
  return db
    .selectFrom('family')
    .select(['id', 'status', 'consent_version', 'street_id'])
    .where('guardian_user_id', '=', userId)
    .executeTakeFirst();
}

/** A child with its family's guardian and status, or undefined. */
export function childWithFamily(db: Db, childId: string) {
  return db
    .selectFrom('child as c')
    .innerJoin('family as f', 'f.id', 'c.family_id')
    .select([
      'c.id',
      'c.family_id',
      'f.guardian_user_id',
      'f.status',
      'c.birth_date',
      'c.id_number_enc',
      'c.health_enc',
      'c.residence_street_id',
    ])
    .where('c.id', '=', childId)
    .executeTakeFirst();
}

export async function streetExists(db: Db, streetId: string): Promise<boolean> {
  return !!(await db.selectFrom('street').select('id').where('id', '=', streetId).executeTakeFirst());
}

export type PeopleTable = 'pickup_person' | 'emergency_contact';

export function storedPeople(db: Db, table: PeopleTable, familyId: string) {
  return db.selectFrom(table).select(['id', 'phone']).where('family_id', '=', familyId).execute();
}

/** Replaces the family's pickup persons or emergency contacts. */
export async function replacePeople(
  db: Db,
  table: PeopleTable,
  familyId: string,
  people: { name: string; relation: string; phone: string }[],
) {
  await db.deleteFrom(table).where('family_id', '=', familyId).execute();
  if (people.length)
    await db
      .insertInto(table)
      .values(people.map((p) => ({ family_id: familyId, ...p })))
      .execute();
}

/** A stored file of a family, with the family's guardian. */
export function familyFile(db: Db, fileId: string) {
  return db
    .selectFrom('stored_file as sf')
    .innerJoin('family as f', 'f.id', 'sf.family_id')
    .select(['sf.storage_key', 'sf.content_type', 'f.guardian_user_id'])
    .where('sf.id', '=', fileId)
    .executeTakeFirst();
}

/** A stored file of the given family. */
export function fileOfFamily(db: Db, fileId: string, familyId: string) {
  return db
    .selectFrom('stored_file')
    .select(['storage_key', 'content_type'])
    .where('id', '=', fileId)
    .where('family_id', '=', familyId)
    .executeTakeFirst();
}

export function childGuardian(db: Db, childId: string) {
  return db
    .selectFrom('child as c')
    .innerJoin('family as f', 'f.id', 'c.family_id')
    .select('f.guardian_user_id')
    .where('c.id', '=', childId)
    .executeTakeFirst();
}

/** A family as its reviewer sees it (street, status, guardian's phone and encrypted ID). */
export function familyForReview(db: Db, familyId: string) {
  return db
    .selectFrom('family as f')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .innerJoin('street as s', 's.id', 'f.street_id')
    .select(['f.id', 'f.street_id', 'f.status', 'f.guardian_id_enc', 'u.phone', 's.name as street_name'])
    .where('f.id', '=', familyId)
    .executeTakeFirst();
}

/** The registrations of a scope, oldest waiting first, with their children's names and birth dates. */
export async function registrationRows(
  db: Db,
  scope: ScopeFilter,
  filter: { status?: 'draft' | 'submitted' | 'accepted' | 'returned'; streetId?: string },
) {
  let q = db
    .selectFrom('family as f')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .innerJoin('street as s', 's.id', 'f.street_id')
    .select([
      'f.id',
      'f.status',
      'f.guardian_name',
      'u.phone',
      'f.street_id',
      's.name as street_name',
      'f.submitted_at',
      'f.reviewed_at',
      'f.return_reason',
    ]);
  if (scope.kind === 'street') q = q.where('f.street_id', '=', scope.streetId);
  if (filter.status) q = q.where('f.status', '=', filter.status);
  if (filter.streetId) q = q.where('f.street_id', '=', filter.streetId);
  const families = await q.orderBy('f.submitted_at', 'asc').orderBy('f.created_at', 'asc').limit(500).execute();
  const children = families.length
    ? await db
        .selectFrom('child')
        .select(['family_id', 'name', 'birth_date'])
        .where(
          'family_id',
          'in',
          families.map((f) => f.id),
        )
        .orderBy('birth_date')
        .execute()
    : [];
  return { families, children };
}

export function childIdNumberInFamily(db: Db, childId: string, familyId: string) {
  return db.selectFrom('child').select('id_number_enc').where('id', '=', childId).where('family_id', '=', familyId).executeTakeFirst();
}
