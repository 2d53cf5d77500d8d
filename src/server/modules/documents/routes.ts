// The texts guardians agree to — the children's-data consent (§6) and the service agreement (R14) — in versions.
// Anyone can read the current ones; the district admin publishes new versions, which ask every family again.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorSourceOf } from '../../audit.ts';
import { localDate } from '../../schemas.ts';
import { allDocuments, currentDocuments, publishDocument } from './service.ts';

const documentOutput = z.object({
  kind: z.enum(['consent', 'agreement']),
  version: z.number(),
  title: z.string(),
  body: z.string(),
  effectiveFrom: z.string(),
});

export default async function documentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.get(
    '/api/documents/current',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['public'],
        summary: 'The consent text and the service agreement in force today',
        response: { 200: z.object({ consent: documentOutput, agreement: documentOutput }) },
      },
    },
    async () => currentDocuments(ctx),
  );

  app.get(
    '/api/documents',
    {
      config: { action: 'document.manage' },
      schema: { tags: ['policy'], summary: 'Every version of both texts', response: { 200: z.array(documentOutput) } },
    },
    async () => allDocuments(ctx),
  );

  app.post(
    '/api/documents',
    {
      config: { action: 'document.manage' },
      schema: {
        tags: ['policy'],
        summary: 'Publish a new version (from today or later); families are asked to agree again',
        body: z.strictObject({
          kind: z.enum(['consent', 'agreement']),
          title: z.string().trim().min(2).max(60),
          body: z.string().trim().min(20).max(20_000),
          effectiveFrom: localDate,
        }),
        response: { 201: documentOutput },
      },
    },
    async (req, res) => res.status(201).send(await publishDocument(ctx, actorSourceOf(req), req.body)),
  );
}
