// Home visits to newborn families (DOMAIN.md §5.5, T4) as pure rules: when a family's visit is due, whether it is
// overdue, and a street's coverage. A visit counts for T4 once the family has confirmed it happened.
import { addDays, type LocalDate } from './time.ts';
import type { PolicyValues } from './policy.ts';

export type VisitState = 'confirmed' | 'awaitingConfirmation' | 'scheduled' | 'due' | 'overdue';

export interface NewbornVisits {
  birthDate: LocalDate;
  visits: { status: 'scheduled' | 'done' | 'cancelled'; familyConfirmed: boolean }[];
}

/** The last day of the visit: `visit.withinDays` after the birth (never past the first birthday). */
export function visitDueBy(birthDate: LocalDate, policy: Pick<PolicyValues, 'visit.withinDays'>): LocalDate {
  return addDays(birthDate, Math.min(policy['visit.withinDays'], 364));
}

/** The births whose visit is overdue at `today` if none was recorded: born before this day (visitDueBy inverted, for SQL). */
export function overdueIfBornBefore(today: LocalDate, policy: Pick<PolicyValues, 'visit.withinDays'>): LocalDate {
  return addDays(today, -Math.min(policy['visit.withinDays'], 364));
}

/**
 * Where a newborn family stands: confirmed (counts for T4), recorded and awaiting the family's confirmation, a visit
 * scheduled, due, or overdue — past its due day with no visit recorded (flagged to the street).
 */
export function visitState(n: NewbornVisits, today: LocalDate, policy: Pick<PolicyValues, 'visit.withinDays'>): VisitState {
  const done = n.visits.filter((v) => v.status === 'done');
  if (done.some((v) => v.familyConfirmed)) return 'confirmed';
  if (done.length) return 'awaitingConfirmation';
  const overdue = today > visitDueBy(n.birthDate, policy);
  if (overdue) return 'overdue';
  return n.visits.some((v) => v.status === 'scheduled') ? 'scheduled' : 'due';
}

/** T4 for a set of newborn families: how many there are and how many had their visit confirmed. */
export function visitCoverage(newborns: readonly NewbornVisits[], today: LocalDate, policy: Pick<PolicyValues, 'visit.withinDays'>) {
  const states = newborns.map((n) => visitState(n, today, policy));
  const count = (s: VisitState) => states.filter((x) => x === s).length;
  return {
    families: newborns.length,
    confirmed: count('confirmed'),
    awaitingConfirmation: count('awaitingConfirmation'),
    scheduled: count('scheduled'),
    due: count('due'),
    overdue: count('overdue'),
  };
}
