// The house manager's schedule: weekly slots (generating sessions weeks ahead), closures that cancel sessions and
// tell the families, the duty roster with each session's capacity and its binding term, flagged sessions.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, localDateOf } from '../../../domain/time.ts';
import { authorize, scopeOf } from '../../access.ts';
import { auditSourceOf, } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { idParams, localDate, timeOfDay } from '../../schemas.ts';
import { policyOn } from '../policy/service.ts';
import { cancelSession } from '../bookings/engine.ts';
import { GENERATION_WEEKS, addWeeklySlot, closeHouse, deactivateWeeklySlot, setSessionRoster } from './service.ts';
import { weeklySlotHouse, weeklySlotsOf } from './queries.ts';
import { RATIO_ROLES, caresForChildren, roleCaresForChildren } from '../../../domain/ratio.ts';
import { rostersOf } from '../staffing/service.ts';
import { sessionCapacity } from '../../../domain/capacity.ts';
import type { PolicyValues } from '../../../domain/policy.ts';
import { capacityRules, houseTarget } from '../houses/service.ts';
import { complianceRulesFrom, rosterBlockers } from '../../../domain/compliance.ts';
import { loadStaffFacts } from '../staff/queries.ts';

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
  id: z.string(), roomId: z.string(), roomName: z.string(), weekday: z.number(), startTime: z.string(), endTime: z.string(),
  serviceType, offeredCapacity: z.number(), active: z.boolean(), carerIds: z.array(z.string()),
});
const carerOutput = z.object({ id: z.string(), name: z.string(), role: z.string() });
/** A rostered person; countsForRatio: counts for R5 in the capacity (domain/ratio.ts: cares for children, nothing barring them that day, on duty as rostered). */
const rosterOutput = carerOutput.extend({ countsForRatio: z.boolean() });
export const sessionOutput = z.object({
  id: z.string(), houseId: z.string(), houseName: z.string(), streetName: z.string(), roomId: z.string(), roomName: z.string(),
  date: z.string(), startsAt: z.string(), endsAt: z.string(), serviceType,
  status: z.enum(['scheduled', 'cancelled']), cancelReason: z.string().nullable(),
  offeredCapacity: z.number(), capacity: z.number(), capacityBinding: z.string(),
  confirmed: z.number(), offered: z.number(), waitlisted: z.number(), seatsLeft: z.number(), overCapacity: z.boolean(),
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

  app.get('/api/houses/:id/staff', {
    config: { action: 'session.read' },
    schema: {
      tags: ['schedule'],
      summary: 'The house’s active staff accounts for rosters, with why each cannot be rostered on the date (volunteers help but do not count for R5)',
      params: idParams, querystring: z.strictObject({ date: localDate.optional() }),
      response: { 200: z.array(carerOutput.extend({ countsForRatio: z.boolean(), blockers: z.array(z.string()) })) },
    },
  }, async (req) => {
    authorize(req.actor!, 'session.read', await houseTarget(db, req.params.id));
    const date = req.query.date ?? today();
    const [rows, facts, policy] = await Promise.all([
      db.selectFrom('app_user').select(['id', 'display_name', 'role']).where('house_id', '=', req.params.id)
        .where('status', '=', 'active').where('role', 'in', [...RATIO_ROLES, 'volunteer']).execute(),
      loadStaffFacts(db, [req.params.id]),
      policyOn(db, date),
    ]);
    const rules = complianceRulesFrom(policy);
    const collator = new Intl.Collator('zh-CN');
    return rows.sort((a, b) => collator.compare(a.display_name, b.display_name)).map((u) => ({
      id: u.id, name: u.display_name, role: u.role,
      countsForRatio: (() => { const f = facts.find((x) => x.userId === u.id); return f ? caresForChildren(f.position) : roleCaresForChildren(u.role); })(),
      blockers: rosterBlockers(facts.find((f) => f.userId === u.id), date, rules),
    }));
  });

  app.get('/api/houses/:id/schedule', {
    config: { action: 'session.read' },
    schema: { tags: ['schedule'], summary: 'The house’s weekly slots', params: idParams, response: { 200: z.array(templateOutput) } },
  }, async (req) => {
    authorize(req.actor!, 'session.read', await houseTarget(db, req.params.id));
    return templatesOf(req.params.id);
  });

  app.post('/api/houses/:id/schedule', {
    config: { action: 'schedule.manage' },
    schema: {
      tags: ['schedule'], summary: `Add a weekly slot; its sessions are generated ${GENERATION_WEEKS} weeks ahead (R2: at most the maximum session length)`,
      params: idParams, body: templateInput, response: { 201: z.array(templateOutput) },
    },
  }, async (req, res) => {
    authorize(req.actor!, 'schedule.manage', await houseTarget(db, req.params.id));
    await addWeeklySlot(db, clock, auditSourceOf(req), req.params.id, req.body);
    return res.status(201).send(await templatesOf(req.params.id));
  });

  app.post('/api/schedule/:id/deactivate', {
    config: { action: 'schedule.manage' },
    schema: { tags: ['schedule'], summary: 'Stop a weekly slot (sessions already generated stay; cancel them one by one if needed)', params: idParams, response: { 200: z.array(templateOutput) } },
  }, async (req) => {
    const t = await weeklySlotHouse(db, req.params.id);
    if (!t) throw new AppError(404, 'TEMPLATE_NOT_FOUND');
    authorize(req.actor!, 'schedule.manage', await houseTarget(db, t.house_id));
    await deactivateWeeklySlot(db, clock, auditSourceOf(req), t.id);
    return templatesOf(t.house_id);
  });

  async function sessionsOf(req: FastifyRequest, q: { houseId?: string; from: string; to: string; flaggedOnly?: boolean }) {
    const scope = scopeOf(req.actor!, 'session.read');
    let query = db.selectFrom('care_session as s').innerJoin('house as h', 'h.id', 's.house_id').innerJoin('street as st', 'st.id', 'h.street_id')
      .innerJoin('room as r', 'r.id', 's.room_id')
      .select(['s.id', 's.house_id', 'h.name as house_name', 'st.name as street_name', 's.room_id', 'r.name as room_name', 's.date', 's.starts_at',
        's.ends_at', 's.service_type', 's.status', 's.cancel_reason', 's.offered_capacity', 's.capacity', 's.capacity_binding', 's.over_capacity',
        'r.area_m2'])
      .where('s.date', '>=', q.from).where('s.date', '<=', q.to);
    if (scope.kind === 'none') return [];
    if (scope.kind === 'house') query = query.where('s.house_id', '=', scope.houseId);
    if (scope.kind === 'street') query = query.where('h.street_id', '=', scope.streetId);
    if (q.houseId) query = query.where('s.house_id', '=', q.houseId);
    if (q.flaggedOnly) query = query.where('s.over_capacity', '=', true);
    const sessions = await query.orderBy('s.starts_at').orderBy('r.name').limit(2000).execute();
    if (!sessions.length) return [];
    const ids = sessions.map((s) => s.id);
    const [counts, rosters] = await Promise.all([
      db.selectFrom('booking').select(['session_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('session_id', 'in', ids).where('status', 'in', ['confirmed', 'offered', 'waitlisted']).groupBy(['session_id', 'status']).execute(),
      rostersOf(db, ids),
    ]);
    const n = (id: string, status: string) => Number(counts.find((c) => c.session_id === id && c.status === status)?.n ?? 0);
    const policies = new Map<string, PolicyValues>();
    for (const date of new Set(sessions.map((s) => s.date))) policies.set(date, await policyOn(db, date));
    const now = clock.now();
    return sessions.map((s) => {
      const roster = rosters.get(s.id) ?? [];
      const terms = sessionCapacity(
        { areaM2: s.area_m2, carersOnDuty: roster.filter((c) => c.eligible).length, offeredCapacity: s.offered_capacity },
        capacityRules(policies.get(s.date)!),
      ).terms as { classSize: number; area: number; carers: number; offered: number };
      const confirmed = n(s.id, 'confirmed');
      const offered = n(s.id, 'offered');
      return {
        id: s.id, houseId: s.house_id, houseName: s.house_name, streetName: s.street_name, roomId: s.room_id, roomName: s.room_name,
        date: s.date, startsAt: new Date(s.starts_at).toISOString(), endsAt: new Date(s.ends_at).toISOString(), serviceType: s.service_type,
        status: s.status, cancelReason: s.cancel_reason, offeredCapacity: s.offered_capacity, capacity: s.capacity, capacityBinding: s.capacity_binding,
        confirmed, offered, waitlisted: n(s.id, 'waitlisted'), seatsLeft: Math.max(0, s.capacity - confirmed - offered), overCapacity: s.over_capacity,
        capacityTerms: terms, started: new Date(s.starts_at) <= now,
        carers: roster.map((c) => ({ id: c.userId, name: c.name, role: c.role, countsForRatio: c.eligible })),
      };
    });
  }

  app.get('/api/staff/sessions', {
    config: { action: 'session.read' },
    schema: {
      tags: ['schedule'], summary: 'Sessions in the caller’s scope with capacity, its binding term, seats and roster (default: the next 14 days)',
      querystring: z.strictObject({ houseId: z.uuid().optional(), from: localDate.optional(), to: localDate.optional(), flagged: z.enum(['true', 'false']).optional() }),
      response: { 200: z.array(sessionOutput) },
    },
  }, async (req) => {
    const from = req.query.from ?? today();
    return sessionsOf(req, { houseId: req.query.houseId, from, to: req.query.to ?? addDays(from, 13), flaggedOnly: req.query.flagged === 'true' });
  });

  async function sessionTarget(id: string) {
    const s = await db.selectFrom('care_session as s').innerJoin('house as h', 'h.id', 's.house_id')
      .select(['s.id', 's.house_id', 'h.street_id', 's.status', 's.starts_at', 's.ends_at', 's.date']).where('s.id', '=', id).executeTakeFirst();
    if (!s) throw new AppError(404, 'SESSION_NOT_FOUND');
    return { houseId: s.house_id, streetId: s.street_id, status: s.status, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), date: s.date };
  }

  app.put('/api/staff/sessions/:id/roster', {
    config: { action: 'schedule.manage' },
    schema: {
      tags: ['schedule'], summary: 'Set who is on duty; capacity is recomputed at once and bookings above it are flagged, never dropped',
      params: idParams, body: z.strictObject({ userIds: z.array(z.uuid()).max(10) }), response: { 200: sessionOutput },
    },
  }, async (req) => {
    const target = await sessionTarget(req.params.id);
    authorize(req.actor!, 'schedule.manage', target);
    await setSessionRoster(db, clock, auditSourceOf(req), { id: req.params.id, houseId: target.houseId, date: target.date }, req.body.userIds);
    const [s] = await sessionsOf(req, { from: '1900-01-01', to: '2999-12-31', houseId: target.houseId }).then((all) => all.filter((x) => x.id === req.params.id));
    return s;
  });

  app.post('/api/staff/sessions/:id/cancel', {
    config: { action: 'schedule.manage' },
    schema: {
      tags: ['schedule'], summary: 'Cancel one session: every booking is cancelled, free sessions returned, families told',
      params: idParams, body: z.strictObject({ reason: z.string().trim().min(2).max(100) }), response: { 200: z.object({ bookingsCancelled: z.number() }) },
    },
  }, async (req) => {
    const target = await sessionTarget(req.params.id);
    authorize(req.actor!, 'schedule.manage', target);
    if (target.startsAt <= clock.now()) throw new AppError(409, 'SESSION_STARTED');
    const n = await db.transaction().execute((trx) => cancelSession(trx, clock, req.params.id, req.body.reason, auditSourceOf(req)));
    return { bookingsCancelled: n };
  });

  app.get('/api/houses/:id/closures', {
    config: { action: 'session.read' },
    schema: { tags: ['schedule'], summary: 'The house’s closures', params: idParams, response: { 200: z.array(closureOutput) } },
  }, async (req) => {
    authorize(req.actor!, 'session.read', await houseTarget(db, req.params.id));
    const rows = await db.selectFrom('house_closure').selectAll().where('house_id', '=', req.params.id).orderBy('from_date', 'desc').execute();
    return rows.map((c) => ({ id: c.id, fromDate: c.from_date, toDate: c.to_date, reason: c.reason, createdAt: new Date(c.created_at).toISOString() }));
  });

  app.post('/api/houses/:id/closures', {
    config: { action: 'schedule.manage' },
    schema: {
      tags: ['schedule'], summary: 'Close the house for a date range (holiday, repairs): its sessions are cancelled and the families told',
      params: idParams,
      body: z.strictObject({ fromDate: localDate, toDate: localDate, reason: z.string().trim().min(2).max(100) }),
      response: { 201: z.object({ sessionsCancelled: z.number(), bookingsCancelled: z.number() }) },
    },
  }, async (req, res) => {
    authorize(req.actor!, 'schedule.manage', await houseTarget(db, req.params.id));
    const b = req.body;
    if (b.toDate < b.fromDate || b.toDate < today()) throw new AppError(422, 'CLOSURE_INVALID', undefined, [{ field: 'body.toDate', code: 'CLOSURE_INVALID', message: '' }]);
    const result = await closeHouse(db, clock, auditSourceOf(req), req.actor!.id, req.params.id, b);
    return res.status(201).send(result);
  });

}
