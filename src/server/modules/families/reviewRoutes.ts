// 社区统一受理 (R16): the street's queue of family registrations, the review (IDs masked, every read of a child
// audited), accepting or returning with a reason (the guardian is told through the outbox), and unmasking.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopeOf, type Action } from '../../access.ts';
import { actorSourceOf, auditSourceOf } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { idParams } from '../../schemas.ts';
import * as q from './queries.ts';
import { familyOutput } from './schemas.ts';
import { decideRegistration, registrationFile, registrationForReview, registrationQueue, unmaskIdNumber } from './service.ts';

const statusEnum = z.enum(['draft', 'submitted', 'accepted', 'returned']);

const registrationSummary = z.object({
  id: z.string(),
  status: statusEnum,
  guardianName: z.string(),
  guardianPhoneMasked: z.string(),
  streetId: z.string(),
  streetName: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  children: z.array(z.object({ name: z.string(), ageMonths: z.number() })),
});

export default async function reviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const { db } = ctx;

  /** The family in the reviewer's street (403 outside it, 404 when there is none). */
  async function familyInScope(req: FastifyRequest, id: string, action: Action) {
    const f = await q.familyForReview(db, id);
    if (!f) throw new AppError(404, 'FAMILY_NOT_FOUND');
    authorize(req.actor!, action, { streetId: f.street_id });
    return f;
  }

  app.get(
    '/api/registrations',
    {
      config: { action: 'registration.read' },
      schema: {
        tags: ['registrations'],
        summary: 'Family registrations of the reviewer’s street (the district sees all), oldest waiting first',
        querystring: z.strictObject({ status: statusEnum.optional(), streetId: z.uuid().optional() }),
        response: { 200: z.array(registrationSummary) },
      },
    },
    async (req) => registrationQueue(ctx, auditSourceOf(req), scopeOf(req.actor!, 'registration.read'), req.query),
  );

  app.get(
    '/api/registrations/:id',
    {
      config: { action: 'registration.read' },
      schema: {
        tags: ['registrations'],
        summary: 'One registration for review (ID numbers masked; the read of each child is audited)',
        params: idParams,
        response: { 200: familyOutput },
      },
    },
    async (req) => {
      await familyInScope(req, req.params.id, 'registration.read');
      return registrationForReview(ctx, auditSourceOf(req), req.params.id);
    },
  );

  app.post(
    '/api/registrations/:id/accept',
    {
      config: { action: 'registration.decide' },
      schema: {
        tags: ['registrations'],
        summary: 'Accept a submitted registration (the guardian is notified)',
        params: idParams,
        response: { 200: familyOutput },
      },
    },
    async (req) =>
      decideRegistration(ctx, actorSourceOf(req), await familyInScope(req, req.params.id, 'registration.decide'), { accept: true }),
  );

  app.post(
    '/api/registrations/:id/return',
    {
      config: { action: 'registration.decide' },
      schema: {
        tags: ['registrations'],
        summary: 'Return a submitted registration with a reason the guardian sees (and is sent)',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(2).max(200) }),
        response: { 200: familyOutput },
      },
    },
    async (req) => {
      const f = await familyInScope(req, req.params.id, 'registration.decide');
      return decideRegistration(ctx, actorSourceOf(req), f, { accept: false, reason: req.body.reason });
    },
  );

  app.post(
    '/api/registrations/:id/unmask',
    {
      config: { action: 'child.unmask' },
      schema: {
        tags: ['registrations'],
        summary: 'Show one ID number in full, for a stated reason (audited)',
        params: idParams,
        body: z.strictObject({ target: z.union([z.literal('guardian'), z.uuid()]), reason: z.string().trim().min(2).max(200) }),
        response: { 200: z.object({ value: z.string() }) },
      },
    },
    async (req) => {
      const f = await familyInScope(req, req.params.id, 'child.unmask');
      return unmaskIdNumber(ctx, auditSourceOf(req), f, req.body.target, req.body.reason);
    },
  );

  app.get(
    '/api/registrations/:id/files/:fileId',
    {
      config: { action: 'registration.read' },
      schema: {
        tags: ['registrations'],
        summary: 'A certificate file of the registration (audited)',
        params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
      },
    },
    async (req, res) => {
      const f = await familyInScope(req, req.params.id, 'registration.read');
      const file = await registrationFile(ctx, auditSourceOf(req), f.id, req.params.fileId);
      return res.header('Cache-Control', 'private, no-store').type(file.contentType).send(file.data);
    },
  );
}
