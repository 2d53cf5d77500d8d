// Parenting guidance (DOMAIN.md §5.4, target T5) as pure rules: who may enrol in an event, what an enrolment is
// given when it arrives, when a live session's link is shown, and how a family's year is counted.
import { ageInMonths, localDateOf, type LocalDate } from './time.ts';
import type { PolicyValues } from './policy.ts';

/** Enrolments that still count for the family and hold their place in the event's queue. */
export const LIVE_ENROLMENT_STATUSES = ['confirmed', 'waitlisted', 'offered'] as const;

export type GuidanceRefusal = 'EVENT_CANCELLED' | 'EVENT_STARTED' | 'NO_CHILD_OF_AGE';

/**
 * Whether a family may enrol at `now`: the event is published and has not begun, and (when a child comes along) one of
 * the family's accepted children is within the event's age band on its date. An event for parents alone is open to
 * any family with a child of 0–3.
 */
export function enrolmentRefusal(
  event: { status: string; startsAt: Date; date: LocalDate; minAgeMonths: number; maxAgeMonths: number },
  birthDates: readonly LocalDate[],
  now: Date,
): GuidanceRefusal | null {
  if (event.status !== 'published') return 'EVENT_CANCELLED';
  if (event.startsAt.getTime() <= now.getTime()) return 'EVENT_STARTED';
  const ofAge = birthDates.some((b) => {
    const months = ageInMonths(b, event.date);
    return months >= event.minAgeMonths && months <= event.maxAgeMonths;
  });
  return ofAge ? null : 'NO_CHILD_OF_AGE';
}

/** A new enrolment takes a free seat, or a place on the waiting list when the seats are taken. */
export function arrivingStatus(seatsTaken: number, seats: number, someoneWaiting: boolean): 'confirmed' | 'waitlisted' {
  return seatsTaken < seats && !someoneWaiting ? 'confirmed' : 'waitlisted';
}

/** A live online session's link is shown to a confirmed family from `guidance.linkMinutesBefore` before the start to its end. */
export function meetingLinkShown(
  event: { mode: string; startsAt: Date; endsAt: Date },
  status: string,
  now: Date,
  policy: Pick<PolicyValues, 'guidance.linkMinutesBefore'>,
): boolean {
  if (event.mode !== 'online' || status !== 'confirmed') return false;
  const from = event.startsAt.getTime() - policy['guidance.linkMinutesBefore'] * 60_000;
  return now.getTime() >= from && now.getTime() < event.endsAt.getTime();
}

/** One thing a family took part in: an event it attended, or a course it completed. */
export interface GuidanceTaken {
  /** The event (or course) — counted once however many records name it. */
  id: string;
  /** When it happened (the event's start; a course's completion). */
  at: Date;
  /** The event was cancelled: an attendance recorded on it does not count. */
  cancelled?: boolean;
}

/**
 * T5: how many guidance sessions a family took part in during a district-local year — each event once (twins come
 * to one event as one family), cancelled events not at all.
 */
export function guidanceCount(taken: readonly GuidanceTaken[], year: number): number {
  const ids = new Set<string>();
  for (const g of taken) {
    if (g.cancelled) continue;
    if (Number(localDateOf(g.at).slice(0, 4)) !== year) continue;
    ids.add(g.id);
  }
  return ids.size;
}

/** The family's year against the T5 target (`guidance.sessionsPerYear`, default 10). */
export function guidanceProgress(taken: readonly GuidanceTaken[], year: number, policy: Pick<PolicyValues, 'guidance.sessionsPerYear'>) {
  const done = guidanceCount(taken, year);
  const target = policy['guidance.sessionsPerYear'];
  return { year, done, target, reached: done >= target };
}

/** What of an event its families rely on: when it is, on site or online, and where or by which link. */
export interface EventEssentials {
  mode: 'offline' | 'online';
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  meetingUrl: string | null;
}

/** A change the enrolled families are told of. */
export type EventChange = 'time' | 'mode' | 'place' | 'meetingUrl';

const same = (a: string | null, b: string | null) => (a ?? '').trim() === (b ?? '').trim();

/**
 * The changes to an event that a family with a live enrolment must be told of: the time (start or end), on site or
 * online, the place of an event on site, the link of one online (a new mode brings its new place or link). A new
 * title, description, age band or number of seats changes nothing the family relies on: none.
 */
export function changesFamiliesNeed(before: EventEssentials, after: EventEssentials): EventChange[] {
  const out: EventChange[] = [];
  if (before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime()) out.push('time');
  if (before.mode !== after.mode) out.push('mode');
  if (after.mode === 'offline' && (before.mode !== 'offline' || !same(before.place, after.place))) out.push('place');
  if (after.mode === 'online' && (before.mode !== 'online' || !same(before.meetingUrl, after.meetingUrl))) out.push('meetingUrl');
  return out;
}
