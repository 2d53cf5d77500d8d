// The guardian's side of registration (DOMAIN.md §5.1): consent first, then the family, children, pickup persons
// and emergency contacts in one transaction; certificates; the agreement; submission to the street.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isValidLocalDate, localDateOf } from '../../../domain/time.ts';
import { authorize } from '../../access.ts';
import { actorSourceOf as sourceOf } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { readUpload } from '../../uploads.ts';
import { idParams } from '../../schemas.ts';
import * as q from './queries.ts';
import {
  certificateOutput,
  childInput,
  childUpdate,
  eligibilityOutput,
  familyEnvelope,
  guardianInput,
  personUpdate,
  registrationInput,
} from './schemas.ts';
import {
  addChild,
  assertEditable,
  eligibilityOfChild,
  familyEnvelopeOf,
  fileContent,
  registerFamily,
  replaceFamilyPeople,
  signDocument,
  submitFamily,
  updateChild,
  updateGuardian,
  uploadCertificate,
} from './service.ts';

export default async function familyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const { db, clock } = ctx;
  const today = () => localDateOf(clock.now());
  const envelope = (familyId: string | null) => familyEnvelopeOf(ctx, familyId);

  async function ownFamily(req: FastifyRequest) {
    const f = await q.familyOfGuardian(db, req.actor!.id);
    if (!f) throw new AppError(404, 'FAMILY_NOT_FOUND');
    return f;
  }

  /** The child must belong to the signed-in guardian's family. */
  async function ownChild(req: FastifyRequest, childId: string) {
    const c = await q.childWithFamily(db, childId);
    if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
    authorize(req.actor!, 'family.manageOwn', { userId: c.guardian_user_id });
    return c;
  }

  app.get(
    '/api/family',
    {
      config: { action: 'family.readOwn' },
      schema: {
        tags: ['families'],
        summary: 'The guardian’s family, children with their booking checklist, and what is left to do',
        response: { 200: familyEnvelope },
      },
    },
    async (req) => {
      const f = await q.familyOfGuardian(db, req.actor!.id);
      return envelope(f?.id ?? null);
    },
  );

  app.post(
    '/api/family',
    {
      config: { action: 'family.manageOwn' },
      schema: {
        tags: ['families'],
        summary: 'Register the family: the consent, the guardian, children, pickup persons and contacts in one transaction',
        body: registrationInput,
        response: { 201: familyEnvelope },
      },
    },
    async (req, res) => res.status(201).send(await envelope(await registerFamily(ctx, sourceOf(req), req.body))),
  );

  app.patch(
    '/api/family',
    {
      config: { action: 'family.manageOwn' },
      schema: {
        tags: ['families'],
        summary: 'Correct the guardian’s details (identity changes send an accepted family back to review)',
        body: guardianInput.partial(),
        response: { 200: familyEnvelope },
      },
    },
    async (req) => {
      const f = await ownFamily(req);
      await updateGuardian(ctx, sourceOf(req), f, req.body);
      return envelope(f.id);
    },
  );

  app.post(
    '/api/family/children',
    {
      config: { action: 'family.manageOwn' },
      schema: { tags: ['families'], summary: 'Add a child to the registered family', body: childInput, response: { 201: familyEnvelope } },
    },
    async (req, res) => {
      const f = await ownFamily(req);
      await addChild(ctx, sourceOf(req), f, req.body);
      return res.status(201).send(await envelope(f.id));
    },
  );

  app.patch(
    '/api/children/:id',
    {
      config: { action: 'family.manageOwn' },
      schema: {
        tags: ['families'],
        summary: 'Correct a child’s details or health declaration',
        params: idParams,
        body: childUpdate,
        response: { 200: familyEnvelope },
      },
    },
    async (req) => {
      const c = await ownChild(req, req.params.id);
      await updateChild(ctx, sourceOf(req), c, req.body);
      return envelope(c.family_id);
    },
  );

  for (const [path, table, max] of [
    ['pickup-persons', 'pickup_person', 6],
    ['emergency-contacts', 'emergency_contact', 4],
  ] as const) {
    app.put(
      `/api/family/${path}`,
      {
        config: { action: 'family.manageOwn' },
        schema: {
          tags: ['families'],
          summary: path === 'pickup-persons' ? 'Replace the list of authorised pickup persons' : 'Replace the list of emergency contacts',
          body: z.strictObject({ people: z.array(personUpdate).max(max) }),
          response: { 200: familyEnvelope },
        },
      },
      async (req) => {
        const f = await ownFamily(req);
        await replaceFamilyPeople(ctx, sourceOf(req), f, table, req.body.people);
        return envelope(f.id);
      },
    );
  }

  for (const kind of ['consent', 'agreement'] as const) {
    app.post(
      `/api/family/${kind}`,
      {
        config: { action: 'family.manageOwn' },
        schema: {
          tags: ['families'],
          summary:
            kind === 'consent'
              ? 'Accept the current children’s-data rules (after a new version)'
              : 'Sign the current service agreement (R14)',
          body: z.strictObject({ version: z.number().int().positive() }),
          response: { 200: familyEnvelope },
        },
      },
      async (req) => {
        const f = await ownFamily(req);
        await signDocument(ctx, sourceOf(req), f, kind, req.body.version);
        return envelope(f.id);
      },
    );
  }

  app.post(
    '/api/family/submit',
    {
      config: { action: 'family.manageOwn' },
      schema: {
        tags: ['families'],
        summary: 'Send the registration to the street for acceptance (社区统一受理)',
        response: { 200: familyEnvelope },
      },
    },
    async (req) => {
      const f = await ownFamily(req);
      await submitFamily(ctx, sourceOf(req), f);
      return envelope(f.id);
    },
  );

  app.post(
    '/api/children/:id/certificates',
    {
      config: { action: 'family.manageOwn' },
      schema: {
        tags: ['families'],
        summary: 'Upload a health-check certificate (multipart: file = JPEG/PNG/PDF ≤ 10 MB, examDate, institution)',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: certificateOutput },
      },
    },
    async (req, res) => {
      const c = await ownChild(req, req.params.id);
      assertEditable(c.status);
      const upload = await readUpload(req);
      return res.status(201).send(await uploadCertificate(ctx, sourceOf(req), c, upload));
    },
  );

  app.get(
    '/api/family/files/:id',
    {
      config: { action: 'family.readOwn' },
      schema: { tags: ['families'], summary: 'One of the family’s own uploaded files', params: idParams },
    },
    async (req, res) => {
      const file = await q.familyFile(db, req.params.id);
      if (!file) throw new AppError(404, 'FILE_NOT_FOUND');
      authorize(req.actor!, 'family.readOwn', { userId: file.guardian_user_id });
      const data = await fileContent(ctx, file.storage_key);
      return res.header('Cache-Control', 'private, no-store').type(file.content_type).send(data);
    },
  );

  app.get(
    '/api/children/:id/eligibility',
    {
      config: { action: 'family.readOwn' },
      schema: {
        tags: ['families'],
        summary: 'Whether the child can book on a date, and what is missing (R1, R13, R14, R16, consent)',
        params: idParams,
        querystring: z.strictObject({ date: z.string().optional() }),
        response: { 200: eligibilityOutput },
      },
    },
    async (req) => {
      const c = await q.childGuardian(db, req.params.id);
      if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
      authorize(req.actor!, 'family.readOwn', { userId: c.guardian_user_id });
      const date = req.query.date && isValidLocalDate(req.query.date) ? req.query.date : today();
      const { eligibility } = await eligibilityOfChild(db, req.params.id, date);
      return { date, ...eligibility };
    },
  );
}
