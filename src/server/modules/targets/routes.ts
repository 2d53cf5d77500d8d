// The district's five targets (DOMAIN.md §2): the overview per street and for the district, one street with its
// houses, the lists behind a figure (child data: audited, not for inspectors) and the .xlsx export (audited).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDateOf } from '../../../domain/time.ts';
import { TODO_KINDS } from '../../../domain/targets.ts';
import { scopeOf } from '../../access.ts';
import { actorSourceOf } from '../../audit.ts';
import { idParams, uuid } from '../../schemas.ts';
import { XLSX_CONTENT_TYPE } from '../../xlsx.ts';
import { nudgeCandidates, sendNudges } from './nudges.ts';
import { exportTargets, streetTargets, targetList, targetsOverview } from './service.ts';

const status = z.enum(['met', 'atRisk', 'notMet']);
const band = z.object({ band: z.string(), from: z.number(), to: z.number().nullable(), n: z.number() });
const figures = {
  T1: z.object({
    places: z.number(),
    children: z.number().nullable(),
    needed: z.number().nullable(),
    ratio: z.number().nullable(),
    gap: z.number().nullable(),
    status,
  }),
  T2: z.object({ houses: z.number(), streetsWithHouse: z.number(), streets: z.number(), ratio: z.number().nullable(), status }),
  T3: z.object({
    children: z.number(),
    reached: z.number(),
    ratio: z.number().nullable(),
    delivered: z.number(),
    due: z.number(),
    distribution: z.array(band),
    status,
  }),
  T4: z.object({
    registered: z.number(),
    visited: z.number(),
    recorded: z.number(),
    overdue: z.number(),
    ratio: z.number().nullable(),
    status,
  }),
  T5: z.object({
    families: z.number(),
    reached: z.number(),
    ratio: z.number().nullable(),
    taken: z.number(),
    due: z.number(),
    distribution: z.array(band),
    status,
  }),
};
const streetFigures = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  population: z.object({ children: z.number(), newborns: z.number(), source: z.string(), asOf: z.string() }).nullable(),
  ...figures,
});
const overview = z.object({
  year: z.number(),
  asOf: z.string(),
  shareOfYear: z.number(),
  parameters: z.object({
    placesShare: z.number(),
    careSessions: z.number(),
    guidanceSessions: z.number(),
    visitWithinDays: z.number(),
    careAgeMonths: z.tuple([z.number(), z.number()]),
  }),
  district: z.object(figures),
  streets: z.array(streetFigures),
  trend: z.array(
    z.object({
      month: z.number(),
      date: z.string(),
      T1: z.number().nullable(),
      T3: z.number().nullable(),
      T3delivered: z.number(),
      T4: z.number().nullable(),
      T5: z.number().nullable(),
      T5taken: z.number(),
    }),
  ),
});
const nudgeKind = z.enum(['care', 'guidance']);
const yearField = z.coerce.number().int().min(2020).max(2100);
const yearQuery = z.strictObject({ year: z.coerce.number().int().min(2020).max(2100).optional() });

export default async function targetRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;
  const yearOf = (q: { year?: number }) => q.year ?? Number(localDateOf(clock.now()).slice(0, 4));

  app.get(
    '/api/targets',
    {
      config: { action: 'targets.read' },
      schema: {
        tags: ['targets'],
        summary: 'The five targets for a year: the district and each street in scope, with status, parameters and the monthly trend',
        querystring: yearQuery,
        response: { 200: overview },
      },
    },
    async (req) => targetsOverview(db, clock, yearOf(req.query), scopeOf(req.actor!, 'targets.read')),
  );

  app.get(
    '/api/targets/streets/:id',
    {
      config: { action: 'targets.read' },
      schema: {
        tags: ['targets'],
        summary: 'One street’s targets with its houses (approved places, free sessions delivered, children served)',
        params: idParams,
        querystring: yearQuery,
        response: {
          200: overview.extend({
            street: streetFigures,
            /** what the street has to do, most pressing first */
            todo: z.array(z.object({ kind: z.enum(TODO_KINDS), count: z.number() })),
            houses: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                status: z.enum(['active', 'suspended']),
                approvedPlaces: z.number().nullable(),
                delivered: z.number(),
                childrenServed: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => streetTargets(db, clock, req.actor!, req.params.id, yearOf(req.query)),
  );

  app.get(
    '/api/targets/lists',
    {
      config: { action: 'targets.people' },
      schema: {
        tags: ['targets'],
        summary: 'The children (T3), newborn families (T4) or families (T5) behind a street’s figure, names masked (an audited read)',
        querystring: z.strictObject({
          target: z.enum(['T3', 'T4', 'T5']),
          streetId: uuid,
          houseId: uuid.optional(),
          year: z.coerce.number().int().min(2020).max(2100).optional(),
        }),
        response: {
          200: z.object({
            target: z.enum(['T3', 'T4', 'T5']),
            year: z.number(),
            streetId: z.string(),
            rows: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                reached: z.boolean(),
                detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
              }),
            ),
          }),
        },
      },
    },
    async (req) =>
      targetList(db, clock, actorSourceOf(req), {
        target: req.query.target,
        streetId: req.query.streetId,
        houseId: req.query.houseId,
        year: yearOf(req.query),
      }),
  );

  app.get(
    '/api/targets/nudges',
    {
      config: { action: 'targets.nudge' },
      schema: {
        tags: ['targets'],
        summary:
          'The street’s families behind on their free care (T3) or guidance (T5) sessions, names masked, with whether reminded this month (an audited read)',
        querystring: z.strictObject({ streetId: uuid, kind: nudgeKind, year: yearField.optional() }),
        response: {
          200: z.object({
            streetId: z.string(),
            year: z.number(),
            kind: nudgeKind,
            window: z.enum(['tooEarly', 'open', 'over']),
            shareOfYear: z.number(),
            month: z.string(),
            due: z.number(),
            families: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                used: z.number(),
                behindChildren: z.array(z.object({ name: z.string(), sessions: z.number() })),
                remindedAt: z.string().nullable(),
                reachable: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) =>
      nudgeCandidates(db, clock, actorSourceOf(req), { streetId: req.query.streetId, kind: req.query.kind, year: yearOf(req.query) }),
  );

  app.post(
    '/api/targets/nudges',
    {
      config: { action: 'targets.nudge' },
      schema: {
        tags: ['targets'],
        summary:
          'Reminds the given families behind on their sessions by SMS (through the outbox), at most once a month for each kind; says why the others were not (audited)',
        body: z.strictObject({
          streetId: uuid,
          year: z.number().int().min(2020).max(2100),
          kind: nudgeKind,
          familyIds: z.array(uuid).min(1).max(2000),
        }),
        response: {
          200: z.object({
            kind: nudgeKind,
            month: z.string(),
            sent: z.number(),
            familyIds: z.array(z.string()),
            skipped: z.array(z.object({ familyId: z.string(), reason: z.enum(['notEligible', 'alreadyReminded', 'unreachable']) })),
          }),
        },
      },
    },
    async (req) => sendNudges(db, clock, actorSourceOf(req), req.body),
  );

  app.get(
    '/api/targets/export',
    {
      config: { action: 'targets.read' },
      schema: {
        tags: ['targets'],
        summary: 'The year’s targets as .xlsx: a cover sheet with the parameters, then one sheet per target (audited)',
        querystring: yearQuery,
      },
    },
    async (req, res) => {
      const year = yearOf(req.query);
      const file = await exportTargets(db, clock, actorSourceOf(req), year, scopeOf(req.actor!, 'targets.read'));
      const name = encodeURIComponent(`宝宝屋目标报表-${year}.xlsx`);
      return res
        .header('Content-Disposition', `attachment; filename="targets-${year}.xlsx"; filename*=UTF-8''${name}`)
        .header('Cache-Control', 'private, no-store')
        .type(XLSX_CONTENT_TYPE)
        .send(file);
    },
  );
}
