// Staff records as the compliance rules see them, who may be put on a roster, and what a hit in a criminal-record
// check does (R9: off every roster, the street told).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { complianceRulesFrom, rosterBlockers } from '../../../domain/compliance.ts';
import type { Clock, LocalDate } from '../../../domain/time.ts';
import { translate } from '../../../shared/i18n/index.ts';
import { AppError } from '../../errors.ts';
import { notifyStreetAdmins } from '../../notify.ts';
import { policyOn } from '../policy/service.ts';
import { takeOffRosters } from '../staffing/service.ts';
import { lockSessions, lockStaffMember } from '../../locks.ts';
import { loadStaffFacts } from './queries.ts';

export { loadStaffFacts, type StaffFactWithUser } from './queries.ts';
export { takeOffRosters } from '../staffing/service.ts';

type Db = Kysely<DB> | Transaction<DB>;

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
 * Locks, in the documented order, what a change to a person's record may touch: the coming sessions on their
 * rosters (capacity and ratio are recomputed if they leave a roster), then the staff record itself. Facts about the
 * record are read after this, in a statement of their own. Returns false when there is no such record.
 */
export async function lockStaffForRosterChange(trx: Transaction<DB>, staffId: string, from: Date): Promise<boolean> {
  const coming = await trx.selectFrom('staff_member as s').innerJoin('session_carer as sc', 'sc.user_id', 's.user_id')
    .innerJoin('care_session as cs', 'cs.id', 'sc.session_id').select('cs.id')
    .where('s.id', '=', staffId).where('cs.ends_at', '>', from).execute();
  await lockSessions(trx, coming.map((c) => c.id));
  return lockStaffMember(trx, staffId);
}
