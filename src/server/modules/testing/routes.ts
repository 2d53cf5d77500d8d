// Development-only test API (ENABLE_TEST_API=true, refused in production): move the clock and read the
// messages the outbox has queued, so end-to-end tests can sign in with one-time codes and move time.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MovableClock } from '../../../domain/time.ts';
import seedRoutes from './seedRoutes.ts';

export default async function testingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;
  // The seeding API for e2e tests lives with the rest of the test API, so it is registered exactly when this is.
  await app.register(seedRoutes);

  app.get(
    '/api/test/outbox',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        querystring: z.strictObject({ recipient: z.string().max(60) }),
        response: {
          200: z.array(
            z.object({ template: z.string(), body: z.string(), params: z.record(z.string(), z.unknown()), createdAt: z.string() }),
          ),
        },
      },
    },
    async (req) => {
      const rows = await db
        .selectFrom('outbox_message')
        .select(['template', 'body', 'params', 'created_at'])
        .where('recipient', '=', req.query.recipient)
        .orderBy('created_at', 'desc')
        .limit(20)
        .execute();
      return rows.map((r) => ({
        template: r.template,
        body: r.body,
        params: r.params as Record<string, unknown>,
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },
  );

  app.post(
    '/api/test/clock',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        body: z.strictObject({ now: z.iso.datetime({ offset: true }).nullable() }),
        response: { 200: z.object({ now: z.string() }) },
      },
    },
    async (req) => {
      if (!(clock instanceof MovableClock)) throw new Error('the clock is not movable');
      if (req.body.now === null) clock.reset();
      else clock.set(new Date(req.body.now));
      return { now: clock.now().toISOString() };
    },
  );
}
