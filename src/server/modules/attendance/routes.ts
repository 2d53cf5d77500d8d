// The carers' day (§5.3): the day's sessions with the live ratio, check-in with the morning health check, check-out
// only to an authorised person (the guardian's one-time code, or a name from the family's list), carers going off
// duty and back; and the guardian's view of the day with the pickup code. Check-in and check-out are idempotent.
import { houseTarget } from '../houses/service.ts';
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDateOf } from '../../../domain/time.ts';
import { authorize } from '../../access.ts';
import { auditSourceOf, writeAudit } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { hitRateLimits } from '../../rateLimit.ts';
import { idParams, localDate } from '../../schemas.ts';
import { policyOn } from '../policy/service.ts';
import { lockSession } from '../../locks.ts';
import { attendanceDay, attendanceRecordOf, bookingForCheckIn, checkIn, evaluateRatio } from './service.ts';

const attendanceOutput = z.object({
  id: z.string(), admitted: z.boolean(), temperature: z.number(), observations: z.string().nullable(), refusalReason: z.string().nullable(),
  broughtBy: z.string(), checkedInAt: z.string(), checkedInBy: z.string(), checkedOutAt: z.string().nullable(), checkedOutBy: z.string().nullable(),
  pickedUpBy: z.string().nullable(), pickupMethod: z.enum(['code', 'list']).nullable(),
});
const sessionOutput = z.object({
  id: z.string(), roomName: z.string(), areaM2: z.number(), startsAt: z.string(), endsAt: z.string(), serviceType: z.enum(['temporary', 'hourly']),
  status: z.enum(['scheduled', 'cancelled']), checkInOpen: z.boolean(),
  /** The morning check's fever threshold on the session's date (policy healthCheck.feverCelsius). */
  feverCelsius: z.number(),
  carers: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string(), countsForRatio: z.boolean(), onDuty: z.boolean(), offDutyAt: z.string().nullable() })),
  ratio: z.object({
    present: z.number(), carersOnDuty: z.number(), maxChildren: z.number(), breaches: z.array(z.enum(['R3', 'R4', 'R5'])), ok: z.boolean(), childrenPerCarer: z.number(),
  }),
  alarm: z.object({ raisedAt: z.string(), cause: z.enum(['carer_left', 'child_arrived', 'roster_changed']) }).nullable(),
  children: z.array(z.object({
    bookingId: z.string(), childId: z.string(), childName: z.string(), sex: z.enum(['male', 'female']), ageMonths: z.number(), allergies: z.string().nullable(),
    pickupList: z.array(z.object({ id: z.string(), name: z.string(), relation: z.string(), phoneMasked: z.string(), isGuardian: z.boolean() })),
    attendance: attendanceOutput.nullable(),
    flags: z.object({ overdue: z.boolean(), overDailyLimit: z.boolean() }),
  })),
});
const checkInInput = z.strictObject({
  bookingId: z.uuid(),
  temperature: z.number().min(34).max(43),
  observations: z.string().trim().max(200).nullable().optional(),
  broughtBy: z.string().trim().min(1).max(30),
  admitted: z.boolean(),
  refusalReason: z.string().trim().max(200).nullable().optional(),
});
const checkOutInput = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('code'), code: z.string().regex(/^\d{6}$/) }),
  /** personId: an id from the child's pickupList (the guardian's account id, or a pickup person's id). */
  z.strictObject({ method: z.literal('list'), personId: z.uuid(), identityConfirmed: z.boolean() }),
]);
const familyDayOutput = z.object({
  date: z.string(),
  children: z.array(z.object({
    childId: z.string(), childName: z.string(),
    sessions: z.array(z.object({
      bookingId: z.string(), houseName: z.string(), roomName: z.string(), startsAt: z.string(), endsAt: z.string(),
      attendance: attendanceOutput.pick({
        admitted: true, temperature: true, observations: true, refusalReason: true, broughtBy: true, checkedInAt: true, checkedOutAt: true, pickedUpBy: true,
      }).nullable(),
    })),
    pickupCode: z.object({ expiresAt: z.string() }).nullable(),
  })),
});

export default async function attendanceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, cipher } = app.ctx;
  const today = () => localDateOf(clock.now());
  const pickupHash = (childId: string, code: string) => cipher.searchHash(`pickup:${childId}:${code}`);

  async function namesOf(ids: (string | null)[]) {
    const list = [...new Set(ids.filter((x): x is string => !!x))];
    const rows = list.length ? await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', list).execute() : [];
    return new Map(rows.map((u) => [u.id, u.display_name]));
  }

  async function recordOf(attendanceId: string) {
    const a = await db.selectFrom('attendance').selectAll().where('id', '=', attendanceId).executeTakeFirstOrThrow();
    return attendanceRecordOf(a, cipher, await namesOf([a.checked_in_by, a.checked_out_by]));
  }

  app.get('/api/attendance/day', {
    config: { action: 'attendance.read' },
    schema: {
      tags: ['attendance'], summary: 'The house’s sessions of a day with the carers on duty, the live R3–R5 ratio, the booked children, their attendance and flags',
      querystring: z.strictObject({ houseId: z.uuid(), date: localDate.optional() }),
      response: { 200: z.object({ houseId: z.string(), houseName: z.string(), date: z.string(), now: z.string(), sessions: z.array(sessionOutput) }) },
    },
  }, async (req) => {
    authorize(req.actor!, 'attendance.read', await houseTarget(db, req.query.houseId));
    const date = req.query.date ?? today();
    const house = await db.selectFrom('house').select('name').where('id', '=', req.query.houseId).executeTakeFirstOrThrow();
    const sessions = await attendanceDay(db, cipher, clock, req.query.houseId, date);
    const children = sessions.flatMap((s) => s.children.map((c) => c.childId));
    if (children.length) {
      await writeAudit(db, clock, auditSourceOf(req), { action: 'attendance.read', entityType: 'house', entityId: req.query.houseId, detail: { date, children } });
    }
    return { houseId: req.query.houseId, houseName: house.name, date, now: clock.now().toISOString(), sessions };
  });

  app.post('/api/attendance/check-in', {
    config: { action: 'attendance.record' },
    schema: {
      tags: ['attendance'],
      summary: 'Morning health check and check-in of a booked child (201); a retry of the same booking returns the first record (200). Refusing entry tells the guardian.',
      body: checkInInput, response: { 200: attendanceOutput, 201: attendanceOutput },
    },
  }, async (req, res) => {
    const booking = await bookingForCheckIn(db, req.body.bookingId);
    authorize(req.actor!, 'attendance.record', { houseId: booking.house_id, streetId: booking.street_id });
    const result = await checkIn(db, clock, cipher, auditSourceOf(req), req.actor!.id, booking, req.body);
    return res.status(result.created ? 201 : 200).send(await recordOf(result.id));
  });

  app.post('/api/attendance/:id/check-out', {
    config: { action: 'attendance.record' },
    schema: {
      tags: ['attendance'],
      summary: 'Check a child out to an authorised person: the guardian’s one-time code, or a name from the family’s list confirmed by the carer. A retry returns the same record.',
      params: idParams, body: checkOutInput, response: { 200: attendanceOutput },
    },
  }, async (req) => {
    const a = await db.selectFrom('attendance as a').innerJoin('care_session as s', 's.id', 'a.session_id').innerJoin('house as h', 'h.id', 's.house_id')
      .innerJoin('child as c', 'c.id', 'a.child_id').innerJoin('family as f', 'f.id', 'c.family_id')
      .select(['a.id', 'a.admitted', 'a.checked_out_at', 'a.child_id', 'a.session_id', 's.house_id', 'h.street_id', 'f.id as family_id', 'f.guardian_user_id', 'f.guardian_name'])
      .where('a.id', '=', req.params.id).executeTakeFirst();
    if (!a) throw new AppError(404, 'ATTENDANCE_NOT_FOUND');
    authorize(req.actor!, 'attendance.record', { houseId: a.house_id, streetId: a.street_id });
    if (a.checked_out_at) return recordOf(a.id);
    if (!a.admitted) throw new AppError(409, 'NOT_CHECKED_IN');
    const b = req.body;
    let pickedUpBy: string;
    let pickupPersonId: string | null = null;
    let codeId: string | null = null;
    if (b.method === 'code') {
      await hitRateLimits(db, clock.now(), [{ bucket: `pickup-code:${a.id}`, windowSeconds: 900, max: 5 }]);
      const code = await db.selectFrom('pickup_code').select(['id', 'code_hash']).where('child_id', '=', a.child_id).where('used_at', 'is', null)
        .where('expires_at', '>', clock.now()).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      const given = Buffer.from(pickupHash(a.child_id, b.code));
      if (!code || !crypto.timingSafeEqual(Buffer.from(code.code_hash), given)) {
        throw new AppError(422, 'PICKUP_CODE_INVALID', undefined, [{ field: 'body.code', code: 'PICKUP_CODE_INVALID', message: '' }]);
      }
      codeId = code.id;
      // Whoever shows the code was sent by the guardian: the record says so rather than guessing a name.
      pickedUpBy = `凭接送码(${a.guardian_name})`;
    } else {
      if (!b.identityConfirmed) {
        throw new AppError(422, 'PICKUP_IDENTITY_NOT_CONFIRMED', undefined, [{ field: 'body.identityConfirmed', code: 'PICKUP_IDENTITY_NOT_CONFIRMED', message: '' }]);
      }
      if (b.personId === a.guardian_user_id) pickedUpBy = a.guardian_name;
      else {
        const p = await db.selectFrom('pickup_person').select(['id', 'name', 'relation']).where('id', '=', b.personId).where('family_id', '=', a.family_id).executeTakeFirst();
        if (!p) throw new AppError(422, 'PICKUP_NOT_AUTHORISED', undefined, [{ field: 'body.personId', code: 'PICKUP_NOT_AUTHORISED', message: '' }]);
        pickedUpBy = `${p.name}(${p.relation})`;
        pickupPersonId = p.id;
      }
    }
    await db.transaction().execute(async (trx) => {
      await lockSession(trx, a.session_id);
      const done = await trx.updateTable('attendance').set({
        checked_out_at: clock.now(), checked_out_by: req.actor!.id, picked_up_by: pickedUpBy, pickup_method: b.method, pickup_person_id: pickupPersonId,
      }).where('id', '=', a.id).where('checked_out_at', 'is', null).returning('id').executeTakeFirst();
      if (!done) return; // a double tap got there first
      if (codeId) await trx.updateTable('pickup_code').set({ used_at: clock.now(), attendance_id: a.id }).where('id', '=', codeId).execute();
      await evaluateRatio(trx, clock, a.session_id, null);
      await writeAudit(trx, clock, auditSourceOf(req), {
        action: 'attendance.checkOut', entityType: 'child', entityId: a.child_id, detail: { attendanceId: a.id, method: b.method, pickupPersonId },
      });
    });
    return recordOf(a.id);
  });

  app.put('/api/staff/sessions/:id/duty', {
    config: { action: 'duty.record' },
    schema: {
      tags: ['attendance'], summary: 'A rostered person goes off duty during the session or comes back; breaking R3–R5 raises the alarm and tells the manager',
      params: idParams, body: z.strictObject({ userId: z.uuid(), onDuty: z.boolean() }), response: { 200: sessionOutput },
    },
  }, async (req) => {
    const s = await db.selectFrom('care_session as s').innerJoin('house as h', 'h.id', 's.house_id').select(['s.id', 's.house_id', 's.date', 'h.street_id'])
      .where('s.id', '=', req.params.id).executeTakeFirst();
    if (!s) throw new AppError(404, 'SESSION_NOT_FOUND');
    authorize(req.actor!, 'duty.record', { houseId: s.house_id, streetId: s.street_id });
    await db.transaction().execute(async (trx) => {
      await lockSession(trx, s.id);
      const row = await trx.updateTable('session_carer').set({ off_duty_at: req.body.onDuty ? null : clock.now() })
        .where('session_id', '=', s.id).where('user_id', '=', req.body.userId).returning('user_id').executeTakeFirst();
      if (!row) throw new AppError(422, 'NOT_ON_ROSTER', undefined, [{ field: 'body.userId', code: 'NOT_ON_ROSTER', message: '' }]);
      const ratio = await evaluateRatio(trx, clock, s.id, 'carer_left');
      await writeAudit(trx, clock, auditSourceOf(req), {
        action: req.body.onDuty ? 'duty.return' : 'duty.leave', entityType: 'care_session', entityId: s.id,
        detail: { userId: req.body.userId, present: ratio.present, carersOnDuty: ratio.carersOnDuty, ok: ratio.ok },
      });
    });
    const [session] = await attendanceDay(db, cipher, clock, s.house_id, s.date, s.id);
    const children = session.children.map((c) => c.childId);
    if (children.length) {
      await writeAudit(db, clock, auditSourceOf(req), { action: 'attendance.read', entityType: 'care_session', entityId: s.id, detail: { children } });
    }
    return session;
  });

  // ---- The guardian ----

  async function ownFamily(userId: string) {
    const f = await db.selectFrom('family').select(['id', 'guardian_user_id']).where('guardian_user_id', '=', userId).executeTakeFirst();
    if (!f) throw new AppError(404, 'FAMILY_NOT_FOUND');
    return f;
  }

  app.get('/api/family/attendance', {
    config: { action: 'attendance.readOwn' },
    schema: {
      tags: ['attendance'], summary: 'The guardian’s children on a day: their sessions with check-in and check-out times and the health-check notes',
      querystring: z.strictObject({ date: localDate.optional() }), response: { 200: familyDayOutput },
    },
  }, async (req) => {
    authorize(req.actor!, 'attendance.readOwn', { userId: req.actor!.id });
    const family = await ownFamily(req.actor!.id);
    const date = req.query.date ?? today();
    const children = await db.selectFrom('child').select(['id', 'name']).where('family_id', '=', family.id).orderBy('birth_date').execute();
    const [bookings, codes] = await Promise.all([
      db.selectFrom('booking as b').innerJoin('care_session as s', 's.id', 'b.session_id').innerJoin('house as h', 'h.id', 's.house_id')
        .innerJoin('room as r', 'r.id', 's.room_id').leftJoin('attendance as a', 'a.booking_id', 'b.id')
        .select(['b.id', 'b.child_id', 'h.name as house_name', 'r.name as room_name', 's.starts_at', 's.ends_at', 'a.id as attendance_id'])
        .where('b.family_id', '=', family.id).where('s.date', '=', date).where('b.status', 'in', ['confirmed', 'no_show'])
        .where('s.status', '=', 'scheduled').orderBy('s.starts_at').execute(),
      db.selectFrom('pickup_code').select(['child_id', 'expires_at']).where('child_id', 'in', children.length ? children.map((c) => c.id) : [null as never])
        .where('used_at', 'is', null).where('expires_at', '>', clock.now()).orderBy('created_at', 'desc').execute(),
    ]);
    const records = new Map<string, ReturnType<typeof attendanceRecordOf>>();
    for (const b of bookings) if (b.attendance_id) records.set(b.id, await recordOf(b.attendance_id));
    return {
      date,
      children: children.map((c) => {
        const code = codes.find((x) => x.child_id === c.id);
        return {
          childId: c.id, childName: c.name,
          sessions: bookings.filter((b) => b.child_id === c.id).map((b) => {
            const r = records.get(b.id);
            return {
              bookingId: b.id, houseName: b.house_name, roomName: b.room_name, startsAt: new Date(b.starts_at).toISOString(), endsAt: new Date(b.ends_at).toISOString(),
              attendance: r ? {
                admitted: r.admitted, temperature: r.temperature, observations: r.observations, refusalReason: r.refusalReason, broughtBy: r.broughtBy,
                checkedInAt: r.checkedInAt, checkedOutAt: r.checkedOutAt, pickedUpBy: r.pickedUpBy,
              } : null,
            };
          }),
          pickupCode: code ? { expiresAt: new Date(code.expires_at).toISOString() } : null,
        };
      }),
    };
  });

  app.post('/api/family/children/:id/pickup-code', {
    config: { action: 'pickupCode.create' },
    schema: {
      tags: ['attendance'], summary: 'A new one-time pickup code for the child (shown once; it replaces any earlier code and works once)',
      params: idParams, response: { 201: z.object({ code: z.string(), expiresAt: z.string() }) },
    },
  }, async (req, res) => {
    const c = await db.selectFrom('child as c').innerJoin('family as f', 'f.id', 'c.family_id').select(['c.id', 'f.guardian_user_id'])
      .where('c.id', '=', req.params.id).executeTakeFirst();
    if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
    authorize(req.actor!, 'pickupCode.create', { userId: c.guardian_user_id });
    const now = clock.now();
    await hitRateLimits(db, now, [{ bucket: `pickup-code-new:${c.id}`, windowSeconds: 3600, max: 10 }]);
    const policy = await policyOn(db, today());
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + policy['pickup.codeValidityHours'] * 3600_000);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('pickup_code').set({ expires_at: now }).where('child_id', '=', c.id).where('used_at', 'is', null).where('expires_at', '>', now).execute();
      await trx.insertInto('pickup_code').values({ child_id: c.id, code_hash: pickupHash(c.id, code), created_by: req.actor!.id, created_at: now, expires_at: expiresAt }).execute();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'pickupCode.create', entityType: 'child', entityId: c.id, detail: { expiresAt } });
    });
    return res.status(201).send({ code, expiresAt: expiresAt.toISOString() });
  });
}
