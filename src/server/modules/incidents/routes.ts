// Incidents (injury, illness, other) with the guardian told through the outbox and the street alerted for serious
// ones; and the daily disinfection and safety-check logs.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, localDateOf } from '../../../domain/time.ts';
import { authorize, scopeOf } from '../../access.ts';
import { actorSourceOf, auditSourceOf } from '../../audit.ts';
import { idParams, localDate } from '../../schemas.ts';
import { houseTarget } from '../houses/queries.ts';
import { dailyLogsOf, readIncidents, recordDailyLog, recordIncident } from './service.ts';

const incidentOutput = z.object({
  id: z.string(),
  houseId: z.string(),
  houseName: z.string(),
  sessionId: z.string().nullable(),
  childId: z.string().nullable(),
  childName: z.string().nullable(),
  kind: z.enum(['injury', 'illness', 'other']),
  severity: z.enum(['minor', 'serious']),
  occurredAt: z.string(),
  description: z.string(),
  actionTaken: z.string(),
  reportedBy: z.string(),
  createdAt: z.string(),
  guardianNotifiedAt: z.string().nullable(),
  streetAlertedAt: z.string().nullable(),
});
const dailyLogOutput = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(['disinfection', 'safety_check']),
  items: z.array(z.string()),
  allOk: z.boolean(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
const range = { from: localDate.optional(), to: localDate.optional() };

export default async function incidentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const { db, clock } = ctx;
  const today = () => localDateOf(clock.now());

  app.get(
    '/api/incidents',
    {
      config: { action: 'incident.read' },
      schema: {
        tags: ['incidents'],
        summary: 'Incidents of the caller’s scope, newest first (default: the last 30 days)',
        querystring: z.strictObject({ houseId: z.uuid().optional(), ...range }),
        response: { 200: z.array(incidentOutput) },
      },
    },
    async (req) => {
      const to = req.query.to ?? today();
      const from = req.query.from ?? addDays(to, -29);
      const scope = scopeOf(req.actor!, 'incident.read');
      if (req.query.houseId) authorize(req.actor!, 'incident.read', await houseTarget(db, req.query.houseId));
      if (scope.kind === 'none') return [];
      return readIncidents(ctx, auditSourceOf(req), {
        from,
        to,
        houseIds: req.query.houseId ? [req.query.houseId] : scope.kind === 'house' ? [scope.houseId] : undefined,
        streetId: scope.kind === 'street' ? scope.streetId : undefined,
      });
    },
  );

  app.post(
    '/api/houses/:id/incidents',
    {
      config: { action: 'incident.record' },
      schema: {
        tags: ['incidents'],
        summary: 'Record an incident; the child’s guardian is told, the street admin alerted when it is serious',
        params: idParams,
        body: z.strictObject({
          kind: z.enum(['injury', 'illness', 'other']),
          severity: z.enum(['minor', 'serious']),
          occurredAt: z.iso.datetime({ offset: true }),
          sessionId: z.uuid().nullable().optional(),
          childId: z.uuid().nullable().optional(),
          description: z.string().trim().min(4).max(500),
          actionTaken: z.string().trim().min(2).max(500),
        }),
        response: { 201: incidentOutput },
      },
    },
    async (req, res) => {
      const house = await houseTarget(db, req.params.id);
      authorize(req.actor!, 'incident.record', house);
      return res.status(201).send(await recordIncident(ctx, actorSourceOf(req), house, req.body));
    },
  );

  app.get(
    '/api/houses/:id/daily-logs',
    {
      config: { action: 'dailyLog.read' },
      schema: {
        tags: ['incidents'],
        summary: 'The house’s daily disinfection and safety-check logs (default: the last 14 days), newest first',
        params: idParams,
        querystring: z.strictObject(range),
        response: { 200: z.array(dailyLogOutput) },
      },
    },
    async (req) => {
      authorize(req.actor!, 'dailyLog.read', await houseTarget(db, req.params.id));
      const to = req.query.to ?? today();
      const from = req.query.from ?? addDays(to, -13);
      return dailyLogsOf(ctx, req.params.id, from, to);
    },
  );

  app.post(
    '/api/houses/:id/daily-logs',
    {
      config: { action: 'dailyLog.record' },
      schema: {
        tags: ['incidents'],
        summary: 'Record a disinfection or safety-check log for a day (today or earlier); problems need a note',
        params: idParams,
        body: z.strictObject({
          date: localDate,
          kind: z.enum(['disinfection', 'safety_check']),
          items: z.array(z.string()).max(20),
          allOk: z.boolean(),
          note: z.string().trim().max(300).nullable().optional(),
        }),
        response: { 201: dailyLogOutput },
      },
    },
    async (req, res) => {
      authorize(req.actor!, 'dailyLog.record', await houseTarget(db, req.params.id));
      return res.status(201).send(await recordDailyLog(ctx, actorSourceOf(req), req.params.id, req.body));
    },
  );
}
