// Access control as named actions (eVaka's pattern): each action lists the roles that may perform it and the
// scope in which they may. Every API route names exactly one action (checked when routes are registered);
// handlers then check the record's scope with `authorize` or filter lists with `scopeOf`.
import type { Role } from '../db/schema.ts';
import { AppError } from './errors.ts';

/** What part of the data a role reaches with an action. */
export type ScopeKind = 'district' | 'street' | 'house' | 'provider' | 'family' | 'self' | 'system';

type Grants = Partial<Record<Role, ScopeKind>>;

const STAFF_OF_HOUSE: Grants = { house_manager: 'house', carer: 'house', health_staff: 'house', volunteer: 'house' };
const EVERY_ROLE: Grants = {
  guardian: 'self',
  carer: 'self',
  health_staff: 'self',
  house_manager: 'self',
  street_admin: 'self',
  district_admin: 'self',
  inspector: 'self',
  volunteer: 'self',
  system_admin: 'self',
  security_admin: 'self',
  audit_admin: 'self',
  guidance_provider: 'self',
};

/** Who sees guidance events and courses: their organisers, the house's carers (attendance at the door), streets, the district. */
const GUIDANCE_READERS: Grants = {
  guidance_provider: 'provider',
  house_manager: 'house',
  carer: 'house',
  street_admin: 'street',
  district_admin: 'district',
};

export const actions = {
  /** Anyone, signed in or not: sign-in itself and the public information of DOMAIN.md §5.9. */
  'public.read': 'public',
  'auth.signIn': 'public',
  /** The development-only test API (never registered in production). */
  'test.control': 'public',
  /** The signed-in user's own session. */
  'session.self': EVERY_ROLE,

  'street.list': {
    district_admin: 'district',
    inspector: 'district',
    street_admin: 'district',
    ...STAFF_OF_HOUSE,
    system_admin: 'district',
  },
  /** House facts (no child data): inspectors see every house; the system admin needs them to place staff accounts. */
  'house.read': {
    district_admin: 'district',
    inspector: 'district',
    street_admin: 'street',
    ...STAFF_OF_HOUSE,
    system_admin: 'district',
  },
  'house.create': { street_admin: 'street' },
  'house.update': { street_admin: 'street' },
  'house.suspend': { street_admin: 'street' },
  'room.manage': { street_admin: 'street' },
  /** What the targets are measured against (T1): each street's resident children aged 1–3 and newborns, and places. */
  'population.read': { street_admin: 'street', district_admin: 'district', inspector: 'district' },
  'population.manage': { street_admin: 'street', district_admin: 'district' },
  /** A house's approved places (托额), never above its legal capacity. */
  'house.places': { street_admin: 'street' },

  /** The guardian's own family: registration, children, consent, agreement, certificates. */
  'family.readOwn': { guardian: 'family' },
  'family.manageOwn': { guardian: 'family' },
  /** 社区统一受理 (R16): the street reviews its families; the district reads. */
  'registration.read': { street_admin: 'street', district_admin: 'district' },
  'registration.decide': { street_admin: 'street' },
  /** Showing an ID number unmasked: its own action, with a reason, audited (§6). */
  'child.unmask': { street_admin: 'street' },
  /** The house's weekly schedule, closures and duty roster (the house manager). */
  'schedule.manage': { house_manager: 'house' },
  /** Sessions with their capacity and seat counts (no child data). */
  'session.read': { ...STAFF_OF_HOUSE, street_admin: 'street', district_admin: 'district' },
  /** Who is booked into a session: the children's names (a read of child data, audited). */
  'session.bookings.read': { house_manager: 'house', carer: 'house', health_staff: 'house' },
  'booking.markNoShow': { house_manager: 'house', carer: 'house', health_staff: 'house' },
  'booking.cancelByHouse': { house_manager: 'house' },
  /** The guardian's own bookings. */
  'booking.create': { guardian: 'family' },
  'booking.manageOwn': { guardian: 'family' },
  /** Staff records with qualifications, health certificates, training and criminal-record checks (R7–R10). */
  'staff.read': { house_manager: 'house', street_admin: 'street', district_admin: 'district' },
  'staff.manage': { house_manager: 'house' },
  /** The house's CCTV, alarm, insurance and facility facts with their evidence (R11, R12, R19). */
  'houseFacts.manage': { house_manager: 'house', street_admin: 'street' },
  /** Uploading a file (a certificate scan, a photo of the alarm) to attach to a staff credential or to evidence. */
  'houseFile.upload': { house_manager: 'house', street_admin: 'street' },
  /** The day's attendance: health checks, check-in and check-out (child data, audited). */
  'attendance.read': { house_manager: 'house', carer: 'house', health_staff: 'house' },
  'attendance.record': { house_manager: 'house', carer: 'house', health_staff: 'house' },
  /** Going off duty during a session and coming back (the live R5 ratio). */
  'duty.record': { house_manager: 'house', carer: 'house', health_staff: 'house' },
  /** The guardian's view of the day: check-in and check-out times, the health-check notes, the pickup code. */
  'attendance.readOwn': { guardian: 'family' },
  'pickupCode.create': { guardian: 'family' },
  'incident.read': { house_manager: 'house', carer: 'house', health_staff: 'house', street_admin: 'street', district_admin: 'district' },
  'incident.record': { house_manager: 'house', carer: 'house', health_staff: 'house' },
  /** Daily disinfection and safety-check logs (no child data: inspectors read them). */
  'dailyLog.read': { ...STAFF_OF_HOUSE, street_admin: 'street', district_admin: 'district', inspector: 'district' },
  'dailyLog.record': { house_manager: 'house', carer: 'house', health_staff: 'house' },
  /** The compliance engine's findings (R3–R12, R19) and running it on demand. */
  'compliance.read': { house_manager: 'house', street_admin: 'street', district_admin: 'district', inspector: 'district' },
  'compliance.run': { house_manager: 'house', street_admin: 'street', district_admin: 'district' },
  /** The consent text and the service agreement: the district publishes new versions. */
  'document.manage': { district_admin: 'district' },

  'policy.read': { district_admin: 'district', street_admin: 'district', house_manager: 'district', inspector: 'district' },
  'policy.update': { district_admin: 'district' },

  /** Parenting guidance (§5.4, T5): the providers besides the 宝宝屋, kept by the district. */
  'provider.read': { district_admin: 'district', street_admin: 'district', system_admin: 'district', guidance_provider: 'provider' },
  'provider.manage': { district_admin: 'district' },
  /** Guidance events and courses: a provider's 指导师 and a house's manager publish, edit and cancel their own. */
  'guidance.read': GUIDANCE_READERS,
  'guidance.manage': { guidance_provider: 'provider', house_manager: 'house' },
  /** Who is enrolled in an event, and taking attendance at the door (family data: audited). */
  'guidance.attendance': { guidance_provider: 'provider', house_manager: 'house', carer: 'house' },
  /** A course's video and images: every published course for families, drafts too for the staff who see its events. */
  'course.watch': { ...GUIDANCE_READERS, guardian: 'self' },
  /** The guardian enrols her family, cancels, accepts an offer and sees her year's progress. */
  'guidance.enrol': { guardian: 'family' },

  /** The five targets (§2): the figures per street and for the district; the lists behind them are child data. */
  'targets.read': { district_admin: 'district', inspector: 'district', street_admin: 'street' },
  'targets.people': { district_admin: 'district', street_admin: 'street' },
  /** Reminding the families behind on their free care or guidance sessions (through the outbox, once a month each). */
  'targets.nudge': { district_admin: 'district', street_admin: 'street' },

  /** The newborn register (§5.5, T4): the street keeps its own (child data: every read audited); the district reads. */
  'newborn.read': { street_admin: 'street', district_admin: 'district' },
  'newborn.manage': { street_admin: 'street' },
  /** A home visitor's caseload: the newborn families assigned to her, their visits scheduled and recorded. */
  'visit.caseload': { guidance_provider: 'self', carer: 'self', health_staff: 'self' },
  /** The family's own newborns and visits: report a newborn, confirm a visit happened, or ask for another time. */
  'visit.readOwn': { guardian: 'family' },

  /** 三员: the system admin manages accounts, the security admin security, the audit admin reads the log. */
  'user.list': { system_admin: 'system' },
  'user.manage': { system_admin: 'system' },
  'security.read': { security_admin: 'system' },
  'security.manage': { security_admin: 'system' },
  'audit.read': { audit_admin: 'system' },
} as const satisfies Record<string, Grants | 'public'>;

export type Action = keyof typeof actions;
export const allActions = Object.keys(actions) as Action[];

/** The signed-in user as every handler sees them. */
export interface Actor {
  id: string;
  role: Role;
  displayName: string;
  streetId: string | null;
  houseId: string | null;
  department: string | null;
  /** The guidance provider of a 指导师. */
  providerId: string | null;
  sessionId: string;
}

/** What a record belongs to, for the scope check. */
export interface Target {
  streetId?: string | null;
  houseId?: string | null;
  providerId?: string | null;
  userId?: string | null;
}

export function isPublic(action: Action): boolean {
  return actions[action] === 'public';
}

export function grantOf(role: Role, action: Action): ScopeKind | undefined {
  const grants = actions[action];
  if (grants === 'public') return 'district';
  return (grants as Grants)[role];
}

/** The actions a role may perform somewhere (sent to the UI so it hides what the user cannot do). */
export function actionsOf(role: Role): Action[] {
  return allActions.filter((a) => !isPublic(a) && grantOf(role, a) !== undefined);
}

/** Throws 403 unless the actor may perform the action on the target. */
export function authorize(actor: Actor, action: Action, target: Target = {}): void {
  const scope = grantOf(actor.role, action);
  if (!scope) throw new AppError(403, 'FORBIDDEN');
  if (!inScope(actor, scope, target)) throw new AppError(403, 'FORBIDDEN_SCOPE');
}

function inScope(actor: Actor, scope: ScopeKind, target: Target): boolean {
  switch (scope) {
    case 'district':
    case 'system':
      return true;
    case 'street':
      return target.streetId != null && target.streetId === actor.streetId;
    case 'house':
      return target.houseId != null && target.houseId === actor.houseId;
    case 'provider':
      return target.providerId != null && target.providerId === actor.providerId;
    case 'self':
      return target.userId == null || target.userId === actor.id;
    case 'family':
      return target.userId === actor.id;
  }
}

/** For lists: the filter that restricts rows to the actor's scope for an action. */
export type ScopeFilter =
  | { kind: 'all' }
  | { kind: 'street'; streetId: string }
  | { kind: 'house'; houseId: string }
  | { kind: 'provider'; providerId: string }
  | { kind: 'none' };

export function scopeOf(actor: Actor, action: Action): ScopeFilter {
  const scope = grantOf(actor.role, action);
  switch (scope) {
    case 'district':
    case 'system':
      return { kind: 'all' };
    case 'street':
      return actor.streetId ? { kind: 'street', streetId: actor.streetId } : { kind: 'none' };
    case 'house':
      return actor.houseId ? { kind: 'house', houseId: actor.houseId } : { kind: 'none' };
    case 'provider':
      return actor.providerId ? { kind: 'provider', providerId: actor.providerId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** Whether the actor may perform the action on the target (for the permissions sent to the UI). */
export function allowed(actor: Actor | null, action: Action, target: Target): boolean {
  if (!actor) return false;
  const scope = grantOf(actor.role, action);
  return !!scope && inScope(actor, scope, target);
}
