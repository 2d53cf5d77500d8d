// The newborn register (DOMAIN.md §5.5, T4): the street imports the health system's Excel list and reads its register;
// a family reports its own newborn in the H5 and reads what the register holds of its family.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NEWBORN_FIELDS } from '../../../domain/newbornRegister.ts';
import { authorize, scopeOf } from '../../access.ts';
import { actorSourceOf, auditSourceOf } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { idParams, localDate, uuid } from '../../schemas.ts';
import { readSpreadsheetUpload } from '../../uploads.ts';
import { importNewborns, readOwnNewborns, readRegister, reportNewborn } from './service.ts';
import { answerVisit, assignVisitor, caseload, familyVisits, recordVisit, scheduleVisit, visitorsFor } from './visits.ts';

const field = z.enum(NEWBORN_FIELDS);
const visitState = z.enum(['confirmed', 'awaitingConfirmation', 'scheduled', 'due', 'overdue']);
const visitOut = z.object({
  id: z.string(),
  status: z.enum(['scheduled', 'done', 'cancelled']),
  scheduledAt: z.string(),
  changeRequested: z.string().nullable(),
  visitedOn: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  topics: z.array(z.string()),
  followUp: z.boolean(),
  referral: z.enum(['none', 'care', 'health']),
  familyConfirmedAt: z.string().nullable(),
});
/** A newborn as its family sees it (the family's own record: the address in full, the phone masked). */
const ownNewborn = z.object({
  id: z.string(),
  childName: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  streetId: z.string(),
  streetName: z.string(),
  guardianName: z.string(),
  phone: z.string(),
  address: z.string(),
  source: z.enum(['import', 'family']),
  reportedAt: z.string(),
});
const reportAnswer = z.object({ alreadyRegistered: z.boolean(), newborn: ownNewborn });
const visitsOfNewborn = { visitState, dueBy: z.string(), visits: z.array(visitOut) };
/** The upload form's `mapping`: which heading holds which field, e.g. {"childName":"婴儿姓名"}; the rest found by heading. */
const mappingField = z.partialRecord(field, z.string().min(1).max(40));

export default async function newbornRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, cipher } = app.ctx;

  app.get(
    '/api/newborns',
    {
      config: { action: 'newborn.read' },
      schema: {
        tags: ['newborns'],
        summary: 'The newborn register of the viewer’s street (the district: every street, or one): phones masked, the read audited',
        querystring: z.strictObject({ street: uuid.optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              streetId: z.string(),
              streetName: z.string(),
              childName: z.string(),
              sex: z.enum(['male', 'female']),
              birthDate: z.string(),
              guardianName: z.string(),
              phone: z.string(),
              address: z.string(),
              source: z.enum(['import', 'family']),
              visitor: z.object({ id: z.string(), name: z.string() }).nullable(),
              visitState,
              visitDueBy: z.string(),
            }),
          ),
        },
      },
    },
    async (req) => readRegister(db, cipher, clock, auditSourceOf(req), scopeOf(req.actor!, 'newborn.read'), req.query.street),
  );

  app.post(
    '/api/newborns/import',
    {
      config: { action: 'newborn.manage' },
      schema: {
        tags: ['newborns'],
        summary:
          'Import the street’s Excel list (multipart: file = .xlsx, optional mapping = JSON {field: heading}); answers a row-by-row report. A re-import adds nothing twice.',
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            total: z.number(),
            added: z.number(),
            duplicates: z.number(),
            refused: z.number(),
            rows: z.array(
              z.object({
                row: z.number(),
                status: z.enum(['added', 'duplicate', 'refused']),
                childName: z.string(),
                problems: z.array(z.object({ field, code: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const actor = req.actor!;
      if (!actor.streetId) throw new AppError(403, 'FORBIDDEN_SCOPE');
      authorize(actor, 'newborn.manage', { streetId: actor.streetId });
      const { sheet, fields } = await readSpreadsheetUpload(req, 2);
      let given: z.infer<typeof mappingField> = {};
      if (fields.mapping) {
        let raw: unknown;
        try {
          raw = JSON.parse(fields.mapping);
        } catch {
          raw = null;
        }
        const parsed = mappingField.safeParse(raw);
        if (!parsed.success)
          throw new AppError(400, 'MAPPING_INVALID', undefined, [{ field: 'mapping', code: 'MAPPING_INVALID', message: '' }]);
        given = parsed.data;
      }
      return importNewborns(db, cipher, clock, actorSourceOf(req), actor.streetId, sheet, given);
    },
  );

  // ——— the family's own newborns ———

  app.post(
    '/api/family/newborns',
    {
      config: { action: 'visit.readOwn' },
      schema: {
        tags: ['newborns'],
        summary:
          'The guardian reports her newborn for the home visit (the phone is her account’s; street and guardian default to the family’s). 201 when added; 200 with alreadyRegistered when the same baby is already in the register (then linked to the family).',
        body: z.strictObject({
          childName: z.string().trim().min(1).max(20),
          sex: z.enum(['male', 'female']),
          birthDate: localDate,
          streetId: uuid.optional(),
          address: z.string().trim().min(1).max(120),
          guardianName: z.string().trim().min(1).max(20).optional(),
        }),
        response: { 200: reportAnswer, 201: reportAnswer },
      },
    },
    async (req, res) => {
      const answer = await reportNewborn(db, cipher, clock, actorSourceOf(req), req.body);
      return res.status(answer.alreadyRegistered ? 200 : 201).send(answer);
    },
  );

  app.get(
    '/api/family/newborns',
    {
      config: { action: 'visit.readOwn' },
      schema: {
        tags: ['newborns'],
        summary: 'The family’s newborns in the register (reported by it, linked to it or under the guardian’s phone); the read is audited',
        response: { 200: z.array(ownNewborn) },
      },
    },
    async (req) => readOwnNewborns(db, cipher, clock, actorSourceOf(req)),
  );

  // ——— home visits ———

  app.get(
    '/api/newborns/visitors',
    {
      config: { action: 'newborn.manage' },
      schema: {
        tags: ['newborns'],
        summary: 'Who the street may assign as home visitor: 指导师 of any provider, carers and health staff of its houses',
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), organisation: z.string().nullable() })) },
      },
    },
    async (req) => {
      if (!req.actor!.streetId) throw new AppError(403, 'FORBIDDEN_SCOPE');
      return (await visitorsFor(db, req.actor!.streetId)).map((v) => ({
        id: v.id,
        name: v.display_name,
        role: v.role,
        organisation: v.organisation,
      }));
    },
  );

  app.put(
    '/api/newborns/:id/visitor',
    {
      config: { action: 'newborn.manage' },
      schema: {
        tags: ['newborns'],
        summary: 'Assign the newborn family its home visitor',
        params: idParams,
        body: z.strictObject({ userId: uuid }),
        response: { 204: z.null() },
      },
    },
    async (req, res) => {
      await assignVisitor(db, clock, actorSourceOf(req), req.params.id, req.body.userId);
      return res.status(204).send(null);
    },
  );

  app.get(
    '/api/visits/caseload',
    {
      config: { action: 'visit.caseload' },
      schema: {
        tags: ['newborns'],
        summary: 'The visitor’s newborn families with phone and address, each visit’s state and due day (the read is audited)',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              childName: z.string(),
              sex: z.enum(['male', 'female']),
              birthDate: z.string(),
              guardianName: z.string(),
              phone: z.string(),
              address: z.string(),
              streetName: z.string(),
              ...visitsOfNewborn,
            }),
          ),
        },
      },
    },
    async (req) => caseload(db, cipher, clock, actorSourceOf(req)),
  );

  app.post(
    '/api/visits/:id/schedule',
    {
      config: { action: 'visit.caseload' },
      schema: {
        tags: ['newborns'],
        summary: 'Schedule (or move) the visit to a newborn family of the caseload; the family is told by SMS',
        params: idParams,
        body: z.strictObject({ scheduledAt: z.iso.datetime({ offset: true }) }),
        response: { 200: z.object({ visitId: z.string() }) },
      },
    },
    async (req) => ({ visitId: await scheduleVisit(db, cipher, clock, actorSourceOf(req), req.params.id, new Date(req.body.scheduledAt)) }),
  );

  app.post(
    '/api/visits/:id/record',
    {
      config: { action: 'visit.caseload' },
      schema: {
        tags: ['newborns'],
        summary: 'Record the visit that took place: date, duration, who was met, topics, observations, advice, follow-up, referral',
        params: idParams,
        body: z.strictObject({
          visitedOn: localDate,
          durationMinutes: z.number().int().min(5).max(480),
          met: z.string().trim().min(1).max(100),
          topics: z
            .array(z.string().regex(/^[a-z][a-z_]{1,39}$/))
            .min(1)
            .max(10),
          observations: z.string().trim().max(2000).default(''),
          advice: z.string().trim().max(2000).default(''),
          followUp: z.boolean().default(false),
          referral: z.enum(['none', 'care', 'health']).default('none'),
        }),
        response: { 200: z.object({ visitId: z.string() }) },
      },
    },
    async (req) => ({ visitId: await recordVisit(db, clock, actorSourceOf(req), req.params.id, req.body) }),
  );

  app.get(
    '/api/family/visits',
    {
      config: { action: 'visit.readOwn' },
      schema: {
        tags: ['newborns'],
        summary: 'The family’s newborns in the register (by the guardian’s phone) and their home visits',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              childName: z.string(),
              birthDate: z.string(),
              visitorName: z.string().nullable(),
              ...visitsOfNewborn,
            }),
          ),
        },
      },
    },
    async (req) => familyVisits(db, cipher, clock, actorSourceOf(req)),
  );

  app.post(
    '/api/family/visits/:id/confirm',
    {
      config: { action: 'visit.readOwn' },
      schema: {
        tags: ['newborns'],
        summary: 'The family confirms the recorded visit took place',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, res) => {
      await answerVisit(db, cipher, clock, actorSourceOf(req), req.params.id, { confirm: true });
      return res.status(204).send(null);
    },
  );

  app.post(
    '/api/family/visits/:id/reschedule',
    {
      config: { action: 'visit.readOwn' },
      schema: {
        tags: ['newborns'],
        summary: 'The family asks for another time for a scheduled visit',
        params: idParams,
        body: z.strictObject({ note: z.string().trim().min(1).max(200) }),
        response: { 204: z.null() },
      },
    },
    async (req, res) => {
      await answerVisit(db, cipher, clock, actorSourceOf(req), req.params.id, { reschedule: req.body.note });
      return res.status(204).send(null);
    },
  );
}
