// What the district's targets are measured against (DOMAIN.md §2, T1): each street's resident children aged 1–3 and
// newborns per year, versioned, and each house's approved places (托额).

export interface PopulationVersion {
  streetId: string;
  year: number;
  children1to3: number;
  newborns: number;
  recordedAt: Date;
}

/**
 * The figure in force for (street, year) at `at`: the latest version recorded at or before `at` (a correction is a
 * new version; nothing is overwritten). Null when none was recorded by then.
 *
 * THE ONE RULE. Its SQL form — `DISTINCT ON (street_id, year) … WHERE recorded_at <= $at ORDER BY street_id, year,
 * recorded_at DESC, id DESC` in src/server/modules/population/queries.ts (and any report's SQL) — must match it:
 * on equal recorded_at the later-inserted version wins (here: the later one in the list).
 */
export function populationInForce<V extends PopulationVersion>(versions: readonly V[], streetId: string, year: number, at: Date): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.streetId !== streetId || v.year !== year || v.recordedAt.getTime() > at.getTime()) continue;
    if (!best || v.recordedAt.getTime() >= best.recordedAt.getTime()) best = v;
  }
  return best;
}

/**
 * Why approved places cannot be set (null: they can). `legalCapacity` is the sum of the house's rooms' legal
 * capacities as `roomLegalCapacity` (domain/capacity.ts) computes them; places are never above it.
 */
export function placesRefusal(approved: number, legalCapacity: number): 'PLACES_ABOVE_CAPACITY' | 'PLACES_INVALID' | null {
  if (!Number.isInteger(approved) || approved < 0) return 'PLACES_INVALID';
  if (approved > legalCapacity) return 'PLACES_ABOVE_CAPACITY';
  return null;
}
