// Public information without sign-in (DOMAIN.md §5.9): what a house shows to anyone, read through the houses module.
import { localDateOf } from '../../../domain/time.ts';
import type { AppContext } from '../../context.ts';
import type { HouseOutput } from '../houses/schemas.ts';
import { loadHouse, loadHouses } from '../houses/service.ts';
import { policyOn } from '../policy/service.ts';
import { streetsInOrder } from './queries.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

const toPublic = (h: HouseOutput) => ({
  id: h.id,
  name: h.name,
  address: h.address,
  phone: h.phone,
  latitude: h.latitude,
  longitude: h.longitude,
  openingHours: h.openingHours,
  facilities: h.facilities,
  legalCapacity: h.legalCapacity,
  roomCount: h.rooms.length,
});

/** Every street of the district with its operating houses. */
export async function publicStreets(ctx: Ctx) {
  const { db } = ctx;
  const today = localDateOf(ctx.clock.now());
  const [streets, houses] = await Promise.all([
    streetsInOrder(db),
    policyOn(db, today).then((policy) => loadHouses(db, { scope: { kind: 'all' }, status: 'active' }, policy, today, null)),
  ]);
  return streets.map((s) => ({
    id: s.id,
    name: s.name,
    shortName: s.short_name,
    houses: houses.filter((h) => h.streetId === s.id).map(toPublic),
  }));
}

/** One house's public information (also when suspended, with the reason). */
export async function publicHouse(ctx: Ctx, houseId: string) {
  const now = ctx.clock.now();
  const h = await loadHouse(ctx.db, houseId, await policyOn(ctx.db, localDateOf(now)), now, null);
  return { ...toPublic(h), streetName: h.streetName, status: h.status, suspendedReason: h.suspendedReason };
}
