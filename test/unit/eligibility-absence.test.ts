// R13's re-check after a long absence (托儿所幼儿园卫生保健管理办法: a child away 3 months or more is re-examined):
// the boundary days of `recheckAfterAbsenceDays`, through the one eligibility function.
import { describe, expect, it } from 'vitest';
import { childEligibility, needsRecheckAfterAbsence, type ChildFacts, type EligibilityRules } from '../../src/domain/eligibility.ts';
import { addDays } from '../../src/domain/time.ts';

const rules: EligibilityRules = {
  minAgeMonths: 12,
  maxAgeMonths: 36,
  certificateValidityDays: 90,
  recheckAfterAbsenceDays: 90,
  currentConsentVersion: 1,
  currentAgreementVersion: 1,
};
const child = (over: Partial<ChildFacts>): ChildFacts => ({
  birthDate: '2025-01-10',
  familyStatus: 'accepted',
  returnReason: null,
  consentVersion: 1,
  agreementVersion: 1,
  certificateExamDate: '2026-03-01',
  lastAttendanceDate: null,
  ...over,
});

describe('R13 re-check after a long absence', () => {
  const last = '2026-03-10';
  it('a child who never attended is on a first visit: only the validity applies', () => {
    expect(childEligibility(child({}), '2026-05-20', rules)).toMatchObject({ bookable: true, missing: [] });
    expect(needsRecheckAfterAbsence(null, '2026-03-01', '2026-12-01', rules)).toBe(false);
  });
  it('exactly 90 days after the last attendance: no re-check yet', () => {
    expect(needsRecheckAfterAbsence(last, '2026-03-01', addDays(last, 90), rules)).toBe(false);
  });
  it('91 days after it, a certificate examined before (or on) the last attendance no longer counts', () => {
    const on = addDays(last, 91);
    expect(needsRecheckAfterAbsence(last, '2026-03-01', on, rules)).toBe(true);
    expect(needsRecheckAfterAbsence(last, last, on, rules)).toBe(true);
    // With a certificate valid for a year, so that only the absence can refuse it.
    const e = childEligibility(child({ certificateExamDate: '2026-03-01', lastAttendanceDate: last }), on, {
      ...rules,
      certificateValidityDays: 365,
    });
    expect(e).toMatchObject({ bookable: false, missing: ['certificateAfterAbsence'] });
    expect(
      childEligibility(child({ certificateExamDate: '2026-03-01', lastAttendanceDate: last }), addDays(last, 90), {
        ...rules,
        certificateValidityDays: 365,
      }),
    ).toMatchObject({ bookable: true });
  });
  it('a certificate examined the day after the last attendance (and still valid) counts', () => {
    const on = addDays(last, 91);
    expect(needsRecheckAfterAbsence(last, addDays(last, 1), on, rules)).toBe(false);
    expect(childEligibility(child({ certificateExamDate: addDays(last, 1), lastAttendanceDate: last }), on, rules)).toMatchObject({
      bookable: true,
      missing: [],
    });
  });
  it('a new certificate must still be within its validity: expired is reported, not the absence', () => {
    const e = childEligibility(child({ certificateExamDate: '2026-03-11', lastAttendanceDate: last }), addDays('2026-03-11', 91), rules);
    expect(e.missing).toEqual(['certificateExpired']);
  });
  it('the interval is the policy parameter', () => {
    expect(needsRecheckAfterAbsence(last, '2026-03-01', addDays(last, 31), { recheckAfterAbsenceDays: 30 })).toBe(true);
    expect(needsRecheckAfterAbsence(last, '2026-03-01', addDays(last, 30), { recheckAfterAbsenceDays: 30 })).toBe(false);
  });
});
