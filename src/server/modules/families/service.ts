// Families: loading a family with its children decrypted for its guardian (IDs masked), computing each child's
// eligibility, the checks on identity numbers and birth dates, and the workflows of registration and review.
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB, DocumentKind } from '../../../db/schema.ts';
import { birthDateProblem, childEligibility, type EligibilityRules, type Requirement } from '../../../domain/eligibility.ts';
import { birthDateOfId, idNumberProblem, normalizeIdNumber } from '../../../domain/idNumber.ts';
import type { PolicyValues } from '../../../domain/policy.ts';
import { ageInMonths, isValidLocalDate, localDateOf, type LocalDate } from '../../../domain/time.ts';
import { maskIdNumber, maskPhone } from '../../../shared/format.ts';
import type { ScopeFilter } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { AppContext } from '../../context.ts';
import type { FieldCipher } from '../../crypto.ts';
import { AppError, isUniqueViolation, unprocessable } from '../../errors.ts';
import { enqueueMessage } from '../../outbox.ts';
import { storeUpload, type Upload } from '../../uploads.ts';
import { policyOn } from '../policy/service.ts';
import * as q from './queries.ts';
import type { ChildInput, ChildUpdate, FamilyOutput, GuardianInput, PersonUpdate, RegistrationInput } from './schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface HealthDeclaration {
  allergies: string;
  history: string;
  declaredTruthfully: boolean;
}

/** The newest version of each text in force on a date. */
export async function currentDocumentVersions(db: Db, date: LocalDate): Promise<Record<DocumentKind, number>> {
  const rows = await db
    .selectFrom('document_version')
    .select(['kind', 'version'])
    .where('effective_from', '<=', date)
    .orderBy('version', 'desc')
    .execute();
  return {
    consent: rows.find((r) => r.kind === 'consent')?.version ?? 1,
    agreement: rows.find((r) => r.kind === 'agreement')?.version ?? 1,
  };
}

export async function eligibilityRules(db: Db, date: LocalDate): Promise<EligibilityRules> {
  const [policy, versions] = await Promise.all([policyOn(db, date), currentDocumentVersions(db, date)]);
  return eligibilityRulesFrom(policy, versions);
}

/** The eligibility rules from the policy and the text versions in force (also used by the booking engine). */
export function eligibilityRulesFrom(policy: PolicyValues, versions: Record<DocumentKind, number>): EligibilityRules {
  return {
    minAgeMonths: policy['child.minAgeMonths'],
    maxAgeMonths: policy['child.maxAgeMonths'],
    certificateValidityDays: policy['certificate.validityDays'],
    recheckAfterAbsenceDays: policy['certificate.recheckAfterAbsenceDays'],
    currentConsentVersion: versions.consent,
    currentAgreementVersion: versions.agreement,
  };
}

/** A valid, normalised ID number, or a 422 on the given field. */
export function validIdNumber(raw: string, field: string): string {
  if (idNumberProblem(raw)) throw new AppError(422, 'ID_NUMBER_INVALID', undefined, [{ field, code: 'ID_NUMBER_INVALID', message: '' }]);
  return normalizeIdNumber(raw);
}

/** A child's birth date must match the ID number and the child must not already be past the age served. */
export function checkChildBirthDate(birthDate: LocalDate, idNumber: string, today: LocalDate, policy: PolicyValues, field: string) {
  if (birthDateOfId(idNumber) !== birthDate) {
    throw new AppError(422, 'BIRTH_DATE_MISMATCH', undefined, [{ field: `${field}.birthDate`, code: 'BIRTH_DATE_MISMATCH', message: '' }]);
  }
  if (birthDateProblem(birthDate, today, policy['child.maxAgeMonths'])) {
    throw new AppError(422, 'CHILD_AGE_OUT_OF_RANGE', undefined, [
      { field: `${field}.birthDate`, code: 'CHILD_AGE_OUT_OF_RANGE', message: '' },
    ]);
  }
}

/** What the family as a whole still has to do (the children's own requirements are in their eligibility). */
export function familyTodo(
  family: {
    status: FamilyOutput['status'];
    consentVersion: number;
    agreementVersion: number | null;
    children: { certificates: unknown[] }[];
  } | null,
  rules: EligibilityRules,
): Requirement[] {
  if (!family) return ['consent', 'agreement', 'certificate', 'notSubmitted'];
  const todo: Requirement[] = [];
  if (family.consentVersion < rules.currentConsentVersion) todo.push('consent');
  if ((family.agreementVersion ?? 0) < rules.currentAgreementVersion) todo.push('agreement');
  if (family.children.some((c) => c.certificates.length === 0)) todo.push('certificate');
  if (family.status === 'draft') todo.push('notSubmitted');
  if (family.status === 'submitted') todo.push('underReview');
  if (family.status === 'returned') todo.push('returned');
  return todo;
}

/** The last day (on or before `on`) the child `c` was admitted to a session: R13's re-check after a long absence. */
const lastAttendanceOf = (eb: ExpressionBuilder<DB & { c: DB['child'] }, 'c'>, on: LocalDate) =>
  eb
    .selectFrom('attendance as a')
    .innerJoin('care_session as ac', 'ac.id', 'a.session_id')
    .select(sql<string | null>`to_char(max(ac.date), 'YYYY-MM-DD')`.as('d'))
    .whereRef('a.child_id', '=', 'c.id')
    .where('a.admitted', '=', true)
    .where('ac.date', '<=', on);

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The whole family as its guardian (or its reviewing street) sees it: IDs masked, health fields decrypted. */
export async function loadFamily(db: Db, cipher: FieldCipher, familyId: string, today: LocalDate): Promise<FamilyOutput> {
  const f = await db
    .selectFrom('family as f')
    .innerJoin('street as s', 's.id', 'f.street_id')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .selectAll('f')
    .select(['s.name as street_name', 'u.phone as guardian_phone'])
    .where('f.id', '=', familyId)
    .executeTakeFirst();
  if (!f) throw new AppError(404, 'FAMILY_NOT_FOUND');
  const [children, certificates, pickups, contacts, rules] = await Promise.all([
    db
      .selectFrom('child as c')
      .innerJoin('street as s', 's.id', 'c.residence_street_id')
      .selectAll('c')
      .select(['s.name as street_name', (eb) => lastAttendanceOf(eb, today).as('last_attendance')])
      .where('c.family_id', '=', familyId)
      .orderBy('c.birth_date')
      .execute(),
    db
      .selectFrom('health_certificate as h')
      .innerJoin('child as c', 'c.id', 'h.child_id')
      .innerJoin('stored_file as sf', 'sf.id', 'h.file_id')
      .select(['h.id', 'h.child_id', 'h.exam_date', 'h.institution', 'h.file_id', 'sf.content_type', 'h.created_at'])
      .where('c.family_id', '=', familyId)
      .orderBy('h.exam_date', 'desc')
      .orderBy('h.created_at', 'desc')
      .execute(),
    db.selectFrom('pickup_person').selectAll().where('family_id', '=', familyId).orderBy('created_at').execute(),
    db.selectFrom('emergency_contact').selectAll().where('family_id', '=', familyId).orderBy('created_at').execute(),
    eligibilityRules(db, today),
  ]);
  return {
    id: f.id,
    status: f.status,
    returnReason: f.return_reason,
    guardianName: f.guardian_name,
    guardianIdNumberMasked: maskIdNumber(cipher.decrypt(f.guardian_id_enc)),
    guardianPhoneMasked: maskPhone(f.guardian_phone ?? ''),
    streetId: f.street_id,
    streetName: f.street_name,
    address: f.address,
    consentVersion: f.consent_version,
    consentAt: iso(f.consent_at)!,
    agreementVersion: f.agreement_version,
    agreementSignedAt: iso(f.agreement_signed_at),
    submittedAt: iso(f.submitted_at),
    reviewedAt: iso(f.reviewed_at),
    children: children.map((c) => {
      const health = JSON.parse(cipher.decrypt(c.health_enc)) as HealthDeclaration;
      const certs = certificates.filter((h) => h.child_id === c.id);
      return {
        id: c.id,
        name: c.name,
        sex: c.sex,
        birthDate: c.birth_date,
        idNumberMasked: maskIdNumber(cipher.decrypt(c.id_number_enc)),
        residenceStreetId: c.residence_street_id,
        residenceStreetName: c.street_name,
        allergies: health.allergies,
        history: health.history,
        certificates: certs.map((h) => ({
          id: h.id,
          examDate: h.exam_date,
          institution: h.institution,
          fileId: h.file_id,
          contentType: h.content_type,
          uploadedAt: iso(h.created_at)!,
        })),
        eligibility: {
          date: today,
          ...childEligibility(
            {
              birthDate: c.birth_date,
              familyStatus: f.status,
              returnReason: f.return_reason,
              consentVersion: f.consent_version,
              agreementVersion: f.agreement_version,
              certificateExamDate: certs[0]?.exam_date ?? null,
              lastAttendanceDate: c.last_attendance,
            },
            today,
            rules,
          ),
        },
      };
    }),
    pickupPersons: pickups.map((p) => ({ id: p.id, name: p.name, relation: p.relation, phoneMasked: maskPhone(p.phone) })),
    emergencyContacts: contacts.map((p) => ({ id: p.id, name: p.name, relation: p.relation, phoneMasked: maskPhone(p.phone) })),
  };
}

/** One child's eligibility on a date, from the database (for the booking engine and the API). */
export async function eligibilityOfChild(db: Db, childId: string, date: LocalDate) {
  const c = await db
    .selectFrom('child as c')
    .innerJoin('family as f', 'f.id', 'c.family_id')
    .select([
      'c.birth_date',
      'f.status',
      'f.return_reason',
      'f.consent_version',
      'f.agreement_version',
      'c.family_id',
      (eb) =>
        eb
          .selectFrom('health_certificate as h')
          .select('h.exam_date')
          .whereRef('h.child_id', '=', 'c.id')
          .orderBy('h.exam_date', 'desc')
          .limit(1)
          .as('exam_date'),
      (eb) => lastAttendanceOf(eb, date).as('last_attendance'),
    ])
    .where('c.id', '=', childId)
    .executeTakeFirst();
  if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
  const rules = await eligibilityRules(db, date);
  return {
    familyId: c.family_id,
    eligibility: childEligibility(
      {
        birthDate: c.birth_date,
        familyStatus: c.status,
        returnReason: c.return_reason,
        consentVersion: c.consent_version,
        agreementVersion: c.agreement_version,
        certificateExamDate: c.exam_date ?? null,
        lastAttendanceDate: c.last_attendance,
      },
      date,
      rules,
    ),
  };
}

// ---- Workflows of the guardian's registration and of the street's review (each in one transaction, audited) ----

type Ctx = Pick<AppContext, 'db' | 'clock' | 'cipher'>;
type Source = AuditSource & { actor: { id: string; role: string } };

const encryptHealth = (cipher: FieldCipher, h: HealthDeclaration) => cipher.encrypt(JSON.stringify(h));
const idTaken = (field: string) => new AppError(409, 'ID_NUMBER_TAKEN', undefined, [{ field, code: 'ID_NUMBER_TAKEN', message: '' }]);

/** Changes are refused while the street is reviewing (the reviewer must see what they decide on). */
export function assertEditable(status: string) {
  if (status === 'submitted') throw new AppError(409, 'FAMILY_NOT_EDITABLE');
}

async function assertStreet(db: Db, id: string, field: string) {
  if (!(await q.streetExists(db, id))) throw unprocessable('STREET_NOT_FOUND', field);
}

/** The family (or none yet) with the texts in force, what is left to do and the rules the guardian sees. */
export async function familyEnvelopeOf(ctx: Ctx, familyId: string | null) {
  const date = localDateOf(ctx.clock.now());
  const [family, rules] = await Promise.all([
    familyId ? loadFamily(ctx.db, ctx.cipher, familyId, date) : Promise.resolve(null),
    eligibilityRules(ctx.db, date),
  ]);
  return {
    family,
    currentConsentVersion: rules.currentConsentVersion,
    currentAgreementVersion: rules.currentAgreementVersion,
    todo: familyTodo(family, rules),
    rules: { certificateValidityDays: rules.certificateValidityDays, minAgeMonths: rules.minAgeMonths, maxAgeMonths: rules.maxAgeMonths },
  };
}

/** The consent, the guardian, children, pickup persons and contacts in one transaction. Returns the family's id. */
export async function registerFamily(ctx: Ctx, source: Source, b: RegistrationInput): Promise<string> {
  const { db, clock, cipher } = ctx;
  const date = localDateOf(clock.now());
  const [versions, policy] = await Promise.all([currentDocumentVersions(db, date), policyOn(db, date)]);
  if (b.consentVersion !== versions.consent) {
    throw new AppError(409, 'CONSENT_VERSION_OUTDATED', undefined, [
      { field: 'body.consentVersion', code: 'CONSENT_VERSION_OUTDATED', message: '' },
    ]);
  }
  const guardianId = validIdNumber(b.guardian.idNumber, 'body.guardian.idNumber');
  await assertStreet(db, b.guardian.streetId, 'body.guardian.streetId');
  const childIds = b.children.map((c, i) => {
    const id = validIdNumber(c.idNumber, `body.children.${i}.idNumber`);
    checkChildBirthDate(c.birthDate, id, date, policy, `body.children.${i}`);
    return id;
  });
  for (const [i, c] of b.children.entries()) await assertStreet(db, c.residenceStreetId, `body.children.${i}.residenceStreetId`);
  if (new Set(childIds).size !== childIds.length) throw idTaken('body.children');
  const now = clock.now();
  try {
    return await db.transaction().execute(async (trx) => {
      const f = await trx
        .insertInto('family')
        .values({
          guardian_user_id: source.actor.id,
          guardian_name: b.guardian.realName,
          guardian_id_enc: cipher.encrypt(guardianId),
          guardian_id_hash: cipher.searchHash(guardianId),
          street_id: b.guardian.streetId,
          address: b.guardian.address,
          consent_version: b.consentVersion,
          consent_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('consent_record')
        .values({
          family_id: f.id,
          kind: 'consent',
          version: b.consentVersion,
          given_at: now,
          given_by: source.actor.id,
          ip: source.ip ?? null,
        })
        .execute();
      await trx
        .insertInto('child')
        .values(
          b.children.map((c, i) => ({
            family_id: f.id,
            name: c.name,
            sex: c.sex,
            birth_date: c.birthDate,
            id_number_enc: cipher.encrypt(childIds[i]),
            id_number_hash: cipher.searchHash(childIds[i]),
            residence_street_id: c.residenceStreetId,
            health_enc: encryptHealth(cipher, { allergies: c.allergies, history: c.history, declaredTruthfully: true }),
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await q.replacePeople(trx, 'pickup_person', f.id, b.pickupPersons);
      await q.replacePeople(trx, 'emergency_contact', f.id, b.emergencyContacts);
      await trx
        .updateTable('app_user')
        .set({ display_name: b.guardian.realName, updated_at: now })
        .where('id', '=', source.actor.id)
        .execute();
      await writeAudit(trx, clock, source, {
        action: 'consent.give',
        entityType: 'family',
        entityId: f.id,
        detail: { version: b.consentVersion },
      });
      await writeAudit(trx, clock, source, {
        action: 'family.register',
        entityType: 'family',
        entityId: f.id,
        detail: { children: b.children.length },
      });
      return f.id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'guardian_user_id')) throw new AppError(409, 'FAMILY_EXISTS');
    if (isUniqueViolation(err, 'id_number_hash')) throw idTaken('body.children');
    throw err;
  }
}

type OwnFamily = { id: string; status: string; consent_version: number };

/** Corrects the guardian's details; identity changes send an accepted family back to draft. */
export async function updateGuardian(ctx: Ctx, source: Source, f: OwnFamily, b: Partial<GuardianInput>) {
  const { db, clock, cipher } = ctx;
  assertEditable(f.status);
  const set: Record<string, unknown> = { updated_at: clock.now() };
  if (b.realName !== undefined) set.guardian_name = b.realName;
  if (b.address !== undefined) set.address = b.address;
  if (b.streetId !== undefined) {
    await assertStreet(db, b.streetId, 'body.streetId');
    set.street_id = b.streetId;
  }
  if (b.idNumber !== undefined) {
    const id = validIdNumber(b.idNumber, 'body.idNumber');
    set.guardian_id_enc = cipher.encrypt(id);
    set.guardian_id_hash = cipher.searchHash(id);
  }
  const identityChanged = b.realName !== undefined || b.idNumber !== undefined || b.streetId !== undefined;
  if (identityChanged && f.status === 'accepted') set.status = 'draft';
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('family').set(set).where('id', '=', f.id).execute();
    await writeAudit(trx, clock, source, {
      action: 'family.update',
      entityType: 'family',
      entityId: f.id,
      detail: { changed: Object.keys(b) },
    });
  });
}

/** Adds a child to a registered family whose consent is current. */
export async function addChild(ctx: Ctx, source: Source, f: OwnFamily, c: ChildInput) {
  const { db, clock, cipher } = ctx;
  assertEditable(f.status);
  const date = localDateOf(clock.now());
  const [versions, policy] = await Promise.all([currentDocumentVersions(db, date), policyOn(db, date)]);
  if (f.consent_version < versions.consent) throw new AppError(409, 'CONSENT_REQUIRED');
  const id = validIdNumber(c.idNumber, 'body.idNumber');
  checkChildBirthDate(c.birthDate, id, date, policy, 'body');
  await assertStreet(db, c.residenceStreetId, 'body.residenceStreetId');
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('child')
        .values({
          family_id: f.id,
          name: c.name,
          sex: c.sex,
          birth_date: c.birthDate,
          id_number_enc: cipher.encrypt(id),
          id_number_hash: cipher.searchHash(id),
          residence_street_id: c.residenceStreetId,
          health_enc: encryptHealth(cipher, { allergies: c.allergies, history: c.history, declaredTruthfully: true }),
          created_at: clock.now(),
          updated_at: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, clock, source, { action: 'child.create', entityType: 'child', entityId: row.id });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'id_number_hash')) throw idTaken('body.idNumber');
    throw err;
  }
}

type OwnChild = NonNullable<Awaited<ReturnType<typeof q.childWithFamily>>>;

/** Corrects a child's details or health declaration; identity changes send an accepted family back to draft. */
export async function updateChild(ctx: Ctx, source: Source, c: OwnChild, b: ChildUpdate) {
  const { db, clock, cipher } = ctx;
  assertEditable(c.status);
  const date = localDateOf(clock.now());
  const policy = await policyOn(db, date);
  const idNumber = b.idNumber !== undefined ? validIdNumber(b.idNumber, 'body.idNumber') : cipher.decrypt(c.id_number_enc);
  const birthDate = b.birthDate ?? c.birth_date;
  if (b.idNumber !== undefined || b.birthDate !== undefined) checkChildBirthDate(birthDate, idNumber, date, policy, 'body');
  if (b.residenceStreetId !== undefined) await assertStreet(db, b.residenceStreetId, 'body.residenceStreetId');
  const health = JSON.parse(cipher.decrypt(c.health_enc)) as HealthDeclaration;
  const set: Record<string, unknown> = {
    updated_at: clock.now(),
    health_enc: encryptHealth(cipher, {
      allergies: b.allergies ?? health.allergies,
      history: b.history ?? health.history,
      declaredTruthfully: true,
    }),
  };
  if (b.name !== undefined) set.name = b.name;
  if (b.sex !== undefined) set.sex = b.sex;
  if (b.birthDate !== undefined) set.birth_date = b.birthDate;
  if (b.residenceStreetId !== undefined) set.residence_street_id = b.residenceStreetId;
  if (b.idNumber !== undefined) {
    set.id_number_enc = cipher.encrypt(idNumber);
    set.id_number_hash = cipher.searchHash(idNumber);
  }
  const identityChanged = b.idNumber !== undefined || b.birthDate !== undefined || b.name !== undefined;
  try {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('child').set(set).where('id', '=', c.id).execute();
      if (b.residenceStreetId !== undefined && b.residenceStreetId !== c.residence_street_id) {
        // a move from today: sessions before it still count in the street the child lived in then (T3)
        await trx
          .insertInto('child_residence')
          .values({ child_id: c.id, street_id: b.residenceStreetId, since: date })
          .onConflict((oc) => oc.columns(['child_id', 'since']).doUpdateSet({ street_id: b.residenceStreetId! }))
          .execute();
      }
      if (identityChanged && c.status === 'accepted') {
        await trx.updateTable('family').set({ status: 'draft', updated_at: clock.now() }).where('id', '=', c.family_id).execute();
      }
      await writeAudit(trx, clock, source, {
        action: 'child.update',
        entityType: 'child',
        entityId: c.id,
        detail: { changed: Object.keys(b) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'id_number_hash')) throw idTaken('body.idNumber');
    throw err;
  }
}

/** Replaces the pickup persons or emergency contacts (a person kept without a new phone keeps the stored one). */
export async function replaceFamilyPeople(ctx: Ctx, source: Source, f: OwnFamily, table: q.PeopleTable, given: PersonUpdate[]) {
  const { db, clock } = ctx;
  assertEditable(f.status);
  const stored = await q.storedPeople(db, table, f.id);
  const people = given.map((p, i) => {
    const phoneNumber = p.phone ?? stored.find((x) => x.id === p.id)?.phone;
    if (!phoneNumber)
      throw new AppError(400, 'PHONE_INVALID', undefined, [{ field: `body.people.${i}.phone`, code: 'PHONE_INVALID', message: '' }]);
    return { name: p.name, relation: p.relation, phone: phoneNumber };
  });
  await db.transaction().execute(async (trx) => {
    await q.replacePeople(trx, table, f.id, people);
    await writeAudit(trx, clock, source, {
      action: `family.${table}.replace`,
      entityType: 'family',
      entityId: f.id,
      detail: { count: given.length },
    });
  });
}

/** Accepts the current children's-data rules or signs the current agreement (R14). */
export async function signDocument(ctx: Ctx, source: Source, f: OwnFamily, kind: DocumentKind, version: number) {
  const { db, clock } = ctx;
  const versions = await currentDocumentVersions(db, localDateOf(clock.now()));
  if (version !== versions[kind]) throw new AppError(409, kind === 'consent' ? 'CONSENT_VERSION_OUTDATED' : 'AGREEMENT_VERSION_OUTDATED');
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('family')
      .set(
        kind === 'consent'
          ? { consent_version: version, consent_at: now, updated_at: now }
          : { agreement_version: version, agreement_signed_at: now, updated_at: now },
      )
      .where('id', '=', f.id)
      .execute();
    await trx
      .insertInto('consent_record')
      .values({ family_id: f.id, kind, version, given_at: now, given_by: source.actor.id, ip: source.ip ?? null })
      .execute();
    await writeAudit(trx, clock, source, {
      action: kind === 'consent' ? 'consent.give' : 'agreement.sign',
      entityType: 'family',
      entityId: f.id,
      detail: { version },
    });
  });
}

/** Sends the registration to the street once nothing blocks it. */
export async function submitFamily(ctx: Ctx, source: Source, f: OwnFamily) {
  const { db, clock } = ctx;
  if (f.status === 'submitted' || f.status === 'accepted') throw new AppError(409, 'REGISTRATION_NOT_PENDING');
  const before = await familyEnvelopeOf(ctx, f.id);
  const blocking = before.todo.filter((r) => r === 'consent' || r === 'agreement' || r === 'certificate');
  if (blocking.length) {
    throw new AppError(
      422,
      'REGISTRATION_INCOMPLETE',
      undefined,
      blocking.map((r) => ({ field: r, code: r, message: '' })),
      { missing: blocking },
    );
  }
  await db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('family')
      .set({ status: 'submitted', submitted_at: clock.now(), return_reason: null, updated_at: clock.now() })
      .where('id', '=', f.id)
      .where('status', 'in', ['draft', 'returned'])
      .executeTakeFirst();
    if (!moved.numUpdatedRows) throw new AppError(409, 'REGISTRATION_NOT_PENDING');
    await writeAudit(trx, clock, source, { action: 'family.submit', entityType: 'family', entityId: f.id });
  });
}

/** Stores a health-check certificate of a child (the file and its record in one transaction). */
export async function uploadCertificate(ctx: AppContext, source: Source, c: OwnChild, upload: Upload) {
  const { clock } = ctx;
  assertEditable(c.status);
  const examDate = upload.fields.examDate ?? '';
  if (!isValidLocalDate(examDate) || examDate > localDateOf(clock.now())) throw unprocessable('EXAM_DATE_INVALID', 'examDate');
  const institution = (upload.fields.institution ?? '').trim();
  if (institution.length < 2 || institution.length > 60) throw unprocessable('VALIDATION_FAILED', 'institution');
  const cert = await storeUpload(ctx, upload, { familyId: c.family_id }, source.actor.id, async (trx, fileId) => {
    const row = await trx
      .insertInto('health_certificate')
      .values({ child_id: c.id, file_id: fileId, exam_date: examDate, institution, created_at: clock.now() })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, clock, source, {
      action: 'certificate.upload',
      entityType: 'child',
      entityId: c.id,
      detail: { certificateId: row.id, examDate, institution },
    });
    return { id: row.id, fileId, createdAt: row.created_at };
  });
  return {
    id: cert.id,
    examDate,
    institution,
    fileId: cert.fileId,
    contentType: upload.contentType,
    uploadedAt: new Date(cert.createdAt).toISOString(),
  };
}

// ---- The street's review ----

/** The registrations of a scope for the queue; reading the children's names and ages is audited. */
export async function registrationQueue(
  ctx: Ctx,
  source: AuditSource,
  scope: ScopeFilter,
  filter: Parameters<typeof q.registrationRows>[2],
) {
  if (scope.kind === 'none') return [];
  const { families, children } = await q.registrationRows(ctx.db, scope, filter);
  const date = localDateOf(ctx.clock.now());
  if (children.length) {
    await writeAudit(ctx.db, ctx.clock, source, {
      action: 'child.list',
      entityType: 'family',
      detail: { purpose: 'registration.queue', familyIds: families.map((f) => f.id), children: children.length },
    });
  }
  return families.map((f) => ({
    id: f.id,
    status: f.status,
    guardianName: f.guardian_name,
    guardianPhoneMasked: maskPhone(f.phone ?? ''),
    streetId: f.street_id,
    streetName: f.street_name,
    submittedAt: iso(f.submitted_at),
    reviewedAt: iso(f.reviewed_at),
    returnReason: f.return_reason,
    children: children.filter((c) => c.family_id === f.id).map((c) => ({ name: c.name, ageMonths: ageInMonths(c.birth_date, date) })),
  }));
}

/** One registration for review; the read of each child is audited. */
export async function registrationForReview(ctx: Ctx, source: AuditSource, familyId: string) {
  const family = await loadFamily(ctx.db, ctx.cipher, familyId, localDateOf(ctx.clock.now()));
  await ctx.db.transaction().execute(async (trx) => {
    for (const child of family.children) {
      await writeAudit(trx, ctx.clock, source, {
        action: 'child.read',
        entityType: 'child',
        entityId: child.id,
        detail: { purpose: 'registration.review', familyId: family.id },
      });
    }
  });
  return family;
}

type ReviewedFamily = { id: string; phone: string | null; street_name: string };

/** Accepts or returns a submitted registration; the guardian is sent the decision. */
export async function decideRegistration(
  ctx: Ctx,
  source: Source,
  f: ReviewedFamily,
  decision: { accept: true } | { accept: false; reason: string },
) {
  const { db, clock } = ctx;
  await db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('family')
      .set({
        status: decision.accept ? 'accepted' : 'returned',
        reviewed_at: clock.now(),
        reviewed_by: source.actor.id,
        return_reason: decision.accept ? null : decision.reason,
        updated_at: clock.now(),
      })
      .where('id', '=', f.id)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    if (!moved.numUpdatedRows) throw new AppError(409, 'REGISTRATION_NOT_PENDING');
    if (decision.accept) {
      await enqueueMessage(trx, clock, {
        channel: 'sms',
        recipient: f.phone!,
        template: 'registrationAccepted',
        params: { street: f.street_name },
      });
      await writeAudit(trx, clock, source, { action: 'registration.accept', entityType: 'family', entityId: f.id });
    } else {
      await enqueueMessage(trx, clock, {
        channel: 'sms',
        recipient: f.phone!,
        template: 'registrationReturned',
        params: { street: f.street_name, reason: decision.reason },
      });
      await writeAudit(trx, clock, source, {
        action: 'registration.return',
        entityType: 'family',
        entityId: f.id,
        detail: { reason: decision.reason },
      });
    }
  });
  return loadFamily(db, ctx.cipher, f.id, localDateOf(clock.now()));
}

/** One ID number in full (the guardian's or a child's of the family), for a stated reason (audited). */
export async function unmaskIdNumber(
  ctx: Ctx,
  source: AuditSource,
  f: { id: string; guardian_id_enc: string },
  target: string,
  reason: string,
) {
  let value: string;
  if (target === 'guardian') value = ctx.cipher.decrypt(f.guardian_id_enc);
  else {
    const c = await q.childIdNumberInFamily(ctx.db, target, f.id);
    if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
    value = ctx.cipher.decrypt(c.id_number_enc);
  }
  await writeAudit(ctx.db, ctx.clock, source, {
    action: 'idNumber.unmask',
    entityType: target === 'guardian' ? 'family' : 'child',
    entityId: target === 'guardian' ? f.id : target,
    detail: { reason, familyId: f.id },
  });
  return { value };
}

/** A certificate file of a registration, decrypted (the read is audited). */
export async function registrationFile(ctx: AppContext, source: AuditSource, familyId: string, fileId: string) {
  const file = await q.fileOfFamily(ctx.db, fileId, familyId);
  if (!file) throw new AppError(404, 'FILE_NOT_FOUND');
  await writeAudit(ctx.db, ctx.clock, source, { action: 'file.read', entityType: 'stored_file', entityId: fileId, detail: { familyId } });
  return { contentType: file.content_type, data: await fileContent(ctx, file.storage_key) };
}

/** A stored file's content, decrypted. */
export async function fileContent(ctx: Pick<AppContext, 'cipher' | 'files'>, storageKey: string) {
  return ctx.cipher.decryptBytes(await ctx.files.get(storageKey));
}
