// The district's five targets (DOMAIN.md §2) as pure counting rules, used by the dashboards, the export and the tests
// alike; their SQL is src/server/modules/targets/queries.ts. The definitions, in the README's words:
//  - a child "with need" (T3) belongs to an accepted family and is 12–36 months old (R1's band) on some day of the
//    year; counted in the street it lives in on the day the figures describe (child_residence);
//  - a free care session "delivered" is a free booking the child was admitted to (checked in), on a session of the
//    year — cancelled, no-show and refused-at-the-door bookings are not — counted in the street the child lived in on
//    the session's date;
//  - a family "with need" (T5) is an accepted family with a child of 0–36 months on some day of the year; a guidance
//    session is an event it attended (not cancelled) or a course it completed, each once;
//  - a newborn family (T4) is a row of the street's register born in the year; it is visited when a visit is recorded.
import { addDays, addMonths, ageInMonths, type LocalDate } from './time.ts';
import type { PolicyValues } from './policy.ts';

export type TargetId = 'T1' | 'T2' | 'T3' | 'T4' | 'T5';
export const TARGET_IDS: TargetId[] = ['T1', 'T2', 'T3', 'T4', 'T5'];

/** Whether a child of this birth date is within the age band on some day of the year. */
export function withinBandIn(birthDate: LocalDate, year: number, minMonths: number, maxMonths: number): boolean {
  return ageInMonths(birthDate, `${year}-12-31`) >= minMonths && ageInMonths(birthDate, `${year}-01-01`) <= maxMonths;
}

/** The birth dates (inclusive) of the children within the band on some day of the year, for SQL. */
export function birthWindow(year: number, minMonths: number, maxMonths: number): { from: LocalDate; to: LocalDate } {
  return { from: addDays(addMonths(`${year}-01-01`, -(maxMonths + 1)), 1), to: addMonths(`${year}-12-31`, -minMonths) };
}

/** How far through the year `today` is (0 before it, 1 after it), by days. */
export function shareOfYear(year: number, today: LocalDate): number {
  if (today < `${year}-01-01`) return 0;
  if (today > `${year}-12-31`) return 1;
  const days = (a: LocalDate, b: LocalDate) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
  return (days(`${year}-01-01`, today) + 1) / (days(`${year}-01-01`, `${year}-12-31`) + 1);
}

/**
 * 达标 met (or, for what builds up through the year, on course at today's pace), 风险 at risk (behind that pace while
 * the year runs), 未达标 not met (the year is over, or a figure that does not build up is short of its target).
 */
export type TargetStatus = 'met' | 'atRisk' | 'notMet';

export function targetStatus(value: number, target: number, share: number, buildsUp: boolean): TargetStatus {
  if (value >= target) return 'met';
  if (!buildsUp || share >= 1) return 'notMet';
  return value >= target * share ? 'met' : 'atRisk';
}

/** T1: the places a street needs (`target.placesShare` % of its resident children aged 1–3) and how far it is. */
export function placesFigure(places: number, children: number | null, sharePercent: number) {
  if (children === null) return { places, children, needed: null, ratio: null, gap: null };
  const needed = Math.ceil((children * sharePercent) / 100);
  return { places, children, needed, ratio: needed === 0 ? 1 : places / needed, gap: Math.max(0, needed - places) };
}

/** Sessions per child or family into bands: 0, 1–5, 6–11, 12+ for T3 (the bands follow the target). */
export function distribution(counts: readonly number[], target: number): { band: string; from: number; to: number | null; n: number }[] {
  const half = Math.max(1, Math.floor((target - 1) / 2));
  const bands: [number, number | null][] = [
    [0, 0],
    [1, half],
    [half + 1, target - 1],
    [target, null],
  ];
  return bands
    .filter(([from, to]) => to === null || to >= from)
    .map(([from, to]) => ({
      band: to === null ? `${from}+` : from === to ? `${from}` : `${from}–${to}`,
      from,
      to,
      n: counts.filter((c) => c >= from && (to === null || c <= to)).length,
    }));
}

/** The target values of a year's policy. */
export function targetsOf(policy: Pick<PolicyValues, 'target.placesShare' | 'care.freeSessionsPerYear' | 'guidance.sessionsPerYear'>) {
  return {
    placesShare: policy['target.placesShare'],
    careSessions: policy['care.freeSessionsPerYear'],
    guidanceSessions: policy['guidance.sessionsPerYear'],
  };
}

/** The month ends of a year up to `today` (the points of a trend line). */
export function monthEnds(year: number, today: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let m = 1; m <= 12; m++) {
    const end = addDays(addMonths(`${year}-${String(m).padStart(2, '0')}-01`, 1), -1);
    if (end > today) {
      if (`${year}-${String(m).padStart(2, '0')}-01` <= today) out.push(today);
      break;
    }
    out.push(end);
  }
  return out;
}

/** How many of a distribution are below half of the target (the families or children far from it). */
export function belowHalf(bands: readonly { to: number | null; n: number }[], target: number): number {
  return bands.filter((b) => b.to !== null && b.to < target / 2).reduce((sum, b) => sum + b.n, 0);
}

/** What a street has to do, most pressing first (its admin's home page); each kind has a screen that fixes it. */
export const TODO_KINDS = [
  'registrations',
  'visitsOverdue',
  'careNone',
  'guidanceBehind',
  'populationMissing',
  'placesUnset',
  'placesGap',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** The street's to-do: only what there is some of, in TODO_KINDS' order. */
export function streetTodo(counts: Record<TodoKind, number | null>): { kind: TodoKind; count: number }[] {
  return TODO_KINDS.flatMap((kind) => {
    const count = counts[kind] ?? 0;
    return count > 0 ? [{ kind, count }] : [];
  });
}
