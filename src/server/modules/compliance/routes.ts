// The compliance findings of the caller's scope (house, street, district), most severe and newest first, and
// running the engine on demand.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopeOf } from '../../access.ts';
import { AppError } from '../../errors.ts';
import { fixPathOf, runCompliance } from './service.ts';

const findingOutput = z.object({
  id: z.string(), houseId: z.string(), houseName: z.string(), streetName: z.string(), rule: z.string(), code: z.string(),
  severity: z.enum(['critical', 'warning']), owner: z.enum(['house_manager', 'street_admin']), subjectType: z.enum(['house', 'staff', 'session']),
  subjectId: z.string().nullable(), subjectLabel: z.string(), detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  firstSeenOn: z.string(), lastSeenOn: z.string(), resolvedOn: z.string().nullable(), fixPath: z.string(),
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
    const scope = scopeOf(req.actor!, action);
    if (houseId) {
      const h = await db.selectFrom('house').select(['id', 'street_id']).where('id', '=', houseId).executeTakeFirst();
      if (!h) throw new AppError(404, 'HOUSE_NOT_FOUND');
      authorize(req.actor!, action, { houseId: h.id, streetId: h.street_id });
      return [h.id];
    }
    if (scope.kind === 'none') return [];
    let q = db.selectFrom('house').select('id');
    if (scope.kind === 'street') q = q.where('street_id', '=', scope.streetId);
    if (scope.kind === 'house') q = q.where('id', '=', scope.houseId);
    return (await q.execute()).map((h) => h.id);
  }

  async function findingsOf(houseIds: string[], status: 'open' | 'resolved') {
    if (!houseIds.length) return { lastRun: null, findings: [] };
    let q = db.selectFrom('compliance_finding as f').innerJoin('house as h', 'h.id', 'f.house_id').innerJoin('street as s', 's.id', 'h.street_id')
      .selectAll('f').select(['h.name as house_name', 's.name as street_name']).where('f.house_id', 'in', houseIds);
    q = status === 'open' ? q.where('f.resolved_on', 'is', null) : q.where('f.resolved_on', 'is not', null);
    const [rows, run] = await Promise.all([
      q.orderBy((eb) => eb.case().when('f.severity', '=', 'critical').then(0).else(1).end())
        .orderBy(status === 'open' ? 'f.first_seen_on' : 'f.resolved_on', 'desc').orderBy('h.name').orderBy('f.code').orderBy('f.subject_label').limit(1000).execute(),
      db.selectFrom('compliance_run').selectAll().orderBy('finished_at', 'desc').limit(1).executeTakeFirst(),
    ]);
    return {
      lastRun: run ? { runOn: run.run_on, finishedAt: new Date(run.finished_at).toISOString(), houses: run.houses, opened: run.opened, resolved: run.resolved } : null,
      findings: rows.map((f) => ({
        id: f.id, houseId: f.house_id, houseName: f.house_name, streetName: f.street_name, rule: f.rule, code: f.code, severity: f.severity,
        owner: f.owner_role, subjectType: f.subject_type, subjectId: f.subject_id, subjectLabel: f.subject_label,
        detail: (f.detail ?? {}) as Record<string, string | number | null>, firstSeenOn: f.first_seen_on, lastSeenOn: f.last_seen_on,
        resolvedOn: f.resolved_on, fixPath: fixPathOf(f),
      })),
    };
  }

  app.get('/api/compliance/findings', {
    config: { action: 'compliance.read' },
    schema: {
      tags: ['compliance'], summary: 'Findings of the caller’s scope (R3–R12, R19), most severe then newest first, each with the path of the record to fix',
      querystring: query, response: { 200: findingsOutput },
    },
  }, async (req) => findingsOf(await housesOf(req, 'compliance.read', req.query.houseId), req.query.status));

  app.post('/api/compliance/run', {
    config: { action: 'compliance.run' },
    schema: {
      tags: ['compliance'], summary: 'Run the compliance check now for the caller’s scope (or one house) and return the open findings',
      body: z.strictObject({ houseId: z.uuid().optional() }).optional(), response: { 200: findingsOutput },
    },
  }, async (req) => {
    const houseIds = await housesOf(req, 'compliance.run', req.body?.houseId);
    await runCompliance(db, clock, { houseIds, triggeredBy: req.actor!.id });
    return findingsOf(houseIds, 'open');
  });
}
