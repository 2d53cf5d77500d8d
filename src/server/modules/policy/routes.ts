// Policy parameters: everyone in charge reads them; the district admin adds new versions with an effective date.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditSourceOf, writeAudit } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { localDate } from '../../schemas.ts';
import { isPolicyKey, policyDefinitions, policyKeys, policyProblems, type PolicyValues } from '../../../domain/policy.ts';
import { localDateOf } from '../../../domain/time.ts';
import { policyOn } from './service.ts';

const version = z.object({ value: z.unknown(), effectiveFrom: z.string(), note: z.string().nullable(), createdAt: z.string() });
const parameter = z.object({ key: z.string(), rule: z.string(), current: z.unknown(), versions: z.array(version) });

export default async function policyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  app.get(
    '/api/policy',
    {
      config: { action: 'policy.read' },
      schema: {
        tags: ['policy'],
        summary: 'Policy parameters in force on a date (default today), with every version',
        querystring: z.strictObject({ date: localDate.optional() }),
        response: { 200: z.object({ date: z.string(), parameters: z.array(parameter) }) },
      },
    },
    async (req) => {
      const date = req.query.date ?? localDateOf(clock.now());
      const [current, rows] = await Promise.all([
        policyOn(db, date),
        db
          .selectFrom('policy_parameter')
          .select(['key', 'value', 'effective_from', 'note', 'created_at'])
          .orderBy('key')
          .orderBy('effective_from', 'desc')
          .execute(),
      ]);
      return {
        date,
        parameters: policyKeys.map((key) => ({
          key,
          rule: policyDefinitions[key].rule,
          current: current[key],
          versions: rows
            .filter((r) => r.key === key)
            .map((r) => ({
              value: r.value,
              effectiveFrom: r.effective_from,
              note: r.note,
              createdAt: new Date(r.created_at).toISOString(),
            })),
        })),
      };
    },
  );

  app.post(
    '/api/policy',
    {
      config: { action: 'policy.update' },
      schema: {
        tags: ['policy'],
        summary: 'Add a version of a parameter, effective from a date (today or later)',
        body: z.strictObject({
          key: z.string(),
          value: z.unknown(),
          effectiveFrom: localDate,
          note: z.string().trim().max(200).optional(),
        }),
        response: { 201: z.object({ key: z.string(), value: z.unknown(), effectiveFrom: z.string() }) },
      },
    },
    async (req, res) => {
      const { key, value, effectiveFrom, note } = req.body;
      const invalid = (field: string) =>
        new AppError(422, 'POLICY_PARAMETER_INVALID', undefined, [{ field, code: 'POLICY_PARAMETER_INVALID', message: '' }]);
      if (!isPolicyKey(key)) throw invalid('body.key');
      const parsed = policyDefinitions[key].schema.safeParse(value);
      if (!parsed.success) throw invalid('body.value');
      // Past rules stay as they were: a change can only take effect from today on.
      if (effectiveFrom < localDateOf(clock.now())) throw invalid('body.effectiveFrom');
      const combined = { ...(await policyOn(db, effectiveFrom)), [key]: parsed.data } as PolicyValues;
      if (policyProblems(combined).length) throw invalid('body.value');
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('policy_parameter')
          .values({
            key,
            value: JSON.stringify(parsed.data),
            effective_from: effectiveFrom,
            note: note ?? null,
            created_by: req.actor!.id,
          })
          .onConflict((oc) =>
            oc.columns(['key', 'effective_from']).doUpdateSet({
              value: JSON.stringify(parsed.data),
              note: note ?? null,
              created_by: req.actor!.id,
            }),
          )
          .execute();
        await writeAudit(trx, clock, auditSourceOf(req), {
          action: 'policy.update',
          entityType: 'policy_parameter',
          entityId: key,
          detail: { value: parsed.data, effectiveFrom },
        });
      });
      return res.status(201).send({ key, value: parsed.data, effectiveFrom });
    },
  );
}
