// Public information without sign-in (DOMAIN.md §5.9): the district's operating houses by street.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../schemas.ts';
import { openingHoursSchema, facilitiesSchema } from '../houses/schemas.ts';
import { publicHouse as publicHouseOf, publicStreets } from './service.ts';

const publicHouse = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  openingHours: openingHoursSchema,
  facilities: facilitiesSchema,
  legalCapacity: z.number(),
  roomCount: z.number(),
});

const publicStreet = z.object({ id: z.string(), name: z.string(), shortName: z.string(), houses: z.array(publicHouse) });

export default async function publicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.get(
    '/api/public/streets',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['public'],
        summary: 'Every street of the district with its operating houses (no sign-in needed)',
        response: { 200: z.array(publicStreet) },
      },
    },
    async () => publicStreets(ctx),
  );

  app.get(
    '/api/public/houses/:id',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['public'],
        summary: 'One house’s public information (also when suspended, with the reason)',
        params: idParams,
        response: {
          200: publicHouse.extend({
            streetName: z.string(),
            status: z.enum(['active', 'suspended']),
            suspendedReason: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => publicHouseOf(ctx, req.params.id),
  );
}
