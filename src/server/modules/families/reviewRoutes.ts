// 社区统一受理 (R16): the street's queue of family registrations, the review (IDs masked, every read of a child
// audited), accepting or returning with a reason (the guardian is told through the outbox), and unmasking.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ageInMonths, localDateOf } from '../../../domain/time.ts';
import { maskPhone } from '../../../shared/format.ts';
import { authorize, scopeOf, type Action } from '../../access.ts';
import { auditSourceOf, writeAudit } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { enqueueMessage } from '../../outbox.ts';
import { idParams } from '../../schemas.ts';
import { familyOutput } from './schemas.ts';
import { loadFamily } from './service.ts';

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
  const { db, clock, cipher, files } = app.ctx;
  const today = () => localDateOf(clock.now());

  /** The family in the reviewer's street (403 outside it, 404 when there is none). */
  async function familyInScope(req: FastifyRequest, id: string, action: Action) {
    const f = await db.selectFrom('family as f').innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
      .innerJoin('street as s', 's.id', 'f.street_id')
      .select(['f.id', 'f.street_id', 'f.status', 'f.guardian_id_enc', 'u.phone', 's.name as street_name'])
      .where('f.id', '=', id).executeTakeFirst();
    if (!f) throw new AppError(404, 'FAMILY_NOT_FOUND');
    authorize(req.actor!, action, { streetId: f.street_id });
    return f;
  }

  app.get('/api/registrations', {
    config: { action: 'registration.read' },
    schema: {
      tags: ['registrations'], summary: 'Family registrations of the reviewer’s street (the district sees all), oldest waiting first',
      querystring: z.strictObject({ status: statusEnum.optional(), streetId: z.uuid().optional() }),
      response: { 200: z.array(registrationSummary) },
    },
  }, async (req) => {
    const scope = scopeOf(req.actor!, 'registration.read');
    let q = db.selectFrom('family as f').innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
      .innerJoin('street as s', 's.id', 'f.street_id')
      .select(['f.id', 'f.status', 'f.guardian_name', 'u.phone', 'f.street_id', 's.name as street_name', 'f.submitted_at',
        'f.reviewed_at', 'f.return_reason']);
    if (scope.kind === 'street') q = q.where('f.street_id', '=', scope.streetId);
    if (scope.kind === 'none') return [];
    if (req.query.status) q = q.where('f.status', '=', req.query.status);
    if (req.query.streetId) q = q.where('f.street_id', '=', req.query.streetId);
    const families = await q.orderBy('f.submitted_at', 'asc').orderBy('f.created_at', 'asc').limit(500).execute();
    const children = families.length
      ? await db.selectFrom('child').select(['family_id', 'name', 'birth_date']).where('family_id', 'in', families.map((f) => f.id)).orderBy('birth_date').execute()
      : [];
    const date = today();
    if (children.length) {
      // The queue shows children's names and ages: a read of child data, audited like any other.
      await writeAudit(db, clock, auditSourceOf(req), {
        action: 'child.list', entityType: 'family', detail: { purpose: 'registration.queue', familyIds: families.map((f) => f.id), children: children.length },
      });
    }
    return families.map((f) => ({
      id: f.id, status: f.status, guardianName: f.guardian_name, guardianPhoneMasked: maskPhone(f.phone ?? ''),
      streetId: f.street_id, streetName: f.street_name,
      submittedAt: f.submitted_at ? new Date(f.submitted_at).toISOString() : null,
      reviewedAt: f.reviewed_at ? new Date(f.reviewed_at).toISOString() : null,
      returnReason: f.return_reason,
      children: children.filter((c) => c.family_id === f.id).map((c) => ({ name: c.name, ageMonths: ageInMonths(c.birth_date, date) })),
    }));
  });

  app.get('/api/registrations/:id', {
    config: { action: 'registration.read' },
    schema: { tags: ['registrations'], summary: 'One registration for review (ID numbers masked; the read of each child is audited)', params: idParams, response: { 200: familyOutput } },
  }, async (req) => {
    await familyInScope(req, req.params.id, 'registration.read');
    const family = await loadFamily(db, cipher, req.params.id, today());
    await db.transaction().execute(async (trx) => {
      for (const child of family.children) {
        await writeAudit(trx, clock, auditSourceOf(req), {
          action: 'child.read', entityType: 'child', entityId: child.id, detail: { purpose: 'registration.review', familyId: family.id },
        });
      }
    });
    return family;
  });

  app.post('/api/registrations/:id/accept', {
    config: { action: 'registration.decide' },
    schema: { tags: ['registrations'], summary: 'Accept a submitted registration (the guardian is notified)', params: idParams, response: { 200: familyOutput } },
  }, async (req) => {
    const f = await familyInScope(req, req.params.id, 'registration.decide');
    await db.transaction().execute(async (trx) => {
      const moved = await trx.updateTable('family')
        .set({ status: 'accepted', reviewed_at: clock.now(), reviewed_by: req.actor!.id, return_reason: null, updated_at: clock.now() })
        .where('id', '=', f.id).where('status', '=', 'submitted').executeTakeFirst();
      if (!moved.numUpdatedRows) throw new AppError(409, 'REGISTRATION_NOT_PENDING');
      await enqueueMessage(trx, clock, { channel: 'sms', recipient: f.phone!, template: 'registrationAccepted', params: { street: f.street_name } });
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'registration.accept', entityType: 'family', entityId: f.id });
    });
    return loadFamily(db, cipher, f.id, today());
  });

  app.post('/api/registrations/:id/return', {
    config: { action: 'registration.decide' },
    schema: {
      tags: ['registrations'], summary: 'Return a submitted registration with a reason the guardian sees (and is sent)',
      params: idParams, body: z.strictObject({ reason: z.string().trim().min(2).max(200) }), response: { 200: familyOutput },
    },
  }, async (req) => {
    const f = await familyInScope(req, req.params.id, 'registration.decide');
    await db.transaction().execute(async (trx) => {
      const moved = await trx.updateTable('family')
        .set({ status: 'returned', reviewed_at: clock.now(), reviewed_by: req.actor!.id, return_reason: req.body.reason, updated_at: clock.now() })
        .where('id', '=', f.id).where('status', '=', 'submitted').executeTakeFirst();
      if (!moved.numUpdatedRows) throw new AppError(409, 'REGISTRATION_NOT_PENDING');
      await enqueueMessage(trx, clock, { channel: 'sms', recipient: f.phone!, template: 'registrationReturned', params: { street: f.street_name, reason: req.body.reason } });
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'registration.return', entityType: 'family', entityId: f.id, detail: { reason: req.body.reason } });
    });
    return loadFamily(db, cipher, f.id, today());
  });

  app.post('/api/registrations/:id/unmask', {
    config: { action: 'child.unmask' },
    schema: {
      tags: ['registrations'], summary: 'Show one ID number in full, for a stated reason (audited)',
      params: idParams,
      body: z.strictObject({ target: z.union([z.literal('guardian'), z.uuid()]), reason: z.string().trim().min(2).max(200) }),
      response: { 200: z.object({ value: z.string() }) },
    },
  }, async (req) => {
    const f = await familyInScope(req, req.params.id, 'child.unmask');
    let value: string;
    if (req.body.target === 'guardian') value = cipher.decrypt(f.guardian_id_enc);
    else {
      const c = await db.selectFrom('child').select('id_number_enc').where('id', '=', req.body.target).where('family_id', '=', f.id).executeTakeFirst();
      if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
      value = cipher.decrypt(c.id_number_enc);
    }
    await writeAudit(db, clock, auditSourceOf(req), {
      action: 'idNumber.unmask', entityType: req.body.target === 'guardian' ? 'family' : 'child',
      entityId: req.body.target === 'guardian' ? f.id : req.body.target, detail: { reason: req.body.reason, familyId: f.id },
    });
    return { value };
  });

  app.get('/api/registrations/:id/files/:fileId', {
    config: { action: 'registration.read' },
    schema: { tags: ['registrations'], summary: 'A certificate file of the registration (audited)', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }) },
  }, async (req, res) => {
    const f = await familyInScope(req, req.params.id, 'registration.read');
    const file = await db.selectFrom('stored_file').select(['storage_key', 'content_type']).where('id', '=', req.params.fileId)
      .where('family_id', '=', f.id).executeTakeFirst();
    if (!file) throw new AppError(404, 'FILE_NOT_FOUND');
    await writeAudit(db, clock, auditSourceOf(req), { action: 'file.read', entityType: 'stored_file', entityId: req.params.fileId, detail: { familyId: f.id } });
    const data = cipher.decryptBytes(await files.get(file.storage_key));
    return res.header('Cache-Control', 'private, no-store').type(file.content_type).send(data);
  });
}
