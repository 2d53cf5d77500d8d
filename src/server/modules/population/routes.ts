// Population and places (T1): each street's resident children aged 1–3 and newborns per year (versioned, imported
// from Excel or entered; the district corrects), and each house's approved places.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopeOf } from '../../access.ts';
import { auditSourceOf } from '../../audit.ts';
import { unprocessable } from '../../errors.ts';
import { idParams, localDate } from '../../schemas.ts';
import { readSpreadsheetUpload } from '../../uploads.ts';
import { XLSX_CONTENT_TYPE, xlsxOf } from '../../xlsx.ts';
import { houseTarget } from '../houses/queries.ts';
import { loadHouse } from '../houses/service.ts';
import { houseOutput } from '../houses/schemas.ts';
import { policyOn } from '../policy/service.ts';
import { localDateOf } from '../../../domain/time.ts';
import { streets } from './queries.ts';
import { IMPORT_COLUMNS, importPopulation, readPopulation, recordPopulation, setPlaces } from './service.ts';

const versionOutput = z.object({
  id: z.string(),
  children1to3: z.number(),
  newborns: z.number(),
  source: z.string(),
  asOf: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

const streetPopulationOutput = z.object({
  streetId: z.string(),
  streetName: z.string(),
  year: z.number(),
  /** The figure in force now: the newest version (domain/population.ts populationInForce). */
  inForce: versionOutput.nullable(),
  /** Every version, newest first. */
  history: z.array(versionOutput),
});

const year = z.coerce.number().int().min(2000).max(2100);

export const populationInput = z.strictObject({
  streetId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  children1to3: z.number().int().min(0).max(1000000),
  newborns: z.number().int().min(0).max(1000000),
  source: z.string().trim().min(1).max(60),
  asOf: localDate,
  note: z.string().trim().max(200).nullable().optional(),
});

export default async function populationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const { db, clock } = ctx;

  app.get(
    '/api/population',
    {
      config: { action: 'population.read' },
      schema: {
        tags: ['population'],
        summary: 'Per street in scope: the year’s resident children aged 1–3 and newborns in force, with every version',
        querystring: z.strictObject({ year }),
        response: { 200: z.array(streetPopulationOutput) },
      },
    },
    async (req) => {
      const scope = scopeOf(req.actor!, 'population.read');
      if (scope.kind === 'none') return [];
      return readPopulation(db, req.query.year, scope.kind === 'street' ? scope.streetId : undefined);
    },
  );

  app.post(
    '/api/population',
    {
      config: { action: 'population.manage' },
      schema: {
        tags: ['population'],
        summary: 'Record a street’s figures for a year (a new version; the district’s is a correction)',
        body: populationInput,
        response: { 201: streetPopulationOutput },
      },
    },
    async (req, res) => {
      const [street] = await streets(db, req.body.streetId);
      if (!street) throw unprocessable('STREET_NOT_FOUND', 'body.streetId');
      authorize(req.actor!, 'population.manage', { streetId: street.id });
      await recordPopulation(ctx, auditSourceOf(req), req.actor!, req.body);
      const [answer] = await readPopulation(db, req.body.year, street.id);
      return res.status(201).send(answer!);
    },
  );

  app.post(
    '/api/population/import',
    {
      config: { action: 'population.manage' },
      schema: {
        tags: ['population'],
        summary: `Import figures from Excel (multipart: file = .xlsx with columns ${Object.values(IMPORT_COLUMNS).join(', ')}); a row-by-row report`,
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            added: z.number(),
            unchanged: z.number(),
            refused: z.number(),
            rows: z.array(
              z.object({
                row: z.number(),
                street: z.string().nullable(),
                year: z.number().nullable(),
                outcome: z.enum(['added', 'unchanged', 'refused']),
                column: z.string().optional(),
                code: z.string().optional(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const actor = req.actor!;
      if (actor.role === 'street_admin') authorize(actor, 'population.manage', { streetId: actor.streetId });
      const { sheet } = await readSpreadsheetUpload(req, 1);
      return importPopulation(ctx, auditSourceOf(req), actor, sheet);
    },
  );

  app.get(
    '/api/population/template',
    {
      config: { action: 'population.manage' },
      schema: { tags: ['population'], summary: 'An empty import template (.xlsx) with the columns the import reads' },
    },
    async (_req, res) => {
      const file = await xlsxOf(
        { name: '常住幼儿数', header: Object.values(IMPORT_COLUMNS), rows: [], widths: [14, 8, 18, 14, 18, 14] },
        clock.now(),
      );
      return res
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('常住幼儿数导入模板.xlsx')}`)
        .send(file);
    },
  );

  app.put(
    '/api/houses/:id/places',
    {
      config: { action: 'house.places' },
      schema: {
        tags: ['houses'],
        summary: 'Set a house’s approved places (托额), never above the legal capacity of its rooms',
        params: idParams,
        body: z.strictObject({ approvedPlaces: z.number().int().min(0).max(1000) }),
        response: { 200: houseOutput },
      },
    },
    async (req) => {
      authorize(req.actor!, 'house.places', await houseTarget(db, req.params.id));
      await setPlaces(ctx, auditSourceOf(req), req.actor!, req.params.id, req.body.approvedPlaces);
      const now = clock.now();
      return loadHouse(db, req.params.id, await policyOn(db, localDateOf(now)), now, req.actor);
    },
  );
}
