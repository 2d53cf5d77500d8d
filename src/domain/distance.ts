// The "15-minute service circle" (P 二(一)): walking distance from a point to a house, estimated from the
// great-circle distance with a detour factor for city streets and a 4.8 km/h walking pace.

const EARTH_RADIUS_M = 6_371_000;
/** Streets are not straight lines: typical urban detour factor. */
const DETOUR = 1.3;
const WALK_M_PER_MIN = 80;

export function greatCircleMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

export function walkingEstimate(from: { lat: number; lng: number }, to: { lat: number; lng: number }) {
  const metres = Math.round(greatCircleMetres(from, to) * DETOUR);
  return { metres, minutes: Math.max(1, Math.round(metres / WALK_M_PER_MIN)) };
}
