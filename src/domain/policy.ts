// Policy parameters (DOMAIN.md §3–§4): every number a rule uses, with its default, versioned in the database
// by effective date so that a report for last year uses last year's rules.
import { z } from 'zod';

/** The date the district's implementation plan was issued: defaults apply from here. */
export const POLICY_BASE_DATE = '2023-01-29';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const policyDefinitions = {
  /** R1 */
  'child.minAgeMonths': { schema: int(0, 72), default: 12, rule: 'R1' },
  'child.maxAgeMonths': { schema: int(1, 72), default: 36, rule: 'R1' },
  /** R2 */
  'session.maxHours': { schema: z.number().min(0.5).max(12), default: 4, rule: 'R2' },
  'child.maxCareHoursPerDay': { schema: z.number().min(0.5).max(12), default: 4, rule: 'R2' },
  /** R3 */
  'capacity.minAreaPerChildM2': { schema: z.number().min(0.5).max(50), default: 3, rule: 'R3' },
  /** R4 */
  'capacity.maxClassSize': { schema: int(1, 100), default: 20, rule: 'R4' },
  /** R5 */
  'capacity.childrenPerCarer': { schema: int(1, 50), default: 5, rule: 'R5' },
  /** R6 */
  'house.minHealthStaff': { schema: int(0, 10), default: 1, rule: 'R6' },
  /** R8: the yearly vocational-ethics and skills training */
  'staff.trainingValidityMonths': { schema: int(1, 60), default: 12, rule: 'R8' },
  /** R9: the criminal-record check, at hiring and yearly */
  'staff.backgroundCheckValidityMonths': { schema: int(1, 60), default: 12, rule: 'R9' },
  /** R7–R12: how far ahead an expiring certificate, training, check or insurance is a warning */
  'compliance.warnDays': { schema: int(1, 180), default: 30, rule: 'R7' },
  /** R11, R12, R19: how old the evidence for a house's facts may be */
  'compliance.evidenceMaxAgeDays': { schema: int(30, 1095), default: 365, rule: 'R11' },
  /** R11 */
  'cctv.minRetentionDays': { schema: int(1, 3650), default: 30, rule: 'R11' },
  /** R13 */
  'certificate.validityDays': { schema: int(1, 3650), default: 90, rule: 'R13' },
  /** R13: a child who has not attended for more than this many days needs a new certificate (托儿所幼儿园卫生保健管理办法: 3 months) */
  'certificate.recheckAfterAbsenceDays': { schema: int(1, 3650), default: 90, rule: 'R13' },
  /** §4 booking */
  'booking.windowDays': { schema: int(0, 60), default: 7, rule: '§4' },
  'booking.windowOpensAt': { schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), default: '09:00', rule: '§4' },
  'booking.maxFutureBookings': { schema: int(1, 50), default: 4, rule: '§4' },
  /** §4: for this many hours after a session's booking opens, only children living in the house's street may book (0: off; 24: the first day) */
  'booking.ownStreetPriorityHours': { schema: int(0, 72), default: 0, rule: '§4' },
  'booking.cancelDeadlineHours': { schema: z.number().min(0).max(72), default: 2, rule: '§4' },
  'waitlist.offerHours': { schema: z.number().min(0.25).max(48), default: 2, rule: '§4' },
  /** §4: an offer's clock runs only in waking hours (district time), from the start to the end of this window */
  'waitlist.offerWakingStart': { schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), default: '08:00', rule: '§4' },
  'waitlist.offerWakingEnd': { schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), default: '21:00', rule: '§4' },
  'noShow.limit': { schema: int(1, 20), default: 3, rule: '§4' },
  'noShow.windowDays': { schema: int(1, 365), default: 90, rule: '§4' },
  'noShow.suspendDays': { schema: int(1, 365), default: 30, rule: '§4' },
  /** §5.3: how long the guardian's one-time pickup code is valid */
  'pickup.codeValidityHours': { schema: z.number().min(0.5).max(24), default: 4, rule: '§5.3' },
  /** §5.3: the morning health check's fever threshold (a child at or above it is not admitted) */
  'healthCheck.feverCelsius': { schema: z.number().min(37).max(39), default: 37.3, rule: '§5.3' },
  /** T1: the places each street provides, as a share (%) of its resident children aged 1–3 */
  'target.placesShare': { schema: int(1, 100), default: 15, rule: 'T1' },
  /** T3 */
  'care.freeSessionsPerYear': { schema: int(0, 365), default: 12, rule: 'T3' },
  'reminder.hourOfDayBefore': { schema: int(0, 23), default: 18, rule: '§4' },
  /** T5: free parenting-guidance sessions per family a year (later municipal guidance says 12) */
  'guidance.sessionsPerYear': { schema: int(1, 100), default: 10, rule: 'T5' },
  /** §5.4: a live online session's link is shown to enrolled families this long before the start */
  'guidance.linkMinutesBefore': { schema: int(0, 240), default: 30, rule: '§5.4' },
  /** §5.4: the largest course video that may be uploaded */
  'course.maxVideoMb': { schema: int(10, 2000), default: 500, rule: '§5.4' },
  /** T4: a newborn family is visited within this many days of the birth (and in any case within its first year) */
  'visit.withinDays': { schema: int(7, 365), default: 60, rule: 'T4' },
} as const;

export type PolicyKey = keyof typeof policyDefinitions;
export type PolicyValues = { [K in PolicyKey]: z.infer<(typeof policyDefinitions)[K]['schema']> };

export const policyKeys = Object.keys(policyDefinitions) as PolicyKey[];

export function defaultPolicy(): PolicyValues {
  return Object.fromEntries(policyKeys.map((k) => [k, policyDefinitions[k].default])) as PolicyValues;
}

export function isPolicyKey(key: string): key is PolicyKey {
  return Object.hasOwn(policyDefinitions, key);
}

/** Cross-parameter consistency that a single value's schema cannot see. */
export function policyProblems(values: PolicyValues): string[] {
  const problems: string[] = [];
  if (values['child.minAgeMonths'] >= values['child.maxAgeMonths']) problems.push('child.minAgeMonths');
  if (values['waitlist.offerWakingStart'] >= values['waitlist.offerWakingEnd']) problems.push('waitlist.offerWakingStart');
  return problems;
}
