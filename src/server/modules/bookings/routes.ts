// The public booking API (the city's service app calls it too) and the guardian's and carers' booking actions.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIVE_BOOKING_STATUSES, freeCancellationUntil } from '../../../domain/booking.ts';
import { walkingEstimate } from '../../../domain/distance.ts';
import { addDays, ageInMonths, localDateOf } from '../../../domain/time.ts';
import { authorize } from '../../access.ts';
import { auditSourceOf } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { idParams, localDate } from '../../schemas.ts';
import { pickLocale } from '../../../shared/i18n/index.ts';
import { policiesOn, policyOn } from '../policy/service.ts';
import { bookingGuardian, bookingScope, childGuardian, guardianBookings, housesWithLocation, sessionScope } from './queries.ts';
import { acceptOffer, bookSeat, readSessionBookings, cancelBooking, entitlementFor, markNoShow, sessionsOnOffer } from './engine.ts';

const serviceType = z.enum(['temporary', 'hourly']);
const bookingStatus = z.enum(['confirmed', 'waitlisted', 'offered', 'cancelled', 'no_show', 'expired']);

const publicSession = z.object({
  id: z.string(),
  houseId: z.string(),
  houseName: z.string(),
  streetId: z.string(),
  streetName: z.string(),
  roomName: z.string(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  serviceType,
  capacity: z.number(),
  confirmed: z.number(),
  seatsLeft: z.number(),
  waitlisted: z.number(),
  /** The house's published price for this session once the free ones are used (fen). */
  priceFen: z.number(),
  bookingOpensAt: z.string(),
  bookable: z.boolean(),
});

const bookingResult = z.object({
  id: z.string(),
  status: bookingStatus,
  free: z.boolean(),
  priceFen: z.number(),
  offeredUntil: z.string().nullable(),
});

const myBooking = z.object({
  id: z.string(),
  status: bookingStatus,
  childId: z.string(),
  childName: z.string(),
  sessionId: z.string(),
  houseId: z.string(),
  houseName: z.string(),
  houseAddress: z.string(),
  roomName: z.string(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  serviceType,
  free: z.boolean(),
  priceFen: z.number(),
  offeredUntil: z.string().nullable(),
  queuePosition: z.number().nullable(),
  cancelReason: z.string().nullable(),
  /** Until when cancelling returns the free session. */
  freeCancellationUntil: z.string(),
  canCancel: z.boolean(),
});

const entitlementOutput = z.object({ year: z.number(), freeTotal: z.number(), used: z.number(), remaining: z.number() });

export default async function bookingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;
  const today = () => localDateOf(clock.now());

  app.get(
    '/api/sessions',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['booking'],
        summary: 'Coming sessions with capacity, seats taken and seats left (no sign-in needed; default the booking window)',
        querystring: z.strictObject({
          houseId: z.uuid().optional(),
          street: z.uuid().optional(),
          from: localDate.optional(),
          to: localDate.optional(),
        }),
        response: { 200: z.array(publicSession) },
      },
    },
    async (req) => {
      const now = clock.now();
      const policy = await policyOn(db, today());
      const from = req.query.from ?? today();
      const to = req.query.to ?? addDays(today(), policy['booking.windowDays']);
      return sessionsOnOffer(db, now, { from, to, houseId: req.query.houseId, street: req.query.street });
    },
  );

  app.get(
    '/api/sessions/:id',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['booking'],
        summary:
          'One coming session as the list shows it (a booking link needs nothing but its id); 404 once it has started, been cancelled or never existed',
        params: idParams,
        response: { 200: publicSession },
      },
    },
    async (req) => {
      const [session] = await sessionsOnOffer(db, clock.now(), { sessionId: req.params.id });
      if (!session) throw new AppError(404, 'SESSION_NOT_FOUND');
      return session;
    },
  );

  app.get(
    '/api/public/houses/nearby',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['public'],
        summary: 'Operating houses by walking time from a point (the 15-minute service circle)',
        querystring: z.strictObject({ lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180) }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              streetName: z.string(),
              address: z.string(),
              metres: z.number(),
              minutes: z.number(),
              withinCircle: z.boolean(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const houses = await housesWithLocation(db);
      return houses
        .map((h) => {
          const w = walkingEstimate({ lat: req.query.lat, lng: req.query.lng }, { lat: h.latitude!, lng: h.longitude! });
          return { id: h.id, name: h.name, streetName: h.street_name, address: h.address, ...w, withinCircle: w.minutes <= 15 };
        })
        .sort((a, b) => a.metres - b.metres);
    },
  );

  async function ownChild(req: FastifyRequest, childId: string, action: 'family.readOwn') {
    const c = await childGuardian(db, childId);
    if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
    authorize(req.actor!, action, { userId: c.guardian_user_id });
  }

  app.post(
    '/api/bookings',
    {
      config: { action: 'booking.create' },
      schema: {
        tags: ['booking'],
        summary:
          'Book a session for a child: a confirmed seat or a waiting-list place at once. Send an Idempotency-Key header: the same key again returns the same booking.',
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: z.strictObject({ sessionId: z.uuid(), childId: z.uuid(), acceptPrice: z.boolean().optional() }),
        response: { 200: bookingResult, 201: bookingResult },
      },
    },
    async (req, res) => {
      // The engine checks, under its locks, that the child belongs to the signed-in guardian.
      const result = await bookSeat(db, clock, {
        sessionId: req.body.sessionId,
        childId: req.body.childId,
        actor: req.actor!,
        acceptPrice: req.body.acceptPrice,
        idempotencyKey: req.headers['idempotency-key'],
        source: auditSourceOf(req),
        locale: pickLocale(req.headers['accept-language']),
      });
      const { replayed, ...body } = result;
      return res.status(replayed ? 200 : 201).send(body);
    },
  );

  async function ownBooking(req: FastifyRequest, id: string) {
    const b = await bookingGuardian(db, id);
    if (!b) throw new AppError(404, 'BOOKING_NOT_FOUND');
    authorize(req.actor!, 'booking.manageOwn', { userId: b.guardian_user_id });
  }

  app.get(
    '/api/bookings',
    {
      config: { action: 'booking.manageOwn' },
      schema: {
        tags: ['booking'],
        summary: 'The family’s bookings, coming first',
        querystring: z.strictObject({ scope: z.enum(['upcoming', 'past']).default('upcoming') }),
        response: { 200: z.array(myBooking) },
      },
    },
    async (req) => {
      const now = clock.now();
      const rows = await guardianBookings(db, req.actor!.id, req.query.scope, now);
      // The deadline shown is the one the cancellation will apply: the policy in force on the session's date.
      const policies = await policiesOn(
        db,
        rows.map((b) => b.date),
      );
      return rows.map((b) => {
        const policy = policies.get(b.date)!;
        const startsAt = new Date(b.starts_at);
        const live = (LIVE_BOOKING_STATUSES as readonly string[]).includes(b.status);
        return {
          id: b.id,
          status: b.status,
          childId: b.child_id,
          childName: b.child_name,
          sessionId: b.session_id,
          houseId: b.house_id,
          houseName: b.house_name,
          houseAddress: b.address,
          roomName: b.room_name,
          date: b.date,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(b.ends_at).toISOString(),
          serviceType: b.service_type,
          free: b.free,
          priceFen: b.price_fen,
          offeredUntil: b.offered_until ? new Date(b.offered_until).toISOString() : null,
          queuePosition: b.status === 'waitlisted' ? Number(b.position) : null,
          cancelReason: b.cancel_reason,
          freeCancellationUntil: freeCancellationUntil(startsAt, policy).toISOString(),
          canCancel: live && now < startsAt,
        };
      });
    },
  );

  app.post(
    '/api/bookings/:id/cancel',
    {
      config: { action: 'booking.manageOwn' },
      schema: {
        tags: ['booking'],
        summary: 'Cancel a booking; before the deadline the free session comes back',
        params: idParams,
        response: { 200: z.object({ status: z.literal('cancelled'), entitlementReturned: z.boolean() }) },
      },
    },
    async (req) => {
      await ownBooking(req, req.params.id);
      return cancelBooking(db, clock, { bookingId: req.params.id, actor: req.actor!, source: auditSourceOf(req) });
    },
  );

  app.post(
    '/api/bookings/:id/accept-offer',
    {
      config: { action: 'booking.manageOwn' },
      schema: {
        tags: ['booking'],
        summary: 'Take the seat offered from the waiting list (before the offer expires)',
        params: idParams,
        body: z.strictObject({ acceptPrice: z.boolean().optional() }).optional(),
        response: { 200: bookingResult },
      },
    },
    async (req) => {
      await ownBooking(req, req.params.id);
      const { replayed: _r, ...body } = await acceptOffer(db, clock, {
        bookingId: req.params.id,
        acceptPrice: !!req.body?.acceptPrice,
        source: auditSourceOf(req),
        locale: pickLocale(req.headers['accept-language']),
      });
      return body;
    },
  );

  app.get(
    '/api/children/:id/entitlement',
    {
      config: { action: 'family.readOwn' },
      schema: {
        tags: ['booking'],
        summary: 'Free care sessions of a child in a year (T3): total, used, remaining — from the ledger',
        params: idParams,
        querystring: z.strictObject({ year: z.coerce.number().int().min(2023).max(2100).optional() }),
        response: { 200: entitlementOutput },
      },
    },
    async (req) => {
      await ownChild(req, req.params.id, 'family.readOwn');
      const year = req.query.year ?? Number(today().slice(0, 4));
      const asOf = `${year}-12-31` < today() ? `${year}-12-31` : today();
      return { year, ...(await entitlementFor(db, req.params.id, year, await policyOn(db, asOf))) };
    },
  );

  async function bookingHouse(id: string) {
    const b = await bookingScope(db, id);
    if (!b) throw new AppError(404, 'BOOKING_NOT_FOUND');
    return { houseId: b.house_id, streetId: b.street_id };
  }

  app.get(
    '/api/staff/sessions/:id/bookings',
    {
      config: { action: 'session.bookings.read' },
      schema: {
        tags: ['booking'],
        summary: 'Who is booked into a session (the read is audited)',
        params: idParams,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              status: bookingStatus,
              childId: z.string(),
              childName: z.string(),
              ageMonths: z.number(),
              queuePosition: z.number(),
              free: z.boolean(),
              offeredUntil: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const s = await sessionScope(db, req.params.id);
      if (!s) throw new AppError(404, 'SESSION_NOT_FOUND');
      authorize(req.actor!, 'session.bookings.read', { houseId: s.house_id, streetId: s.street_id });
      const rows = await readSessionBookings(db, clock, s.id, auditSourceOf(req));
      let position = 0;
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        childId: r.child_id,
        childName: r.name,
        ageMonths: ageInMonths(r.birth_date, s.date),
        queuePosition: r.status === 'waitlisted' ? ++position : 0,
        free: r.free,
        offeredUntil: r.offered_until ? new Date(r.offered_until).toISOString() : null,
      }));
    },
  );

  app.post(
    '/api/bookings/:id/no-show',
    {
      config: { action: 'booking.markNoShow' },
      schema: {
        tags: ['booking'],
        summary: 'Mark a confirmed child as not come (after the start); the free session stays used',
        params: idParams,
        response: { 200: z.object({ status: z.literal('no_show'), suspendedUntil: z.string().nullable() }) },
      },
    },
    async (req) => {
      authorize(req.actor!, 'booking.markNoShow', await bookingHouse(req.params.id));
      return markNoShow(db, clock, req.params.id, auditSourceOf(req));
    },
  );

  app.post(
    '/api/bookings/:id/cancel-by-house',
    {
      config: { action: 'booking.cancelByHouse' },
      schema: {
        tags: ['booking'],
        summary: 'The house cancels one booking (e.g. to bring a flagged session back within capacity); the family is told',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(2).max(100) }),
        response: { 200: z.object({ status: z.literal('cancelled'), entitlementReturned: z.boolean() }) },
      },
    },
    async (req) => {
      authorize(req.actor!, 'booking.cancelByHouse', await bookingHouse(req.params.id));
      return cancelBooking(db, clock, {
        bookingId: req.params.id,
        actor: req.actor!,
        byHouseReason: req.body.reason,
        source: auditSourceOf(req),
      });
    },
  );
}
