// The carers' day (§5.3): the day's sessions with the live ratio, check-in with the morning health check, check-out
// only to an authorised person (the guardian's one-time code, or a name from the family's list), carers going off
// duty and back; and the guardian's view of the day with the pickup code. Check-in and check-out are idempotent.
// The workflows are in service.ts, the SQL in queries.ts: the routes parse, authorise, call them and answer.
import { houseTarget } from '../houses/queries.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDateOf } from '../../../domain/time.ts';
import { authorize } from '../../access.ts';
import { auditSourceOf } from '../../audit.ts';
import { idParams, localDate } from '../../schemas.ts';
import {
  attendanceToCheckOut,
  bookingForCheckIn,
  checkIn,
  checkOut,
  childForPickupCode,
  familyDay,
  newPickupCode,
  readHouseDay,
  recordOf,
  sessionForDuty,
  setDuty,
} from './service.ts';

const attendanceOutput = z.object({
  id: z.string(),
  admitted: z.boolean(),
  temperature: z.number(),
  observations: z.string().nullable(),
  refusalReason: z.string().nullable(),
  broughtBy: z.string(),
  checkedInAt: z.string(),
  checkedInBy: z.string(),
  checkedOutAt: z.string().nullable(),
  checkedOutBy: z.string().nullable(),
  pickedUpBy: z.string().nullable(),
  pickupMethod: z.enum(['code', 'list']).nullable(),
});
const sessionOutput = z.object({
  id: z.string(),
  roomName: z.string(),
  areaM2: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  serviceType: z.enum(['temporary', 'hourly']),
  status: z.enum(['scheduled', 'cancelled']),
  checkInOpen: z.boolean(),
  /** The morning check's fever threshold on the session's date (policy healthCheck.feverCelsius). */
  feverCelsius: z.number(),
  carers: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      role: z.string(),
      countsForRatio: z.boolean(),
      onDuty: z.boolean(),
      offDutyAt: z.string().nullable(),
    }),
  ),
  ratio: z.object({
    present: z.number(),
    carersOnDuty: z.number(),
    maxChildren: z.number(),
    breaches: z.array(z.enum(['R3', 'R4', 'R5'])),
    ok: z.boolean(),
    childrenPerCarer: z.number(),
  }),
  alarm: z.object({ raisedAt: z.string(), cause: z.enum(['carer_left', 'child_arrived', 'roster_changed']) }).nullable(),
  children: z.array(
    z.object({
      bookingId: z.string(),
      childId: z.string(),
      childName: z.string(),
      sex: z.enum(['male', 'female']),
      ageMonths: z.number(),
      allergies: z.string().nullable(),
      pickupList: z.array(
        z.object({ id: z.string(), name: z.string(), relation: z.string(), phoneMasked: z.string(), isGuardian: z.boolean() }),
      ),
      attendance: attendanceOutput.nullable(),
      flags: z.object({ overdue: z.boolean(), overDailyLimit: z.boolean() }),
    }),
  ),
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
  children: z.array(
    z.object({
      childId: z.string(),
      childName: z.string(),
      sessions: z.array(
        z.object({
          bookingId: z.string(),
          houseName: z.string(),
          roomName: z.string(),
          startsAt: z.string(),
          endsAt: z.string(),
          attendance: attendanceOutput
            .pick({
              admitted: true,
              temperature: true,
              observations: true,
              refusalReason: true,
              broughtBy: true,
              checkedInAt: true,
              checkedOutAt: true,
              pickedUpBy: true,
            })
            .nullable(),
        }),
      ),
      pickupCode: z.object({ expiresAt: z.string() }).nullable(),
    }),
  ),
});

export default async function attendanceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, cipher } = app.ctx;
  const today = () => localDateOf(clock.now());

  app.get(
    '/api/attendance/day',
    {
      config: { action: 'attendance.read' },
      schema: {
        tags: ['attendance'],
        summary:
          'The house’s sessions of a day with the carers on duty, the live R3–R5 ratio, the booked children, their attendance and flags',
        querystring: z.strictObject({ houseId: z.uuid(), date: localDate.optional() }),
        response: {
          200: z.object({
            houseId: z.string(),
            houseName: z.string(),
            date: z.string(),
            now: z.string(),
            sessions: z.array(sessionOutput),
          }),
        },
      },
    },
    async (req) => {
      authorize(req.actor!, 'attendance.read', await houseTarget(db, req.query.houseId));
      const date = req.query.date ?? today();
      const day = await readHouseDay(db, cipher, clock, auditSourceOf(req), req.query.houseId, date);
      return { houseId: req.query.houseId, houseName: day.houseName, date, now: clock.now().toISOString(), sessions: day.sessions };
    },
  );

  app.post(
    '/api/attendance/check-in',
    {
      config: { action: 'attendance.record' },
      schema: {
        tags: ['attendance'],
        summary:
          'Morning health check and check-in of a booked child (201); a retry of the same booking returns the first record (200). Refusing entry tells the guardian.',
        body: checkInInput,
        response: { 200: attendanceOutput, 201: attendanceOutput },
      },
    },
    async (req, res) => {
      const booking = await bookingForCheckIn(db, req.body.bookingId);
      authorize(req.actor!, 'attendance.record', { houseId: booking.house_id, streetId: booking.street_id });
      const result = await checkIn(db, clock, cipher, auditSourceOf(req), req.actor!.id, booking, req.body);
      return res.status(result.created ? 201 : 200).send(await recordOf(db, cipher, result.id));
    },
  );

  app.post(
    '/api/attendance/:id/check-out',
    {
      config: { action: 'attendance.record' },
      schema: {
        tags: ['attendance'],
        summary:
          'Check a child out to an authorised person: the guardian’s one-time code, or a name from the family’s list confirmed by the carer. A retry returns the same record.',
        params: idParams,
        body: checkOutInput,
        response: { 200: attendanceOutput },
      },
    },
    async (req) => {
      const a = await attendanceToCheckOut(db, req.params.id);
      authorize(req.actor!, 'attendance.record', { houseId: a.house_id, streetId: a.street_id });
      const id = await checkOut(db, clock, cipher, auditSourceOf(req), req.actor!.id, a, req.body);
      return recordOf(db, cipher, id);
    },
  );

  app.put(
    '/api/staff/sessions/:id/duty',
    {
      config: { action: 'duty.record' },
      schema: {
        tags: ['attendance'],
        summary: 'A rostered person goes off duty during the session or comes back; breaking R3–R5 raises the alarm and tells the manager',
        params: idParams,
        body: z.strictObject({ userId: z.uuid(), onDuty: z.boolean() }),
        response: { 200: sessionOutput },
      },
    },
    async (req) => {
      const s = await sessionForDuty(db, req.params.id);
      authorize(req.actor!, 'duty.record', { houseId: s.house_id, streetId: s.street_id });
      return setDuty(db, clock, cipher, auditSourceOf(req), s, req.body.userId, req.body.onDuty);
    },
  );

  // ---- The guardian ----

  app.get(
    '/api/family/attendance',
    {
      config: { action: 'attendance.readOwn' },
      schema: {
        tags: ['attendance'],
        summary: 'The guardian’s children on a day: their sessions with check-in and check-out times and the health-check notes',
        querystring: z.strictObject({ date: localDate.optional() }),
        response: { 200: familyDayOutput },
      },
    },
    async (req) => {
      authorize(req.actor!, 'attendance.readOwn', { userId: req.actor!.id });
      return familyDay(db, clock, cipher, req.actor!.id, req.query.date ?? today());
    },
  );

  app.post(
    '/api/family/children/:id/pickup-code',
    {
      config: { action: 'pickupCode.create' },
      schema: {
        tags: ['attendance'],
        summary: 'A new one-time pickup code for the child (shown once; it replaces any earlier code and works once)',
        params: idParams,
        response: { 201: z.object({ code: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req, res) => {
      const c = await childForPickupCode(db, req.params.id);
      authorize(req.actor!, 'pickupCode.create', { userId: c.guardian_user_id });
      return res.status(201).send(await newPickupCode(db, clock, cipher, auditSourceOf(req), req.actor!.id, c.id));
    },
  );
}
