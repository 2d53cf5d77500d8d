// Who counts for the R5 ratio (DOMAIN.md R5: children per carer on duty) — the one rule, used by a session's
// capacity, the live ratio in the room, the compliance engine and the console.
//
// A person on a session's roster counts when their position is one that cares for children (负责人、保育人员、
// 卫生保健人员; volunteers help but do not count, security guards are never rostered), they have nothing that bars
// them on the session's date (R7–R9: see rosterBlockers in compliance.ts) and they are on duty (not gone off duty
// during the session).

/** A staff record's position (the same list as the staff module's). */
export type RatioPosition = 'manager' | 'carer' | 'health' | 'security' | 'volunteer';

/** Positions whose holders care for children and so count for R5. */
export const RATIO_POSITIONS: readonly RatioPosition[] = ['manager', 'carer', 'health'];

/** The account role that goes with each caring position (a staff account's role names its position). */
const ROLE_OF_POSITION = { manager: 'house_manager', carer: 'carer', health: 'health_staff' } as const;

export type CaringRole = (typeof ROLE_OF_POSITION)[keyof typeof ROLE_OF_POSITION];

/** Account roles that go with the caring positions (for screens that know only the account). */
export const RATIO_ROLES: readonly CaringRole[] = RATIO_POSITIONS.map((p) => ROLE_OF_POSITION[p as keyof typeof ROLE_OF_POSITION]);

/** The position's holders care for children (the first condition of the rule). */
export function caresForChildren(position: string | null | undefined): boolean {
  return !!position && (RATIO_POSITIONS as readonly string[]).includes(position);
}

/** An account role goes with a caring position (for screens that know only the account's role). */
export function roleCaresForChildren(role: string | null | undefined): boolean {
  return !!role && (RATIO_ROLES as readonly string[]).includes(role);
}

export interface RosteredPerson {
  /** The position of the person's staff record in the session's house; null: no staff record. */
  position: string | null;
  /** Why the person may not be on a roster on the session's date (rosterBlockers); empty: nothing. */
  blockers: readonly string[];
  /** Not gone off duty during the session. */
  onDuty: boolean;
}

/** The rule: a rostered person counts for R5 when they care for children, nothing bars them that day, and they are on duty. */
export function countsForRatio(p: RosteredPerson): boolean {
  return caresForChildren(p.position) && p.blockers.length === 0 && p.onDuty;
}

/** How many of a roster count for R5. */
export function ratioCarerCount(roster: readonly RosteredPerson[]): number {
  return roster.filter(countsForRatio).length;
}
