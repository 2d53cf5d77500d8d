// Staff records as the compliance rules see them, who may be put on a roster, and what a hit in a criminal-record
// check does (R9: off every roster, the street told).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { complianceRulesFrom, rosterBlockers } from '../../../domain/compliance.ts';
import type { Clock, LocalDate } from '../../../domain/time.ts';
import { translate } from '../../../shared/i18n/index.ts';
import { AppError } from '../../errors.ts';
import { notifyStreetAdmins } from '../../notify.ts';
import { runCompliance } from '../compliance/service.ts';
import { policyOn } from '../policy/service.ts';
import { takeOffRosters } from '../staffing/service.ts';
import { lockHouse, lockSessions, lockStaffMember, shareStaffMembersOfUsers } from '../../locks.ts';
import {
  credentialsOfHouse,
  evidenceOfHouse,
  houseFile,
  loadStaffFacts,
  shiftsOfHouse,
  staffAccountOfHouse,
  staffHouse,
  staffRowsOfHouse,
  unattachedFileOfHouse,
  unlinkedAccountsOfHouse,
} from './queries.ts';
import { credentialState, REQUIRED_CREDENTIALS, validUntil } from '../../../domain/compliance.ts';
import { addDays, districtInstant, localDateOf } from '../../../domain/time.ts';
import { maskPhone } from '../../../shared/format.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { AppContext } from '../../context.ts';
import { storeUpload, type Upload } from '../../uploads.ts';
import { isUniqueViolation } from '../../errors.ts';
import { validInsurancePeriod } from '../houses/service.ts';
import type { Facilities, StaffPosition } from '../../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Refuses (422 ROSTER_NOT_QUALIFIED, naming each person and why) unless every account may be on a roster on each of
 * the dates: a staff record of this house, employed, not barred, with valid credentials (R7–R9).
 */
export async function assertRosterable(db: Db, houseId: string, userIds: string[], dates: LocalDate[]): Promise<void> {
  const ids = [...new Set(userIds)];
  if (!ids.length || !dates.length) return;
  // Inside a transaction this holds off a concurrent bar (R9) until the roster is saved, or sees it.
  if (db.isTransaction) await shareStaffMembersOfUsers(db as Transaction<DB>, ids);
  const [facts, users] = await Promise.all([
    loadStaffFacts(db, [houseId]),
    db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', ids).execute(),
  ]);
  const problems: string[] = [];
  for (const date of [...new Set(dates)]) {
    const rules = complianceRulesFrom(await policyOn(db, date));
    for (const id of ids) {
      const blockers = rosterBlockers(
        facts.find((f) => f.userId === id),
        date,
        rules,
      );
      const name = users.find((u) => u.id === id)?.display_name ?? id;
      if (blockers.length) problems.push(`${name}(${blockers.map((b) => translate('zh-CN', `rosterBlockers.${b}`)).join('、')})`);
    }
    if (problems.length) break;
  }
  if (problems.length) {
    throw new AppError(422, 'ROSTER_NOT_QUALIFIED', { people: [...new Set(problems)].join(';') }, [
      { field: 'body.userIds', code: 'ROSTER_NOT_QUALIFIED', message: '' },
    ]);
  }
}

/**
 * R9: a hit bars the person. They leave every roster from now on (weekly slots and coming sessions, whose capacity is
 * recomputed so bookings above it are flagged) and every street admin of the house's street is alerted.
 */
export async function barStaffMember(trx: Transaction<DB>, clock: Clock, staffId: string): Promise<{ sessions: number }> {
  const now = clock.now();
  const s = await trx
    .updateTable('staff_member')
    .set({ barred_at: now, updated_at: now })
    .where('id', '=', staffId)
    .where('barred_at', 'is', null)
    .returning(['id', 'user_id', 'house_id', 'name'])
    .executeTakeFirst();
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
  const coming = await trx
    .selectFrom('staff_member as s')
    .innerJoin('session_carer as sc', 'sc.user_id', 's.user_id')
    .innerJoin('care_session as cs', 'cs.id', 'sc.session_id')
    .select('cs.id')
    .where('s.id', '=', staffId)
    .where('cs.ends_at', '>', from)
    .execute();
  await lockSessions(
    trx,
    coming.map((c) => c.id),
  );
  return lockStaffMember(trx, staffId);
}

// ---- Staff records, credentials, house files and evidence (the manager's screens) ----

type Position = StaffPosition;

/** A staff record's house and street, as authorising needs them (404 when there is none). */
export async function staffTarget(db: Db, staffId: string) {
  const s = await staffHouse(db, staffId);
  if (!s) throw new AppError(404, 'STAFF_NOT_FOUND');
  return { houseId: s.house_id, streetId: s.street_id };
}

/** The house's staff records as the manager sees them: each requirement's state today and why they cannot be rostered. */
export async function staffRecordsOf(db: Db, clock: Clock, houseId: string) {
  const day = localDateOf(clock.now());
  const rules = complianceRulesFrom(await policyOn(db, day));
  const [facts, rows, creds, shifts] = await Promise.all([
    loadStaffFacts(db, [houseId]),
    staffRowsOfHouse(db, houseId),
    credentialsOfHouse(db, houseId),
    shiftsOfHouse(db, houseId, day, addDays(day, 13)),
  ]);
  const order = ['manager', 'health', 'carer', 'volunteer', 'security'];
  const collator = new Intl.Collator('zh-CN');
  rows.sort(
    (a, b) =>
      Number(a.left_on !== null) - Number(b.left_on !== null) ||
      order.indexOf(a.position) - order.indexOf(b.position) ||
      collator.compare(a.name, b.name),
  );
  return rows.map((s) => {
    const fact = facts.find((f) => f.id === s.id)!;
    return {
      id: s.id,
      houseId: s.house_id,
      userId: s.user_id,
      username: s.username,
      name: s.name,
      position: s.position,
      employment: s.employment,
      phoneMasked: s.phone ? maskPhone(s.phone) : null,
      hiredOn: s.hired_on,
      leftOn: s.left_on,
      experienceYears: fact.experienceYears,
      experienceNote: s.experience_note,
      barred: fact.barred,
      requirements: REQUIRED_CREDENTIALS[s.position].map((kind) => {
        const state = credentialState(fact, kind, day, rules);
        return { kind, status: state.status, until: 'until' in state ? state.until : state.status === 'hit' ? state.on : null };
      }),
      credentials: creds
        .filter((c) => c.staff_id === s.id)
        .map((c) => ({
          id: c.id,
          kind: c.kind,
          title: c.title,
          number: c.number,
          issuedOn: c.issued_on,
          expiresOn: c.expires_on,
          validUntil: validUntil({ kind: c.kind, issuedOn: c.issued_on, expiresOn: c.expires_on, result: c.result }, rules),
          result: c.result,
          fileId: c.file_id,
          createdAt: new Date(c.created_at).toISOString(),
        })),
      rosterBlockers: rosterBlockers(fact, day, rules),
      shifts: s.user_id
        ? shifts
            .filter((x) => x.user_id === s.user_id)
            .map((x) => ({
              sessionId: x.id,
              date: x.date,
              startsAt: new Date(x.starts_at).toISOString(),
              endsAt: new Date(x.ends_at).toISOString(),
              roomName: x.room_name,
            }))
        : [],
    };
  });
}

/** One staff record as the manager sees it. */
export async function staffRecordOf(db: Db, clock: Clock, staffId: string) {
  const t = await staffTarget(db, staffId);
  return (await staffRecordsOf(db, clock, t.houseId)).find((r) => r.id === staffId)!;
}

/** The house's staff records and the staff accounts that have none yet. */
export async function houseStaffRecords(db: Db, clock: Clock, houseId: string) {
  const [records, accounts] = await Promise.all([staffRecordsOf(db, clock, houseId), unlinkedAccountsOfHouse(db, houseId)]);
  return { records, unlinkedAccounts: accounts.map((a) => ({ id: a.id, username: a.username ?? '', name: a.display_name, role: a.role })) };
}

const notLinkable = () =>
  new AppError(422, 'ACCOUNT_NOT_LINKABLE', undefined, [{ field: 'body.userId', code: 'ACCOUNT_NOT_LINKABLE', message: '' }]);

/** An account may be linked when it is an active staff account of this house with no record yet. */
async function checkLinkable(db: Db, houseId: string, userId: string, exceptStaffId?: string) {
  const u = await staffAccountOfHouse(db, houseId, userId);
  if (!u || (u.staff_id && u.staff_id !== exceptStaffId)) throw notLinkable();
}

/** Two requests linking one account at once: the unique index decides, and the loser hears why. */
function accountTaken(err: unknown): never {
  if (isUniqueViolation(err, 'user_id')) throw notLinkable();
  throw err;
}

/** A file uploaded to this house and not attached yet (a credential's scan must never become readable as evidence). */
async function checkFile(db: Db, houseId: string, fileId: string | null | undefined) {
  if (!fileId) return;
  const f = await unattachedFileOfHouse(db, houseId, fileId);
  if (!f) throw new AppError(422, 'FILE_NOT_OF_HOUSE', undefined, [{ field: 'body.fileId', code: 'FILE_NOT_OF_HOUSE', message: '' }]);
}

export interface StaffInput {
  name: string;
  position: Position;
  employment: 'full_time' | 'part_time' | 'volunteer';
  phone?: string | null;
  hiredOn: LocalDate;
  userId?: string | null;
  experienceYears?: number | null;
  experienceNote?: string | null;
}

export type StaffPatch = Partial<StaffInput> & { leftOn?: LocalDate | null };

/** A new staff record (optionally linked to the person's account), audited. Returns its id. */
export async function createStaffRecord(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource,
  houseId: string,
  b: StaffInput,
): Promise<string> {
  if (b.userId) await checkLinkable(db, houseId, b.userId);
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .insertInto('staff_member')
        .values({
          house_id: houseId,
          user_id: b.userId ?? null,
          name: b.name,
          position: b.position,
          employment: b.employment,
          phone: b.phone ?? null,
          hired_on: b.hiredOn,
          experience_years: b.experienceYears ?? null,
          experience_note: b.experienceNote || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, clock, source, {
        action: 'staff.create',
        entityType: 'staff_member',
        entityId: row.id,
        detail: { ...b, phone: undefined },
      });
      return row.id;
    })
    .catch(accountTaken);
  await recheckHouse(db, clock, source, houseId);
  return id;
}

/**
 * A change to a staff record, under the locks of the person's coming sessions and the record (read after them).
 * Leaving, or moving to a post that is never rostered, takes the person off the rosters after the last day.
 */
export async function updateStaffRecord(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource,
  houseId: string,
  staffId: string,
  b: StaffPatch,
): Promise<void> {
  if (b.userId) await checkLinkable(db, houseId, b.userId, staffId);
  await db
    .transaction()
    .execute(async (trx) => {
      await lockStaffForRosterChange(trx, staffId, clock.now());
      const current = await trx
        .selectFrom('staff_member')
        .select(['hired_on', 'left_on'])
        .where('id', '=', staffId)
        .executeTakeFirstOrThrow();
      const hiredOn = b.hiredOn ?? current.hired_on;
      const leftOn = b.leftOn === undefined ? current.left_on : b.leftOn;
      if (leftOn && leftOn < hiredOn)
        throw new AppError(422, 'VALIDATION_FAILED', undefined, [{ field: 'body.leftOn', code: 'VALIDATION_FAILED', message: '' }]);
      await trx
        .updateTable('staff_member')
        .set({
          ...(b.name !== undefined && { name: b.name }),
          ...(b.position !== undefined && { position: b.position }),
          ...(b.employment !== undefined && { employment: b.employment }),
          ...(b.phone !== undefined && { phone: b.phone }),
          ...(b.hiredOn !== undefined && { hired_on: b.hiredOn }),
          ...(b.userId !== undefined && { user_id: b.userId }),
          ...(b.experienceYears !== undefined && { experience_years: b.experienceYears }),
          ...(b.experienceNote !== undefined && { experience_note: b.experienceNote || null }),
          ...(b.leftOn !== undefined && { left_on: b.leftOn }),
          updated_at: clock.now(),
        })
        .where('id', '=', staffId)
        .execute();
      const after = await trx
        .selectFrom('staff_member')
        .select(['user_id', 'left_on', 'position'])
        .where('id', '=', staffId)
        .executeTakeFirstOrThrow();
      if (after.user_id && (b.leftOn || b.position === 'security')) {
        const from = after.left_on ? districtInstant(addDays(after.left_on, 1)) : clock.now();
        await takeOffRosters(trx, clock, after.user_id, from < clock.now() ? clock.now() : from);
      }
      await writeAudit(trx, clock, source, {
        action: 'staff.update',
        entityType: 'staff_member',
        entityId: staffId,
        detail: { ...b, phone: undefined },
      });
    })
    .catch(accountTaken);
  await recheckHouse(db, clock, source, houseId);
}

export interface CredentialInput {
  kind: 'qualification' | 'health_certificate' | 'training' | 'background_check';
  title: string;
  number?: string | null;
  issuedOn: LocalDate;
  expiresOn?: LocalDate | null;
  result?: 'clear' | 'hit' | null;
  fileId?: string | null;
}

/**
 * Records a credential. A hit in a criminal-record check (R9) bars the person: their coming sessions are locked,
 * then the record, and they leave every roster; the street is alerted.
 */
export async function addCredential(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource,
  actorId: string,
  houseId: string,
  staffId: string,
  b: CredentialInput,
): Promise<void> {
  const invalid = (field: string, reason: string) =>
    new AppError(422, 'CREDENTIAL_INVALID', { reason }, [{ field: `body.${field}`, code: 'CREDENTIAL_INVALID', message: '' }]);
  if (b.issuedOn > localDateOf(clock.now())) throw invalid('issuedOn', '签发或查询日期不能晚于今天');
  if (b.expiresOn && b.expiresOn < b.issuedOn) throw invalid('expiresOn', '有效期至不能早于签发日期');
  if (b.kind === 'health_certificate' && !b.expiresOn) throw invalid('expiresOn', '健康证须填写有效期');
  if ((b.kind === 'background_check') !== !!b.result) throw invalid('result', '只有违法犯罪记录查询须填写查询结果');
  await checkFile(db, houseId, b.fileId);
  await db.transaction().execute(async (trx) => {
    // A hit takes the person off every coming roster: those sessions first, then the record (the lock order).
    if (b.result === 'hit') await lockStaffForRosterChange(trx, staffId, clock.now());
    const row = await trx
      .insertInto('staff_credential')
      .values({
        staff_id: staffId,
        kind: b.kind,
        title: b.title,
        number: b.number || null,
        issued_on: b.issuedOn,
        expires_on: b.expiresOn ?? null,
        result: b.kind === 'background_check' ? b.result! : null,
        file_id: b.fileId ?? null,
        recorded_by: actorId,
        created_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const barred = b.result === 'hit' ? await barStaffMember(trx, clock, staffId) : null;
    await writeAudit(trx, clock, source, {
      action: 'staff.credential',
      entityType: 'staff_member',
      entityId: staffId,
      detail: { credentialId: row.id, kind: b.kind, issuedOn: b.issuedOn, expiresOn: b.expiresOn, result: b.result, barred },
    });
  });
  await recheckHouse(db, clock, source, houseId);
}

type FileCtx = Pick<AppContext, 'db' | 'files' | 'cipher' | 'clock'>;

/** Stores an uploaded scan or photo as a file of the house, audited. Returns its id. */
export async function storeHouseFile(ctx: FileCtx, source: AuditSource, actorId: string, houseId: string, upload: Upload): Promise<string> {
  return storeUpload(ctx, upload, { houseId }, actorId, async (trx, fileId) => {
    await writeAudit(trx, ctx.clock, source, {
      action: 'houseFile.upload',
      entityType: 'stored_file',
      entityId: fileId,
      detail: { houseId },
    });
    return fileId;
  });
}

/** A house file and the action that reads it: evidence is read with the house, a credential's scan only with staff records (404 when none). */
export async function houseFileToRead(db: Db, fileId: string) {
  const f = await houseFile(db, fileId);
  if (!f?.house_id) throw new AppError(404, 'FILE_NOT_FOUND');
  return { ...f, house_id: f.house_id, readAction: f.is_evidence && !f.is_credential ? ('house.read' as const) : ('staff.read' as const) };
}

/** The decrypted bytes of a stored file. */
export async function fileBytes(ctx: Pick<AppContext, 'files' | 'cipher'>, storageKey: string) {
  return ctx.cipher.decryptBytes(await ctx.files.get(storageKey));
}

/** The house's dated evidence, newest first. */
export async function evidenceOf(db: Db, houseId: string) {
  const rows = await evidenceOfHouse(db, houseId);
  return rows.map((e) => ({
    id: e.id,
    topic: e.topic,
    observedOn: e.observed_on,
    note: e.note,
    fileId: e.file_id,
    recordedBy: e.display_name,
    createdAt: new Date(e.created_at).toISOString(),
  }));
}

export interface HouseFactsInput {
  cctvRetentionDays?: number;
  cctvNetworked?: boolean;
  alarmNetworked?: boolean;
  insurer?: string | null;
  insurancePolicyNo?: string | null;
  insuranceStart?: LocalDate | null;
  insuranceEnd?: LocalDate | null;
  facilities?: Partial<Facilities>;
}

export interface EvidenceInput {
  topic: 'cctv' | 'alarm' | 'insurance' | 'facilities';
  observedOn: LocalDate;
  note: string;
  fileId?: string | null;
  facts?: HouseFactsInput;
}

/** Whether the evidence changes the house's insurance (the street's to change, R12). */
export const touchesInsurance = (f: HouseFactsInput) =>
  f.insurer !== undefined || f.insurancePolicyNo !== undefined || f.insuranceStart !== undefined || f.insuranceEnd !== undefined;

/** Records dated evidence for a fact of the house, updating those facts with it, under the house's lock. */
export async function recordEvidence(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource,
  actorId: string,
  houseId: string,
  b: EvidenceInput,
) {
  const f = b.facts ?? {};
  if (b.observedOn > localDateOf(clock.now()))
    throw new AppError(422, 'VALIDATION_FAILED', undefined, [{ field: 'body.observedOn', code: 'VALIDATION_FAILED', message: '' }]);
  await checkFile(db, houseId, b.fileId);
  const evidence = await db.transaction().execute(async (trx) => {
    await lockHouse(trx, houseId);
    const house = await trx
      .selectFrom('house')
      .select(['insurance_start', 'insurance_end', 'facilities'])
      .where('id', '=', houseId)
      .executeTakeFirstOrThrow();
    validInsurancePeriod(
      f.insuranceStart === undefined ? house.insurance_start : f.insuranceStart,
      f.insuranceEnd === undefined ? house.insurance_end : f.insuranceEnd,
    );
    if (Object.keys(f).length) {
      await trx
        .updateTable('house')
        .set({
          ...(f.cctvRetentionDays !== undefined && { cctv_retention_days: f.cctvRetentionDays }),
          ...(f.cctvNetworked !== undefined && { cctv_networked: f.cctvNetworked }),
          ...(f.alarmNetworked !== undefined && { alarm_networked: f.alarmNetworked }),
          ...(f.insurer !== undefined && { insurer: f.insurer }),
          ...(f.insurancePolicyNo !== undefined && { insurance_policy_no: f.insurancePolicyNo }),
          ...(f.insuranceStart !== undefined && { insurance_start: f.insuranceStart }),
          ...(f.insuranceEnd !== undefined && { insurance_end: f.insuranceEnd }),
          ...(f.facilities !== undefined && { facilities: JSON.stringify({ ...(house.facilities ?? {}), ...f.facilities }) }),
          updated_at: clock.now(),
        })
        .where('id', '=', houseId)
        .execute();
    }
    const e = await trx
      .insertInto('house_evidence')
      .values({
        house_id: houseId,
        topic: b.topic,
        observed_on: b.observedOn,
        note: b.note,
        file_id: b.fileId ?? null,
        recorded_by: actorId,
        created_at: clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, clock, source, {
      action: 'house.evidence',
      entityType: 'house',
      entityId: houseId,
      detail: { evidenceId: e.id, topic: b.topic, facts: f },
    });
    return e;
  });
  await recheckHouse(db, clock, source, houseId);
  return evidence;
}

/**
 * A staff, credential or evidence change re-checks the house's findings at once (not at the next daily run), after
 * the change has committed: the run takes the house's lock itself.
 */
async function recheckHouse(db: Kysely<DB>, clock: Clock, source: AuditSource, houseId: string) {
  await runCompliance(db, clock, { houseIds: [houseId], triggeredBy: source.actor?.id });
}
