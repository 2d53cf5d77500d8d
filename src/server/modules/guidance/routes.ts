// Parenting guidance (DOMAIN.md §5.4, T5): the providers (district), events published by a provider's 指导师 or a
// house's manager, the families' enrolments from the H5 (seats, waiting list, offers) and attendance at the door.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDateOf, addDays } from '../../../domain/time.ts';
import { authorize, scopeOf } from '../../access.ts';
import { actorSourceOf, auditSourceOf } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { idParams, localDate, timeOfDay, uuid } from '../../schemas.ts';
import { acceptOffer, cancelEvent, enrol, recordAttendance, withdraw } from './engine.ts';
import * as q from './queries.ts';
import {
  eventOut,
  familyGuidance,
  previewEventChange,
  publishEvent,
  readRoster,
  saveProvider,
  targetOfEvent,
  updateEvent,
} from './service.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const providerKind = z.enum(['early_education_centre', 'kindergarten_point', 'health_centre']);
const mode = z.enum(['offline', 'online']);
const enrolmentStatus = z.enum(['confirmed', 'waitlisted', 'offered', 'cancelled', 'expired']);
const openingHours = z.array(z.strictObject({ weekday: z.number().int().min(1).max(7), open: timeOfDay, close: timeOfDay })).max(7);

const providerOut = z.object({
  id: z.string(),
  kind: providerKind,
  name: z.string(),
  streetId: z.string(),
  streetName: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  openingHours,
  status: z.enum(['active', 'disabled']),
  staffCount: z.number(),
});
const providerIn = z.strictObject({
  kind: providerKind,
  name: text(60),
  streetId: uuid,
  address: text(120),
  phone: z
    .string()
    .regex(/^[0-9-]{7,20}$/)
    .nullable()
    .default(null),
  openingHours: openingHours.default([]),
  status: z.enum(['active', 'disabled']).optional(),
});

const eventOutput = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.string(),
  topicName: z.string(),
  organiser: z.string(),
  organiserKind: z.enum(['provider', 'house']),
  organiserHours: openingHours.describe('When the organiser (provider or house) is open'),
  providerId: z.string().nullable(),
  houseId: z.string().nullable(),
  streetId: z.string(),
  streetName: z.string(),
  minAgeMonths: z.number(),
  maxAgeMonths: z.number(),
  leader: z.string(),
  description: z.string(),
  mode,
  place: z.string().nullable(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  seats: z.number(),
  seatsLeft: z.number(),
  waiting: z.number(),
  attended: z.number(),
  childComes: z.boolean(),
  status: z.enum(['published', 'cancelled']),
  cancelReason: z.string().nullable(),
});
const eventIn = z.strictObject({
  title: text(60),
  topic: z.string().regex(/^[a-z][a-z_]{1,39}$/),
  minAgeMonths: z.number().int().min(0).max(72),
  maxAgeMonths: z.number().int().min(0).max(72),
  leader: text(40),
  description: z.string().trim().max(2000).default(''),
  mode,
  place: z.string().trim().max(120).nullable().default(null),
  meetingUrl: z.string().trim().max(500).nullable().default(null),
  date: localDate,
  startTime: timeOfDay,
  endTime: timeOfDay,
  seats: z.number().int().min(1).max(500),
  childComes: z.boolean().default(false),
});
const enrolmentOut = z.object({
  id: z.string(),
  eventId: z.string(),
  status: enrolmentStatus,
  offeredUntil: z.string().nullable(),
  doorCode: z.string(),
});
const range = z.strictObject({ from: localDate.optional(), to: localDate.optional() });

export default async function guidanceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  /** `from`–`to`, default today and four weeks on; at most a year. */
  const period = (query: { from?: string; to?: string }) => {
    const from = query.from ?? localDateOf(clock.now());
    const to = query.to ?? addDays(from, 28);
    if (to < from || addDays(from, 366) < to)
      throw new AppError(422, 'VALIDATION_FAILED', undefined, [{ field: 'querystring.to', code: 'VALIDATION_FAILED', message: '' }]);
    return { from, to };
  };

  // ——— public: what families can find ———

  app.get(
    '/api/guidance/topics',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['guidance'],
        summary: 'The guidance topics the district keeps',
        response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) },
      },
    },
    async () => q.activeTopics(db),
  );

  app.get(
    '/api/guidance/events',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['guidance'],
        summary: 'Published guidance events that have not ended, with the seats left (no meeting links)',
        querystring: range.extend({ street: uuid.optional(), topic: z.string().max(40).optional(), mode: mode.optional() }),
        response: { 200: z.array(eventOutput) },
      },
    },
    async (req) => {
      const { from, to } = period(req.query);
      const rows = await q.publicEvents(db, clock.now(), {
        from,
        to,
        streetId: req.query.street,
        topic: req.query.topic,
        mode: req.query.mode,
      });
      return rows.map(eventOut);
    },
  );

  app.get(
    '/api/guidance/events/:id',
    {
      config: { action: 'public.read' },
      schema: { tags: ['guidance'], summary: 'One guidance event', params: idParams, response: { 200: eventOutput } },
    },
    async (req) => {
      const e = await q.eventById(db, clock.now(), req.params.id);
      if (!e) throw new AppError(404, 'EVENT_NOT_FOUND');
      return eventOut(e);
    },
  );

  // ——— the guardian ———

  app.get(
    '/api/family/guidance',
    {
      config: { action: 'guidance.enrol' },
      schema: {
        tags: ['guidance'],
        summary: 'The family’s guidance this year: progress against the yearly target (T5) and its enrolments',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2020).max(2100).optional() }),
        response: {
          200: z.object({
            progress: z.object({ year: z.number(), done: z.number(), target: z.number(), reached: z.boolean() }),
            enrolments: z.array(
              z.object({
                id: z.string(),
                status: enrolmentStatus,
                offeredUntil: z.string().nullable(),
                queuePosition: z
                  .number()
                  .int()
                  .nullable()
                  .describe('Where a waitlisted family stands in line (1 = next); null unless waitlisted'),
                doorCode: z.string().nullable(),
                attendedAt: z.string().nullable(),
                meetingUrl: z.string().nullable(),
                event: eventOutput,
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      authorize(req.actor!, 'guidance.enrol', { userId: req.actor!.id });
      const year = req.query.year ?? Number(localDateOf(clock.now()).slice(0, 4));
      return familyGuidance(db, clock, req.actor!.id, year);
    },
  );

  app.post(
    '/api/guidance/enrolments',
    {
      config: { action: 'guidance.enrol' },
      schema: {
        tags: ['guidance'],
        summary:
          'Enrol the family in an event: a seat or a waiting-list place at once. The same Idempotency-Key again answers the same enrolment.',
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: z.strictObject({ eventId: uuid }),
        response: { 200: enrolmentOut, 201: enrolmentOut },
      },
    },
    async (req, res) => {
      authorize(req.actor!, 'guidance.enrol', { userId: req.actor!.id });
      const { created, ...result } = await enrol(db, clock, {
        eventId: req.body.eventId,
        actor: req.actor!,
        idempotencyKey: req.headers['idempotency-key'] ?? null,
        source: auditSourceOf(req),
      });
      return res.status(created ? 201 : 200).send(result);
    },
  );

  app.post(
    '/api/guidance/enrolments/:id/cancel',
    {
      config: { action: 'guidance.enrol' },
      schema: {
        tags: ['guidance'],
        summary: 'Cancel the family’s enrolment before the event starts (a freed seat goes to the first in line)',
        params: idParams,
        response: { 200: z.object({ id: z.string(), status: z.literal('cancelled') }) },
      },
    },
    async (req) => withdraw(db, clock, { enrolmentId: req.params.id, actor: req.actor!, source: auditSourceOf(req) }),
  );

  app.post(
    '/api/guidance/enrolments/:id/accept',
    {
      config: { action: 'guidance.enrol' },
      schema: {
        tags: ['guidance'],
        summary: 'Take the seat offered from the waiting list',
        params: idParams,
        response: { 200: enrolmentOut },
      },
    },
    async (req) => acceptOffer(db, clock, { enrolmentId: req.params.id, actor: req.actor!, source: auditSourceOf(req) }),
  );

  // ——— organisers: a provider's 指导师, a house's manager; streets and the district read ———

  app.get(
    '/api/guidance/manage/events',
    {
      config: { action: 'guidance.read' },
      schema: {
        tags: ['guidance'],
        summary: 'The events in the viewer’s scope between two dates, cancelled ones too',
        querystring: range,
        response: { 200: z.array(eventOutput) },
      },
    },
    async (req) => {
      const { from, to } = period(req.query);
      return (await q.managedEvents(db, clock.now(), scopeOf(req.actor!, 'guidance.read'), from, to)).map(eventOut);
    },
  );

  app.post(
    '/api/guidance/manage/events',
    {
      config: { action: 'guidance.manage' },
      schema: {
        tags: ['guidance'],
        summary: 'Publish an event for the organiser’s provider or house',
        body: eventIn,
        response: { 201: eventOutput },
      },
    },
    async (req, res) => {
      const id = await publishEvent(db, clock, actorSourceOf(req), req.body);
      return res.status(201).send(eventOut((await q.eventById(db, clock.now(), id))!));
    },
  );

  app.put(
    '/api/guidance/manage/events/:id',
    {
      config: { action: 'guidance.manage' },
      schema: {
        tags: ['guidance'],
        summary: 'Change an event that has not started (seats never below the families holding one)',
        params: idParams,
        body: eventIn,
        response: { 200: eventOutput },
      },
    },
    async (req) => {
      await updateEvent(db, clock, actorSourceOf(req), req.params.id, req.body);
      return eventOut((await q.eventById(db, clock.now(), req.params.id))!);
    },
  );

  app.post(
    '/api/guidance/manage/events/:id/change-preview',
    {
      config: { action: 'guidance.manage' },
      schema: {
        tags: ['guidance'],
        summary:
          'What saving this change would tell the enrolled families (a new time, place, link or mode) and how many families: nothing is saved',
        params: idParams,
        body: eventIn,
        response: { 200: z.object({ changes: z.array(z.enum(['time', 'mode', 'place', 'meetingUrl'])), families: z.number() }) },
      },
    },
    async (req) => previewEventChange(db, clock, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/guidance/manage/events/:id/cancel',
    {
      config: { action: 'guidance.manage' },
      schema: {
        tags: ['guidance'],
        summary: 'Cancel an event: every enrolment is cancelled and each family told by SMS',
        params: idParams,
        body: z.strictObject({ reason: text(200) }),
        response: { 200: z.object({ cancelled: z.number() }) },
      },
    },
    async (req) =>
      cancelEvent(db, clock, {
        eventId: req.params.id,
        reason: req.body.reason,
        source: auditSourceOf(req),
        authorize: (e) => authorize(req.actor!, 'guidance.manage', targetOfEvent(e)),
      }),
  );

  app.get(
    '/api/guidance/manage/events/:id/enrolments',
    {
      config: { action: 'guidance.attendance' },
      schema: {
        tags: ['guidance'],
        summary: 'Who is enrolled (confirmed, offered, waiting) with attendance: family data, the read is audited',
        params: idParams,
        response: {
          200: z.object({
            event: eventOutput,
            enrolments: z.array(
              z.object({
                id: z.string(),
                familyId: z.string(),
                status: enrolmentStatus,
                offeredUntil: z.string().nullable(),
                guardianName: z.string(),
                phone: z.string().nullable(),
                children: z.array(z.string()),
                attendedAt: z.string().nullable(),
                attendanceMethod: z.enum(['list', 'code']).nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => readRoster(db, clock, actorSourceOf(req), req.params.id),
  );

  app.post(
    '/api/guidance/manage/events/:id/attendance',
    {
      config: { action: 'guidance.attendance' },
      schema: {
        tags: ['guidance'],
        summary: 'Record that a family came: tick it on the list (enrolmentId) or enter the code it shows (code). Once per family.',
        params: idParams,
        body: z.union([z.strictObject({ enrolmentId: uuid }), z.strictObject({ code: z.string().regex(/^\d{6}$/) })]),
        response: { 200: z.object({ id: z.string(), familyId: z.string(), attendedAt: z.string(), already: z.boolean() }) },
      },
    },
    async (req) =>
      recordAttendance(db, clock, {
        eventId: req.params.id,
        enrolmentId: 'enrolmentId' in req.body ? req.body.enrolmentId : undefined,
        code: 'code' in req.body ? req.body.code : undefined,
        actor: req.actor!,
        source: auditSourceOf(req),
        authorize: (e) => authorize(req.actor!, 'guidance.attendance', targetOfEvent(e)),
      }),
  );

  // ——— providers (the district keeps them) ———

  app.get(
    '/api/guidance/providers',
    {
      config: { action: 'provider.read' },
      schema: {
        tags: ['guidance'],
        summary: 'Guidance providers with their number of active staff accounts',
        response: { 200: z.array(providerOut) },
      },
    },
    async (req) =>
      (await q.providerList(db, scopeOf(req.actor!, 'provider.read'))).map((p) => ({
        id: p.id,
        kind: p.kind,
        name: p.name,
        streetId: p.street_id,
        streetName: p.street_name,
        address: p.address,
        phone: p.phone,
        openingHours: p.opening_hours,
        status: p.status,
        staffCount: Number(p.staff_count ?? 0),
      })),
  );

  app.post(
    '/api/guidance/providers',
    {
      config: { action: 'provider.manage' },
      schema: { tags: ['guidance'], summary: 'Register a provider', body: providerIn, response: { 201: z.object({ id: z.string() }) } },
    },
    async (req, res) => res.status(201).send({ id: await saveProvider(db, clock, auditSourceOf(req), null, req.body) }),
  );

  app.put(
    '/api/guidance/providers/:id',
    {
      config: { action: 'provider.manage' },
      schema: {
        tags: ['guidance'],
        summary: 'Change a provider (or disable it)',
        params: idParams,
        body: providerIn,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (req) => ({ id: await saveProvider(db, clock, auditSourceOf(req), req.params.id, req.body) }),
  );
}
