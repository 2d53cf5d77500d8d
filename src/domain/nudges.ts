// Nudges (issue 12): once the year is half over, a street may remind a family that has used fewer than half of its
// free care sessions (T3: any of its children with need below half of `care.freeSessionsPerYear`) or of its guidance
// sessions (T5: below half of `guidance.sessionsPerYear`), at most once a calendar month for each kind. The counts
// are T3's and T5's own (src/server/modules/targets/queries.ts); these rules only read them.
import { shareOfYear } from './targets.ts';
import type { LocalDate } from './time.ts';

export type NudgeKind = 'care' | 'guidance';
export const NUDGE_KINDS: NudgeKind[] = ['care', 'guidance'];

/**
 * Whether reminders for a year may be sent today: not before the year is half over (`tooEarly`), and not once it has
 * ended (`over`: the sessions left cannot be used any more).
 */
export type NudgeWindow = 'tooEarly' | 'open' | 'over';
export function nudgeWindow(year: number, today: LocalDate): NudgeWindow {
  if (today > `${year}-12-31`) return 'over';
  return shareOfYear(year, today) >= 0.5 ? 'open' : 'tooEarly';
}

/** Fewer than half of the sessions due in the year (6 of 12 is half: not behind; 5 of 10 neither). */
export const behind = (used: number, perYear: number): boolean => used * 2 < perYear;

/** The calendar month a reminder is counted in (its first day): at most one of each kind per family in it. */
export const monthOf = (today: LocalDate): LocalDate => `${today.slice(0, 7)}-01`;

export interface CareChildCount {
  familyId: string;
  childId: string;
  name: string;
  sessions: number;
}

export interface FamilyBehind {
  familyId: string;
  /** The fewest sessions among the family's children behind (care), or the family's sessions (guidance). */
  used: number;
  /** Care: the children behind, fewest sessions first. */
  children: { childId: string; name: string; sessions: number }[];
}

/** T3: the families with at least one child with need below half of the year's free sessions. */
export function careBehind(children: readonly CareChildCount[], perYear: number): FamilyBehind[] {
  const byFamily = new Map<string, FamilyBehind>();
  for (const c of children) {
    if (!behind(c.sessions, perYear)) continue;
    const f = byFamily.get(c.familyId) ?? { familyId: c.familyId, used: c.sessions, children: [] };
    f.children.push({ childId: c.childId, name: c.name, sessions: c.sessions });
    f.used = Math.min(f.used, c.sessions);
    byFamily.set(c.familyId, f);
  }
  for (const f of byFamily.values()) f.children.sort((a, b) => a.sessions - b.sessions);
  return [...byFamily.values()];
}

/** T5: the families with need below half of the year's guidance sessions. */
export function guidanceBehind(families: readonly { familyId: string; sessions: number }[], perYear: number): FamilyBehind[] {
  return families.filter((f) => behind(f.sessions, perYear)).map((f) => ({ familyId: f.familyId, used: f.sessions, children: [] }));
}

/**
 * What the care reminder says of the sessions used, before its closing 次: `3/12` for one child; with several children
 * behind, each named, e.g. `小明 3/12 次、小红 4/12` (…已使用 小明 3/12 次、小红 4/12 次免费托育服务).
 */
export function careUsage(children: readonly { name: string; sessions: number }[], perYear: number): string {
  if (children.length === 1) return `${children[0].sessions}/${perYear}`;
  return children.map((c) => `${c.name} ${c.sessions}/${perYear}`).join(' 次、');
}

export type NudgeSkip = 'notEligible' | 'alreadyReminded' | 'unreachable';

/**
 * Which of the asked families are sent a reminder and why the others are not: not behind (or not the street's family
 * with need), already reminded of this kind this month, or a guardian without a phone or who switched the reminder
 * off. The database's unique key has the last word between two sends at once.
 */
export function planNudges(
  asked: readonly string[],
  eligible: ReadonlySet<string>,
  remindedThisMonth: ReadonlySet<string>,
  reachable: ReadonlySet<string>,
): { send: string[]; skipped: { familyId: string; reason: NudgeSkip }[] } {
  const send: string[] = [];
  const skipped: { familyId: string; reason: NudgeSkip }[] = [];
  for (const id of new Set(asked)) {
    if (!eligible.has(id)) skipped.push({ familyId: id, reason: 'notEligible' });
    else if (remindedThisMonth.has(id)) skipped.push({ familyId: id, reason: 'alreadyReminded' });
    else if (!reachable.has(id)) skipped.push({ familyId: id, reason: 'unreachable' });
    else send.push(id);
  }
  return { send, skipped };
}
