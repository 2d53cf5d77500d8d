// The compliance rules of DOMAIN.md R3–R12 and R19 as small pure functions over a house's facts on a given day.
// Each returns the findings it sees; the engine (server/modules/compliance) keeps them over time. The same
// staff rules decide who may be put on a session's roster.
import { addDays, addMonths, type LocalDate } from './time.ts';
import { sessionCapacity, type CapacityRules } from './capacity.ts';
import type { PolicyValues } from './policy.ts';
import { countsForRatio } from './ratio.ts';

export type RuleId = 'R3' | 'R4' | 'R5' | 'R6' | 'R7' | 'R8' | 'R9' | 'R10' | 'R11' | 'R12' | 'R19';
export type Severity = 'critical' | 'warning';
export type Owner = 'house_manager' | 'street_admin';
export type StaffPosition = 'manager' | 'carer' | 'health' | 'security' | 'volunteer';
export type CredentialKind = 'qualification' | 'health_certificate' | 'training' | 'background_check';

export interface Finding {
  rule: RuleId;
  /** Stable code (an i18n key under compliance.codes); with the subject it identifies the finding over time. */
  code: string;
  severity: Severity;
  owner: Owner;
  subject: { type: 'house' | 'staff' | 'session'; id: string | null; label: string };
  detail: Record<string, string | number | null>;
}

export interface ComplianceRules {
  trainingValidityMonths: number;
  backgroundCheckValidityMonths: number;
  warnDays: number;
  evidenceMaxAgeDays: number;
  minHealthStaff: number;
  cctvMinRetentionDays: number;
  capacity: CapacityRules;
}

export function complianceRulesFrom(policy: PolicyValues): ComplianceRules {
  return {
    trainingValidityMonths: policy['staff.trainingValidityMonths'],
    backgroundCheckValidityMonths: policy['staff.backgroundCheckValidityMonths'],
    warnDays: policy['compliance.warnDays'],
    evidenceMaxAgeDays: policy['compliance.evidenceMaxAgeDays'],
    minHealthStaff: policy['house.minHealthStaff'],
    cctvMinRetentionDays: policy['cctv.minRetentionDays'],
    capacity: {
      minAreaPerChildM2: policy['capacity.minAreaPerChildM2'],
      maxClassSize: policy['capacity.maxClassSize'],
      childrenPerCarer: policy['capacity.childrenPerCarer'],
    },
  };
}

// ---- Staff: R7 qualification and health certificate, R8 training, R9 criminal-record check ----

export interface CredentialFact {
  kind: CredentialKind;
  issuedOn: LocalDate;
  expiresOn: LocalDate | null;
  result: 'clear' | 'hit' | null;
}

export interface StaffFact {
  id: string;
  name: string;
  position: StaffPosition;
  hiredOn: LocalDate;
  leftOn: LocalDate | null;
  barred: boolean;
  experienceYears: number | null;
  experienceNote: string | null;
  credentials: CredentialFact[];
}

/** What each position must hold. Security guards need no carer qualification; volunteers need no yearly training. */
export const REQUIRED_CREDENTIALS: Record<StaffPosition, CredentialKind[]> = {
  manager: ['qualification', 'health_certificate', 'training', 'background_check'],
  carer: ['qualification', 'health_certificate', 'training', 'background_check'],
  health: ['qualification', 'health_certificate', 'training', 'background_check'],
  security: ['health_certificate', 'training', 'background_check'],
  volunteer: ['health_certificate', 'background_check'],
};

export const RULE_OF_CREDENTIAL: Record<CredentialKind, RuleId> = {
  qualification: 'R7',
  health_certificate: 'R7',
  training: 'R8',
  background_check: 'R9',
};

/** Positions that may be put on a session's roster (security guards are not). */
export const ROSTER_POSITIONS: StaffPosition[] = ['manager', 'carer', 'health', 'volunteer'];

/** The last day a credential is valid: its own expiry, and for training and checks the policy's months at most. */
export function validUntil(c: CredentialFact, rules: ComplianceRules): LocalDate | null {
  const months =
    c.kind === 'training' ? rules.trainingValidityMonths : c.kind === 'background_check' ? rules.backgroundCheckValidityMonths : null;
  const byPolicy = months === null ? null : addDays(addMonths(c.issuedOn, months), -1);
  // biome-ignore lint/complexity/useMathMinMax: the earlier of two ISO dates (strings), not numbers
  if (byPolicy && c.expiresOn) return byPolicy < c.expiresOn ? byPolicy : c.expiresOn;
  return byPolicy ?? c.expiresOn;
}

export type CredentialState =
  | { status: 'valid'; until: LocalDate | null }
  | { status: 'expiring'; until: LocalDate }
  | { status: 'expired'; until: LocalDate }
  | { status: 'missing' }
  | { status: 'hit'; on: LocalDate };

/** The state on `day` of the newest credential of a kind (issued on or before that day). */
export function credentialState(staff: StaffFact, kind: CredentialKind, day: LocalDate, rules: ComplianceRules): CredentialState {
  const held = staff.credentials
    .filter((c) => c.kind === kind && c.issuedOn <= day)
    .sort((a, b) => (a.issuedOn < b.issuedOn ? 1 : a.issuedOn > b.issuedOn ? -1 : 0));
  // R9: a hit is never outweighed by a later clear check (no hire, or dismissal).
  const hit = held.find((c) => c.kind === 'background_check' && c.result === 'hit');
  if (hit) return { status: 'hit', on: hit.issuedOn };
  const latest = held[0];
  if (!latest) return { status: 'missing' };
  const until = validUntil(latest, rules);
  if (until === null) return { status: 'valid', until: null };
  if (until < day) return { status: 'expired', until };
  if (until < addDays(day, rules.warnDays)) return { status: 'expiring', until };
  return { status: 'valid', until };
}

const KIND_CODE: Record<CredentialKind, string> = {
  qualification: 'QUALIFICATION',
  health_certificate: 'HEALTH_CERTIFICATE',
  training: 'TRAINING',
  background_check: 'BACKGROUND_CHECK',
};

function isActive(staff: StaffFact, day: LocalDate) {
  return staff.hiredOn <= day && (staff.leftOn === null || staff.leftOn >= day);
}

/** R7, R8, R9 for one person on a day: missing, expired, about to expire, or a hit in the check. */
export function checkStaffCredentials(staff: StaffFact, day: LocalDate, rules: ComplianceRules): Finding[] {
  if (!isActive(staff, day)) return [];
  const subject = { type: 'staff' as const, id: staff.id, label: staff.name };
  const findings: Finding[] = [];
  for (const kind of REQUIRED_CREDENTIALS[staff.position]) {
    const state = credentialState(staff, kind, day, rules);
    const base = { rule: RULE_OF_CREDENTIAL[kind], owner: 'house_manager' as const, subject };
    if (state.status === 'missing') findings.push({ ...base, code: `${KIND_CODE[kind]}_MISSING`, severity: 'critical', detail: {} });
    if (state.status === 'expired')
      findings.push({ ...base, code: `${KIND_CODE[kind]}_EXPIRED`, severity: 'critical', detail: { until: state.until } });
    if (state.status === 'expiring')
      findings.push({ ...base, code: `${KIND_CODE[kind]}_EXPIRING`, severity: 'warning', detail: { until: state.until } });
    if (state.status === 'hit') findings.push({ ...base, code: 'BACKGROUND_CHECK_HIT', severity: 'critical', detail: { on: state.on } });
  }
  if (staff.barred && !findings.some((f) => f.code === 'BACKGROUND_CHECK_HIT')) {
    findings.push({ rule: 'R9', code: 'BACKGROUND_CHECK_HIT', severity: 'critical', owner: 'house_manager', subject, detail: {} });
  }
  return findings;
}

/**
 * Why a person may not be on a roster on a day (empty: they may). Blocks on what is missing, expired or barred —
 * not on what is about to expire.
 */
export function rosterBlockers(staff: StaffFact | undefined, day: LocalDate, rules: ComplianceRules): string[] {
  if (!staff) return ['NO_STAFF_RECORD'];
  if (!ROSTER_POSITIONS.includes(staff.position)) return ['NOT_ROSTER_POSITION'];
  if (!isActive(staff, day)) return ['NOT_EMPLOYED'];
  return [
    ...new Set(
      checkStaffCredentials(staff, day, rules)
        .filter((f) => f.severity === 'critical')
        .map((f) => f.code),
    ),
  ];
}

/** R6: at least the policy's number of health-care staff in the house. */
export function checkHealthStaff(houseLabel: string, staff: StaffFact[], day: LocalDate, rules: ComplianceRules): Finding[] {
  const count = staff.filter((s) => s.position === 'health' && isActive(s, day) && !s.barred).length;
  if (count >= rules.minHealthStaff) return [];
  return [
    {
      rule: 'R6',
      code: 'HEALTH_STAFF_MISSING',
      severity: 'critical',
      owner: 'house_manager',
      subject: { type: 'house', id: null, label: houseLabel },
      detail: { count, required: rules.minHealthStaff },
    },
  ];
}

/** R10: the house has a manager, and the manager's childcare experience is recorded. */
export function checkManagerExperience(houseLabel: string, staff: StaffFact[], day: LocalDate): Finding[] {
  const managers = staff.filter((s) => s.position === 'manager' && isActive(s, day) && !s.barred);
  if (!managers.length) {
    return [
      {
        rule: 'R10',
        code: 'MANAGER_MISSING',
        severity: 'critical',
        owner: 'street_admin',
        subject: { type: 'house', id: null, label: houseLabel },
        detail: {},
      },
    ];
  }
  return managers
    .filter((m) => !(m.experienceYears && m.experienceYears > 0) && !m.experienceNote?.trim())
    .map((m) => ({
      rule: 'R10' as const,
      code: 'MANAGER_EXPERIENCE_MISSING',
      severity: 'critical' as const,
      owner: 'house_manager' as const,
      subject: { type: 'staff' as const, id: m.id, label: m.name },
      detail: {},
    }));
}

// ---- The house: R11 CCTV and alarm, R12 insurance, R19 facilities, and the evidence for them ----

export type EvidenceTopic = 'cctv' | 'alarm' | 'insurance' | 'facilities';

export interface HouseFact {
  label: string;
  cctvRetentionDays: number;
  cctvNetworked: boolean;
  alarmNetworked: boolean;
  insuranceStart: LocalDate | null;
  insuranceEnd: LocalDate | null;
  facilities: Record<string, boolean | undefined>;
  /** The newest evidence date of each topic. */
  evidence: Partial<Record<EvidenceTopic, LocalDate>>;
}

const houseSubject = (h: HouseFact) => ({ type: 'house' as const, id: null, label: h.label });

/** R11: footage kept at least the policy's days; CCTV networked to the guidance centre; alarm networked. */
export function checkCctvAndAlarm(h: HouseFact, rules: ComplianceRules): Finding[] {
  const findings: Finding[] = [];
  const base = { rule: 'R11' as const, severity: 'critical' as const, owner: 'house_manager' as const, subject: houseSubject(h) };
  if (h.cctvRetentionDays < rules.cctvMinRetentionDays) {
    findings.push({ ...base, code: 'CCTV_RETENTION_SHORT', detail: { days: h.cctvRetentionDays, required: rules.cctvMinRetentionDays } });
  }
  if (!h.cctvNetworked) findings.push({ ...base, code: 'CCTV_NOT_NETWORKED', detail: {} });
  if (!h.alarmNetworked) findings.push({ ...base, code: 'ALARM_NOT_NETWORKED', detail: {} });
  return findings;
}

/** Whether the insurance period covers a day (R12). */
export function insuranceCovers(h: Pick<HouseFact, 'insuranceStart' | 'insuranceEnd'>, day: LocalDate): boolean {
  return !!h.insuranceStart && !!h.insuranceEnd && h.insuranceStart <= day && day <= h.insuranceEnd;
}

/** R12: the street's liability insurance covers today, and is not about to end. The street buys it. */
export function checkInsurance(h: HouseFact, day: LocalDate, rules: ComplianceRules): Finding[] {
  const base = { rule: 'R12' as const, owner: 'street_admin' as const, subject: houseSubject(h) };
  if (!h.insuranceStart || !h.insuranceEnd) return [{ ...base, code: 'INSURANCE_MISSING', severity: 'critical', detail: {} }];
  if (!insuranceCovers(h, day)) {
    return [{ ...base, code: 'INSURANCE_NOT_COVERING', severity: 'critical', detail: { start: h.insuranceStart, end: h.insuranceEnd } }];
  }
  if (h.insuranceEnd < addDays(day, rules.warnDays))
    return [{ ...base, code: 'INSURANCE_EXPIRING', severity: 'warning', detail: { end: h.insuranceEnd } }];
  return [];
}

/** R19: the facilities every house must have (an outdoor area is optional). */
export const REQUIRED_FACILITIES = ['drinkingWater', 'washroom', 'nursingRoom', 'ageAppropriateFurniture'] as const;

export function missingFacilities(facilities: Record<string, boolean | undefined>): string[] {
  return REQUIRED_FACILITIES.filter((f) => facilities[f] !== true);
}

export function checkFacilities(h: HouseFact): Finding[] {
  const missing = missingFacilities(h.facilities);
  if (!missing.length) return [];
  return [
    {
      rule: 'R19',
      code: 'FACILITIES_INCOMPLETE',
      severity: 'critical',
      owner: 'house_manager',
      subject: houseSubject(h),
      detail: { missing: missing.join(',') },
    },
  ];
}

const RULE_OF_TOPIC: Record<EvidenceTopic, RuleId> = { cctv: 'R11', alarm: 'R11', insurance: 'R12', facilities: 'R19' };

/** R11, R12, R19: each fact has dated evidence (a photo or a file) no older than the policy allows. */
export function checkEvidence(h: HouseFact, day: LocalDate, rules: ComplianceRules): Finding[] {
  return (Object.keys(RULE_OF_TOPIC) as EvidenceTopic[]).flatMap((topic): Finding[] => {
    const last = h.evidence[topic];
    const base = { rule: RULE_OF_TOPIC[topic], severity: 'warning' as const, owner: 'house_manager' as const, subject: houseSubject(h) };
    if (!last) return [{ ...base, code: `EVIDENCE_MISSING_${topic.toUpperCase()}`, detail: {} }];
    if (last < addDays(day, -rules.evidenceMaxAgeDays))
      return [{ ...base, code: `EVIDENCE_STALE_${topic.toUpperCase()}`, detail: { on: last } }];
    return [];
  });
}

// ---- Sessions: R3–R5 on the rosters of the coming days ----

export interface SessionFact {
  id: string;
  label: string;
  date: LocalDate;
  areaM2: number;
  offeredCapacity: number;
  /** Children holding a seat (confirmed or offered). */
  seatsTaken: number;
  /** The rostered people by staff record (undefined: the account has no staff record); onDuty defaults to true. */
  roster: { name: string; staff: StaffFact | undefined; onDuty?: boolean }[];
}

/**
 * R3–R5 for a coming session: the children booked fit the room and the qualified carers on its roster; and R7–R9:
 * nobody on the roster is blocked.
 */
export function checkSessionRoster(s: SessionFact, rules: ComplianceRules): Finding[] {
  const subject = { type: 'session' as const, id: s.id, label: s.label };
  // R5 counts whoever the one rule counts (domain/ratio.ts), the same as capacity and the live ratio.
  const qualified = s.roster.filter((r) =>
    countsForRatio({
      position: r.staff?.position ?? null,
      blockers: rosterBlockers(r.staff, s.date, rules),
      onDuty: r.onDuty ?? true,
    }),
  );
  const cap = sessionCapacity(
    { areaM2: s.areaM2, carersOnDuty: qualified.length, offeredCapacity: Number.POSITIVE_INFINITY },
    rules.capacity,
  );
  const findings: Finding[] = [];
  if (s.seatsTaken > cap.capacity) {
    const rule = cap.binding === 'area' ? 'R3' : cap.binding === 'classSize' ? 'R4' : 'R5';
    findings.push({
      rule,
      code: 'ROSTER_BELOW_RATIO',
      severity: 'critical',
      owner: 'house_manager',
      subject,
      detail: { booked: s.seatsTaken, capacity: cap.capacity, carers: qualified.length },
    });
  }
  const blocked = s.roster.filter((r) => rosterBlockers(r.staff, s.date, rules).length > 0).map((r) => r.name);
  if (blocked.length) {
    findings.push({
      rule: 'R7',
      code: 'ROSTER_UNQUALIFIED',
      severity: 'critical',
      owner: 'house_manager',
      subject,
      detail: { names: blocked.join('、') },
    });
  }
  return findings;
}

/** Every finding for one house on one day. */
export function houseFindings(
  input: { house: HouseFact; staff: StaffFact[]; sessions: SessionFact[] },
  day: LocalDate,
  rules: ComplianceRules,
): Finding[] {
  return [
    ...input.staff.flatMap((s) => checkStaffCredentials(s, day, rules)),
    ...checkHealthStaff(input.house.label, input.staff, day, rules),
    ...checkManagerExperience(input.house.label, input.staff, day),
    ...checkCctvAndAlarm(input.house, rules),
    ...checkInsurance(input.house, day, rules),
    ...checkFacilities(input.house),
    ...checkEvidence(input.house, day, rules),
    ...input.sessions.flatMap((s) => checkSessionRoster(s, rules)),
  ];
}
