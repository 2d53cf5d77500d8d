// Public information without sign-in (DOMAIN.md §5.9): the district's operating houses by street.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDateOf } from '../../../domain/time.ts';
import { policyOn } from '../policy/service.ts';
import { loadHouse, loadHouses } from '../houses/service.ts';
import type { HouseOutput } from '../houses/schemas.ts';
import { idParams } from '../../schemas.ts';
import { openingHoursSchema, facilitiesSchema } from '../houses/schemas.ts';

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

const toPublic = (h: HouseOutput) => ({
  id: h.id, name: h.name, address: h.address, phone: h.phone, latitude: h.latitude, longitude: h.longitude,
  openingHours: h.openingHours, facilities: h.facilities, legalCapacity: h.legalCapacity, roomCount: h.rooms.length,
});

export default async function publicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  app.get('/api/public/streets', {
    config: { action: 'public.read' },
    schema: {
      tags: ['public'],
      summary: 'Every street of the district with its operating houses (no sign-in needed)',
      response: { 200: z.array(publicStreet) },
    },
  }, async () => {
    const today = localDateOf(clock.now());
    const [streets, houses] = await Promise.all([
      db.selectFrom('street').select(['id', 'name', 'short_name']).orderBy('sort_order').execute(),
      policyOn(db, today).then((policy) => loadHouses(db, { scope: { kind: 'all' }, status: 'active' }, policy, today, null)),
    ]);
    return streets.map((s) => ({
      id: s.id,
      name: s.name,
      shortName: s.short_name,
      houses: houses.filter((h) => h.streetId === s.id).map(toPublic),
    }));
  });

  app.get('/api/public/houses/:id', {
    config: { action: 'public.read' },
    schema: {
      tags: ['public'], summary: 'One house’s public information (also when suspended, with the reason)',
      params: idParams,
      response: { 200: publicHouse.extend({ streetName: z.string(), status: z.enum(['active', 'suspended']), suspendedReason: z.string().nullable() }) },
    },
  }, async (req) => {
    const today = localDateOf(clock.now());
    const h = await loadHouse(db, req.params.id, await policyOn(db, today), clock.now(), null);
    return { ...toPublic(h), streetName: h.streetName, status: h.status, suspendedReason: h.suspendedReason };
  });
}
