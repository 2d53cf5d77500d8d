// Families: loading a family with its children decrypted for its guardian (IDs masked), computing each child's
// eligibility, and the checks on identity numbers and birth dates.
import type { Kysely, Transaction } from 'kysely';
import type { DB, DocumentKind } from '../../../db/schema.ts';
import { childEligibility, type EligibilityRules, type Requirement } from '../../../domain/eligibility.ts';
import { birthDateOfId, idNumberProblem, normalizeIdNumber } from '../../../domain/idNumber.ts';
import type { PolicyValues } from '../../../domain/policy.ts';
import { ageInMonths, type LocalDate } from '../../../domain/time.ts';
import { maskIdNumber, maskPhone } from '../../../shared/format.ts';
import type { FieldCipher } from '../../crypto.ts';
import { AppError } from '../../errors.ts';
import { policyOn } from '../policy/service.ts';
import type { FamilyOutput } from './schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface HealthDeclaration {
  allergies: string;
  history: string;
  declaredTruthfully: boolean;
}

/** The newest version of each text in force on a date. */
export async function currentDocumentVersions(db: Db, date: LocalDate): Promise<Record<DocumentKind, number>> {
  const rows = await db.selectFrom('document_version').select(['kind', 'version']).where('effective_from', '<=', date)
    .orderBy('version', 'desc').execute();
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
  if (birthDate > today || ageInMonths(birthDate, today) >= policy['child.maxAgeMonths']) {
    throw new AppError(422, 'CHILD_AGE_OUT_OF_RANGE', undefined, [{ field: `${field}.birthDate`, code: 'CHILD_AGE_OUT_OF_RANGE', message: '' }]);
  }
}

export function isUniqueViolationOn(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (e.constraint ?? '').includes(constraint);
}

/** What the family as a whole still has to do (the children's own requirements are in their eligibility). */
export function familyTodo(
  family: { status: FamilyOutput['status']; consentVersion: number; agreementVersion: number | null; children: { certificates: unknown[] }[] } | null,
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

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The whole family as its guardian (or its reviewing street) sees it: IDs masked, health fields decrypted. */
export async function loadFamily(db: Db, cipher: FieldCipher, familyId: string, today: LocalDate): Promise<FamilyOutput> {
  const f = await db.selectFrom('family as f').innerJoin('street as s', 's.id', 'f.street_id')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .selectAll('f').select(['s.name as street_name', 'u.phone as guardian_phone'])
    .where('f.id', '=', familyId).executeTakeFirst();
  if (!f) throw new AppError(404, 'FAMILY_NOT_FOUND');
  const [children, certificates, pickups, contacts, rules] = await Promise.all([
    db.selectFrom('child as c').innerJoin('street as s', 's.id', 'c.residence_street_id')
      .selectAll('c').select('s.name as street_name').where('c.family_id', '=', familyId).orderBy('c.birth_date').execute(),
    db.selectFrom('health_certificate as h').innerJoin('child as c', 'c.id', 'h.child_id')
      .innerJoin('stored_file as sf', 'sf.id', 'h.file_id')
      .select(['h.id', 'h.child_id', 'h.exam_date', 'h.institution', 'h.file_id', 'sf.content_type', 'h.created_at'])
      .where('c.family_id', '=', familyId).orderBy('h.exam_date', 'desc').orderBy('h.created_at', 'desc').execute(),
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
          id: h.id, examDate: h.exam_date, institution: h.institution, fileId: h.file_id, contentType: h.content_type,
          uploadedAt: iso(h.created_at)!,
        })),
        eligibility: {
          date: today,
          ...childEligibility({
            birthDate: c.birth_date,
            familyStatus: f.status,
            returnReason: f.return_reason,
            consentVersion: f.consent_version,
            agreementVersion: f.agreement_version,
            certificateExamDate: certs[0]?.exam_date ?? null,
          }, today, rules),
        },
      };
    }),
    pickupPersons: pickups.map((p) => ({ id: p.id, name: p.name, relation: p.relation, phoneMasked: maskPhone(p.phone) })),
    emergencyContacts: contacts.map((p) => ({ id: p.id, name: p.name, relation: p.relation, phoneMasked: maskPhone(p.phone) })),
  };
}

/** One child's eligibility on a date, from the database (for the booking engine and the API). */
export async function eligibilityOfChild(db: Db, childId: string, date: LocalDate) {
  const c = await db.selectFrom('child as c').innerJoin('family as f', 'f.id', 'c.family_id')
    .select(['c.birth_date', 'f.status', 'f.return_reason', 'f.consent_version', 'f.agreement_version', 'c.family_id',
      (eb) => eb.selectFrom('health_certificate as h').select('h.exam_date').whereRef('h.child_id', '=', 'c.id')
        .orderBy('h.exam_date', 'desc').limit(1).as('exam_date')])
    .where('c.id', '=', childId).executeTakeFirst();
  if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
  const rules = await eligibilityRules(db, date);
  return {
    familyId: c.family_id,
    eligibility: childEligibility({
      birthDate: c.birth_date, familyStatus: c.status, returnReason: c.return_reason, consentVersion: c.consent_version,
      agreementVersion: c.agreement_version, certificateExamDate: c.exam_date ?? null,
    }, date, rules),
  };
}
