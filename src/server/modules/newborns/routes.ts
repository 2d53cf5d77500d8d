// The newborn register (DOMAIN.md §5.5, T4): the street imports the health system's Excel list and reads its register.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NEWBORN_FIELDS } from '../../../domain/newbornRegister.ts';
import { authorize, scopeOf } from '../../access.ts';
import { actorSourceOf, auditSourceOf } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { uuid } from '../../schemas.ts';
import { readSpreadsheetUpload } from '../../uploads.ts';
import { importNewborns, readRegister } from './service.ts';

const field = z.enum(NEWBORN_FIELDS);
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
}
