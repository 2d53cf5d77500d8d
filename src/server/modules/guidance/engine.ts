// The enrolment engine for guidance events (DOMAIN.md §5.4), with the booking engine's guarantees: every change to an
// event's seats happens in one transaction that first locks the event row (src/server/locks.ts), and what the rules
// read is read in statements after that lock. One live enrolment per family and event is the database's unique index;
// a retry with the same Idempotency-Key answers the first result. A freed seat is offered to the first family in
// line for `waitlist.offerHours` of waking hours (the same rule as care, `offerDeadline`).
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, EnrolmentStatus } from '../../../db/schema.ts';
import { offerDeadline } from '../../../domain/booking.ts';
import { LIVE_ENROLMENT_STATUSES, arrivingStatus, enrolmentRefusal } from '../../../domain/guidance.ts';
import { addDays, districtInstant, inDistrict, localDateOf, type Clock } from '../../../domain/time.ts';
import { formatDateTimeZh, formatDateZh } from '../../../shared/format.ts';
import { translate } from '../../../shared/i18n/index.ts';
import type { Actor } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { lockGuidanceEvent } from '../../locks.ts';
import { notifyGuardians } from '../../notify.ts';
import { holdsSeatSql } from '../bookings/queries.ts';
import { policyOn } from '../policy/service.ts';
import { familyOfGuardian } from './queries.ts';

type Trx = Transaction<DB>;
const LIVE: readonly EnrolmentStatus[] = LIVE_ENROLMENT_STATUSES;
const timeOf = (d: Date) => inDistrict(d).format('HH:mm');

/** The event row, read after its lock. */
async function lockedEvent(trx: Trx, eventId: string) {
  if (!(await lockGuidanceEvent(trx, eventId))) throw new AppError(404, 'EVENT_NOT_FOUND');
  return trx.selectFrom('guidance_event').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
}
type LockedEvent = Awaited<ReturnType<typeof lockedEvent>>;

/** Seats held (confirmed, or offered and not yet run out) and families waiting, read after the event lock. */
async function seatsOf(trx: Trx, eventId: string, now: Date) {
  const r = await trx
    .selectFrom('guidance_enrolment as g')
    .select([
      sql<number>`count(*) FILTER (WHERE ${holdsSeatSql('g', now)})`.as('held'),
      sql<number>`count(*) FILTER (WHERE g.status = 'waitlisted')`.as('waiting'),
    ])
    .where('g.event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  return { held: Number(r.held), waiting: Number(r.waiting) };
}

/** Six digits not used by another live enrolment of the event (the event is locked, so none can appear meanwhile). */
async function freshDoorCode(trx: Trx, eventId: string): Promise<string> {
  const used = new Set(
    (
      await trx
        .selectFrom('guidance_enrolment')
        .select('door_code')
        .where('event_id', '=', eventId)
        .where('status', 'in', [...LIVE])
        .execute()
    ).map((r) => r.door_code),
  );
  for (;;) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    if (!used.has(code)) return code;
  }
}

export interface EnrolmentResult {
  id: string;
  eventId: string;
  status: EnrolmentStatus;
  offeredUntil: string | null;
  doorCode: string;
}

const resultOf = (r: { id: string; event_id: string; status: EnrolmentStatus; offered_until: Date | null; door_code: string }) => ({
  id: r.id,
  eventId: r.event_id,
  status: r.status,
  offeredUntil: r.offered_until ? new Date(r.offered_until).toISOString() : null,
  doorCode: r.door_code,
});

/** The guardian enrols her family: a seat when one is free (and nobody waits for it), else a place in line. */
export async function enrol(
  db: Kysely<DB>,
  clock: Clock,
  req: { eventId: string; actor: Actor; idempotencyKey: string | null; source: AuditSource },
): Promise<EnrolmentResult & { created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const e = await lockedEvent(trx, req.eventId);
    // Read after the lock: a retry with the same key that committed first is seen here.
    if (req.idempotencyKey) {
      const earlier = await trx
        .selectFrom('guidance_enrolment')
        .select(['id', 'event_id', 'status', 'offered_until', 'door_code'])
        .where('created_by', '=', req.actor.id)
        .where('idempotency_key', '=', req.idempotencyKey)
        .executeTakeFirst();
      if (earlier) {
        if (earlier.event_id !== e.id) throw new AppError(409, 'IDEMPOTENCY_KEY_REUSED');
        return { ...resultOf(earlier), created: false };
      }
    }
    const family = await familyOfGuardian(trx, req.actor.id);
    if (!family) throw new AppError(404, 'FAMILY_NOT_FOUND');
    if (family.status !== 'accepted') throw new AppError(422, 'FAMILY_NOT_ACCEPTED');
    const refusal = enrolmentRefusal(
      { status: e.status, startsAt: new Date(e.starts_at), date: e.date, minAgeMonths: e.min_age_months, maxAgeMonths: e.max_age_months },
      family.birth_dates,
      now,
    );
    if (refusal === 'NO_CHILD_OF_AGE') throw new AppError(422, refusal, { min: e.min_age_months, max: e.max_age_months });
    if (refusal) throw new AppError(409, refusal);
    const live = await trx
      .selectFrom('guidance_enrolment')
      .select('id')
      .where('event_id', '=', e.id)
      .where('family_id', '=', family.id)
      .where('status', 'in', [...LIVE])
      .executeTakeFirst();
    if (live) throw new AppError(409, 'ALREADY_ENROLLED');
    const seats = await seatsOf(trx, e.id, now);
    const status = arrivingStatus(seats.held, e.seats, seats.waiting > 0);
    const row = await trx
      .insertInto('guidance_enrolment')
      .values({
        event_id: e.id,
        family_id: family.id,
        status,
        door_code: await freshDoorCode(trx, e.id),
        idempotency_key: req.idempotencyKey,
        created_by: req.actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'event_id', 'status', 'offered_until', 'door_code'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, clock, req.source, {
      action: status === 'confirmed' ? 'guidance.enrol' : 'guidance.waitlist',
      entityType: 'guidance_event',
      entityId: e.id,
      detail: { familyId: family.id, enrolmentId: row.id },
    });
    return { ...resultOf(row), created: true };
  });
}

/** The enrolment and its event, the event locked first; 404 unless it is the guardian's own. */
async function ownEnrolment(trx: Trx, enrolmentId: string, actor: Actor) {
  const head = await trx
    .selectFrom('guidance_enrolment as g')
    .innerJoin('family as f', 'f.id', 'g.family_id')
    .select(['g.event_id', 'f.guardian_user_id'])
    .where('g.id', '=', enrolmentId)
    .executeTakeFirst();
  if (!head || head.guardian_user_id !== actor.id) throw new AppError(404, 'ENROLMENT_NOT_FOUND');
  const e = await lockedEvent(trx, head.event_id);
  const g = await trx.selectFrom('guidance_enrolment').selectAll().where('id', '=', enrolmentId).executeTakeFirstOrThrow();
  return { e, g };
}

/** The guardian cancels her enrolment (before the start); a seat it held goes to the first in line. */
export async function withdraw(db: Kysely<DB>, clock: Clock, req: { enrolmentId: string; actor: Actor; source: AuditSource }) {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const { e, g } = await ownEnrolment(trx, req.enrolmentId, req.actor);
    if (!LIVE.includes(g.status)) throw new AppError(409, 'ENROLMENT_NOT_CANCELLABLE');
    if (new Date(e.starts_at).getTime() <= now.getTime()) throw new AppError(409, 'EVENT_STARTED');
    await trx
      .updateTable('guidance_enrolment')
      .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
      .where('id', '=', g.id)
      .execute();
    await writeAudit(trx, clock, req.source, {
      action: 'guidance.withdraw',
      entityType: 'guidance_event',
      entityId: e.id,
      detail: { familyId: g.family_id, enrolmentId: g.id },
    });
    await offerFreedSeats(trx, clock, e, req.source);
    return { id: g.id, status: 'cancelled' as const };
  });
}

/** The family offered a freed seat takes it (before the offer runs out and the event starts). */
export async function acceptOffer(db: Kysely<DB>, clock: Clock, req: { enrolmentId: string; actor: Actor; source: AuditSource }) {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const { e, g } = await ownEnrolment(trx, req.enrolmentId, req.actor);
    if (g.status !== 'offered' || !g.offered_until || new Date(g.offered_until) <= now) throw new AppError(409, 'OFFER_NOT_OPEN');
    if (e.status !== 'published') throw new AppError(409, 'EVENT_CANCELLED');
    const row = await trx
      .updateTable('guidance_enrolment')
      .set({ status: 'confirmed', offered_until: null, updated_at: now })
      .where('id', '=', g.id)
      .returning(['id', 'event_id', 'status', 'offered_until', 'door_code'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, clock, req.source, {
      action: 'guidance.acceptOffer',
      entityType: 'guidance_event',
      entityId: e.id,
      detail: { familyId: g.family_id, enrolmentId: g.id },
    });
    return resultOf(row);
  });
}

/** Offers the event's free seats to the families first in line (called under the event lock). */
async function offerFreedSeats(trx: Trx, clock: Clock, e: LockedEvent, source: AuditSource): Promise<void> {
  const now = clock.now();
  if (e.status !== 'published' || new Date(e.starts_at).getTime() <= now.getTime()) return;
  const { held } = await seatsOf(trx, e.id, now);
  const free = e.seats - held;
  if (free <= 0) return;
  const next = await trx
    .selectFrom('guidance_enrolment as g')
    .innerJoin('family as f', 'f.id', 'g.family_id')
    .select(['g.id', 'g.family_id', 'f.guardian_user_id'])
    .where('g.event_id', '=', e.id)
    .where('g.status', '=', 'waitlisted')
    .orderBy('g.queue_position')
    .limit(free)
    .execute();
  if (!next.length) return;
  const policy = await policyOn(trx, e.date);
  const until = offerDeadline(now, new Date(e.starts_at), policy);
  await trx
    .updateTable('guidance_enrolment')
    .set({ status: 'offered', offered_until: until, updated_at: now })
    .where(
      'id',
      'in',
      next.map((n) => n.id),
    )
    .execute();
  await notifyGuardians(
    trx,
    clock,
    'guidanceOffer',
    next.map((n) => ({
      guardianUserId: n.guardian_user_id,
      params: { title: e.title, date: formatDateZh(e.date), time: timeOf(new Date(e.starts_at)), until: formatDateTimeZh(until) },
    })),
  );
  for (const n of next)
    await writeAudit(trx, clock, source, {
      action: 'guidance.offer',
      entityType: 'guidance_event',
      entityId: e.id,
      detail: { familyId: n.family_id, enrolmentId: n.id, until: until.toISOString() },
    });
}

/** The job: offers that ran out are expired and their seats offered on, one event at a time (safe with any number of processes). */
export async function expireGuidanceOffers(db: Kysely<DB>, clock: Clock): Promise<number> {
  const now = clock.now();
  const events = await db
    .selectFrom('guidance_enrolment')
    .select('event_id')
    .distinct()
    .where('status', '=', 'offered')
    .where('offered_until', '<=', now)
    .limit(100)
    .execute();
  let expired = 0;
  for (const { event_id } of events) {
    expired += await db.transaction().execute(async (trx) => {
      const e = await lockedEvent(trx, event_id);
      const gone = await trx
        .updateTable('guidance_enrolment')
        .set({ status: 'expired', updated_at: now })
        .where('event_id', '=', e.id)
        .where('status', '=', 'offered')
        .where('offered_until', '<=', now)
        .returning(['id', 'family_id'])
        .execute();
      const system: AuditSource = { actor: null };
      for (const g of gone)
        await writeAudit(trx, clock, system, {
          action: 'guidance.offerExpired',
          entityType: 'guidance_event',
          entityId: e.id,
          detail: { familyId: g.family_id, enrolmentId: g.id },
        });
      await offerFreedSeats(trx, clock, e, system);
      return gone.length;
    });
  }
  return expired;
}

/** Attendance is taken on the event's day, from an hour before the start. */
function attendanceOpen(e: LockedEvent, now: Date): boolean {
  const opens = new Date(e.starts_at).getTime() - 3600_000;
  return now.getTime() >= opens && now.getTime() < districtInstant(addDays(e.date, 1)).getTime();
}

/**
 * The organiser ticks a family on the list, or the family shows its door code. Recorded once: a second tick of the
 * same family answers the first record.
 */
export async function recordAttendance(
  db: Kysely<DB>,
  clock: Clock,
  req: { eventId: string; enrolmentId?: string; code?: string; actor: Actor; source: AuditSource; authorize: (e: LockedEvent) => void },
) {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const e = await lockedEvent(trx, req.eventId);
    req.authorize(e);
    if (e.status !== 'published') throw new AppError(409, 'EVENT_CANCELLED');
    if (!attendanceOpen(e, now)) throw new AppError(409, 'ATTENDANCE_NOT_OPEN');
    let q = trx
      .selectFrom('guidance_enrolment')
      .selectAll()
      .where('event_id', '=', e.id)
      .where('status', 'in', [...LIVE]);
    q = req.enrolmentId ? q.where('id', '=', req.enrolmentId) : q.where('door_code', '=', req.code ?? '');
    const g = await q.executeTakeFirst();
    if (!g) throw new AppError(404, req.code ? 'DOOR_CODE_UNKNOWN' : 'ENROLMENT_NOT_FOUND');
    if (g.status !== 'confirmed') throw new AppError(409, 'ENROLMENT_NOT_CONFIRMED');
    if (g.attended_at) return { id: g.id, familyId: g.family_id, attendedAt: new Date(g.attended_at).toISOString(), already: true };
    const method = req.code ? ('code' as const) : ('list' as const);
    await trx
      .updateTable('guidance_enrolment')
      .set({ attended_at: now, attended_by: req.actor.id, attendance_method: method, updated_at: now })
      .where('id', '=', g.id)
      .execute();
    await writeAudit(trx, clock, req.source, {
      action: 'guidance.attend',
      entityType: 'guidance_event',
      entityId: e.id,
      detail: { familyId: g.family_id, enrolmentId: g.id, method },
    });
    return { id: g.id, familyId: g.family_id, attendedAt: now.toISOString(), already: false };
  });
}

/** The organiser calls an event off: every live enrolment is cancelled and each family told (always). */
export async function cancelEvent(
  db: Kysely<DB>,
  clock: Clock,
  req: { eventId: string; reason: string; source: AuditSource; authorize: (e: LockedEvent) => void },
) {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const e = await lockedEvent(trx, req.eventId);
    req.authorize(e);
    if (e.status === 'cancelled') return { cancelled: 0 };
    if (new Date(e.starts_at).getTime() <= now.getTime()) throw new AppError(409, 'EVENT_STARTED');
    await trx
      .updateTable('guidance_event')
      .set({ status: 'cancelled', cancel_reason: req.reason, updated_at: now })
      .where('id', '=', e.id)
      .execute();
    const gone = await trx
      .updateTable('guidance_enrolment as g')
      .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
      .from('family as f')
      .whereRef('f.id', '=', 'g.family_id')
      .where('g.event_id', '=', e.id)
      .where('g.status', 'in', [...LIVE])
      .returning(['g.id', 'f.guardian_user_id'])
      .execute();
    const params = { title: e.title, date: formatDateZh(e.date), time: timeOf(new Date(e.starts_at)), reason: req.reason };
    await notifyGuardians(
      trx,
      clock,
      'guidanceCancelled',
      gone.map((g) => ({ guardianUserId: g.guardian_user_id, params })),
    );
    await writeAudit(trx, clock, req.source, {
      action: 'guidance.cancel',
      entityType: 'guidance_event',
      entityId: e.id,
      detail: { reason: req.reason, count: gone.length },
    });
    return { cancelled: gone.length };
  });
}

/** The organiser changes an event: the seats may not fall below the families holding one; more seats are offered on. */
export async function changeSeats(trx: Trx, clock: Clock, eventId: string, seats: number, source: AuditSource) {
  const e = await lockedEvent(trx, eventId);
  const { held } = await seatsOf(trx, e.id, clock.now());
  if (seats < held) throw new AppError(422, 'EVENT_SEATS_BELOW_ENROLLED', { n: held });
  await trx.updateTable('guidance_event').set({ seats, updated_at: clock.now() }).where('id', '=', e.id).execute();
  await offerFreedSeats(trx, clock, { ...e, seats }, source);
}

/** The job: reminders the day before (from the configured hour), once per confirmed enrolment. */
export async function sendGuidanceReminders(db: Kysely<DB>, clock: Clock): Promise<number> {
  const now = clock.now();
  const tomorrow = addDays(localDateOf(now), 1);
  const policy = await policyOn(db, tomorrow);
  if (inDistrict(now).hour() < policy['reminder.hourOfDayBefore']) return 0;
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('guidance_enrolment as g')
      .innerJoin('guidance_event as e', 'e.id', 'g.event_id')
      .innerJoin('family as f', 'f.id', 'g.family_id')
      .select(['g.id', 'g.door_code', 'e.title', 'e.starts_at', 'e.mode', 'e.place', 'f.guardian_user_id'])
      .where('g.status', '=', 'confirmed')
      .where('g.reminded_at', 'is', null)
      .where('e.date', '=', tomorrow)
      .where('e.status', '=', 'published')
      .forUpdate('g')
      .skipLocked()
      .limit(500)
      .execute();
    if (!due.length) return 0;
    await notifyGuardians(
      trx,
      clock,
      'guidanceReminder',
      due.map((r) => ({
        guardianUserId: r.guardian_user_id,
        params: {
          title: r.title,
          time: timeOf(new Date(r.starts_at)),
          place: r.place ?? translate('zh-CN', 'sms.onlinePlace'),
          code: r.door_code,
        },
      })),
    );
    await trx
      .updateTable('guidance_enrolment')
      .set({ reminded_at: now })
      .where(
        'id',
        'in',
        due.map((r) => r.id),
      )
      .execute();
    return due.length;
  });
}
