import { describe, expect, it } from 'vitest';
import {
  RATIO_POSITIONS,
  RATIO_ROLES,
  caresForChildren,
  countsForRatio,
  ratioCarerCount,
  roleCaresForChildren,
} from '../../src/domain/ratio.ts';
import { checkSessionRoster, complianceRulesFrom, type StaffFact } from '../../src/domain/compliance.ts';
import { defaultPolicy } from '../../src/domain/policy.ts';

describe('who counts for R5 (domain/ratio.ts)', () => {
  it('a manager, carer or health-care worker on duty with nothing barring them counts', () => {
    for (const position of ['manager', 'carer', 'health']) expect(countsForRatio({ position, blockers: [], onDuty: true })).toBe(true);
  });
  it('volunteers and security guards never count; nor does someone without a staff record', () => {
    expect(countsForRatio({ position: 'volunteer', blockers: [], onDuty: true })).toBe(false);
    expect(countsForRatio({ position: 'security', blockers: [], onDuty: true })).toBe(false);
    expect(countsForRatio({ position: null, blockers: [], onDuty: true })).toBe(false);
  });
  it('a blocker on the date (a lapsed certificate, barred, left) stops a carer counting', () => {
    expect(countsForRatio({ position: 'carer', blockers: ['HEALTH_CERTIFICATE_EXPIRED'], onDuty: true })).toBe(false);
    expect(countsForRatio({ position: 'carer', blockers: ['NOT_EMPLOYED'], onDuty: true })).toBe(false);
  });
  it('a carer gone off duty does not count', () => {
    expect(countsForRatio({ position: 'carer', blockers: [], onDuty: false })).toBe(false);
  });
  it('counts a roster', () => {
    expect(
      ratioCarerCount([
        { position: 'carer', blockers: [], onDuty: true },
        { position: 'health', blockers: [], onDuty: false },
        { position: 'volunteer', blockers: [], onDuty: true },
        { position: 'manager', blockers: [], onDuty: true },
      ]),
    ).toBe(2);
  });
  it('the account roles follow the positions', () => {
    expect([...RATIO_POSITIONS]).toEqual(['manager', 'carer', 'health']);
    expect([...RATIO_ROLES]).toEqual(['house_manager', 'carer', 'health_staff']);
    expect(roleCaresForChildren('volunteer')).toBe(false);
    expect(roleCaresForChildren('health_staff')).toBe(true);
    expect(caresForChildren(undefined)).toBe(false);
  });
  it('compliance counts the roster by the same rule (an off-duty carer does not keep R5)', () => {
    const rules = complianceRulesFrom(defaultPolicy());
    const day = '2026-03-02';
    const carer = (id: string): StaffFact => ({
      id,
      name: id,
      position: 'carer',
      hiredOn: '2020-01-01',
      leftOn: null,
      barred: false,
      experienceYears: 3,
      experienceNote: null,
      credentials: (['qualification', 'health_certificate', 'training', 'background_check'] as const).map((kind) => ({
        kind,
        issuedOn: '2026-01-01',
        expiresOn: null,
        result: kind === 'background_check' ? ('clear' as const) : null,
      })),
    });
    const session = { id: 's', label: 's', date: day, areaM2: 100, offeredCapacity: 10, seatsTaken: 6 };
    expect(
      checkSessionRoster(
        {
          ...session,
          roster: [
            { name: 'a', staff: carer('a') },
            { name: 'b', staff: carer('b') },
          ],
        },
        rules,
      ),
    ).toEqual([]);
    const findings = checkSessionRoster(
      {
        ...session,
        roster: [
          { name: 'a', staff: carer('a') },
          { name: 'b', staff: carer('b'), onDuty: false },
        ],
      },
      rules,
    );
    expect(findings.map((f) => f.code)).toEqual(['ROSTER_BELOW_RATIO']);
  });
});
