// The compliance findings of the caller's scope (house, street, district), most severe and newest first, and
// running the engine on demand.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopeOf } from '../../access.ts';
import { houseTarget } from '../houses/queries.ts';
import { houseIdsInScope } from './queries.ts';
import { findingsOf, runCompliance } from './service.ts';

const findingOutput = z.object({
  id: z.string(),
  houseId: z.string(),
  houseName: z.string(),
  streetName: z.string(),
  rule: z.string(),
  code: z.string(),
  severity: z.enum(['critical', 'warning']),
  owner: z.enum(['house_manager', 'street_admin']),
  subjectType: z.enum(['house', 'staff', 'session']),
  subjectId: z.string().nullable(),
  subjectLabel: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  firstSeenOn: z.string(),
  lastSeenOn: z.string(),
  resolvedOn: z.string().nullable(),
  fixPath: z.string(),
});
const findingsOutput = z.object({
  lastRun: z.object({ runOn: z.string(), finishedAt: z.string(), houses: z.number(), opened: z.number(), resolved: z.number() }).nullable(),
  findings: z.array(findingOutput),
});
const query = z.strictObject({ status: z.enum(['open', 'resolved']).default('open'), houseId: z.uuid().optional() });

export default async function complianceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  /** The houses of the caller's scope for an action (one house when asked for and within the scope). */
  async function housesOf(req: FastifyRequest, action: 'compliance.read' | 'compliance.run', houseId?: string) {
    if (houseId) {
      const house = await houseTarget(db, houseId);
      authorize(req.actor!, action, house);
      return [house.houseId];
    }
    return houseIdsInScope(db, scopeOf(req.actor!, action));
  }

  app.get(
    '/api/compliance/findings',
    {
      config: { action: 'compliance.read' },
      schema: {
        tags: ['compliance'],
        summary: 'Findings of the caller’s scope (R3–R12, R19), most severe then newest first, each with the path of the record to fix',
        querystring: query,
        response: { 200: findingsOutput },
      },
    },
    async (req) => findingsOf(db, await housesOf(req, 'compliance.read', req.query.houseId), req.query.status),
  );

  app.post(
    '/api/compliance/run',
    {
      config: { action: 'compliance.run' },
      schema: {
        tags: ['compliance'],
        summary: 'Run the compliance check now for the caller’s scope (or one house) and return the open findings',
        body: z.strictObject({ houseId: z.uuid().optional() }).optional(),
        response: { 200: findingsOutput },
      },
    },
    async (req) => {
      const houseIds = await housesOf(req, 'compliance.run', req.body?.houseId);
      await runCompliance(db, clock, { houseIds, triggeredBy: req.actor!.id });
      return findingsOf(db, houseIds, 'open');
    },
  );
}
