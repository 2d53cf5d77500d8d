// SQL of the staff module: staff records with their credentials, as the pure rules (domain/compliance.ts) take them.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { StaffFact } from '../../../domain/compliance.ts';

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
    ? await db.selectFrom('staff_credential').select(['staff_id', 'kind', 'issued_on', 'expires_on', 'result'])
      .where('staff_id', 'in', staff.map((s) => s.id)).execute()
    : [];
  return staff.map((s) => ({
    id: s.id, houseId: s.house_id, userId: s.user_id, name: s.name, position: s.position, hiredOn: s.hired_on, leftOn: s.left_on,
    barred: s.barred_at !== null, experienceYears: s.experience_years === null ? null : Number(s.experience_years),
    experienceNote: s.experience_note,
    credentials: creds.filter((c) => c.staff_id === s.id).map((c) => ({ kind: c.kind, issuedOn: c.issued_on, expiresOn: c.expires_on, result: c.result })),
  }));
}
