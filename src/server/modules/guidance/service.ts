// The guidance module's workflows besides enrolment (engine.ts): providers, publishing and changing events, the
// roster at the door (an audited read of family data) and a family's year against T5.
import type { Kysely } from 'kysely';
import type { DB, GuidanceMode, GuidanceProviderKind, OpeningHours } from '../../../db/schema.ts';
import {
  changesFamiliesNeed,
  guidanceProgress,
  meetingLinkShown,
  type EventChange,
  type EventEssentials,
} from '../../../domain/guidance.ts';
import { districtInstant, inDistrict, localDateOf, type Clock, type LocalDate } from '../../../domain/time.ts';
import { formatDateZh, maskPhone } from '../../../shared/format.ts';
import { translate } from '../../../shared/i18n/index.ts';
import { authorize, type Actor } from '../../access.ts';
import { notifyGuardians } from '../../notify.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { AppError, isUniqueViolation, unprocessable } from '../../errors.ts';
import { lockGuidanceEvent } from '../../locks.ts';
import type { ErrorCode } from '../../../shared/i18n/index.ts';
import { validOpeningHours } from '../houses/service.ts';
import { policyOn } from '../policy/service.ts';
import { changeSeats } from './engine.ts';
import { completedCourses } from '../courses/queries.ts';
import * as q from './queries.ts';

type EventRow = q.EventRow;
const timeOf = (d: Date) => inDistrict(d).format('HH:mm');

/** Who an event (or a course) belongs to, for the scope check: a provider's, or a house's. */
export const targetOfEvent = (e: { provider_id: string | null; house_id: string | null; street_id: string }) => ({
  providerId: e.provider_id,
  houseId: e.house_id,
  streetId: e.street_id,
});

export function eventOut(e: EventRow) {
  const held = Number(e.held);
  return {
    id: e.id,
    title: e.title,
    topic: e.topic,
    topicName: e.topic_name,
    organiser: e.organiser,
    organiserKind: e.provider_id ? ('provider' as const) : ('house' as const),
    organiserHours: e.organiser_hours ?? [],
    providerId: e.provider_id,
    houseId: e.house_id,
    streetId: e.street_id,
    streetName: e.street_name,
    minAgeMonths: e.min_age_months,
    maxAgeMonths: e.max_age_months,
    leader: e.leader,
    description: e.description,
    mode: e.mode,
    place: e.mode === 'offline' ? (e.place ?? e.organiser_address) : null,
    date: e.date,
    startsAt: new Date(e.starts_at).toISOString(),
    endsAt: new Date(e.ends_at).toISOString(),
    seats: e.seats,
    seatsLeft: Math.max(0, e.seats - held),
    waiting: Number(e.waiting),
    attended: Number(e.attended),
    childComes: e.child_comes,
    status: e.status,
    cancelReason: e.cancel_reason,
  };
}

export interface ProviderInput {
  kind: GuidanceProviderKind;
  name: string;
  streetId: string;
  address: string;
  phone: string | null;
  openingHours: OpeningHours[];
  status?: 'active' | 'disabled';
}

export async function saveProvider(db: Kysely<DB>, clock: Clock, source: AuditSource, id: string | null, input: ProviderInput) {
  const street = await db.selectFrom('street').select('id').where('id', '=', input.streetId).executeTakeFirst();
  if (!street) throw unprocessable('STREET_NOT_FOUND', 'body.streetId');
  const values = {
    kind: input.kind,
    name: input.name,
    street_id: input.streetId,
    address: input.address,
    phone: input.phone,
    // The same rule as a house's: each day once, closing after opening (422 on body.openingHours).
    opening_hours: JSON.stringify(validOpeningHours(input.openingHours)),
    ...(input.status ? { status: input.status } : {}),
    updated_at: clock.now(),
  };
  try {
    return await db.transaction().execute(async (trx) => {
      const row = id
        ? await trx.updateTable('guidance_provider').set(values).where('id', '=', id).returning('id').executeTakeFirst()
        : await trx.insertInto('guidance_provider').values(values).returning('id').executeTakeFirstOrThrow();
      if (!row) throw new AppError(404, 'PROVIDER_NOT_FOUND');
      await writeAudit(trx, clock, source, {
        action: id ? 'provider.update' : 'provider.create',
        entityType: 'guidance_provider',
        entityId: row.id,
        detail: { kind: input.kind, streetId: input.streetId },
      });
      return row.id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'guidance_provider_name')) throw new AppError(409, 'PROVIDER_NAME_TAKEN');
    throw err;
  }
}

export interface EventInput {
  title: string;
  topic: string;
  minAgeMonths: number;
  maxAgeMonths: number;
  leader: string;
  description: string;
  mode: GuidanceMode;
  place: string | null;
  meetingUrl: string | null;
  date: LocalDate;
  startTime: string;
  endTime: string;
  seats: number;
  childComes: boolean;
}

/** The rules an event's fields must meet, each naming its field. */
async function checkEvent(db: Kysely<DB>, now: Date, input: EventInput, isNew: boolean) {
  const startsAt = districtInstant(input.date, input.startTime);
  const endsAt = districtInstant(input.date, input.endTime);
  const bad = (code: ErrorCode, field: string) => unprocessable(code, `body.${field}`);
  if (endsAt <= startsAt || (isNew && startsAt <= now)) throw bad('EVENT_TIMES_INVALID', isNew && startsAt <= now ? 'date' : 'endTime');
  if (input.maxAgeMonths < input.minAgeMonths) throw bad('EVENT_AGE_INVALID', 'maxAgeMonths');
  if (input.mode === 'offline' && !input.place?.trim()) throw bad('EVENT_PLACE_REQUIRED', 'place');
  if (input.mode === 'online' && !/^https:\/\/\S+$/.test(input.meetingUrl ?? '')) throw bad('EVENT_LINK_REQUIRED', 'meetingUrl');
  const topicName = await q.activeTopicName(db, input.topic);
  if (!topicName) throw bad('TOPIC_NOT_FOUND', 'topic');
  return { startsAt, endsAt, topicName };
}

const eventValues = (input: EventInput, startsAt: Date, endsAt: Date) => ({
  title: input.title,
  topic: input.topic,
  min_age_months: input.minAgeMonths,
  max_age_months: input.maxAgeMonths,
  leader: input.leader,
  description: input.description,
  mode: input.mode,
  place: input.mode === 'offline' ? input.place : null,
  meeting_url: input.mode === 'online' ? input.meetingUrl : null,
  date: input.date,
  starts_at: startsAt,
  ends_at: endsAt,
  child_comes: input.childComes,
});

/** Who organises what the actor publishes (an event, a course): a 指导师 her provider, a house manager his house. */
export async function organiserOf(
  db: Kysely<DB>,
  actor: Actor,
): Promise<{ provider_id: string | null; house_id: string | null; street_id: string }> {
  if (actor.role === 'guidance_provider' && actor.providerId) {
    const p = await q.providerById(db, actor.providerId);
    if (!p || p.status !== 'active') throw new AppError(404, 'PROVIDER_NOT_FOUND');
    return { provider_id: p.id, house_id: null, street_id: p.street_id };
  }
  if (actor.role === 'house_manager' && actor.houseId) {
    const h = await db.selectFrom('house').select(['id', 'street_id']).where('id', '=', actor.houseId).executeTakeFirstOrThrow();
    return { provider_id: null, house_id: h.id, street_id: h.street_id };
  }
  throw new AppError(403, 'FORBIDDEN');
}

/** A 指导师 publishes for her provider, a house manager for his house. */
export async function publishEvent(db: Kysely<DB>, clock: Clock, source: AuditSource & { actor: Actor }, input: EventInput) {
  const actor = source.actor;
  const now = clock.now();
  const { startsAt, endsAt, topicName } = await checkEvent(db, now, input, true);
  const owner = await organiserOf(db, actor);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('guidance_event')
      .values({
        ...owner,
        ...eventValues(input, startsAt, endsAt),
        seats: input.seats,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, clock, source, {
      action: 'guidance.publish',
      entityType: 'guidance_event',
      entityId: row.id,
      // The topic by the name the catalogue had then (the district may rename it later).
      detail: { topicName, mode: input.mode, date: input.date, seats: input.seats },
    });
    return row.id;
  });
}

/** The event before a change: 404, the organiser's scope, still to come and not cancelled. */
async function changeableEvent(db: Kysely<DB>, now: Date, actor: Actor, id: string) {
  const before = await db.selectFrom('guidance_event').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError(404, 'EVENT_NOT_FOUND');
  authorize(actor, 'guidance.manage', targetOfEvent(before));
  if (before.status !== 'published') throw new AppError(409, 'EVENT_CANCELLED');
  if (new Date(before.starts_at) <= now) throw new AppError(409, 'EVENT_STARTED');
  return before;
}

type StoredEvent = { mode: GuidanceMode; starts_at: Date; ends_at: Date; place: string | null; meeting_url: string | null };
const essentialsOf = (e: StoredEvent): EventEssentials => ({
  mode: e.mode,
  startsAt: new Date(e.starts_at),
  endsAt: new Date(e.ends_at),
  place: e.place,
  meetingUrl: e.meeting_url,
});
const essentialsIn = (input: EventInput, startsAt: Date, endsAt: Date): EventEssentials => ({
  mode: input.mode,
  startsAt,
  endsAt,
  place: input.mode === 'offline' ? input.place : null,
  meetingUrl: input.mode === 'online' ? input.meetingUrl : null,
});

/** What changed, in the words of the SMS: '时间改为 2026年12月8日 周二 09:30–10:30,地点:早教中心二楼'. */
function changeWords(changes: readonly EventChange[], after: EventEssentials, date: LocalDate): string {
  const s = (key: string, params?: Record<string, string>) => translate('zh-CN', `sms.guidanceChange.${key}`, params);
  const place = after.place?.trim() ?? '';
  const parts: string[] = [];
  if (changes.includes('time')) parts.push(s('time', { when: `${formatDateZh(date)} ${timeOf(after.startsAt)}–${timeOf(after.endsAt)}` }));
  if (changes.includes('mode')) parts.push(after.mode === 'online' ? s('online') : s('offline', { place }));
  else if (changes.includes('place')) parts.push(s('place', { place }));
  else if (changes.includes('meetingUrl')) parts.push(s('link'));
  else if (after.mode === 'offline') parts.push(s('where', { place }));
  if (after.mode === 'online') parts.push(s('liveHint'));
  return parts.join(',');
}

/**
 * What saving `input` would change that the enrolled families are told of, and how many families that is: the
 * console asks before saving, to warn the organiser. The same checks as the change itself.
 */
export async function previewEventChange(db: Kysely<DB>, clock: Clock, actor: Actor, id: string, input: EventInput) {
  const now = clock.now();
  const before = await changeableEvent(db, now, actor, id);
  const { startsAt, endsAt } = await checkEvent(db, now, input, true);
  const changes = changesFamiliesNeed(essentialsOf(before), essentialsIn(input, startsAt, endsAt));
  return { changes, families: changes.length ? (await q.liveEnrolments(db, id)).length : 0 };
}

/**
 * Changes an event that has not started; the seats through the engine (never below the families holding one). When
 * the change is one the families rely on (changesFamiliesNeed), every family with a live enrolment is told by SMS in
 * the same transaction — always, like a cancellation (GUARDIAN_NOTICES.guidanceChanged is not optional).
 */
export async function updateEvent(db: Kysely<DB>, clock: Clock, source: AuditSource & { actor: Actor }, id: string, input: EventInput) {
  const now = clock.now();
  await changeableEvent(db, now, source.actor, id);
  const { startsAt, endsAt } = await checkEvent(db, now, input, true);
  await db.transaction().execute(async (trx) => {
    if (!(await lockGuidanceEvent(trx, id))) throw new AppError(404, 'EVENT_NOT_FOUND');
    // Read after the lock: the event as this change finds it.
    const locked = await trx.selectFrom('guidance_event').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (locked.status !== 'published') throw new AppError(409, 'EVENT_CANCELLED');
    const after = essentialsIn(input, startsAt, endsAt);
    const changes = changesFamiliesNeed(essentialsOf(locked), after);
    await trx
      .updateTable('guidance_event')
      .set({ ...eventValues(input, startsAt, endsAt), updated_at: now })
      .where('id', '=', id)
      .execute();
    // Then the seats (under the same lock): a seat offered on is offered at the new time.
    await changeSeats(trx, clock, id, input.seats, source);
    let notified = 0;
    if (changes.length) {
      const families = await q.liveEnrolments(trx, id);
      // The event by the title the families enrolled under.
      const params = { title: locked.title, changes: changeWords(changes, after, input.date) };
      notified = await notifyGuardians(
        trx,
        clock,
        'guidanceChanged',
        families.map((f) => ({ guardianUserId: f.guardian_user_id, params })),
      );
    }
    await writeAudit(trx, clock, source, {
      action: 'guidance.update',
      entityType: 'guidance_event',
      entityId: id,
      detail: { date: input.date, seats: input.seats, ...(changes.length ? { changed: changes, notified } : {}) },
    });
  });
}

/** The families enrolled in an event, for the organiser at the door: an audited read of family data. */
export async function readRoster(db: Kysely<DB>, clock: Clock, source: AuditSource & { actor: Actor }, eventId: string) {
  const e = await q.eventById(db, clock.now(), eventId);
  if (!e) throw new AppError(404, 'EVENT_NOT_FOUND');
  authorize(source.actor, 'guidance.attendance', targetOfEvent(e));
  const rows = await q.eventRoster(db, eventId);
  await writeAudit(db, clock, source, {
    action: 'guidance.roster.read',
    entityType: 'guidance_event',
    entityId: eventId,
    detail: { familyIds: rows.map((r) => r.family_id) },
  });
  return {
    event: eventOut(e),
    enrolments: rows.map((r) => ({
      id: r.id,
      familyId: r.family_id,
      status: r.status,
      offeredUntil: r.offered_until ? new Date(r.offered_until).toISOString() : null,
      guardianName: r.guardian_name,
      phone: r.phone ? maskPhone(r.phone) : null,
      children: r.children,
      attendedAt: r.attended_at ? new Date(r.attended_at).toISOString() : null,
      attendanceMethod: r.attendance_method,
    })),
  };
}

/** The guardian's guidance: her year against T5 (events attended, courses completed) and her enrolments (the meeting link only when it is due). */
export async function familyGuidance(db: Kysely<DB>, clock: Clock, guardianUserId: string, year: number) {
  const now = clock.now();
  const family = await q.familyOfGuardian(db, guardianUserId);
  const policy = await policyOn(db, localDateOf(now));
  const empty = { progress: guidanceProgress([], year, policy), enrolments: [] };
  if (!family) return empty;
  const from = `${year}-01-01`;
  const [attended, completed, rows] = await Promise.all([
    q.attendedEvents(db, family.id, from),
    completedCourses(db, family.id, districtInstant(from, '00:00')),
    q.familyEnrolments(db, now, family.id, from),
  ]);
  const progress = guidanceProgress(
    [
      ...attended.map((a) => ({ id: a.id, at: new Date(a.starts_at), cancelled: a.status === 'cancelled' })),
      ...completed.map((c) => ({ id: c.course_id, at: new Date(c.completed_at!) })),
    ],
    year,
    policy,
  );
  return {
    progress,
    enrolments: rows.map((r) => {
      const event = eventOut(r);
      const shown = meetingLinkShown(
        { mode: r.mode, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) },
        r.enrolment_status,
        now,
        policy,
      );
      return {
        id: r.enrolment_id,
        status: r.enrolment_status,
        offeredUntil: r.offered_until ? new Date(r.offered_until).toISOString() : null,
        queuePosition: r.waiting_rank === null ? null : Number(r.waiting_rank),
        doorCode: ['confirmed', 'offered', 'waitlisted'].includes(r.enrolment_status) ? r.door_code : null,
        attendedAt: r.attended_at ? new Date(r.attended_at).toISOString() : null,
        meetingUrl: shown ? r.meeting_url : null,
        event,
      };
    }),
  };
}
