// Staff records as the compliance rules see them, who may be put on a roster, and what a hit in a criminal-record
// check does (R9: off every roster, the street told).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { complianceRulesFrom, rosterBlockers, type StaffFact } from '../../../domain/compliance.ts';
import type { Clock, LocalDate } from '../../../domain/time.ts';
import { translate } from '../../../shared/i18n/index.ts';
import { AppError } from '../../errors.ts';
import { notifyStreetAdmins } from '../../notify.ts';
import { policyOn } from '../policy/service.ts';
import { recomputeCapacity } from '../care/service.ts';
import { evaluateRatio } from '../attendance/service.ts';

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

/**
 * Refuses (422 ROSTER_NOT_QUALIFIED, naming each person and why) unless every account may be on a roster on each of
 * the dates: a staff record of this house, employed, not barred, with valid credentials (R7–R9).
 */
export async function assertRosterable(db: Db, houseId: string, userIds: string[], dates: LocalDate[]): Promise<void> {
  const ids = [...new Set(userIds)];
  if (!ids.length || !dates.length) return;
  // Inside a transaction this holds off a concurrent bar (R9) until the roster is saved, or sees it.
  await db.selectFrom('staff_member').select('id').where('user_id', 'in', ids).forShare().execute();
  const [facts, users] = await Promise.all([
    loadStaffFacts(db, [houseId]),
    db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', ids).execute(),
  ]);
  const problems: string[] = [];
  for (const date of [...new Set(dates)]) {
    const rules = complianceRulesFrom(await policyOn(db, date));
    for (const id of ids) {
      const blockers = rosterBlockers(facts.find((f) => f.userId === id), date, rules);
      const name = users.find((u) => u.id === id)?.display_name ?? id;
      if (blockers.length) problems.push(`${name}(${blockers.map((b) => translate('zh-CN', `rosterBlockers.${b}`)).join('、')})`);
    }
    if (problems.length) break;
  }
  if (problems.length) {
    throw new AppError(422, 'ROSTER_NOT_QUALIFIED', { people: [...new Set(problems)].join(';') },
      [{ field: 'body.userIds', code: 'ROSTER_NOT_QUALIFIED', message: '' }]);
  }
}

/**
 * R9: a hit bars the person. They leave every roster from now on (weekly slots and coming sessions, whose capacity is
 * recomputed so bookings above it are flagged) and every street admin of the house's street is alerted.
 */
export async function barStaffMember(trx: Transaction<DB>, clock: Clock, staffId: string): Promise<{ sessions: number }> {
  const now = clock.now();
  const s = await trx.updateTable('staff_member').set({ barred_at: now, updated_at: now }).where('id', '=', staffId).where('barred_at', 'is', null)
    .returning(['id', 'user_id', 'house_id', 'name']).executeTakeFirst();
  if (!s) return { sessions: 0 };
  const sessions = s.user_id ? await takeOffRosters(trx, clock, s.user_id, now) : 0;
  const house = await trx.selectFrom('house').select(['name', 'street_id']).where('id', '=', s.house_id).executeTakeFirstOrThrow();
  await notifyStreetAdmins(trx, clock, house.street_id, 'backgroundCheckHit', { house: house.name, name: s.name });
  return { sessions };
}

/**
 * Takes a person off the weekly slots and off every session that ends after `from` (barred now, or leaving on a
 * date); capacity is recomputed so bookings above it are flagged, and a session under way re-checks its live ratio.
 */
export async function takeOffRosters(trx: Transaction<DB>, clock: Clock, userId: string, from: Date): Promise<number> {
  await trx.deleteFrom('template_carer').where('user_id', '=', userId).execute();
  const coming = await trx.selectFrom('session_carer as sc').innerJoin('care_session as cs', 'cs.id', 'sc.session_id').select('sc.session_id')
    .where('sc.user_id', '=', userId).where('cs.ends_at', '>', from).execute();
  const sessionIds = coming.map((c) => c.session_id);
  if (!sessionIds.length) return 0;
  await trx.deleteFrom('session_carer').where('user_id', '=', userId).where('session_id', 'in', sessionIds).execute();
  await recomputeCapacity(trx, sessionIds);
  const now = clock.now();
  const running = await trx.selectFrom('care_session').select('id').where('id', 'in', sessionIds).where('starts_at', '<=', now).where('ends_at', '>', now).execute();
  for (const r of running) await evaluateRatio(trx, clock, r.id, 'roster_changed');
  return sessionIds.length;
}
