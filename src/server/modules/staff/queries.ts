// SQL of the staff module: staff records with their credentials, as the pure rules (domain/compliance.ts) take them.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { StaffFact } from '../../../domain/compliance.ts';
import type { LocalDate } from '../../../domain/time.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface StaffFactWithUser extends StaffFact {
  houseId: string;
  userId: string | null;
}

/** Every staff record of the houses with its credentials, as the pure rules take them (two queries). */
export async function loadStaffFacts(db: Db, houseIds: string[]): Promise<StaffFactWithUser[]> {
  if (!houseIds.length) return [];
  const staff = await db.selectFrom('staff_member').selectAll().where('house_id', 'in', houseIds).orderBy('hired_on').execute();
  const creds = staff.length
    ? await db
        .selectFrom('staff_credential')
        .select(['staff_id', 'kind', 'issued_on', 'expires_on', 'result'])
        .where(
          'staff_id',
          'in',
          staff.map((s) => s.id),
        )
        .execute()
    : [];
  return staff.map((s) => ({
    id: s.id,
    houseId: s.house_id,
    userId: s.user_id,
    name: s.name,
    position: s.position,
    hiredOn: s.hired_on,
    leftOn: s.left_on,
    barred: s.barred_at !== null,
    experienceYears: s.experience_years === null ? null : Number(s.experience_years),
    experienceNote: s.experience_note,
    credentials: creds
      .filter((c) => c.staff_id === s.id)
      .map((c) => ({ kind: c.kind, issuedOn: c.issued_on, expiresOn: c.expires_on, result: c.result })),
  }));
}

/** A staff record's house and street (undefined when there is none). */
export async function staffHouse(db: Db, staffId: string) {
  return db
    .selectFrom('staff_member as s')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .select(['s.id', 's.house_id', 'h.street_id'])
    .where('s.id', '=', staffId)
    .executeTakeFirst();
}

/** The house's staff records with the linked account's username. */
export async function staffRowsOfHouse(db: Db, houseId: string) {
  return db
    .selectFrom('staff_member as s')
    .leftJoin('app_user as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select('u.username')
    .where('s.house_id', '=', houseId)
    .execute();
}

/** Every credential of the house's staff, newest first. */
export async function credentialsOfHouse(db: Db, houseId: string) {
  return db
    .selectFrom('staff_credential as c')
    .innerJoin('staff_member as s', 's.id', 'c.staff_id')
    .selectAll('c')
    .where('s.house_id', '=', houseId)
    .orderBy('c.issued_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
}

/** The roster entries of the house's scheduled sessions from one day to another, in time order. */
export async function shiftsOfHouse(db: Db, houseId: string, from: LocalDate, to: LocalDate) {
  return db
    .selectFrom('session_carer as sc')
    .innerJoin('care_session as cs', 'cs.id', 'sc.session_id')
    .innerJoin('room as r', 'r.id', 'cs.room_id')
    .select(['sc.user_id', 'cs.id', 'cs.date', 'cs.starts_at', 'cs.ends_at', 'r.name as room_name'])
    .where('cs.house_id', '=', houseId)
    .where('cs.status', '=', 'scheduled')
    .where('cs.date', '>=', from)
    .where('cs.date', '<=', to)
    .orderBy('cs.starts_at')
    .execute();
}

const STAFF_ROLES = ['house_manager', 'carer', 'health_staff', 'volunteer'] as const;

/** A staff account of the house, with the staff record it is linked to, if any. */
export async function staffAccountOfHouse(db: Db, houseId: string, userId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('staff_member as s', 's.user_id', 'u.id')
    .select(['u.id', 's.id as staff_id'])
    .where('u.id', '=', userId)
    .where('u.house_id', '=', houseId)
    .where('u.role', 'in', [...STAFF_ROLES])
    .executeTakeFirst();
}

/** The house's active staff accounts with no staff record. */
export async function unlinkedAccountsOfHouse(db: Db, houseId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('staff_member as s', 's.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role'])
    .where('u.house_id', '=', houseId)
    .where('u.status', '=', 'active')
    .where('s.id', 'is', null)
    .where('u.role', 'in', [...STAFF_ROLES])
    .execute();
}

/** A file of this house attached to neither a credential nor evidence. */
export async function unattachedFileOfHouse(db: Db, houseId: string, fileId: string) {
  return db
    .selectFrom('stored_file as f')
    .select('f.id')
    .where('f.id', '=', fileId)
    .where('f.house_id', '=', houseId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('staff_credential as c').select('c.id').whereRef('c.file_id', '=', 'f.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('house_evidence as e').select('e.id').whereRef('e.file_id', '=', 'f.id'))))
    .executeTakeFirst();
}

/** A stored file with its house, street and what it is attached to. */
export async function houseFile(db: Db, fileId: string) {
  return db
    .selectFrom('stored_file as f')
    .innerJoin('house as h', 'h.id', 'f.house_id')
    .select([
      'f.storage_key',
      'f.content_type',
      'f.house_id',
      'h.street_id',
      (eb) => eb.exists(eb.selectFrom('house_evidence as e').select('e.id').whereRef('e.file_id', '=', 'f.id')).as('is_evidence'),
      (eb) => eb.exists(eb.selectFrom('staff_credential as c').select('c.id').whereRef('c.file_id', '=', 'f.id')).as('is_credential'),
    ])
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}

/** The house's evidence with who recorded it, newest first. */
export async function evidenceOfHouse(db: Db, houseId: string) {
  return db
    .selectFrom('house_evidence as e')
    .innerJoin('app_user as u', 'u.id', 'e.recorded_by')
    .selectAll('e')
    .select('u.display_name')
    .where('e.house_id', '=', houseId)
    .orderBy('e.observed_on', 'desc')
    .orderBy('e.created_at', 'desc')
    .execute();
}
