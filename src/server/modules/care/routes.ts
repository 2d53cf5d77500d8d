// The house manager's schedule: weekly slots (generating sessions weeks ahead), closures that cancel sessions and
// tell the families, the duty roster with each session's capacity and its binding term, flagged sessions.
// The workflows are in service.ts, the SQL in queries.ts: the routes parse, authorise, call them and answer.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, localDateOf } from '../../../domain/time.ts';
import { authorize, scopeOf } from '../../access.ts';
import { auditSourceOf } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { idParams, localDate, timeOfDay } from '../../schemas.ts';
import {
  GENERATION_WEEKS,
  addWeeklySlot,
  cancelOneSession,
  closeHouse,
  closureList,
  deactivateWeeklySlot,
  rosterCandidates,
  sessionList,
  sessionTarget,
  setSessionRoster,
} from './service.ts';
import { weeklySlotHouse, weeklySlotsOf } from './queries.ts';
import { houseTarget } from '../houses/queries.ts';

const serviceType = z.enum(['temporary', 'hourly']);
const templateInput = z.strictObject({
  roomId: z.uuid(),
  weekday: z.number().int().min(1).max(7),
  startTime: timeOfDay,
  endTime: timeOfDay,
  serviceType,
  offeredCapacity: z.number().int().min(1).max(100),
  carerIds: z.array(z.uuid()).max(10).default([]),
});
const templateOutput = z.object({
  id: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  weekday: z.number(),
  startTime: z.string(),
  endTime: z.string(),
  serviceType,
  offeredCapacity: z.number(),
  active: z.boolean(),
  carerIds: z.array(z.string()),
});
const carerOutput = z.object({ id: z.string(), name: z.string(), role: z.string() });
/** A rostered person; countsForRatio: counts for R5 in the capacity (domain/ratio.ts: cares for children, nothing barring them that day, on duty as rostered). */
const rosterOutput = carerOutput.extend({ countsForRatio: z.boolean() });
export const sessionOutput = z.object({
  id: z.string(),
  houseId: z.string(),
  houseName: z.string(),
  streetName: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  serviceType,
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().nullable(),
  offeredCapacity: z.number(),
  capacity: z.number(),
  capacityBinding: z.string(),
  confirmed: z.number(),
  offered: z.number(),
  waitlisted: z.number(),
  seatsLeft: z.number(),
  overCapacity: z.boolean(),
  /** Each term of min(R4, ⌊area/R3⌋, R5 × carers on duty, offered), as computed with the policy of the session's date. */
  capacityTerms: z.object({ classSize: z.number(), area: z.number(), carers: z.number(), offered: z.number() }),
  /** By the server's clock: the session has begun (no-shows can be marked, no more bookings or cancellations). */
  started: z.boolean(),
  carers: z.array(rosterOutput),
});
const closureOutput = z.object({ id: z.string(), fromDate: z.string(), toDate: z.string(), reason: z.string(), createdAt: z.string() });

export default async function careRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;
  const today = () => localDateOf(clock.now());

  const templatesOf = (houseId: string) => weeklySlotsOf(db, houseId);

  app.get(
    '/api/houses/:id/staff',
    {
      config: { action: 'session.read' },
      schema: {
        tags: ['schedule'],
        summary:
          'The house’s active staff accounts for rosters, with why each cannot be rostered on the date (volunteers help but do not count for R5)',
        params: idParams,
        querystring: z.strictObject({ date: localDate.optional() }),
        response: { 200: z.array(carerOutput.extend({ countsForRatio: z.boolean(), blockers: z.array(z.string()) })) },
      },
    },
    async (req) => {
      authorize(req.actor!, 'session.read', await houseTarget(db, req.params.id));
      return rosterCandidates(db, req.params.id, req.query.date ?? today());
    },
  );

  app.get(
    '/api/houses/:id/schedule',
    {
      config: { action: 'session.read' },
      schema: { tags: ['schedule'], summary: 'The house’s weekly slots', params: idParams, response: { 200: z.array(templateOutput) } },
    },
    async (req) => {
      authorize(req.actor!, 'session.read', await houseTarget(db, req.params.id));
      return templatesOf(req.params.id);
    },
  );

  app.post(
    '/api/houses/:id/schedule',
    {
      config: { action: 'schedule.manage' },
      schema: {
        tags: ['schedule'],
        summary: `Add a weekly slot; its sessions are generated ${GENERATION_WEEKS} weeks ahead (R2: at most the maximum session length)`,
        params: idParams,
        body: templateInput,
        response: { 201: z.array(templateOutput) },
      },
    },
    async (req, res) => {
      authorize(req.actor!, 'schedule.manage', await houseTarget(db, req.params.id));
      await addWeeklySlot(db, clock, auditSourceOf(req), req.params.id, req.body);
      return res.status(201).send(await templatesOf(req.params.id));
    },
  );

  app.post(
    '/api/schedule/:id/deactivate',
    {
      config: { action: 'schedule.manage' },
      schema: {
        tags: ['schedule'],
        summary: 'Stop a weekly slot (sessions already generated stay; cancel them one by one if needed)',
        params: idParams,
        response: { 200: z.array(templateOutput) },
      },
    },
    async (req) => {
      const t = await weeklySlotHouse(db, req.params.id);
      if (!t) throw new AppError(404, 'TEMPLATE_NOT_FOUND');
      authorize(req.actor!, 'schedule.manage', await houseTarget(db, t.house_id));
      await deactivateWeeklySlot(db, clock, auditSourceOf(req), t.id);
      return templatesOf(t.house_id);
    },
  );

  app.get(
    '/api/staff/sessions',
    {
      config: { action: 'session.read' },
      schema: {
        tags: ['schedule'],
        summary: 'Sessions in the caller’s scope with capacity, its binding term, seats and roster (default: the next 14 days)',
        querystring: z.strictObject({
          houseId: z.uuid().optional(),
          from: localDate.optional(),
          to: localDate.optional(),
          flagged: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.array(sessionOutput) },
      },
    },
    async (req) => {
      const from = req.query.from ?? today();
      return sessionList(db, clock, scopeOf(req.actor!, 'session.read'), {
        houseId: req.query.houseId,
        from,
        to: req.query.to ?? addDays(from, 13),
        flaggedOnly: req.query.flagged === 'true',
      });
    },
  );

  app.put(
    '/api/staff/sessions/:id/roster',
    {
      config: { action: 'schedule.manage' },
      schema: {
        tags: ['schedule'],
        summary: 'Set who is on duty; capacity is recomputed at once and bookings above it are flagged, never dropped',
        params: idParams,
        body: z.strictObject({ userIds: z.array(z.uuid()).max(10) }),
        response: { 200: sessionOutput },
      },
    },
    async (req) => {
      const target = await sessionTarget(db, req.params.id);
      authorize(req.actor!, 'schedule.manage', target);
      await setSessionRoster(
        db,
        clock,
        auditSourceOf(req),
        { id: req.params.id, houseId: target.houseId, date: target.date },
        req.body.userIds,
      );
      const [s] = await sessionList(db, clock, scopeOf(req.actor!, 'session.read'), {
        from: '1900-01-01',
        to: '2999-12-31',
        houseId: target.houseId,
      }).then((all) => all.filter((x) => x.id === req.params.id));
      return s;
    },
  );

  app.post(
    '/api/staff/sessions/:id/cancel',
    {
      config: { action: 'schedule.manage' },
      schema: {
        tags: ['schedule'],
        summary: 'Cancel one session: every booking is cancelled, free sessions returned, families told',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(2).max(100) }),
        response: { 200: z.object({ bookingsCancelled: z.number() }) },
      },
    },
    async (req) => {
      const target = await sessionTarget(db, req.params.id);
      authorize(req.actor!, 'schedule.manage', target);
      return { bookingsCancelled: await cancelOneSession(db, clock, auditSourceOf(req), req.params.id, target, req.body.reason) };
    },
  );

  app.get(
    '/api/houses/:id/closures',
    {
      config: { action: 'session.read' },
      schema: { tags: ['schedule'], summary: 'The house’s closures', params: idParams, response: { 200: z.array(closureOutput) } },
    },
    async (req) => {
      authorize(req.actor!, 'session.read', await houseTarget(db, req.params.id));
      return closureList(db, req.params.id);
    },
  );

  app.post(
    '/api/houses/:id/closures',
    {
      config: { action: 'schedule.manage' },
      schema: {
        tags: ['schedule'],
        summary: 'Close the house for a date range (holiday, repairs): its sessions are cancelled and the families told',
        params: idParams,
        body: z.strictObject({ fromDate: localDate, toDate: localDate, reason: z.string().trim().min(2).max(100) }),
        response: { 201: z.object({ sessionsCancelled: z.number(), bookingsCancelled: z.number() }) },
      },
    },
    async (req, res) => {
      authorize(req.actor!, 'schedule.manage', await houseTarget(db, req.params.id));
      const b = req.body;
      if (b.toDate < b.fromDate || b.toDate < today())
        throw new AppError(422, 'CLOSURE_INVALID', undefined, [{ field: 'body.toDate', code: 'CLOSURE_INVALID', message: '' }]);
      const result = await closeHouse(db, clock, auditSourceOf(req), req.actor!.id, req.params.id, b);
      return res.status(201).send(result);
    },
  );
}
