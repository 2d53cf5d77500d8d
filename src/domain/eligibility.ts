// Whether a child may book care on a date (DOMAIN.md R1, R13, R14, R16, §6 consent). One function answers the
// API, the H5 checklist and the booking engine, so they can never disagree.
import { addDays, ageInMonths, type LocalDate } from './time.ts';

export interface ChildFacts {
  birthDate: LocalDate;
  familyStatus: 'draft' | 'submitted' | 'accepted' | 'returned';
  returnReason: string | null;
  /** The consent version the guardian gave, if any. */
  consentVersion: number | null;
  /** The agreement version the guardian signed, if any. */
  agreementVersion: number | null;
  /** The newest health-check certificate's exam date, if any. */
  certificateExamDate: LocalDate | null;
  /** The date of the child's last attendance (checked in or turned away at the door), if any: R13's re-check. */
  lastAttendanceDate?: LocalDate | null;
}

/**
 * Whether a child can be registered with this birth date today (R1): not when the date is still to come, nor once
 * the child is past the age served. A child still too young may register, and books once old enough. The H5's
 * registration form asks this where the birth date is entered; the server asks it again when the family is saved.
 */
export function birthDateProblem(birthDate: LocalDate, today: LocalDate, maxAgeMonths: number): 'future' | 'tooOld' | null {
  if (birthDate > today) return 'future';
  if (ageInMonths(birthDate, today) >= maxAgeMonths) return 'tooOld';
  return null;
}

export interface EligibilityRules {
  minAgeMonths: number;
  maxAgeMonths: number;
  certificateValidityDays: number;
  /** R13: after more than this many days without attending, only a certificate examined after the last attendance counts. */
  recheckAfterAbsenceDays: number;
  currentConsentVersion: number;
  currentAgreementVersion: number;
}

export type Requirement =
  | 'consent' // §6: separate consent for children's data, current version
  | 'agreement' // R14: the signed service agreement, current version
  | 'certificate' // R13: a health-check certificate
  | 'certificateExpired' // R13: its validity ended before the date
  | 'certificateAfterAbsence' // R13: away longer than the re-check interval, and the certificate predates the last attendance
  | 'tooYoung' // R1
  | 'tooOld' // R1
  | 'notSubmitted' // R16: the family has not sent its registration for review
  | 'underReview' // R16: the street has not decided yet
  | 'returned'; // R16: the street returned the registration (see the reason)

export interface Eligibility {
  bookable: boolean;
  missing: Requirement[];
  /** The last date the certificate is valid for, when there is one. */
  certificateValidUntil: LocalDate | null;
  ageMonths: number;
  returnReason: string | null;
}

export function childEligibility(child: ChildFacts, on: LocalDate, rules: EligibilityRules): Eligibility {
  const missing: Requirement[] = [];
  if (child.consentVersion === null || child.consentVersion < rules.currentConsentVersion) missing.push('consent');
  if (child.agreementVersion === null || child.agreementVersion < rules.currentAgreementVersion) missing.push('agreement');
  let certificateValidUntil: LocalDate | null = null;
  if (!child.certificateExamDate) missing.push('certificate');
  else {
    certificateValidUntil = addDays(child.certificateExamDate, rules.certificateValidityDays);
    if (on > certificateValidUntil || on < child.certificateExamDate) missing.push('certificateExpired');
    else if (needsRecheckAfterAbsence(child.lastAttendanceDate ?? null, child.certificateExamDate, on, rules))
      missing.push('certificateAfterAbsence');
  }
  const ageMonths = ageInMonths(child.birthDate, on);
  if (ageMonths < rules.minAgeMonths) missing.push('tooYoung');
  if (ageMonths >= rules.maxAgeMonths) missing.push('tooOld');
  if (child.familyStatus === 'draft') missing.push('notSubmitted');
  if (child.familyStatus === 'submitted') missing.push('underReview');
  if (child.familyStatus === 'returned') missing.push('returned');
  return {
    bookable: missing.length === 0,
    missing,
    certificateValidUntil,
    ageMonths,
    returnReason: child.familyStatus === 'returned' ? child.returnReason : null,
  };
}

/**
 * R13's re-check after a long absence: a child whose last attendance is more than `recheckAfterAbsenceDays` before
 * `on` needs a certificate examined after that attendance. A child who never attended is on a first visit (the
 * certificate's validity alone applies).
 */
export function needsRecheckAfterAbsence(
  lastAttendance: LocalDate | null,
  examDate: LocalDate,
  on: LocalDate,
  rules: Pick<EligibilityRules, 'recheckAfterAbsenceDays'>,
): boolean {
  if (!lastAttendance) return false;
  if (on <= addDays(lastAttendance, rules.recheckAfterAbsenceDays)) return false;
  return examDate <= lastAttendance;
}
