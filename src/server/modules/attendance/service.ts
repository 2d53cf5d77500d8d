// A house's day as the carers see it (sessions, who is on duty, the live R3–R5 ratio, the booked children with
// their attendance and flags), and the ratio alarm that tells the manager the moment the standard is broken.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AttendanceTable, DB } from '../../../db/schema.ts';
import { attendanceFlags, careMinutes, checkInOpen } from '../../../domain/attendance.ts';
import { liveRatio } from '../../../domain/capacity.ts';
import { ageInMonths, districtInstant, addDays, inDistrict, type Clock, type LocalDate } from '../../../domain/time.ts';
import { maskPhone } from '../../../shared/format.ts';
import type { FieldCipher } from '../../crypto.ts';
import { policyOn } from '../policy/service.ts';
import { capacityRules } from '../houses/service.ts';
import { rostersOf, sessionRatio } from '../staffing/service.ts';
import { isFever } from '../../../domain/attendance.ts';
import { AppError } from '../../errors.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { hitRateLimits } from '../../rateLimit.ts';
import { notifyGuardian, notifyHouseManagersOnce } from '../../notify.ts';
import { lockSession } from '../../locks.ts';
import crypto from 'node:crypto';
import {
  attendanceForCheckOut,
  attendanceRow,
  childrenOfFamily,
  childWithGuardian,
  familyBookingsOn,
  familyOfGuardian,
  houseName,
  livePickupCode,
  livePickupCodesOf,
  namesOf,
  pickupPersonOfFamily,
  sessionWithStreet,
} from './queries.ts';
import { evaluateRatio } from '../staffing/service.ts';
import { localDateOf } from '../../../domain/time.ts';

export { evaluateRatio, sessionRatio, type RatioCause } from '../staffing/service.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface HealthCheck {
  temperature: number;
  observations: string | null;
  refusalReason: string | null;
}

/** An attendance row as the API returns it (the health check decrypted, staff as names). */
export function attendanceRecordOf(a: Selectable<AttendanceTable>, cipher: FieldCipher, names: Map<string, string>) {
  const health = JSON.parse(cipher.decrypt(a.health_enc)) as HealthCheck;
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: a.id,
    admitted: a.admitted,
    temperature: health.temperature,
    observations: health.observations,
    refusalReason: health.refusalReason,
    broughtBy: a.brought_by,
    checkedInAt: new Date(a.checked_in_at).toISOString(),
    checkedInBy: names.get(a.checked_in_by) ?? '',
    checkedOutAt: iso(a.checked_out_at),
    checkedOutBy: a.checked_out_by ? (names.get(a.checked_out_by) ?? '') : null,
    pickedUpBy: a.picked_up_by,
    pickupMethod: a.pickup_method,
  };
}

/** Everything the carer's screen shows for one house and day (reads child data: the caller audits it). */
export async function attendanceDay(db: Db, cipher: FieldCipher, clock: Clock, houseId: string, date: LocalDate, onlySessionId?: string) {
  const now = clock.now();
  const policy = await policyOn(db, date);
  let sq = db
    .selectFrom('care_session as s')
    .innerJoin('room as r', 'r.id', 's.room_id')
    .select(['s.id', 'r.name as room_name', 'r.area_m2', 's.starts_at', 's.ends_at', 's.service_type', 's.status'])
    .where('s.house_id', '=', houseId)
    .where('s.date', '=', date)
    .where('s.status', '=', 'scheduled');
  if (onlySessionId) sq = sq.where('s.id', '=', onlySessionId);
  const sessions = await sq.orderBy('s.starts_at').orderBy('r.name').execute();
  const ids = sessions.map((s) => s.id);
  if (!ids.length) return [];
  const [carers, bookings, alarms] = await Promise.all([
    rostersOf(db, ids),
    db
      .selectFrom('booking as b')
      .innerJoin('child as c', 'c.id', 'b.child_id')
      .innerJoin('family as f', 'f.id', 'b.family_id')
      .innerJoin('app_user as g', 'g.id', 'f.guardian_user_id')
      .select([
        'b.id',
        'b.session_id',
        'b.status',
        'c.id as child_id',
        'c.name',
        'c.sex',
        'c.birth_date',
        'c.health_enc',
        'f.id as family_id',
        'f.guardian_name',
        'f.guardian_user_id',
        'g.phone as guardian_phone',
      ])
      .where('b.session_id', 'in', ids)
      .where('b.status', 'in', ['confirmed', 'no_show'])
      .execute(),
    db
      .selectFrom('ratio_alarm')
      .select(['session_id', 'raised_at', 'cause'])
      .where('session_id', 'in', ids)
      .where('cleared_at', 'is', null)
      .execute(),
  ]);
  const childIds = [...new Set(bookings.map((b) => b.child_id))];
  const familyIds = [...new Set(bookings.map((b) => b.family_id))];
  const dayStart = districtInstant(date);
  const [attendance, pickups] = await Promise.all([
    childIds.length
      ? db
          .selectFrom('attendance')
          .selectAll()
          .where('child_id', 'in', childIds)
          .where('checked_in_at', '>=', dayStart)
          .where('checked_in_at', '<', districtInstant(addDays(date, 1)))
          .execute()
      : [],
    familyIds.length ? db.selectFrom('pickup_person').selectAll().where('family_id', 'in', familyIds).orderBy('created_at').execute() : [],
  ]);
  const staffIds = [...new Set(attendance.flatMap((a) => [a.checked_in_by, a.checked_out_by]).filter((x): x is string => !!x))];
  const names = new Map(
    (staffIds.length ? await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', staffIds).execute() : []).map(
      (u) => [u.id, u.display_name],
    ),
  );
  const rules = capacityRules(policy);
  const collator = new Intl.Collator('zh-CN');
  return sessions.map((s) => {
    const roster = carers.get(s.id) ?? [];
    const own = attendance.filter((a) => a.session_id === s.id);
    const present = own.filter((a) => a.admitted && !a.checked_out_at).length;
    const carersOnDuty = roster.filter((c) => c.counts).length;
    const alarm = alarms.find((a) => a.session_id === s.id);
    const endsAt = new Date(s.ends_at);
    return {
      id: s.id,
      roomName: s.room_name,
      areaM2: s.area_m2,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: endsAt.toISOString(),
      serviceType: s.service_type,
      status: s.status,
      feverCelsius: policy['healthCheck.feverCelsius'],
      checkInOpen: checkInOpen({ startsAt: new Date(s.starts_at), endsAt }, now),
      carers: roster.map((c) => ({
        userId: c.userId,
        name: c.name,
        role: c.role,
        countsForRatio: c.eligible,
        onDuty: !c.offDutyAt,
        offDutyAt: c.offDutyAt ? c.offDutyAt.toISOString() : null,
      })),
      ratio: {
        present,
        carersOnDuty,
        ...liveRatio({ present, carersOnDuty, areaM2: s.area_m2 }, rules),
        childrenPerCarer: rules.childrenPerCarer,
      },
      alarm: alarm ? { raisedAt: new Date(alarm.raised_at).toISOString(), cause: alarm.cause } : null,
      children: bookings
        .filter((b) => b.session_id === s.id)
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((b) => {
          const record = own.find((a) => a.booking_id === b.id);
          const stays = attendance
            .filter((a) => a.child_id === b.child_id && a.admitted)
            .map((a) => ({ inAt: new Date(a.checked_in_at), outAt: a.checked_out_at ? new Date(a.checked_out_at) : null }));
          const health = JSON.parse(cipher.decrypt(b.health_enc)) as { allergies?: string };
          return {
            bookingId: b.id,
            childId: b.child_id,
            childName: b.name,
            sex: b.sex,
            ageMonths: ageInMonths(b.birth_date, date),
            allergies: health.allergies?.trim() || null,
            pickupList: [
              {
                id: b.guardian_user_id,
                name: b.guardian_name,
                relation: '家长',
                phoneMasked: maskPhone(b.guardian_phone ?? ''),
                isGuardian: true,
              },
              // A guardian who put herself on the family's list ("添加我本人") is the guardian above, not a second person.
              ...pickups
                .filter((p) => p.family_id === b.family_id && p.phone !== b.guardian_phone)
                .map((p) => ({ id: p.id, name: p.name, relation: p.relation, phoneMasked: maskPhone(p.phone), isGuardian: false })),
            ],
            attendance: record ? attendanceRecordOf(record, cipher, names) : null,
            flags: attendanceFlags(
              {
                checkedIn: !!record?.admitted,
                checkedOut: !!record?.checked_out_at,
                sessionEndsAt: endsAt,
                minutesToday: careMinutes(stays, now),
                maxHoursPerDay: policy['child.maxCareHoursPerDay'],
              },
              now,
            ),
          };
        }),
    };
  });
}

/** The booking a check-in is for, with what authorising it and the refusal messages need (404 when there is none). */
export async function bookingForCheckIn(db: Db, bookingId: string) {
  const booking = await db
    .selectFrom('booking as b')
    .innerJoin('care_session as s', 's.id', 'b.session_id')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .innerJoin('child as c', 'c.id', 'b.child_id')
    .innerJoin('family as f', 'f.id', 'b.family_id')
    .innerJoin('app_user as g', 'g.id', 'f.guardian_user_id')
    .select([
      'b.id',
      'b.status',
      'b.session_id',
      'b.child_id',
      's.house_id',
      'h.street_id',
      'h.name as house_name',
      's.starts_at',
      's.ends_at',
      's.date',
      's.status as session_status',
      'c.name as child_name',
      'g.phone as guardian_phone',
      'f.guardian_user_id',
    ])
    .where('b.id', '=', bookingId)
    .executeTakeFirst();
  if (!booking) throw new AppError(404, 'BOOKING_NOT_FOUND');
  return booking;
}

export type CheckInBooking = Awaited<ReturnType<typeof bookingForCheckIn>>;

/** What the guardian's "checked in" message says: the child, the house, the time and who brought the child. */
const checkedInNotice = (booking: CheckInBooking, broughtBy: string, clock: Clock) => ({
  child: booking.child_name,
  house: booking.house_name,
  time: inDistrict(clock.now()).format('HH:mm'),
  by: broughtBy,
});

export interface CheckInInput {
  bookingId: string;
  temperature: number;
  observations?: string | null;
  broughtBy: string;
  admitted: boolean;
  refusalReason?: string | null;
}

/** Where a child is checked in and not yet out ('北外滩街道‘宝宝屋’ 09:00'), for the refusal's message. */
async function whereIs(db: Db, childId: string): Promise<string> {
  const open = await db
    .selectFrom('attendance as a')
    .innerJoin('care_session as s', 's.id', 'a.session_id')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .select(['h.name', 's.starts_at'])
    .where('a.child_id', '=', childId)
    .where('a.admitted', '=', true)
    .where('a.checked_out_at', 'is', null)
    .executeTakeFirst();
  return open ? `${open.name} ${inDistrict(open.starts_at).format('HH:mm')}` : '';
}

const isViolation = (err: unknown, code: string) => (err as { code?: string }).code === code;

/**
 * The morning check and check-in of a booked child (idempotent: a repeat answers with the first record, except
 * admitting a child turned away earlier). Under the session's lock: the booking still confirmed, the live ratio
 * (R3–R5) with the child added, the record, the audit, and the SMS to the guardian when the child is turned away.
 * Refused for the ratio, the house's managers are told once per session and quarter hour. Returns the record's id.
 */
export async function checkIn(
  db: Kysely<DB>,
  clock: Clock,
  cipher: FieldCipher,
  source: AuditSource,
  actorId: string,
  booking: CheckInBooking,
  b: CheckInInput,
): Promise<{ id: string; created: boolean }> {
  const existing = await db.selectFrom('attendance').select(['id', 'admitted']).where('booking_id', '=', b.bookingId).executeTakeFirst();
  if (existing && (existing.admitted || !b.admitted)) return { id: existing.id, created: false };
  if (booking.status !== 'confirmed') throw new AppError(409, 'BOOKING_NOT_CONFIRMED');
  if (
    booking.session_status !== 'scheduled' ||
    !checkInOpen({ startsAt: new Date(booking.starts_at), endsAt: new Date(booking.ends_at) }, clock.now())
  ) {
    throw new AppError(409, 'CHECK_IN_CLOSED');
  }
  const policy = await policyOn(db, booking.date);
  if (b.admitted && isFever(b.temperature, policy['healthCheck.feverCelsius'])) {
    throw new AppError(422, 'FEVER_NOT_ADMITTED', { temperature: b.temperature.toFixed(1) }, [
      { field: 'body.temperature', code: 'FEVER_NOT_ADMITTED', message: '' },
    ]);
  }
  if (!b.admitted && !b.refusalReason) {
    throw new AppError(422, 'REFUSAL_REASON_REQUIRED', undefined, [
      { field: 'body.refusalReason', code: 'REFUSAL_REASON_REQUIRED', message: '' },
    ]);
  }
  const health: HealthCheck = {
    temperature: b.temperature,
    observations: b.observations || null,
    refusalReason: b.admitted ? null : b.refusalReason!,
  };
  const result = await db
    .transaction()
    .execute(async (trx) => {
      // One check-in at a time per session: the ratio check below and the insert see the same room.
      await lockSession(trx, booking.session_id);
      const again = await trx.selectFrom('attendance').select(['id', 'admitted']).where('booking_id', '=', b.bookingId).executeTakeFirst();
      if (again && (again.admitted || !b.admitted)) return { id: again.id, created: false, ratioRefused: null };
      const current = await trx.selectFrom('booking').select('status').where('id', '=', b.bookingId).executeTakeFirstOrThrow();
      if (current.status !== 'confirmed') throw new AppError(409, 'BOOKING_NOT_CONFIRMED');
      if (b.admitted) {
        const ratio = await sessionRatio(trx, booking.session_id);
        if (ratio.present + 1 > ratio.maxChildren) return { id: null, created: false, ratioRefused: ratio.maxChildren };
      }
      if (again) {
        // Turned away at first, admitted now (a second check): the same record, now a stay that starts now.
        await trx
          .updateTable('attendance')
          .set({
            admitted: true,
            health_enc: cipher.encrypt(JSON.stringify(health)),
            brought_by: b.broughtBy,
            checked_in_at: clock.now(),
            checked_in_by: actorId,
          })
          .where('id', '=', again.id)
          .execute();
        await notifyGuardian(trx, clock, booking.guardian_user_id, 'checkIn', checkedInNotice(booking, b.broughtBy, clock));
        await writeAudit(trx, clock, source, {
          action: 'attendance.checkIn',
          entityType: 'child',
          entityId: booking.child_id,
          detail: { attendanceId: again.id, bookingId: b.bookingId, afterRefusal: true },
        });
        return { id: again.id, created: false, ratioRefused: null };
      }
      const row = await trx
        .insertInto('attendance')
        .values({
          booking_id: b.bookingId,
          session_id: booking.session_id,
          child_id: booking.child_id,
          admitted: b.admitted,
          health_enc: cipher.encrypt(JSON.stringify(health)),
          brought_by: b.broughtBy,
          checked_in_at: clock.now(),
          checked_in_by: actorId,
        })
        .onConflict((oc) => oc.column('booking_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return { id: null, created: false, ratioRefused: null };
      if (b.admitted) await notifyGuardian(trx, clock, booking.guardian_user_id, 'checkIn', checkedInNotice(booking, b.broughtBy, clock));
      else
        await notifyGuardian(trx, clock, booking.guardian_user_id, 'refused', {
          child: booking.child_name,
          house: booking.house_name,
          reason: health.refusalReason!,
        });
      await writeAudit(trx, clock, source, {
        action: b.admitted ? 'attendance.checkIn' : 'attendance.refuse',
        entityType: 'child',
        entityId: booking.child_id,
        detail: { attendanceId: row.id, bookingId: b.bookingId },
      });
      return { id: row.id, created: true, ratioRefused: null };
    })
    .catch(async (err) => {
      if (isViolation(err, '23P01') || isViolation(err, '23505'))
        throw new AppError(409, 'CHILD_ALREADY_IN', { where: await whereIs(db, booking.child_id) });
      throw err;
    });
  if (result.ratioRefused !== null) {
    // Refused because the room would break R3–R5: the manager must send someone now (told once per session and
    // quarter of an hour, however often the carer retries).
    await notifyHouseManagersOnce(
      db,
      clock,
      { key: `ratio-refused:${booking.session_id}`, windowSeconds: 900 },
      booking.house_id,
      'ratioRefusedArrival',
      {
        house: booking.house_name,
        time: inDistrict(booking.starts_at).format('HH:mm'),
        max: result.ratioRefused,
      },
    );
    throw new AppError(409, 'RATIO_WOULD_BREAK', { max: result.ratioRefused });
  }
  const id =
    result.id ?? (await db.selectFrom('attendance').select('id').where('booking_id', '=', b.bookingId).executeTakeFirstOrThrow()).id;
  return { id, created: result.created };
}

/** One attendance record as the API returns it. */
export async function recordOf(db: Db, cipher: FieldCipher, attendanceId: string) {
  const a = await attendanceRow(db, attendanceId);
  return attendanceRecordOf(a, cipher, await namesOf(db, [a.checked_in_by, a.checked_out_by]));
}

/** The house's day as the carers see it, with the house's name; reading the children's data is audited. */
export async function readHouseDay(
  db: Kysely<DB>,
  cipher: FieldCipher,
  clock: Clock,
  source: AuditSource,
  houseId: string,
  date: LocalDate,
) {
  const name = await houseName(db, houseId);
  const sessions = await attendanceDay(db, cipher, clock, houseId, date);
  const children = sessions.flatMap((s) => s.children.map((c) => c.childId));
  if (children.length) {
    await writeAudit(db, clock, source, { action: 'attendance.read', entityType: 'house', entityId: houseId, detail: { date, children } });
  }
  return { houseName: name, sessions };
}

/** The attendance record a check-out is for, with its house and family (404 when there is none). */
export async function attendanceToCheckOut(db: Db, attendanceId: string) {
  const a = await attendanceForCheckOut(db, attendanceId);
  if (!a) throw new AppError(404, 'ATTENDANCE_NOT_FOUND');
  return a;
}

export type CheckOutAttendance = Awaited<ReturnType<typeof attendanceToCheckOut>>;

export type CheckOutInput = { method: 'code'; code: string } | { method: 'list'; personId: string; identityConfirmed: boolean };

const pickupHash = (cipher: FieldCipher, childId: string, code: string) => cipher.searchHash(`pickup:${childId}:${code}`);

/**
 * Check-out to an authorised person (the guardian's one-time code, at most 5 tries a quarter hour, or a name from
 * the family's list). Idempotent: a record already checked out is answered as it is. Under the session's lock: the
 * record, the code used, the live ratio and the audit. Returns the record's id.
 */
export async function checkOut(
  db: Kysely<DB>,
  clock: Clock,
  cipher: FieldCipher,
  source: AuditSource,
  actorId: string,
  a: CheckOutAttendance,
  b: CheckOutInput,
): Promise<string> {
  if (a.checked_out_at) return a.id;
  if (!a.admitted) throw new AppError(409, 'NOT_CHECKED_IN');
  let pickedUpBy: string;
  let pickupPersonId: string | null = null;
  let codeId: string | null = null;
  if (b.method === 'code') {
    await hitRateLimits(db, clock.now(), [{ bucket: `pickup-code:${a.id}`, windowSeconds: 900, max: 5 }]);
    const code = await livePickupCode(db, a.child_id, clock.now());
    const given = Buffer.from(pickupHash(cipher, a.child_id, b.code));
    if (!code || !crypto.timingSafeEqual(Buffer.from(code.code_hash), given)) {
      throw new AppError(422, 'PICKUP_CODE_INVALID', undefined, [{ field: 'body.code', code: 'PICKUP_CODE_INVALID', message: '' }]);
    }
    codeId = code.id;
    // Whoever shows the code was sent by the guardian: the record says so rather than guessing a name.
    pickedUpBy = `凭接送码(${a.guardian_name})`;
  } else {
    if (!b.identityConfirmed) {
      throw new AppError(422, 'PICKUP_IDENTITY_NOT_CONFIRMED', undefined, [
        { field: 'body.identityConfirmed', code: 'PICKUP_IDENTITY_NOT_CONFIRMED', message: '' },
      ]);
    }
    if (b.personId === a.guardian_user_id) pickedUpBy = a.guardian_name;
    else {
      const p = await pickupPersonOfFamily(db, b.personId, a.family_id);
      if (!p)
        throw new AppError(422, 'PICKUP_NOT_AUTHORISED', undefined, [
          { field: 'body.personId', code: 'PICKUP_NOT_AUTHORISED', message: '' },
        ]);
      pickedUpBy = `${p.name}(${p.relation})`;
      pickupPersonId = p.id;
    }
  }
  await db.transaction().execute(async (trx) => {
    await lockSession(trx, a.session_id);
    const done = await trx
      .updateTable('attendance')
      .set({
        checked_out_at: clock.now(),
        checked_out_by: actorId,
        picked_up_by: pickedUpBy,
        pickup_method: b.method,
        pickup_person_id: pickupPersonId,
      })
      .where('id', '=', a.id)
      .where('checked_out_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) return; // a double tap got there first
    if (codeId) await trx.updateTable('pickup_code').set({ used_at: clock.now(), attendance_id: a.id }).where('id', '=', codeId).execute();
    await evaluateRatio(trx, clock, a.session_id, null);
    await notifyGuardian(trx, clock, a.guardian_user_id, 'checkOut', {
      child: a.child_name,
      house: a.house_name,
      time: inDistrict(clock.now()).format('HH:mm'),
      by: pickedUpBy,
    });
    await writeAudit(trx, clock, source, {
      action: 'attendance.checkOut',
      entityType: 'child',
      entityId: a.child_id,
      detail: { attendanceId: a.id, method: b.method, pickupPersonId },
    });
  });
  return a.id;
}

/** The session a duty change is for, with its street (404 when there is none). */
export async function sessionForDuty(db: Db, sessionId: string) {
  const s = await sessionWithStreet(db, sessionId);
  if (!s) throw new AppError(404, 'SESSION_NOT_FOUND');
  return s;
}

/**
 * A rostered person goes off duty or comes back: under the session's lock, the roster row, the live ratio (an
 * alarm when R3–R5 break) and the audit. Answers the session as the carers see it (the read audited).
 */
export async function setDuty(
  db: Kysely<DB>,
  clock: Clock,
  cipher: FieldCipher,
  source: AuditSource,
  s: Awaited<ReturnType<typeof sessionForDuty>>,
  userId: string,
  onDuty: boolean,
) {
  await db.transaction().execute(async (trx) => {
    await lockSession(trx, s.id);
    const row = await trx
      .updateTable('session_carer')
      .set({ off_duty_at: onDuty ? null : clock.now() })
      .where('session_id', '=', s.id)
      .where('user_id', '=', userId)
      .returning('user_id')
      .executeTakeFirst();
    if (!row) throw new AppError(422, 'NOT_ON_ROSTER', undefined, [{ field: 'body.userId', code: 'NOT_ON_ROSTER', message: '' }]);
    const ratio = await evaluateRatio(trx, clock, s.id, 'carer_left');
    await writeAudit(trx, clock, source, {
      action: onDuty ? 'duty.return' : 'duty.leave',
      entityType: 'care_session',
      entityId: s.id,
      detail: { userId, present: ratio.present, carersOnDuty: ratio.carersOnDuty, ok: ratio.ok },
    });
  });
  const [session] = await attendanceDay(db, cipher, clock, s.house_id, s.date, s.id);
  const children = session.children.map((c) => c.childId);
  if (children.length) {
    await writeAudit(db, clock, source, { action: 'attendance.read', entityType: 'care_session', entityId: s.id, detail: { children } });
  }
  return session;
}

/**
 * The guardian's children on a day: their sessions with the attendance records, and whether a pickup code is live.
 * A guardian who has not registered a family yet has no children that day, which is not an error.
 */
export async function familyDay(db: Db, clock: Clock, cipher: FieldCipher, guardianUserId: string, date: LocalDate) {
  const family = await familyOfGuardian(db, guardianUserId);
  if (!family) return { date, children: [] };
  const familyId = family.id;
  const children = await childrenOfFamily(db, familyId);
  const [bookings, codes] = await Promise.all([
    familyBookingsOn(db, familyId, date),
    livePickupCodesOf(
      db,
      children.map((c) => c.id),
      clock.now(),
    ),
  ]);
  const records = new Map<string, ReturnType<typeof attendanceRecordOf>>();
  for (const b of bookings) if (b.attendance_id) records.set(b.id, await recordOf(db, cipher, b.attendance_id));
  return {
    date,
    children: children.map((c) => {
      const code = codes.find((x) => x.child_id === c.id);
      return {
        childId: c.id,
        childName: c.name,
        sessions: bookings
          .filter((b) => b.child_id === c.id)
          .map((b) => {
            const r = records.get(b.id);
            return {
              bookingId: b.id,
              houseName: b.house_name,
              roomName: b.room_name,
              startsAt: new Date(b.starts_at).toISOString(),
              endsAt: new Date(b.ends_at).toISOString(),
              attendance: r
                ? {
                    admitted: r.admitted,
                    temperature: r.temperature,
                    observations: r.observations,
                    refusalReason: r.refusalReason,
                    broughtBy: r.broughtBy,
                    checkedInAt: r.checkedInAt,
                    checkedOutAt: r.checkedOutAt,
                    pickedUpBy: r.pickedUpBy,
                  }
                : null,
            };
          }),
        pickupCode: code ? { expiresAt: new Date(code.expires_at).toISOString() } : null,
      };
    }),
  };
}

/** The child a pickup code is asked for, with the guardian (404 when there is none). */
export async function childForPickupCode(db: Db, childId: string) {
  const c = await childWithGuardian(db, childId);
  if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
  return c;
}

/** A new one-time pickup code (at most 10 an hour per child); it replaces any live one. Returns the code, shown once. */
export async function newPickupCode(
  db: Kysely<DB>,
  clock: Clock,
  cipher: FieldCipher,
  source: AuditSource,
  actorId: string,
  childId: string,
) {
  const now = clock.now();
  await hitRateLimits(db, now, [{ bucket: `pickup-code-new:${childId}`, windowSeconds: 3600, max: 10 }]);
  const policy = await policyOn(db, localDateOf(now));
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + policy['pickup.codeValidityHours'] * 3600_000);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('pickup_code')
      .set({ expires_at: now })
      .where('child_id', '=', childId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    await trx
      .insertInto('pickup_code')
      .values({
        child_id: childId,
        code_hash: pickupHash(cipher, childId, code),
        created_by: actorId,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    await writeAudit(trx, clock, source, { action: 'pickupCode.create', entityType: 'child', entityId: childId, detail: { expiresAt } });
  });
  return { code, expiresAt: expiresAt.toISOString() };
}
