// The texts guardians agree to — the children's-data consent (§6) and the service agreement (R14) — in versions.
// Anyone can read the current ones; the district admin publishes new versions, which ask every family again.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { localDateOf } from '../../../domain/time.ts';
import { auditSourceOf, writeAudit } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { localDate } from '../../schemas.ts';

const documentOutput = z.object({
  kind: z.enum(['consent', 'agreement']), version: z.number(), title: z.string(), body: z.string(), effectiveFrom: z.string(),
});

export default async function documentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  const toOutput = (d: { kind: 'consent' | 'agreement'; version: number; title: string; body: string; effective_from: string }) =>
    ({ kind: d.kind, version: d.version, title: d.title, body: d.body, effectiveFrom: d.effective_from });

  app.get('/api/documents/current', {
    config: { action: 'public.read' },
    schema: {
      tags: ['public'], summary: 'The consent text and the service agreement in force today',
      response: { 200: z.object({ consent: documentOutput, agreement: documentOutput }) },
    },
  }, async () => {
    const rows = await db.selectFrom('document_version').select(['kind', 'version', 'title', 'body', 'effective_from'])
      .where('effective_from', '<=', localDateOf(clock.now())).orderBy('version', 'desc').execute();
    const consent = rows.find((r) => r.kind === 'consent');
    const agreement = rows.find((r) => r.kind === 'agreement');
    if (!consent || !agreement) throw new AppError(404, 'DOCUMENT_NOT_FOUND');
    return { consent: toOutput(consent), agreement: toOutput(agreement) };
  });

  app.get('/api/documents', {
    config: { action: 'document.manage' },
    schema: { tags: ['policy'], summary: 'Every version of both texts', response: { 200: z.array(documentOutput) } },
  }, async () => {
    const rows = await db.selectFrom('document_version').select(['kind', 'version', 'title', 'body', 'effective_from'])
      .orderBy('kind').orderBy('version', 'desc').execute();
    return rows.map(toOutput);
  });

  app.post('/api/documents', {
    config: { action: 'document.manage' },
    schema: {
      tags: ['policy'], summary: 'Publish a new version (from today or later); families are asked to agree again',
      body: z.strictObject({
        kind: z.enum(['consent', 'agreement']), title: z.string().trim().min(2).max(60), body: z.string().trim().min(20).max(20_000),
        effectiveFrom: localDate,
      }),
      response: { 201: documentOutput },
    },
  }, async (req, res) => {
    const b = req.body;
    if (b.effectiveFrom < localDateOf(clock.now())) {
      throw new AppError(422, 'POLICY_PARAMETER_INVALID', undefined, [{ field: 'body.effectiveFrom', code: 'POLICY_PARAMETER_INVALID', message: '' }]);
    }
    const row = await db.transaction().execute(async (trx) => {
      // Two publications at once must not both take the next number: serialise them per kind.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`document_version:${b.kind}`}))`.execute(trx);
      const last = await trx.selectFrom('document_version').select(({ fn }) => fn.max('version').as('v')).where('kind', '=', b.kind).executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const inserted = await trx.insertInto('document_version').values({
        kind: b.kind, version, title: b.title, body: b.body, effective_from: b.effectiveFrom, created_by: req.actor!.id,
      }).returning(['kind', 'version', 'title', 'body', 'effective_from']).executeTakeFirstOrThrow();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'document.publish', entityType: 'document_version', entityId: `${b.kind}:${version}`, detail: { effectiveFrom: b.effectiveFrom } });
      return inserted;
    });
    return res.status(201).send(toOutput(row));
  });
}
