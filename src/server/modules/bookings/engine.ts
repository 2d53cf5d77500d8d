// The booking engine (DOMAIN.md §4). Every change to a session's seats happens inside one transaction that first
// locks the session row (pretix's rule: never check-then-insert), then the child row, then the booking — always in
// that order and only through src/server/locks.ts, so concurrent transactions cannot deadlock. What the rules read
// is read in statements after those locks. The database's exclusion constraint is the last word on overlaps.
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { BookingStatus, DB } from '../../../db/schema.ts';
import {
  LIVE_BOOKING_STATUSES,
  SEAT_HOLDING_STATUSES,
  bookingOpensAt,
  ownStreetPriorityUntil,
  entitlementFromLedgerSum,
  entitlementOf,
  holdsSeat,
  isTimelyCancellation,
  offerDeadline,
  sessionPriceFen,
  suspensionAfterNoShow,
} from '../../../domain/booking.ts';
import type { PolicyValues } from '../../../domain/policy.ts';
import { inDistrict, type Clock } from '../../../domain/time.ts';
import { formatDateTimeZh, formatDateZh, formatYuan } from '../../../shared/format.ts';
import { translate, type Locale } from '../../../shared/i18n/index.ts';
import type { AuditAction } from '../../../shared/auditActions.ts';
import type { Actor } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { enqueueMessage } from '../../outbox.ts';
import { notifyGuardian, notifyGuardians } from '../../notify.ts';
import { lockBooking, lockChild, lockSession } from '../../locks.ts';
import { holdsSeatSql, publicSessions, sessionBookings } from './queries.ts';
import { childEligibility } from '../../../domain/eligibility.ts';
import { eligibilityRulesFrom } from '../families/service.ts';
import { POLICY_ROWS_AS_JSON, policiesOn, policyFromRows, policyOn } from '../policy/service.ts';

type Trx = Transaction<DB>;
const LIVE: readonly BookingStatus[] = LIVE_BOOKING_STATUSES;

export interface BookingResult {
  id: string;
  status: BookingStatus;
  free: boolean;
  priceFen: number;
  offeredUntil: string | null;
  /** True when an earlier request with the same Idempotency-Key made this booking. */
  replayed: boolean;
}

interface LockedSession {
  id: string;
  house_id: string;
  house_name: string;
  house_status: string;
  street_id: string;
  date: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  capacity: number;
  hourly_price_fen: number;
}

type EarlierBooking = {
  id: string;
  session_id: string;
  child_id: string;
  status: BookingStatus;
  free: boolean;
  price_fen: number;
  offered_until: Date | null;
};

/** The session and its house, read in a statement after the session row is locked (so it sees what the last holder committed). */
async function sessionRow(trx: Trx, sessionId: string): Promise<LockedSession> {
  const s = await trx
    .selectFrom('care_session as s')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .select([
      's.id',
      's.house_id',
      'h.name as house_name',
      'h.status as house_status',
      'h.street_id',
      's.date',
      's.starts_at',
      's.ends_at',
      's.status',
      's.capacity',
      'h.hourly_price_fen',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!s) throw new AppError(404, 'SESSION_NOT_FOUND');
  return { ...s, starts_at: new Date(s.starts_at), ends_at: new Date(s.ends_at) };
}

/** Locks the session (through the one lock module), then reads it. */
async function lockedSession(trx: Trx, sessionId: string): Promise<LockedSession> {
  if (!(await lockSession(trx, sessionId))) throw new AppError(404, 'SESSION_NOT_FOUND');
  return sessionRow(trx, sessionId);
}

/** Seats held at `now` (an offer past its deadline holds none, even before the job marks it expired). */
async function seatsTaken(trx: Trx, sessionId: string, now: Date): Promise<number> {
  const row = await trx
    .selectFrom('booking as b')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.session_id', '=', sessionId)
    .where(holdsSeatSql('b', now))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function ledger(trx: Trx | Kysely<DB>, childId: string, year: number) {
  const rows = await trx
    .selectFrom('entitlement_entry')
    .select(['booking_id', 'amount'])
    .where('child_id', '=', childId)
    .where('year', '=', year)
    .execute();
  return rows.map((r) => ({ bookingId: r.booking_id, amount: r.amount }));
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** A child's free sessions in a calendar year (T3): the total in force, used (from the ledger), remaining. */
export async function entitlementFor(db: Kysely<DB> | Trx, childId: string, year: number, policy: PolicyValues) {
  return entitlementOf(await ledger(db, childId, year), policy['care.freeSessionsPerYear']);
}

async function debit(trx: Trx, clock: Clock, s: LockedSession, bookingId: string, childId: string) {
  await trx
    .insertInto('entitlement_entry')
    .values({
      child_id: childId,
      year: yearOf(s.date),
      booking_id: bookingId,
      amount: -1,
      reason: 'booking',
      created_at: clock.now(),
    })
    .execute();
}

/** Decides free or paid for an offered seat being confirmed, writing the ledger's debit when it is free. */
async function chargeSeat(
  trx: Trx,
  clock: Clock,
  s: LockedSession,
  booking: { id: string; childId: string },
  policy: PolicyValues,
  acceptPrice: boolean,
) {
  const ent = await entitlementFor(trx, booking.childId, yearOf(s.date), policy);
  if (ent.remaining > 0) {
    await debit(trx, clock, s, booking.id, booking.childId);
    return { free: true, priceFen: 0 };
  }
  const priceFen = sessionPriceFen(s.hourly_price_fen, s.starts_at, s.ends_at);
  if (priceFen > 0 && !acceptPrice) {
    throw new AppError(409, 'PRICE_CONFIRMATION_REQUIRED', { price: formatYuan(priceFen) }, undefined, { priceFen });
  }
  return { free: false, priceFen };
}

const timeOf = (d: Date) => inDistrict(d).format('HH:mm');

export interface BookRequest {
  sessionId: string;
  childId: string;
  actor: Pick<Actor, 'id' | 'role'>;
  idempotencyKey?: string;
  acceptPrice?: boolean;
  source: AuditSource;
  /** The language of the refusal list (CHILD_NOT_BOOKABLE's `missing`); Chinese by default. */
  locale?: Locale;
}

/**
 * Everything the booking rules need about the child, read in one statement AFTER the statements that locked the session
 * row and then the child row (under READ COMMITTED a statement's snapshot predates its own lock wait, so the facts must
 * come from a later statement to see a racing booking of the same child that committed while we waited): eligibility facts, suspension, live bookings, the session's seats and queue, the ledger,
 * the policy and the texts in force on the session's date. One round trip instead of ten keeps the session lock short.
 */
async function childFacts(trx: Trx, s: LockedSession, childId: string, now: Date, idempotency: { actorId: string; key: string | null }) {
  const row = await sql<{
    family_id: string;
    birth_date: string;
    residence_street_id: string;
    guardian_user_id: string;
    family_status: 'draft' | 'submitted' | 'accepted' | 'returned';
    return_reason: string | null;
    consent_version: number;
    agreement_version: number | null;
    exam_date: string | null;
    last_attendance: string | null;
    suspended_until: Date | null;
    live: { sessionId: string; startsAt: string; endsAt: string; date: string }[];
    held: number;
    waiting: number;
    ledger_sum: number;
    policy: { key: string; value: unknown }[];
    consent_current: number | null;
    agreement_current: number | null;
    earlier: EarlierBooking | null;
  }>`
    WITH c AS (SELECT id, family_id, birth_date, residence_street_id FROM child WHERE id = ${childId}),
         s AS (SELECT ${s.id}::uuid AS id, ${s.date}::date AS date)
    SELECT c.family_id, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, c.residence_street_id, f.guardian_user_id, f.status AS family_status,
      f.return_reason, f.consent_version, f.agreement_version,
      (SELECT to_char(exam_date, 'YYYY-MM-DD') FROM health_certificate WHERE child_id = c.id ORDER BY exam_date DESC LIMIT 1) AS exam_date,
      (SELECT to_char(max(ac.date), 'YYYY-MM-DD') FROM attendance a JOIN care_session ac ON ac.id = a.session_id
        WHERE a.child_id = c.id AND a.admitted AND ac.date <= s.date) AS last_attendance,
      (SELECT max(until_at) FROM booking_suspension WHERE family_id = c.family_id AND from_at <= ${now} AND until_at > ${now}) AS suspended_until,
      (SELECT coalesce(json_agg(json_build_object('sessionId', b.session_id, 'startsAt', cs.starts_at, 'endsAt', cs.ends_at,
          'date', to_char(cs.date, 'YYYY-MM-DD'))), '[]'::json)
        FROM booking b JOIN care_session cs ON cs.id = b.session_id
        WHERE b.child_id = c.id AND b.status IN ('confirmed', 'waitlisted', 'offered') AND cs.ends_at > ${now}) AS live,
      (SELECT count(*) FROM booking hb WHERE hb.session_id = s.id AND ${holdsSeatSql('hb', now)})::int AS held,
      (SELECT count(*) FROM booking WHERE session_id = s.id AND status = 'waitlisted')::int AS waiting,
      (SELECT coalesce(sum(amount), 0) FROM entitlement_entry WHERE child_id = c.id AND year = ${yearOf(s.date)})::int AS ledger_sum,
      ${sql.raw(POLICY_ROWS_AS_JSON)} AS policy,
      (SELECT max(version) FROM document_version WHERE kind = 'consent' AND effective_from <= s.date) AS consent_current,
      (SELECT max(version) FROM document_version WHERE kind = 'agreement' AND effective_from <= s.date) AS agreement_current,
      -- read after the session lock (a new statement, a new snapshot): a racing retry with the same key that committed first is seen here
      (SELECT json_build_object('id', e.id, 'session_id', e.session_id, 'child_id', e.child_id, 'status', e.status, 'free', e.free,
          'price_fen', e.price_fen, 'offered_until', e.offered_until)
        FROM booking e WHERE e.created_by = ${idempotency.actorId} AND e.idempotency_key = ${idempotency.key}) AS earlier
    FROM c CROSS JOIN s JOIN family f ON f.id = c.family_id`.execute(trx);
  const f = row.rows[0];
  if (!f) throw new AppError(404, 'CHILD_NOT_FOUND');
  return f;
}

type ChildFactsRow = Awaited<ReturnType<typeof childFacts>>;

/**
 * The rules about the child that a seat depends on: eligibility (R1, R13, R14, R16, consent), the no-show suspension,
 * and the limits across the child's sessions (overlap, future bookings, hours a day). `f` must have been read after
 * the child lock. For an offer being accepted, the booking's own (already live) entry is left out of the limits.
 */
function checkChildRules(f: ChildFactsRow, s: LockedSession, now: Date, policy: PolicyValues, locale: Locale, kind: 'new' | 'offer') {
  const eligibility = childEligibility(
    {
      birthDate: f.birth_date,
      familyStatus: f.family_status,
      returnReason: f.return_reason,
      consentVersion: f.consent_version,
      agreementVersion: f.agreement_version,
      certificateExamDate: f.exam_date,
      lastAttendanceDate: f.last_attendance,
    },
    s.date,
    eligibilityRulesFrom(policy, { consent: f.consent_current ?? 1, agreement: f.agreement_current ?? 1 }),
  );
  if (!eligibility.bookable) {
    const missing = eligibility.missing.map((m) => translate(locale, `requirements.${m}`)).join(locale === 'en' ? '; ' : ';');
    throw new AppError(422, 'CHILD_NOT_BOOKABLE', { missing }, undefined, { missing: eligibility.missing });
  }
  if (f.suspended_until) {
    throw new AppError(409, 'BOOKING_SUSPENDED', { until: formatDateTimeZh(f.suspended_until) }, undefined, {
      until: new Date(f.suspended_until).toISOString(),
    });
  }
  const all = f.live.map((b) => ({ ...b, start: new Date(b.startsAt), end: new Date(b.endsAt) }));
  if (kind === 'new' && all.some((b) => b.sessionId === s.id)) throw new AppError(409, 'ALREADY_BOOKED');
  const live = all.filter((b) => b.sessionId !== s.id);
  if (live.some((b) => b.start < s.ends_at && b.end > s.starts_at)) throw new AppError(409, 'OVERLAPPING_BOOKING');
  if (live.filter((b) => b.start > now).length >= policy['booking.maxFutureBookings']) {
    throw new AppError(409, 'TOO_MANY_BOOKINGS', { max: policy['booking.maxFutureBookings'] });
  }
  const hoursThatDay = live.filter((b) => b.date === s.date).reduce((h, b) => h + (b.end.getTime() - b.start.getTime()) / 3600_000, 0);
  if (hoursThatDay + (s.ends_at.getTime() - s.starts_at.getTime()) / 3600_000 > policy['child.maxCareHoursPerDay']) {
    throw new AppError(409, 'DAILY_CARE_LIMIT', { hours: policy['child.maxCareHoursPerDay'] });
  }
}

export async function bookSeat(db: Kysely<DB>, clock: Clock, req: BookRequest): Promise<BookingResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const s = await lockedSession(trx, req.sessionId);
      if (!(await lockChild(trx, req.childId))) throw new AppError(404, 'CHILD_NOT_FOUND');
      const now = clock.now();
      const f = await childFacts(trx, s, req.childId, now, { actorId: req.actor.id, key: req.idempotencyKey ?? null });
      if (f.earlier) {
        const earlier = f.earlier;
        if (earlier.session_id !== req.sessionId || earlier.child_id !== req.childId) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED');
        return {
          id: earlier.id,
          status: earlier.status,
          free: earlier.free,
          priceFen: earlier.price_fen,
          offeredUntil: earlier.offered_until ? new Date(earlier.offered_until).toISOString() : null,
          replayed: true,
        };
      }
      if (req.actor.role === 'guardian' && f.guardian_user_id !== req.actor.id) throw new AppError(403, 'FORBIDDEN_SCOPE');
      const policy = policyFromRows(f.policy);
      if (s.status !== 'scheduled' || s.house_status !== 'active') throw new AppError(409, 'SESSION_CANCELLED');
      if (now >= s.starts_at) throw new AppError(409, 'SESSION_STARTED');
      const opensAt = bookingOpensAt(s.date, policy);
      if (now < opensAt)
        throw new AppError(409, 'BOOKING_WINDOW_NOT_OPEN', { opensAt: formatDateTimeZh(opensAt) }, undefined, {
          opensAt: opensAt.toISOString(),
        });
      const priorityUntil = ownStreetPriorityUntil(s.date, policy);
      if (priorityUntil && now < priorityUntil && f.residence_street_id !== s.street_id) {
        throw new AppError(
          409,
          'OWN_STREET_PRIORITY',
          { hours: policy['booking.ownStreetPriorityHours'], until: formatDateTimeZh(priorityUntil) },
          undefined,
          { until: priorityUntil.toISOString() },
        );
      }

      checkChildRules(f, s, now, policy, req.locale ?? 'zh-CN', 'new');

      // Seats held and the queue were counted under the session lock: nobody can change them before we commit.
      const seatFree = f.waiting === 0 && f.held < s.capacity;
      const { remaining } = entitlementFromLedgerSum(f.ledger_sum, policy['care.freeSessionsPerYear']);
      const charge =
        remaining > 0
          ? { free: true, priceFen: 0 }
          : { free: false, priceFen: sessionPriceFen(s.hourly_price_fen, s.starts_at, s.ends_at) };
      if (seatFree && !charge.free && charge.priceFen > 0 && !req.acceptPrice) {
        throw new AppError(409, 'PRICE_CONFIRMATION_REQUIRED', { price: formatYuan(charge.priceFen) }, undefined, {
          priceFen: charge.priceFen,
        });
      }
      // The booking, its ledger debit (a free confirmed seat) and its audit event, in one statement.
      const bookingId = crypto.randomUUID();
      const status = seatFree ? 'confirmed' : 'waitlisted';
      const debit = seatFree && charge.free;
      // What is stored and answered: a waiting-list place is neither free nor priced until a seat is confirmed.
      const stored = { free: debit, priceFen: seatFree ? charge.priceFen : 0 };
      const auditAction: AuditAction = seatFree ? 'booking.confirm' : 'booking.waitlist';
      await sql`
        WITH b AS (
          INSERT INTO booking (id, session_id, child_id, family_id, status, during, free, price_fen, idempotency_key, created_by, created_at, confirmed_at)
          VALUES (${bookingId}, ${s.id}, ${req.childId}, ${f.family_id}, ${status}, tstzrange(${s.starts_at}, ${s.ends_at}, '[)'),
            ${stored.free}, ${stored.priceFen}, ${req.idempotencyKey ?? null}, ${req.actor.id}, ${now}, ${seatFree ? now : null})
          RETURNING id),
        e AS (
          INSERT INTO entitlement_entry (child_id, year, booking_id, amount, reason, created_at)
          SELECT ${req.childId}, ${yearOf(s.date)}, b.id, -1, 'booking', ${now} FROM b WHERE ${debit})
        INSERT INTO audit_event (at, actor_user_id, actor_role, action, entity_type, entity_id, detail, ip)
        SELECT ${now}, ${req.source.actor?.id ?? null}, ${req.source.actor?.role ?? null}, ${auditAction},
          'booking', b.id::text, ${JSON.stringify({ sessionId: s.id, childId: req.childId, ...stored })}::jsonb, ${req.source.ip ?? null} FROM b`.execute(
        trx,
      );
      return { id: bookingId, status, ...stored, offeredUntil: null, replayed: false } as BookingResult;
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '23P01') throw new AppError(409, 'OVERLAPPING_BOOKING'); // the exclusion constraint caught a race
    if (code === '23505' && String((err as { constraint?: string }).constraint).includes('idempotency')) {
      return bookSeat(db, clock, req); // a racing retry with the same key committed first: answer with its booking
    }
    throw err;
  }
}

/** Offers freed seats to the waiting list, strictly in order, while seats are free and the session has not begun. */
async function offerFreedSeats(trx: Trx, clock: Clock, s: LockedSession, source: AuditSource): Promise<void> {
  const now = clock.now();
  if (s.status !== 'scheduled' || now >= s.starts_at) return;
  const policy = await policyOn(trx, s.date);
  let free = s.capacity - (await seatsTaken(trx, s.id, now));
  while (free > 0) {
    const next = await trx
      .selectFrom('booking as b')
      .innerJoin('child as c', 'c.id', 'b.child_id')
      .innerJoin('family as f', 'f.id', 'b.family_id')
      .select(['b.id', 'c.name as child_name', 'f.guardian_user_id'])
      .where('b.session_id', '=', s.id)
      .where('b.status', '=', 'waitlisted')
      .orderBy('b.queue_position')
      .limit(1)
      .executeTakeFirst();
    if (!next) return;
    const until = offerDeadline(now, s.starts_at, policy);
    await trx.updateTable('booking').set({ status: 'offered', offered_until: until, updated_at: now }).where('id', '=', next.id).execute();
    await notifyGuardian(trx, clock, next.guardian_user_id, 'offer', {
      house: s.house_name,
      date: formatDateZh(s.date),
      time: timeOf(s.starts_at),
      child: next.child_name,
      until: formatDateTimeZh(until),
    });
    await writeAudit(trx, clock, source, {
      action: 'booking.offer',
      entityType: 'booking',
      entityId: next.id,
      detail: { until: until.toISOString() },
    });
    free--;
  }
}

/**
 * Locks what a change to one booking depends on, in the lock order: its session, its child, then the booking itself;
 * then reads both (after the locks).
 */
async function lockForBooking(trx: Trx, bookingId: string) {
  const ref = await trx.selectFrom('booking').select(['session_id', 'child_id']).where('id', '=', bookingId).executeTakeFirst();
  if (!ref) throw new AppError(404, 'BOOKING_NOT_FOUND');
  const s = await lockedSession(trx, ref.session_id);
  await lockChild(trx, ref.child_id);
  if (!(await lockBooking(trx, bookingId))) throw new AppError(404, 'BOOKING_NOT_FOUND');
  const b = await trx.selectFrom('booking').selectAll().where('id', '=', bookingId).executeTakeFirstOrThrow();
  return { s, b };
}

export interface CancelRequest {
  bookingId: string;
  actor: Pick<Actor, 'id' | 'role'>;
  /** Set when the house cancels (with the reason the family is sent): the free session always comes back. */
  byHouseReason?: string;
  source: AuditSource;
}

export async function cancelBooking(db: Kysely<DB>, clock: Clock, req: CancelRequest) {
  return db.transaction().execute(async (trx) => {
    const { s, b } = await lockForBooking(trx, req.bookingId);
    const now = clock.now();
    if (!LIVE.includes(b.status)) throw new AppError(409, 'BOOKING_NOT_CANCELLABLE');
    if (!req.byHouseReason && now >= s.starts_at) throw new AppError(409, 'SESSION_STARTED');
    // A child who has come to the door (checked in early, or turned away) has a record that must keep its booking.
    if (await cameToTheDoor(trx, [b.id])) throw new AppError(409, 'CHILD_ALREADY_CAME');
    const policy = await policyOn(trx, s.date);
    const timely = isTimelyCancellation(s.starts_at, now, policy);
    let entitlementReturned = false;
    if (b.status === 'confirmed' && b.free && (timely || req.byHouseReason)) {
      await trx
        .insertInto('entitlement_entry')
        .values({
          child_id: b.child_id,
          year: yearOf(s.date),
          booking_id: b.id,
          amount: 1,
          reason: req.byHouseReason ? 'houseCancellation' : 'cancellation',
          created_at: now,
        })
        .execute();
      entitlementReturned = true;
    }
    await trx
      .updateTable('booking')
      .set({
        status: 'cancelled',
        cancelled_at: now,
        cancelled_by: req.actor.id,
        cancel_reason: req.byHouseReason ?? null,
        updated_at: now,
      })
      .where('id', '=', b.id)
      .execute();
    await writeAudit(trx, clock, req.source, {
      action: req.byHouseReason ? 'booking.cancelByHouse' : 'booking.cancel',
      entityType: 'booking',
      entityId: b.id,
      detail: { timely, entitlementReturned, reason: req.byHouseReason ?? null },
    });
    if (req.byHouseReason) {
      const who = await trx
        .selectFrom('child as c')
        .innerJoin('family as f', 'f.id', 'c.family_id')
        .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
        .select(['c.name', 'u.phone'])
        .where('c.id', '=', b.child_id)
        .executeTakeFirstOrThrow();
      await enqueueMessage(trx, clock, {
        channel: 'sms',
        recipient: who.phone!,
        template: 'bookingCancelledByHouse',
        params: { house: s.house_name, date: formatDateZh(s.date), time: timeOf(s.starts_at), child: who.name, reason: req.byHouseReason },
      });
    }
    // A confirmed seat or an offer (even one past its deadline, which the job will no longer see once it is
    // cancelled): the queue gets whatever seats are free now (counted with holdsSeat's SQL form).
    if ((SEAT_HOLDING_STATUSES as readonly string[]).includes(b.status)) {
      await recomputeOverCapacity(trx, s, now);
      await offerFreedSeats(trx, clock, s, req.source);
    }
    return { status: 'cancelled' as const, entitlementReturned };
  });
}

/** Clears the over-capacity flag once the manager has moved enough children out. */
async function recomputeOverCapacity(trx: Trx, s: LockedSession, now: Date) {
  const over = (await seatsTaken(trx, s.id, now)) > s.capacity;
  await trx.updateTable('care_session').set({ over_capacity: over }).where('id', '=', s.id).execute();
}

export interface AcceptOfferRequest {
  bookingId: string;
  acceptPrice: boolean;
  source: AuditSource;
  /** The language of the refusal list (CHILD_NOT_BOOKABLE's `missing`); Chinese by default. */
  locale?: Locale;
}

/**
 * Takes an offered seat: the offer must still be open, and the child must still be eligible, not suspended and within
 * its limits (all read after the session, child and booking locks) — things may have changed since the child queued.
 */
export async function acceptOffer(db: Kysely<DB>, clock: Clock, req: AcceptOfferRequest): Promise<BookingResult> {
  return db.transaction().execute(async (trx) => {
    const { s, b } = await lockForBooking(trx, req.bookingId);
    const now = clock.now();
    if (
      b.status !== 'offered' ||
      !holdsSeat({ status: b.status, offeredUntil: b.offered_until ? new Date(b.offered_until) : null }, now) ||
      now >= s.starts_at
    ) {
      throw new AppError(409, 'OFFER_NOT_OPEN');
    }
    const f = await childFacts(trx, s, b.child_id, now, { actorId: b.created_by, key: null });
    const policy = policyFromRows(f.policy);
    checkChildRules(f, s, now, policy, req.locale ?? 'zh-CN', 'offer');
    const charge = await chargeSeat(trx, clock, s, { id: b.id, childId: b.child_id }, policy, req.acceptPrice);
    await trx
      .updateTable('booking')
      .set({
        status: 'confirmed',
        confirmed_at: now,
        offered_until: null,
        ...{ free: charge.free, price_fen: charge.priceFen },
        updated_at: now,
      })
      .where('id', '=', b.id)
      .execute();
    await writeAudit(trx, clock, req.source, { action: 'booking.acceptOffer', entityType: 'booking', entityId: b.id, detail: charge });
    return { id: b.id, status: 'confirmed', ...charge, offeredUntil: null, replayed: false };
  });
}

/** The job: offers that ran out pass to the next child in line. */
export async function expireOffers(db: Kysely<DB>, clock: Clock): Promise<number> {
  const due = await db
    .selectFrom('booking')
    .select('id')
    .where('status', '=', 'offered')
    .where('offered_until', '<=', clock.now())
    .limit(200)
    .execute();
  let expired = 0;
  for (const { id } of due) {
    await db.transaction().execute(async (trx) => {
      const { s, b } = await lockForBooking(trx, id);
      if (b.status !== 'offered' || !b.offered_until || new Date(b.offered_until) > clock.now()) return;
      await trx.updateTable('booking').set({ status: 'expired', updated_at: clock.now() }).where('id', '=', b.id).execute();
      await writeAudit(trx, clock, { actor: null }, { action: 'booking.offerExpired', entityType: 'booking', entityId: b.id });
      await offerFreedSeats(trx, clock, s, { actor: null });
      expired++;
    });
  }
  return expired;
}

/** Called after a session's capacity grows (a carer added): waiting children get the new seats in order. */
export async function offerAfterCapacityChange(trx: Trx, clock: Clock, sessionId: string, source: AuditSource) {
  const s = await lockedSession(trx, sessionId);
  await offerFreedSeats(trx, clock, s, source);
}

export async function markNoShow(db: Kysely<DB>, clock: Clock, bookingId: string, source: AuditSource) {
  return db.transaction().execute(async (trx) => {
    const { s, b } = await lockForBooking(trx, bookingId);
    const now = clock.now();
    if (now < s.starts_at) throw new AppError(409, 'SESSION_NOT_STARTED');
    if (b.status !== 'confirmed') throw new AppError(409, 'NO_SHOW_NOT_ALLOWED');
    // A child who came (checked in, or turned away at the health check) is not a no-show.
    const came = await trx.selectFrom('attendance').select('id').where('booking_id', '=', b.id).executeTakeFirst();
    if (came) throw new AppError(409, 'NO_SHOW_NOT_ALLOWED');
    // The ledger's debit stays: a no-show uses the free session.
    await trx.updateTable('booking').set({ status: 'no_show', no_show_at: now, updated_at: now }).where('id', '=', b.id).execute();
    await writeAudit(trx, clock, source, { action: 'booking.noShow', entityType: 'booking', entityId: b.id });
    const policy = await policyOn(trx, s.date);
    const noShows = await trx
      .selectFrom('booking')
      .select('no_show_at')
      .where('family_id', '=', b.family_id)
      .where('status', '=', 'no_show')
      .execute();
    const active = await trx
      .selectFrom('booking_suspension')
      .select('id')
      .where('family_id', '=', b.family_id)
      .where('until_at', '>', now)
      .executeTakeFirst();
    const until = active
      ? null
      : suspensionAfterNoShow(
          noShows.map((n) => new Date(n.no_show_at!)),
          now,
          policy,
        );
    if (until) {
      await trx
        .insertInto('booking_suspension')
        .values({
          family_id: b.family_id,
          from_at: now,
          until_at: until,
          reason: `${policy['noShow.windowDays']}天内预约未到${noShows.length}次`,
        })
        .execute();
      const guardian = await trx
        .selectFrom('family as f')
        .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
        .select('u.phone')
        .where('f.id', '=', b.family_id)
        .executeTakeFirstOrThrow();
      await enqueueMessage(trx, clock, {
        channel: 'sms',
        recipient: guardian.phone!,
        template: 'bookingSuspended',
        params: { count: noShows.length, until: formatDateTimeZh(until) },
      });
      await writeAudit(trx, clock, source, {
        action: 'booking.suspend',
        entityType: 'family',
        entityId: b.family_id,
        detail: { until: until.toISOString() },
      });
    }
    return { status: 'no_show' as const, suspendedUntil: until?.toISOString() ?? null };
  });
}

/** The job: reminders the day before (from the configured hour), once per booking. */
export async function sendReminders(db: Kysely<DB>, clock: Clock): Promise<number> {
  const now = clock.now();
  const tomorrow = inDistrict(now).add(1, 'day').format('YYYY-MM-DD');
  const policy = await policyOn(db, tomorrow);
  if (inDistrict(now).hour() < policy['reminder.hourOfDayBefore']) return 0;
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('booking as b')
      .innerJoin('care_session as s', 's.id', 'b.session_id')
      .innerJoin('house as h', 'h.id', 's.house_id')
      .innerJoin('child as c', 'c.id', 'b.child_id')
      .innerJoin('family as f', 'f.id', 'b.family_id')
      .select(['b.id', 's.date', 's.starts_at', 'h.name as house', 'c.name as child', 'f.guardian_user_id'])
      .where('b.status', '=', 'confirmed')
      .where('b.reminded_at', 'is', null)
      .where('s.date', '=', tomorrow)
      .where('s.status', '=', 'scheduled')
      .forUpdate('b')
      .skipLocked()
      .limit(500)
      .execute();
    if (!due.length) return 0;
    await notifyGuardians(
      trx,
      clock,
      'reminder',
      due.map((r) => ({
        guardianUserId: r.guardian_user_id,
        params: { child: r.child, date: formatDateZh(r.date), time: timeOf(new Date(r.starts_at)), house: r.house },
      })),
    );
    await trx
      .updateTable('booking')
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

/** Whether any of the bookings has an attendance record (checked in, or turned away at the health check). */
async function cameToTheDoor(trx: Trx, bookingIds: string[]): Promise<boolean> {
  if (!bookingIds.length) return false;
  return !!(await trx.selectFrom('attendance').select('id').where('booking_id', 'in', bookingIds).limit(1).executeTakeFirst());
}

/** Cancels a whole session (closure, holiday): every live booking is cancelled, the free session returned, the family told. */
export async function cancelSession(trx: Trx, clock: Clock, sessionId: string, reason: string, source: AuditSource) {
  const s = await lockedSession(trx, sessionId);
  if (s.status === 'cancelled') return 0;
  if (await trx.selectFrom('attendance').select('id').where('session_id', '=', sessionId).limit(1).executeTakeFirst()) {
    throw new AppError(409, 'CHILD_ALREADY_CAME'); // children are (or were) in the room: the session is under way
  }
  const now = clock.now();
  const live = await trx
    .selectFrom('booking as b')
    .innerJoin('child as c', 'c.id', 'b.child_id')
    .innerJoin('family as f', 'f.id', 'b.family_id')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .select(['b.id', 'b.status', 'b.free', 'b.child_id', 'c.name', 'u.phone'])
    .where('b.session_id', '=', s.id)
    .where('b.status', 'in', LIVE)
    .orderBy('b.id')
    .execute();
  for (const b of live) {
    if (b.status === 'confirmed' && b.free) {
      await trx
        .insertInto('entitlement_entry')
        .values({
          child_id: b.child_id,
          year: yearOf(s.date),
          booking_id: b.id,
          amount: 1,
          reason: 'houseCancellation',
          created_at: now,
        })
        .execute();
    }
    await trx
      .updateTable('booking')
      .set({ status: 'cancelled', cancelled_at: now, cancelled_by: source.actor?.id ?? null, cancel_reason: reason, updated_at: now })
      .where('id', '=', b.id)
      .execute();
    await enqueueMessage(trx, clock, {
      channel: 'sms',
      recipient: b.phone!,
      template: 'sessionCancelledByHouse',
      params: { house: s.house_name, date: formatDateZh(s.date), time: timeOf(s.starts_at), child: b.name, reason },
    });
  }
  await trx
    .updateTable('care_session')
    .set({ status: 'cancelled', cancel_reason: reason, over_capacity: false, updated_at: now })
    .where('id', '=', s.id)
    .execute();
  await writeAudit(trx, clock, source, {
    action: 'session.cancel',
    entityType: 'care_session',
    entityId: s.id,
    detail: { reason, bookingsCancelled: live.length },
  });
  return live.length;
}

/** Who is booked into a session, for staff: every child's record read is audited (in one transaction). */
export async function readSessionBookings(db: Kysely<DB>, clock: Clock, sessionId: string, source: AuditSource) {
  const rows = await sessionBookings(db, sessionId);
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      await writeAudit(trx, clock, source, {
        action: 'child.read',
        entityType: 'child',
        entityId: r.child_id,
        detail: { purpose: 'session.list', sessionId },
      });
    }
  });
  return rows;
}

/**
 * Coming sessions open to families (public: no sign-in), with seats taken and left at `now`, the price, and when
 * booking opens — by the policy of each session's date, as the engine decides it.
 */
export async function sessionsOnOffer(db: Kysely<DB>, now: Date, filter: Parameters<typeof publicSessions>[2]) {
  const rows = await publicSessions(db, now, filter);
  const policies = await policiesOn(
    db,
    rows.map((s) => s.date),
  );
  return rows.map((s) => {
    const opens = bookingOpensAt(s.date, policies.get(s.date)!);
    const taken = Number(s.taken ?? 0);
    return {
      id: s.id,
      houseId: s.house_id,
      houseName: s.house_name,
      streetId: s.street_id,
      streetName: s.street_name,
      roomName: s.room_name,
      date: s.date,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: new Date(s.ends_at).toISOString(),
      serviceType: s.service_type,
      capacity: s.capacity,
      confirmed: taken,
      seatsLeft: Math.max(0, s.capacity - taken),
      waitlisted: Number(s.waiting ?? 0),
      priceFen: sessionPriceFen(s.hourly_price_fen, new Date(s.starts_at), new Date(s.ends_at)),
      bookingOpensAt: opens.toISOString(),
      bookable: now >= opens,
    };
  });
}
