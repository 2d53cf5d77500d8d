// Unit tests for the pure compliance rules of DOMAIN.md R3–R12 and R19 (src/domain/compliance.ts).
// Every test starts from a compliant house or person on a fixed day and changes one thing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  REQUIRED_CREDENTIALS,
  REQUIRED_FACILITIES,
  ROSTER_POSITIONS,
  RULE_OF_CREDENTIAL,
  checkCctvAndAlarm,
  checkEvidence,
  checkFacilities,
  checkHealthStaff,
  checkInsurance,
  checkManagerExperience,
  checkSessionRoster,
  checkStaffCredentials,
  complianceRulesFrom,
  credentialState,
  houseFindings,
  insuranceCovers,
  missingFacilities,
  rosterBlockers,
  validUntil,
  type ComplianceRules,
  type CredentialFact,
  type CredentialKind,
  type HouseFact,
  type SessionFact,
  type StaffFact,
  type StaffPosition,
} from '../../src/domain/compliance.ts';
import { defaultPolicy } from '../../src/domain/policy.ts';
import { addDays, addMonths } from '../../src/domain/time.ts';

const DAY = '2026-12-01';
const rules: ComplianceRules = complianceRulesFrom(defaultPolicy());

// ---- builders ----

function cred(kind: CredentialKind, over: Partial<CredentialFact> = {}): CredentialFact {
  return { kind, issuedOn: '2026-06-01', expiresOn: null, result: kind === 'background_check' ? 'clear' : null, ...over };
}

/** A person holding every credential, all valid well beyond DAY + warnDays. */
function staff(over: Partial<StaffFact> = {}): StaffFact {
  return {
    id: 'st-1',
    name: '王芳',
    position: 'carer',
    hiredOn: '2025-01-01',
    leftOn: null,
    barred: false,
    experienceYears: 3,
    experienceNote: null,
    credentials: [
      cred('qualification', { issuedOn: '2020-05-01' }),
      cred('health_certificate', { expiresOn: '2027-06-01' }),
      cred('training'), // policy: valid until 2027-05-31
      cred('background_check'), // policy: valid until 2027-05-31
    ],
    ...over,
  };
}

/** The person with the credential of one kind replaced (or removed with `null`). */
function withCred(s: StaffFact, kind: CredentialKind, over: Partial<CredentialFact> | null): StaffFact {
  const others = s.credentials.filter((c) => c.kind !== kind);
  return { ...s, credentials: over === null ? others : [...others, cred(kind, over)] };
}

function house(over: Partial<HouseFact> = {}): HouseFact {
  return {
    label: '嘉兴路街道"宝宝屋"',
    cctvRetentionDays: 30,
    cctvNetworked: true,
    alarmNetworked: true,
    insuranceStart: '2026-01-01',
    insuranceEnd: '2027-12-31',
    facilities: { drinkingWater: true, washroom: true, nursingRoom: true, ageAppropriateFurniture: true },
    evidence: { cctv: '2026-11-01', alarm: '2026-11-01', insurance: '2026-01-05', facilities: '2026-03-01' },
    ...over,
  };
}

const carer = (id: string, name: string, over: Partial<StaffFact> = {}) => staff({ id, name, ...over });

function session(over: Partial<SessionFact> = {}): SessionFact {
  return {
    id: 'se-1',
    label: '2026-12-01 09:00',
    date: DAY,
    areaM2: 62, // room: 20 children by area, 20 by class size
    offeredCapacity: 20,
    seatsTaken: 10,
    roster: [
      { name: '王芳', staff: carer('st-1', '王芳') },
      { name: '李娜', staff: carer('st-2', '李娜') },
    ],
    ...over,
  };
}

const houseSubject = { type: 'house', id: null, label: '嘉兴路街道"宝宝屋"' };
const staffSubject = { type: 'staff', id: 'st-1', label: '王芳' };

// ---- policy → rules ----

describe('complianceRulesFrom', () => {
  it('takes the defaults of the policy', () => {
    expect(complianceRulesFrom(defaultPolicy())).toEqual({
      trainingValidityMonths: 12,
      backgroundCheckValidityMonths: 12,
      warnDays: 30,
      evidenceMaxAgeDays: 365,
      minHealthStaff: 1,
      cctvMinRetentionDays: 30,
      capacity: { minAreaPerChildM2: 3, maxClassSize: 20, childrenPerCarer: 5 },
    });
  });
  it('maps each parameter to its own field', () => {
    const policy = {
      ...defaultPolicy(),
      'staff.trainingValidityMonths': 11,
      'staff.backgroundCheckValidityMonths': 13,
      'compliance.warnDays': 14,
      'compliance.evidenceMaxAgeDays': 180,
      'house.minHealthStaff': 2,
      'cctv.minRetentionDays': 90,
      'capacity.minAreaPerChildM2': 4,
      'capacity.maxClassSize': 15,
      'capacity.childrenPerCarer': 6,
    };
    expect(complianceRulesFrom(policy)).toEqual({
      trainingValidityMonths: 11,
      backgroundCheckValidityMonths: 13,
      warnDays: 14,
      evidenceMaxAgeDays: 180,
      minHealthStaff: 2,
      cctvMinRetentionDays: 90,
      capacity: { minAreaPerChildM2: 4, maxClassSize: 15, childrenPerCarer: 6 },
    });
  });
});

// ---- R7–R9: credentials ----

describe('required credentials per position', () => {
  it('lists what each position must hold', () => {
    expect(REQUIRED_CREDENTIALS).toEqual({
      manager: ['qualification', 'health_certificate', 'training', 'background_check'],
      carer: ['qualification', 'health_certificate', 'training', 'background_check'],
      health: ['qualification', 'health_certificate', 'training', 'background_check'],
      security: ['health_certificate', 'training', 'background_check'],
      volunteer: ['health_certificate', 'background_check'],
    });
    expect(RULE_OF_CREDENTIAL).toEqual({ qualification: 'R7', health_certificate: 'R7', training: 'R8', background_check: 'R9' });
    expect(ROSTER_POSITIONS).toEqual(['manager', 'carer', 'health', 'volunteer']);
  });
});

describe('validUntil', () => {
  it('is the credential’s own expiry for a qualification or a health certificate (no policy months)', () => {
    expect(validUntil(cred('qualification'), rules)).toBeNull();
    expect(validUntil(cred('qualification', { expiresOn: '2030-01-01' }), rules)).toBe('2030-01-01');
    expect(validUntil(cred('health_certificate', { issuedOn: '2020-01-01', expiresOn: '2021-01-01' }), rules)).toBe('2021-01-01');
    expect(validUntil(cred('health_certificate', { expiresOn: null }), rules)).toBeNull();
  });
  it('is the day before the anniversary for training and checks (12 months by default)', () => {
    expect(validUntil(cred('training', { issuedOn: '2026-03-15' }), rules)).toBe('2027-03-14');
    expect(validUntil(cred('background_check', { issuedOn: '2026-03-15' }), rules)).toBe('2027-03-14');
    expect(validUntil(cred('training', { issuedOn: '2026-01-01' }), rules)).toBe('2026-12-31');
  });
  it('handles month ends: 2026-01-31 + 12 months', () => {
    expect(validUntil(cred('training', { issuedOn: '2026-01-31' }), rules)).toBe('2027-01-30');
    // One month from 31 January lands on the clamped 28 February, so the last day is the 27th.
    expect(validUntil(cred('training', { issuedOn: '2026-01-31' }), { ...rules, trainingValidityMonths: 1 })).toBe('2026-02-27');
  });
  it('handles leap days', () => {
    // The anniversary of 2027-03-01 is 2028-03-01: the last valid day is the leap day.
    expect(validUntil(cred('training', { issuedOn: '2027-03-01' }), rules)).toBe('2028-02-29');
    // Four years from a leap day is a leap day again.
    expect(validUntil(cred('training', { issuedOn: '2024-02-29' }), { ...rules, trainingValidityMonths: 48 })).toBe('2028-02-28');
    // Characterises the current behaviour: 2024-02-29 + 12 months is clamped to 2025-02-28, and the day before it
    // is the last valid day, so a certificate issued on 29 February lasts no longer than one issued on the 28th.
    expect(validUntil(cred('training', { issuedOn: '2024-02-29' }), rules)).toBe('2025-02-27');
    expect(validUntil(cred('training', { issuedOn: '2024-02-28' }), rules)).toBe('2025-02-27');
  });
  it('uses the training months for training and the check months for checks', () => {
    const r = { ...rules, trainingValidityMonths: 24, backgroundCheckValidityMonths: 6 };
    expect(validUntil(cred('training', { issuedOn: '2026-06-01' }), r)).toBe('2028-05-31');
    expect(validUntil(cred('background_check', { issuedOn: '2026-06-01' }), r)).toBe('2026-11-30');
  });
  it('takes the earlier of the credential’s own expiry and the policy’s months', () => {
    expect(validUntil(cred('training', { issuedOn: '2026-06-01', expiresOn: '2026-11-15' }), rules)).toBe('2026-11-15');
    expect(validUntil(cred('training', { issuedOn: '2026-06-01', expiresOn: '2030-01-01' }), rules)).toBe('2027-05-31');
    expect(validUntil(cred('background_check', { issuedOn: '2026-06-01', expiresOn: '2027-05-31' }), rules)).toBe('2027-05-31');
  });
  it('never reaches the anniversary nor passes the own expiry (property)', () => {
    const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom<CredentialKind>('training', 'background_check'),
        fc.option(fc.integer({ min: 0, max: 2000 })),
        (issuedOn, months, kind, ownDays) => {
          const expiresOn = ownDays === null ? null : addDays(issuedOn, ownDays);
          const r = { ...rules, trainingValidityMonths: months, backgroundCheckValidityMonths: months };
          const until = validUntil({ kind, issuedOn, expiresOn, result: null }, r)!;
          expect(until >= addDays(issuedOn, Math.min(ownDays ?? Infinity, 27 * months))).toBe(true);
          expect(until < addMonths(issuedOn, months)).toBe(true);
          if (expiresOn) expect(until <= expiresOn).toBe(true);
        },
      ),
    );
  });
});

describe('credentialState', () => {
  it('is missing without a credential of the kind', () => {
    expect(credentialState(withCred(staff(), 'training', null), 'training', DAY, rules)).toEqual({ status: 'missing' });
  });
  it('is valid, expiring or expired by the last valid day against the day and warnDays', () => {
    const hc = (expiresOn: string) =>
      credentialState(withCred(staff(), 'health_certificate', { expiresOn }), 'health_certificate', DAY, rules);
    expect(hc('2026-11-30')).toEqual({ status: 'expired', until: '2026-11-30' });
    expect(hc(DAY)).toEqual({ status: 'expiring', until: DAY });
    expect(hc('2026-12-30')).toEqual({ status: 'expiring', until: '2026-12-30' }); // DAY + 29
    expect(hc('2026-12-31')).toEqual({ status: 'valid', until: '2026-12-31' }); // DAY + 30
    expect(credentialState(staff(), 'qualification', DAY, rules)).toEqual({ status: 'valid', until: null });
  });
  it('takes the newest credential of the kind, even when an older one would still be valid', () => {
    const older = cred('health_certificate', { issuedOn: '2025-01-01', expiresOn: '2027-12-31' });
    const newer = cred('health_certificate', { issuedOn: '2026-01-01', expiresOn: '2026-11-30' });
    const s = { ...withCred(staff(), 'health_certificate', null), credentials: [older, newer, cred('qualification')] };
    expect(credentialState(s, 'health_certificate', DAY, rules)).toEqual({ status: 'expired', until: '2026-11-30' });
    const renewed = {
      ...s,
      credentials: [cred('health_certificate', { issuedOn: '2026-11-20', expiresOn: '2027-11-19' }), ...s.credentials],
    };
    expect(credentialState(renewed, 'health_certificate', DAY, rules)).toEqual({ status: 'valid', until: '2027-11-19' });
  });
  it('ignores a credential issued after the day', () => {
    const future = withCred(staff(), 'training', { issuedOn: '2026-12-02' });
    expect(credentialState(future, 'training', DAY, rules)).toEqual({ status: 'missing' });
    const sameDay = withCred(staff(), 'training', { issuedOn: DAY });
    expect(credentialState(sameDay, 'training', DAY, rules)).toEqual({ status: 'valid', until: '2027-11-30' });
    const oldAndFuture = {
      ...future,
      credentials: [...future.credentials, cred('training', { issuedOn: '2025-11-01' })],
    };
    expect(credentialState(oldAndFuture, 'training', DAY, rules)).toEqual({ status: 'expired', until: '2026-10-31' });
  });
  it('is a hit for a check that found a record, however old', () => {
    const s = withCred(staff(), 'background_check', { issuedOn: '2020-02-03', result: 'hit' });
    expect(credentialState(s, 'background_check', DAY, rules)).toEqual({ status: 'hit', on: '2020-02-03' });
  });
  it('stays a hit when a later check comes back clear, whatever the order of the records (R9: no hire, or dismissal)', () => {
    const hit = cred('background_check', { issuedOn: '2026-05-01', result: 'hit' });
    const clear = cred('background_check', { issuedOn: '2026-06-01', result: 'clear' });
    const sameDay = cred('background_check', { issuedOn: '2026-05-01', result: 'clear' });
    for (const credentials of [
      [hit, clear],
      [clear, hit],
      [sameDay, hit],
      [hit, sameDay],
    ]) {
      const s = { ...staff(), credentials: [...staff().credentials.filter((c) => c.kind !== 'background_check'), ...credentials] };
      expect(credentialState(s, 'background_check', DAY, rules)).toEqual({ status: 'hit', on: '2026-05-01' });
    }
  });
  it('looks at each kind on its own', () => {
    const s = withCred(staff(), 'training', { issuedOn: '2025-01-01' });
    expect(credentialState(s, 'training', DAY, rules).status).toBe('expired');
    expect(credentialState(s, 'background_check', DAY, rules).status).toBe('valid');
  });
});

describe('checkStaffCredentials (R7, R8, R9)', () => {
  it('finds nothing for a person holding every valid credential', () => {
    for (const position of ['manager', 'carer', 'health', 'security', 'volunteer'] as StaffPosition[]) {
      expect(checkStaffCredentials(staff({ position }), DAY, rules)).toEqual([]);
    }
  });

  describe.each([
    ['qualification', 'R7', 'QUALIFICATION'],
    ['health_certificate', 'R7', 'HEALTH_CERTIFICATE'],
    ['training', 'R8', 'TRAINING'],
    ['background_check', 'R9', 'BACKGROUND_CHECK'],
  ] as const)('%s', (kind, rule, code) => {
    it('missing: critical', () => {
      expect(checkStaffCredentials(withCred(staff(), kind, null), DAY, rules)).toEqual([
        { rule, code: `${code}_MISSING`, severity: 'critical', owner: 'house_manager', subject: staffSubject, detail: {} },
      ]);
    });
    it('expired yesterday: critical with the last valid day', () => {
      const s = withCred(staff(), kind, { issuedOn: '2026-01-01', expiresOn: '2026-11-30' });
      expect(checkStaffCredentials(s, DAY, rules)).toEqual([
        {
          rule,
          code: `${code}_EXPIRED`,
          severity: 'critical',
          owner: 'house_manager',
          subject: staffSubject,
          detail: { until: '2026-11-30' },
        },
      ]);
    });
    it('expiring within warnDays: a warning with the last valid day', () => {
      for (const until of [DAY, '2026-12-30']) {
        const s = withCred(staff(), kind, { issuedOn: '2026-06-01', expiresOn: until });
        expect(checkStaffCredentials(s, DAY, rules)).toEqual([
          { rule, code: `${code}_EXPIRING`, severity: 'warning', owner: 'house_manager', subject: staffSubject, detail: { until } },
        ]);
      }
    });
    it('valid for warnDays or more: nothing', () => {
      const s = withCred(staff(), kind, { issuedOn: '2026-06-01', expiresOn: '2026-12-31' });
      expect(checkStaffCredentials(s, DAY, rules)).toEqual([]);
    });
  });

  it('R8: training lapses after the policy’s months though it carries no expiry', () => {
    const at = (issuedOn: string) => checkStaffCredentials(withCred(staff(), 'training', { issuedOn }), DAY, rules);
    expect(at('2025-12-01')).toEqual([
      {
        rule: 'R8',
        code: 'TRAINING_EXPIRED',
        severity: 'critical',
        owner: 'house_manager',
        subject: staffSubject,
        detail: { until: '2026-11-30' },
      },
    ]);
    expect(at('2025-12-02')).toEqual([
      { rule: 'R8', code: 'TRAINING_EXPIRING', severity: 'warning', owner: 'house_manager', subject: staffSubject, detail: { until: DAY } },
    ]);
    expect(at('2025-12-31')).toMatchObject([{ code: 'TRAINING_EXPIRING', detail: { until: '2026-12-30' } }]);
    expect(at('2026-01-01')).toEqual([]);
  });
  it('R8: an own expiry earlier than the policy’s months wins; a later one does not', () => {
    const early = withCred(staff(), 'training', { issuedOn: '2026-06-01', expiresOn: '2026-11-15' });
    expect(checkStaffCredentials(early, DAY, rules)).toMatchObject([
      { rule: 'R8', code: 'TRAINING_EXPIRED', detail: { until: '2026-11-15' } },
    ]);
    const late = withCred(staff(), 'training', { issuedOn: '2025-11-15', expiresOn: '2028-01-01' });
    expect(checkStaffCredentials(late, DAY, rules)).toMatchObject([
      { rule: 'R8', code: 'TRAINING_EXPIRED', detail: { until: '2026-11-14' } },
    ]);
  });
  it('R8: follows the policy’s training months', () => {
    const s = withCred(staff(), 'training', { issuedOn: '2025-06-01' });
    expect(checkStaffCredentials(s, DAY, rules)).toMatchObject([{ code: 'TRAINING_EXPIRED', detail: { until: '2026-05-31' } }]);
    expect(checkStaffCredentials(s, DAY, { ...rules, trainingValidityMonths: 24 })).toEqual([]);
  });
  it('R9: the yearly check lapses after the policy’s months', () => {
    const s = withCred(staff(), 'background_check', { issuedOn: '2025-11-30' });
    expect(checkStaffCredentials(s, DAY, rules)).toEqual([
      {
        rule: 'R9',
        code: 'BACKGROUND_CHECK_EXPIRED',
        severity: 'critical',
        owner: 'house_manager',
        subject: staffSubject,
        detail: { until: '2026-11-29' },
      },
    ]);
    expect(checkStaffCredentials(s, DAY, { ...rules, backgroundCheckValidityMonths: 24 })).toEqual([]);
  });
  it('R9: a hit is critical with the date of the check', () => {
    const s = withCred(staff(), 'background_check', { issuedOn: '2026-05-01', result: 'hit' });
    expect(checkStaffCredentials(s, DAY, rules)).toEqual([
      {
        rule: 'R9',
        code: 'BACKGROUND_CHECK_HIT',
        severity: 'critical',
        owner: 'house_manager',
        subject: staffSubject,
        detail: { on: '2026-05-01' },
      },
    ]);
  });
  it('R9: a barred person is a hit even with a clear check', () => {
    expect(checkStaffCredentials(staff({ barred: true }), DAY, rules)).toEqual([
      { rule: 'R9', code: 'BACKGROUND_CHECK_HIT', severity: 'critical', owner: 'house_manager', subject: staffSubject, detail: {} },
    ]);
  });
  it('R9: a barred person with a hit gets one hit finding, not two', () => {
    const s = withCred(staff({ barred: true }), 'background_check', { issuedOn: '2026-05-01', result: 'hit' });
    expect(checkStaffCredentials(s, DAY, rules)).toEqual([
      {
        rule: 'R9',
        code: 'BACKGROUND_CHECK_HIT',
        severity: 'critical',
        owner: 'house_manager',
        subject: staffSubject,
        detail: { on: '2026-05-01' },
      },
    ]);
  });
  it('R9: a barred person without a check is both missing the check and barred', () => {
    const s = withCred(staff({ barred: true }), 'background_check', null);
    expect(checkStaffCredentials(s, DAY, rules).map((f) => [f.rule, f.code])).toEqual([
      ['R9', 'BACKGROUND_CHECK_MISSING'],
      ['R9', 'BACKGROUND_CHECK_HIT'],
    ]);
  });
  it('reports every kind in the order of the requirements', () => {
    const s = staff({ credentials: [] });
    expect(checkStaffCredentials(s, DAY, rules).map((f) => [f.rule, f.code, f.severity])).toEqual([
      ['R7', 'QUALIFICATION_MISSING', 'critical'],
      ['R7', 'HEALTH_CERTIFICATE_MISSING', 'critical'],
      ['R8', 'TRAINING_MISSING', 'critical'],
      ['R9', 'BACKGROUND_CHECK_MISSING', 'critical'],
    ]);
  });
  it('asks a security guard for no carer qualification', () => {
    const guard = withCred(staff({ position: 'security' }), 'qualification', null);
    expect(checkStaffCredentials(guard, DAY, rules)).toEqual([]);
    expect(checkStaffCredentials({ ...guard, credentials: [] }, DAY, rules).map((f) => f.code)).toEqual([
      'HEALTH_CERTIFICATE_MISSING',
      'TRAINING_MISSING',
      'BACKGROUND_CHECK_MISSING',
    ]);
  });
  it('asks a volunteer for no qualification and no yearly training', () => {
    const volunteer = withCred(withCred(staff({ position: 'volunteer' }), 'qualification', null), 'training', null);
    expect(checkStaffCredentials(volunteer, DAY, rules)).toEqual([]);
    expect(checkStaffCredentials({ ...volunteer, credentials: [] }, DAY, rules).map((f) => [f.rule, f.code])).toEqual([
      ['R7', 'HEALTH_CERTIFICATE_MISSING'],
      ['R9', 'BACKGROUND_CHECK_MISSING'],
    ]);
  });
  it('asks manager and health staff for the carer qualification', () => {
    for (const position of ['manager', 'health'] as StaffPosition[]) {
      expect(checkStaffCredentials(withCred(staff({ position }), 'qualification', null), DAY, rules).map((f) => f.code)).toEqual([
        'QUALIFICATION_MISSING',
      ]);
    }
  });
  it('finds nothing for someone who has left or is not yet hired, whatever they hold', () => {
    const bare = staff({ credentials: [], barred: true });
    expect(checkStaffCredentials({ ...bare, leftOn: '2026-11-30' }, DAY, rules)).toEqual([]);
    expect(checkStaffCredentials({ ...bare, hiredOn: '2026-12-02' }, DAY, rules)).toEqual([]);
    // Still employed on the day of leaving and on the day of hiring.
    expect(checkStaffCredentials({ ...bare, leftOn: DAY }, DAY, rules)).toHaveLength(5);
    expect(checkStaffCredentials({ ...bare, hiredOn: DAY }, DAY, rules)).toHaveLength(5);
  });
  it('warns earlier with a longer warnDays', () => {
    const s = withCred(staff(), 'health_certificate', { expiresOn: '2027-01-15' });
    expect(checkStaffCredentials(s, DAY, rules)).toEqual([]);
    expect(checkStaffCredentials(s, DAY, { ...rules, warnDays: 60 })).toMatchObject([
      { code: 'HEALTH_CERTIFICATE_EXPIRING', severity: 'warning', detail: { until: '2027-01-15' } },
    ]);
  });
  it('expiring credentials are warnings and missing ones critical, side by side', () => {
    const s = withCred(withCred(staff(), 'qualification', null), 'health_certificate', { expiresOn: '2026-12-10' });
    expect(checkStaffCredentials(s, DAY, rules).map((f) => [f.code, f.severity])).toEqual([
      ['QUALIFICATION_MISSING', 'critical'],
      ['HEALTH_CERTIFICATE_EXPIRING', 'warning'],
    ]);
  });
});

describe('rosterBlockers', () => {
  it('blocks an account without a staff record', () => {
    expect(rosterBlockers(undefined, DAY, rules)).toEqual(['NO_STAFF_RECORD']);
  });
  it('blocks a security guard, however compliant', () => {
    expect(rosterBlockers(staff({ position: 'security' }), DAY, rules)).toEqual(['NOT_ROSTER_POSITION']);
    expect(rosterBlockers(staff({ position: 'security', leftOn: '2026-01-01' }), DAY, rules)).toEqual(['NOT_ROSTER_POSITION']);
  });
  it('blocks someone not employed on the day', () => {
    expect(rosterBlockers(staff({ leftOn: '2026-11-30' }), DAY, rules)).toEqual(['NOT_EMPLOYED']);
    expect(rosterBlockers(staff({ hiredOn: '2026-12-02' }), DAY, rules)).toEqual(['NOT_EMPLOYED']);
    expect(rosterBlockers(staff({ leftOn: DAY }), DAY, rules)).toEqual([]);
  });
  it('lets a compliant manager, carer, health staff member or volunteer on', () => {
    for (const position of ROSTER_POSITIONS) expect(rosterBlockers(staff({ position }), DAY, rules)).toEqual([]);
    const volunteer = withCred(withCred(staff({ position: 'volunteer' }), 'qualification', null), 'training', null);
    expect(rosterBlockers(volunteer, DAY, rules)).toEqual([]);
  });
  it('blocks on what is expired or missing', () => {
    expect(rosterBlockers(withCred(staff(), 'training', { issuedOn: '2025-11-01' }), DAY, rules)).toEqual(['TRAINING_EXPIRED']);
    const two = withCred(withCred(staff(), 'qualification', null), 'health_certificate', { expiresOn: '2026-11-30' });
    expect(rosterBlockers(two, DAY, rules)).toEqual(['QUALIFICATION_MISSING', 'HEALTH_CERTIFICATE_EXPIRED']);
  });
  it('does not block on what is about to expire', () => {
    expect(rosterBlockers(withCred(staff(), 'health_certificate', { expiresOn: DAY }), DAY, rules)).toEqual([]);
    expect(rosterBlockers(withCred(staff(), 'training', { issuedOn: '2025-12-02' }), DAY, rules)).toEqual([]);
  });
  it('blocks a barred person or a hit once', () => {
    expect(rosterBlockers(staff({ barred: true }), DAY, rules)).toEqual(['BACKGROUND_CHECK_HIT']);
    const both = withCred(staff({ barred: true }), 'background_check', { result: 'hit' });
    expect(rosterBlockers(both, DAY, rules)).toEqual(['BACKGROUND_CHECK_HIT']);
  });
  it('blocks exactly when a critical credential finding exists (property)', () => {
    const kinds: CredentialKind[] = ['qualification', 'health_certificate', 'training', 'background_check'];
    const credArb = fc.record({
      kind: fc.constantFrom(...kinds),
      issuedOn: fc.integer({ min: -900, max: 30 }).map((n) => addDays(DAY, n)),
      expiresOn: fc.option(fc.integer({ min: -400, max: 900 }).map((n) => addDays(DAY, n))),
      result: fc.constantFrom<'clear' | 'hit' | null>('clear', 'hit', null),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<StaffPosition>(...ROSTER_POSITIONS),
        fc.boolean(),
        fc.array(credArb, { maxLength: 8 }),
        (position, barred, credentials) => {
          const s = staff({ position, barred, credentials });
          const critical = checkStaffCredentials(s, DAY, rules)
            .filter((f) => f.severity === 'critical')
            .map((f) => f.code);
          expect(rosterBlockers(s, DAY, rules)).toEqual([...new Set(critical)]);
        },
      ),
    );
  });
});

// ---- R6, R10: the people of a house ----

describe('checkHealthStaff (R6)', () => {
  const nurse = (id: string, over: Partial<StaffFact> = {}) => staff({ id, name: `护士${id}`, position: 'health', ...over });
  const finding = (count: number, required: number) => ({
    rule: 'R6',
    code: 'HEALTH_STAFF_MISSING',
    severity: 'critical',
    owner: 'house_manager',
    subject: houseSubject,
    detail: { count, required },
  });
  it('is satisfied by one health-care staff member by default', () => {
    expect(checkHealthStaff(houseSubject.label, [staff(), nurse('h1')], DAY, rules)).toEqual([]);
  });
  it('finds a house without one', () => {
    expect(checkHealthStaff(houseSubject.label, [staff()], DAY, rules)).toEqual([finding(0, 1)]);
    expect(checkHealthStaff(houseSubject.label, [], DAY, rules)).toEqual([finding(0, 1)]);
  });
  it('counts against minHealthStaff 2', () => {
    const r = { ...rules, minHealthStaff: 2 };
    expect(checkHealthStaff(houseSubject.label, [nurse('h1')], DAY, r)).toEqual([finding(1, 2)]);
    expect(checkHealthStaff(houseSubject.label, [nurse('h1'), nurse('h2')], DAY, r)).toEqual([]);
  });
  it('needs none with minHealthStaff 0', () => {
    expect(checkHealthStaff(houseSubject.label, [], DAY, { ...rules, minHealthStaff: 0 })).toEqual([]);
  });
  it('does not count barred, departed or not yet hired health staff', () => {
    expect(checkHealthStaff(houseSubject.label, [nurse('h1', { barred: true })], DAY, rules)).toEqual([finding(0, 1)]);
    expect(checkHealthStaff(houseSubject.label, [nurse('h1', { leftOn: '2026-11-30' })], DAY, rules)).toEqual([finding(0, 1)]);
    expect(checkHealthStaff(houseSubject.label, [nurse('h1', { hiredOn: '2026-12-02' })], DAY, rules)).toEqual([finding(0, 1)]);
    const r = { ...rules, minHealthStaff: 2 };
    expect(checkHealthStaff(houseSubject.label, [nurse('h1'), nurse('h2', { barred: true })], DAY, r)).toEqual([finding(1, 2)]);
  });
  it('counts a health staff member on the day they leave', () => {
    expect(checkHealthStaff(houseSubject.label, [nurse('h1', { leftOn: DAY })], DAY, rules)).toEqual([]);
  });
});

describe('checkManagerExperience (R10)', () => {
  const manager = (over: Partial<StaffFact> = {}) => staff({ position: 'manager', ...over });
  const missingManager = {
    rule: 'R10',
    code: 'MANAGER_MISSING',
    severity: 'critical',
    owner: 'street_admin',
    subject: houseSubject,
    detail: {},
  };
  const noExperience = {
    rule: 'R10',
    code: 'MANAGER_EXPERIENCE_MISSING',
    severity: 'critical',
    owner: 'house_manager',
    subject: staffSubject,
    detail: {},
  };
  it('is satisfied by a manager with years of experience', () => {
    expect(checkManagerExperience(houseSubject.label, [manager({ experienceYears: 3 })], DAY)).toEqual([]);
    expect(checkManagerExperience(houseSubject.label, [manager({ experienceYears: 0.5 })], DAY)).toEqual([]);
  });
  it('asks the street for a manager when there is none', () => {
    expect(checkManagerExperience(houseSubject.label, [], DAY)).toEqual([missingManager]);
    expect(checkManagerExperience(houseSubject.label, [staff()], DAY)).toEqual([missingManager]);
  });
  it('does not count a departed, not yet hired or barred manager', () => {
    expect(checkManagerExperience(houseSubject.label, [manager({ leftOn: '2026-11-30' })], DAY)).toEqual([missingManager]);
    expect(checkManagerExperience(houseSubject.label, [manager({ hiredOn: '2026-12-02' })], DAY)).toEqual([missingManager]);
    expect(checkManagerExperience(houseSubject.label, [manager({ barred: true })], DAY)).toEqual([missingManager]);
  });
  it('finds a manager with 0 or no years and no note', () => {
    expect(checkManagerExperience(houseSubject.label, [manager({ experienceYears: 0, experienceNote: null })], DAY)).toEqual([
      noExperience,
    ]);
    expect(checkManagerExperience(houseSubject.label, [manager({ experienceYears: null, experienceNote: null })], DAY)).toEqual([
      noExperience,
    ]);
    expect(checkManagerExperience(houseSubject.label, [manager({ experienceYears: null, experienceNote: '   ' })], DAY)).toEqual([
      noExperience,
    ]);
  });
  it('accepts a note alone', () => {
    expect(
      checkManagerExperience(houseSubject.label, [manager({ experienceYears: null, experienceNote: '幼儿园保育员五年' })], DAY),
    ).toEqual([]);
    expect(
      checkManagerExperience(houseSubject.label, [manager({ experienceYears: 0, experienceNote: 'kindergarten, 5 years' })], DAY),
    ).toEqual([]);
  });
  it('names each manager without experience', () => {
    const a = manager({ id: 'm-1', name: '张伟', experienceYears: 2 });
    const b = manager({ id: 'm-2', name: '刘洋', experienceYears: 0 });
    expect(checkManagerExperience(houseSubject.label, [a, b], DAY)).toEqual([
      { ...noExperience, subject: { type: 'staff', id: 'm-2', label: '刘洋' } },
    ]);
  });
});

// ---- R11, R12, R19: the house ----

describe('checkCctvAndAlarm (R11)', () => {
  const base = { rule: 'R11', severity: 'critical', owner: 'house_manager', subject: houseSubject };
  it('finds nothing for a compliant house', () => {
    expect(checkCctvAndAlarm(house(), rules)).toEqual([]);
  });
  it('finds footage kept fewer days than the parameter, not equal to it', () => {
    expect(checkCctvAndAlarm(house({ cctvRetentionDays: 29 }), rules)).toEqual([
      { ...base, code: 'CCTV_RETENTION_SHORT', detail: { days: 29, required: 30 } },
    ]);
    expect(checkCctvAndAlarm(house({ cctvRetentionDays: 30 }), rules)).toEqual([]);
    expect(checkCctvAndAlarm(house({ cctvRetentionDays: 30 }), { ...rules, cctvMinRetentionDays: 90 })).toEqual([
      { ...base, code: 'CCTV_RETENTION_SHORT', detail: { days: 30, required: 90 } },
    ]);
    expect(checkCctvAndAlarm(house({ cctvRetentionDays: 90 }), { ...rules, cctvMinRetentionDays: 90 })).toEqual([]);
  });
  it('finds CCTV and alarm that are not networked', () => {
    expect(checkCctvAndAlarm(house({ cctvNetworked: false }), rules)).toEqual([{ ...base, code: 'CCTV_NOT_NETWORKED', detail: {} }]);
    expect(checkCctvAndAlarm(house({ alarmNetworked: false }), rules)).toEqual([{ ...base, code: 'ALARM_NOT_NETWORKED', detail: {} }]);
  });
  it('reports all three together', () => {
    expect(
      checkCctvAndAlarm(house({ cctvRetentionDays: 7, cctvNetworked: false, alarmNetworked: false }), rules).map((f) => f.code),
    ).toEqual(['CCTV_RETENTION_SHORT', 'CCTV_NOT_NETWORKED', 'ALARM_NOT_NETWORKED']);
  });
});

describe('insuranceCovers', () => {
  it('covers the days from start to end inclusive', () => {
    const period = { insuranceStart: '2026-01-01', insuranceEnd: '2026-12-31' };
    expect(insuranceCovers(period, '2026-01-01')).toBe(true);
    expect(insuranceCovers(period, '2026-06-15')).toBe(true);
    expect(insuranceCovers(period, '2026-12-31')).toBe(true);
    expect(insuranceCovers(period, '2025-12-31')).toBe(false);
    expect(insuranceCovers(period, '2027-01-01')).toBe(false);
  });
  it('covers nothing without a start or an end', () => {
    expect(insuranceCovers({ insuranceStart: null, insuranceEnd: '2027-01-01' }, DAY)).toBe(false);
    expect(insuranceCovers({ insuranceStart: '2026-01-01', insuranceEnd: null }, DAY)).toBe(false);
    expect(insuranceCovers({ insuranceStart: null, insuranceEnd: null }, DAY)).toBe(false);
  });
});

describe('checkInsurance (R12)', () => {
  const base = { rule: 'R12', owner: 'street_admin', subject: houseSubject };
  it('finds nothing when the period covers today and well beyond', () => {
    expect(checkInsurance(house(), DAY, rules)).toEqual([]);
  });
  it('finds missing insurance (no start or no end)', () => {
    const missing = [{ ...base, code: 'INSURANCE_MISSING', severity: 'critical', detail: {} }];
    expect(checkInsurance(house({ insuranceStart: null, insuranceEnd: null }), DAY, rules)).toEqual(missing);
    expect(checkInsurance(house({ insuranceStart: null }), DAY, rules)).toEqual(missing);
    expect(checkInsurance(house({ insuranceEnd: null }), DAY, rules)).toEqual(missing);
  });
  it('finds insurance not yet started', () => {
    expect(checkInsurance(house({ insuranceStart: '2026-12-02', insuranceEnd: '2027-12-01' }), DAY, rules)).toEqual([
      { ...base, code: 'INSURANCE_NOT_COVERING', severity: 'critical', detail: { start: '2026-12-02', end: '2027-12-01' } },
    ]);
  });
  it('finds insurance that ended yesterday', () => {
    expect(checkInsurance(house({ insuranceStart: '2025-12-01', insuranceEnd: '2026-11-30' }), DAY, rules)).toEqual([
      { ...base, code: 'INSURANCE_NOT_COVERING', severity: 'critical', detail: { start: '2025-12-01', end: '2026-11-30' } },
    ]);
  });
  it('covers on its first day', () => {
    expect(checkInsurance(house({ insuranceStart: DAY, insuranceEnd: '2027-11-30' }), DAY, rules)).toEqual([]);
  });
  it('warns when it ends within warnDays (today up to today + 29), not at today + 30', () => {
    const expiring = (end: string) => [{ ...base, code: 'INSURANCE_EXPIRING', severity: 'warning', detail: { end } }];
    expect(checkInsurance(house({ insuranceEnd: DAY }), DAY, rules)).toEqual(expiring(DAY));
    expect(checkInsurance(house({ insuranceEnd: '2026-12-30' }), DAY, rules)).toEqual(expiring('2026-12-30'));
    expect(checkInsurance(house({ insuranceEnd: '2026-12-31' }), DAY, rules)).toEqual([]);
    expect(checkInsurance(house({ insuranceEnd: '2026-12-31' }), DAY, { ...rules, warnDays: 31 })).toEqual(expiring('2026-12-31'));
  });
});

describe('checkFacilities (R19)', () => {
  it('lists the required facilities', () => {
    expect([...REQUIRED_FACILITIES]).toEqual(['drinkingWater', 'washroom', 'nursingRoom', 'ageAppropriateFurniture']);
  });
  it('finds nothing when every required facility is there; an outdoor area is optional', () => {
    expect(checkFacilities(house())).toEqual([]);
    expect(checkFacilities(house({ facilities: { ...house().facilities, outdoorArea: false } }))).toEqual([]);
    expect(checkFacilities(house({ facilities: { ...house().facilities, outdoorArea: true } }))).toEqual([]);
  });
  it('names a missing facility', () => {
    expect(checkFacilities(house({ facilities: { ...house().facilities, nursingRoom: false } }))).toEqual([
      {
        rule: 'R19',
        code: 'FACILITIES_INCOMPLETE',
        severity: 'critical',
        owner: 'house_manager',
        subject: houseSubject,
        detail: { missing: 'nursingRoom' },
      },
    ]);
  });
  it('treats an unanswered facility as missing and lists all in order', () => {
    expect(missingFacilities({ washroom: true, drinkingWater: undefined })).toEqual([
      'drinkingWater',
      'nursingRoom',
      'ageAppropriateFurniture',
    ]);
    expect(checkFacilities(house({ facilities: { outdoorArea: true } }))).toMatchObject([
      { code: 'FACILITIES_INCOMPLETE', detail: { missing: 'drinkingWater,washroom,nursingRoom,ageAppropriateFurniture' } },
    ]);
  });
});

describe('checkEvidence (R11, R12, R19)', () => {
  const base = { severity: 'warning', owner: 'house_manager', subject: houseSubject };
  it('finds nothing with fresh evidence for every topic', () => {
    expect(checkEvidence(house(), DAY, rules)).toEqual([]);
  });
  it('finds missing evidence, with the rule of each topic', () => {
    expect(checkEvidence(house({ evidence: {} }), DAY, rules)).toEqual([
      { ...base, rule: 'R11', code: 'EVIDENCE_MISSING_CCTV', detail: {} },
      { ...base, rule: 'R11', code: 'EVIDENCE_MISSING_ALARM', detail: {} },
      { ...base, rule: 'R12', code: 'EVIDENCE_MISSING_INSURANCE', detail: {} },
      { ...base, rule: 'R19', code: 'EVIDENCE_MISSING_FACILITIES', detail: {} },
    ]);
  });
  it('finds evidence older than evidenceMaxAgeDays; exactly that old is still fresh', () => {
    const fresh = addDays(DAY, -365); // 2025-12-01
    const stale = addDays(DAY, -366); // 2025-11-30
    expect(checkEvidence(house({ evidence: { ...house().evidence, insurance: fresh } }), DAY, rules)).toEqual([]);
    expect(checkEvidence(house({ evidence: { ...house().evidence, insurance: stale } }), DAY, rules)).toEqual([
      { ...base, rule: 'R12', code: 'EVIDENCE_STALE_INSURANCE', detail: { on: '2025-11-30' } },
    ]);
    expect(
      checkEvidence(house({ evidence: { cctv: stale, alarm: stale, insurance: stale, facilities: stale } }), DAY, rules).map((f) => [
        f.rule,
        f.code,
      ]),
    ).toEqual([
      ['R11', 'EVIDENCE_STALE_CCTV'],
      ['R11', 'EVIDENCE_STALE_ALARM'],
      ['R12', 'EVIDENCE_STALE_INSURANCE'],
      ['R19', 'EVIDENCE_STALE_FACILITIES'],
    ]);
  });
  it('follows evidenceMaxAgeDays', () => {
    const h = house({ evidence: { cctv: '2026-11-20', alarm: '2026-11-20', insurance: '2026-11-20', facilities: '2026-10-01' } });
    expect(checkEvidence(h, DAY, { ...rules, evidenceMaxAgeDays: 61 })).toEqual([]); // 2026-10-01 is DAY − 61
    expect(checkEvidence(h, DAY, { ...rules, evidenceMaxAgeDays: 30 })).toEqual([
      { ...base, rule: 'R19', code: 'EVIDENCE_STALE_FACILITIES', detail: { on: '2026-10-01' } },
    ]);
  });
});

// ---- R3–R5 on a session's roster ----

describe('checkSessionRoster (R3–R5, R7)', () => {
  const sessionSubject = { type: 'session', id: 'se-1', label: '2026-12-01 09:00' };
  const belowRatio = (rule: string, booked: number, capacity: number, carers: number) => ({
    rule,
    code: 'ROSTER_BELOW_RATIO',
    severity: 'critical',
    owner: 'house_manager',
    subject: sessionSubject,
    detail: { booked, capacity, carers },
  });
  const fourCarers = ['a', 'b', 'c', 'd'].map((n) => ({ name: n, staff: carer(n, n) }));
  const fiveCarers = [...fourCarers, { name: 'e', staff: carer('e', 'e') }];

  it('finds nothing when the booked children fit, up to the limit', () => {
    expect(checkSessionRoster(session(), rules)).toEqual([]);
    expect(checkSessionRoster(session({ seatsTaken: 0 }), rules)).toEqual([]);
  });
  it('R5: too few carers for the booked children', () => {
    expect(checkSessionRoster(session({ seatsTaken: 11 }), rules)).toEqual([belowRatio('R5', 11, 10, 2)]);
  });
  it('R3: the room is too small', () => {
    expect(checkSessionRoster(session({ areaM2: 30, roster: fourCarers, seatsTaken: 10 }), rules)).toEqual([]);
    expect(checkSessionRoster(session({ areaM2: 30, roster: fourCarers, seatsTaken: 11 }), rules)).toEqual([belowRatio('R3', 11, 10, 4)]);
  });
  it('R4: more than the class size', () => {
    expect(checkSessionRoster(session({ areaM2: 90, roster: fiveCarers, seatsTaken: 20 }), rules)).toEqual([]);
    expect(checkSessionRoster(session({ areaM2: 90, roster: fiveCarers, seatsTaken: 21 }), rules)).toEqual([belowRatio('R4', 21, 20, 5)]);
  });
  it('names R4 on a tie between class size and area', () => {
    expect(checkSessionRoster(session({ areaM2: 60, roster: fiveCarers, seatsTaken: 21 }), rules)).toEqual([belowRatio('R4', 21, 20, 5)]);
  });
  it('ignores what the house chose to offer (only the legal terms bind)', () => {
    expect(checkSessionRoster(session({ offeredCapacity: 5, seatsTaken: 10 }), rules)).toEqual([]);
  });
  it('with no carer on the roster, any booked child is a breach of R5', () => {
    expect(checkSessionRoster(session({ roster: [], seatsTaken: 0 }), rules)).toEqual([]);
    expect(checkSessionRoster(session({ roster: [], seatsTaken: 1 }), rules)).toEqual([belowRatio('R5', 1, 0, 0)]);
  });
  it('counts manager and health staff as carers', () => {
    const roster = [
      { name: 'm', staff: carer('m', 'm', { position: 'manager' }) },
      { name: 'h', staff: carer('h', 'h', { position: 'health' }) },
    ];
    expect(checkSessionRoster(session({ roster, seatsTaken: 10 }), rules)).toEqual([]);
  });
  it('does not count a compliant volunteer, nor lists them as unqualified', () => {
    const volunteer = withCred(withCred(carer('v', '志愿者', { position: 'volunteer' }), 'qualification', null), 'training', null);
    const s = session({ seatsTaken: 11, roster: [...session().roster, { name: '志愿者', staff: volunteer }] });
    expect(checkSessionRoster(s, rules)).toEqual([belowRatio('R5', 11, 10, 2)]);
  });
  it('does not count a blocked carer and lists them as unqualified', () => {
    const lapsed = withCred(carer('c', '陈静'), 'training', { issuedOn: '2025-11-01' });
    const s = session({ seatsTaken: 11, roster: [...session().roster, { name: '陈静', staff: lapsed }] });
    expect(checkSessionRoster(s, rules)).toEqual([
      belowRatio('R5', 11, 10, 2),
      {
        rule: 'R7',
        code: 'ROSTER_UNQUALIFIED',
        severity: 'critical',
        owner: 'house_manager',
        subject: sessionSubject,
        detail: { names: '陈静' },
      },
    ]);
  });
  it('lists every blocked name in roster order: no record, security, departed, barred', () => {
    const roster = [
      { name: '访客', staff: undefined },
      ...session().roster,
      { name: '保安', staff: carer('g', '保安', { position: 'security' }) },
      { name: '离职', staff: carer('l', '离职', { leftOn: '2026-11-01' }) },
      { name: '禁入', staff: carer('b', '禁入', { barred: true }) },
    ];
    expect(checkSessionRoster(session({ roster, seatsTaken: 10 }), rules)).toEqual([
      {
        rule: 'R7',
        code: 'ROSTER_UNQUALIFIED',
        severity: 'critical',
        owner: 'house_manager',
        subject: sessionSubject,
        detail: { names: '访客、保安、离职、禁入' },
      },
    ]);
  });
  it('counts a carer whose credential is only about to expire', () => {
    const expiring = withCred(carer('st-2', '李娜'), 'health_certificate', { expiresOn: '2026-12-05' });
    expect(checkSessionRoster(session({ roster: [session().roster[0], { name: '李娜', staff: expiring }] }), rules)).toEqual([]);
  });
  it('judges the roster on the session’s date, not today', () => {
    const lapsesSoon = withCred(carer('st-2', '李娜'), 'health_certificate', { expiresOn: '2026-12-05' });
    const s = session({ date: '2026-12-08', roster: [session().roster[0], { name: '李娜', staff: lapsesSoon }] });
    expect(checkSessionRoster(s, rules)).toMatchObject([
      { rule: 'R5', code: 'ROSTER_BELOW_RATIO', detail: { booked: 10, capacity: 5, carers: 1 } },
      { rule: 'R7', code: 'ROSTER_UNQUALIFIED', detail: { names: '李娜' } },
    ]);
  });
  it('follows the capacity parameters', () => {
    const r = { ...rules, capacity: { ...rules.capacity, childrenPerCarer: 4 } };
    expect(checkSessionRoster(session({ seatsTaken: 9 }), r)).toEqual([belowRatio('R5', 9, 8, 2)]);
  });
});

// ---- all together ----

describe('houseFindings', () => {
  const people = (): StaffFact[] => [
    staff({ id: 'm', name: '张伟', position: 'manager', experienceYears: 5 }),
    staff({ id: 'st-1', name: '王芳' }),
    staff({ id: 'st-2', name: '李娜' }),
    staff({ id: 'h', name: '赵敏', position: 'health' }),
    withCred(staff({ id: 'g', name: '保安', position: 'security' }), 'qualification', null),
    withCred(withCred(staff({ id: 'v', name: '志愿者', position: 'volunteer' }), 'qualification', null), 'training', null),
  ];
  it('gives [] for a fully compliant house', () => {
    expect(houseFindings({ house: house(), staff: people(), sessions: [session()] }, DAY, rules)).toEqual([]);
  });
  it('ignores staff who have left, however incomplete', () => {
    const gone = staff({ id: 'x', name: '旧人', credentials: [], barred: true, leftOn: '2026-06-30' });
    expect(houseFindings({ house: house(), staff: [...people(), gone], sessions: [session()] }, DAY, rules)).toEqual([]);
  });
  it('collects the findings of every rule, staff first, sessions last', () => {
    const staffList = people().map((s) =>
      s.id === 'st-2' ? withCred(s, 'training', { issuedOn: '2025-11-01' }) : s.id === 'h' ? { ...s, leftOn: '2026-11-01' } : s,
    );
    const h = house({
      cctvNetworked: false,
      insuranceEnd: '2026-12-10',
      facilities: { drinkingWater: true },
      evidence: { ...house().evidence, alarm: undefined },
    });
    const s = session({ seatsTaken: 11, roster: [session().roster[0], { name: '李娜', staff: staffList.find((p) => p.id === 'st-2') }] });
    const found = houseFindings({ house: h, staff: staffList, sessions: [s] }, DAY, rules);
    expect(found.map((f) => [f.rule, f.code, f.severity, f.owner, f.subject.id])).toEqual([
      ['R8', 'TRAINING_EXPIRED', 'critical', 'house_manager', 'st-2'],
      ['R6', 'HEALTH_STAFF_MISSING', 'critical', 'house_manager', null],
      ['R11', 'CCTV_NOT_NETWORKED', 'critical', 'house_manager', null],
      ['R12', 'INSURANCE_EXPIRING', 'warning', 'street_admin', null],
      ['R19', 'FACILITIES_INCOMPLETE', 'critical', 'house_manager', null],
      ['R11', 'EVIDENCE_MISSING_ALARM', 'warning', 'house_manager', null],
      ['R5', 'ROSTER_BELOW_RATIO', 'critical', 'house_manager', 'se-1'],
      ['R7', 'ROSTER_UNQUALIFIED', 'critical', 'house_manager', 'se-1'],
    ]);
    expect(found.find((f) => f.code === 'ROSTER_BELOW_RATIO')!.detail).toEqual({ booked: 11, capacity: 5, carers: 1 });
  });
  it('asks the street for a manager and insurance', () => {
    const found = houseFindings(
      { house: house({ insuranceStart: null }), staff: people().filter((p) => p.position !== 'manager'), sessions: [] },
      DAY,
      rules,
    );
    expect(found.map((f) => [f.rule, f.code, f.owner])).toEqual([
      ['R10', 'MANAGER_MISSING', 'street_admin'],
      ['R12', 'INSURANCE_MISSING', 'street_admin'],
    ]);
  });
});
