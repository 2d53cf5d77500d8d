// Demo figures the targets are measured against (issue 12, T1): each Hongkou street's resident children aged 1–3
// and newborns for 2025 and 2026 (invented but of the district's size: about 700,000 people, a few hundred births a
// street a year), one 2026 figure corrected by the district (a second version, another source), and approved places
// for every demo house below its rooms' legal capacity.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { roomLegalCapacity } from '../../domain/capacity.ts';
import { districtInstant } from '../../domain/time.ts';

/** [street code, children 1–3 and newborns of 2025, of 2026]. */
const FIGURES: [string, [number, number], [number, number]][] = [
  ['scbl', [1860, 412], [1790, 386]],
  ['bwt', [1420, 318], [1385, 301]],
  ['jxl', [2050, 447], [1980, 420]],
  ['oyl', [1310, 287], [1262, 270]],
  ['gzl', [1540, 336], [1498, 318]],
  ['qyl', [2380, 512], [2296, 488]],
  ['lcxc', [1730, 371], [1669, 352]],
  ['jwz', [2210, 496], [2160, 470]],
];

/** The share of its legal capacity each demo house's places were approved at (the rest kept for spacing). */
const PLACES_SHARE: Record<string, number> = { scbl: 0.9, bwt: 0.85, jxl: 0.8, oyl: 0.9, gzl: 0.75, qyl: 0.8, lcxc: 0.85, jwz: 0.7 };

export async function seedDemoPopulation(db: Kysely<DB>, now: Date): Promise<void> {
  const streets = new Map((await db.selectFrom('street').select(['id', 'code']).execute()).map((s) => [s.code, s.id]));
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'role', 'street_id'])
    .where('role', 'in', ['street_admin', 'district_admin'])
    .execute();
  const district = users.find((u) => u.role === 'district_admin');
  const adminOf = (streetId: string) => users.find((u) => u.street_id === streetId)?.id ?? district?.id;
  const notAfterNow = (d: Date) => (d.getTime() > now.getTime() ? now : d);
  const rows = FIGURES.flatMap(([code, y2025, y2026]) => {
    const streetId = streets.get(code)!;
    const by = adminOf(streetId);
    if (!by) return [];
    return [
      { year: 2025, figures: y2025, asOf: '2025-01-01', at: districtInstant('2025-03-14', '10:20') },
      { year: 2026, figures: y2026, asOf: '2026-01-01', at: districtInstant('2026-03-13', '15:40') },
    ].map((v) => ({
      street_id: streetId,
      year: v.year,
      children_1_3: v.figures[0],
      newborns: v.figures[1],
      source: '公安户籍统计',
      as_of: v.asOf,
      note: null as string | null,
      recorded_by: by,
      recorded_at: notAfterNow(v.at),
    }));
  });
  // The district's correction of 四川北路's 2026 figure after the street's door-to-door count.
  const scbl = streets.get('scbl');
  if (scbl && district) {
    rows.push({
      street_id: scbl,
      year: 2026,
      children_1_3: 1842,
      newborns: 391,
      source: '街道摸排',
      as_of: '2026-06-30',
      note: '按街道年中入户摸排更正,含居住证在册幼儿',
      recorded_by: district.id,
      recorded_at: notAfterNow(districtInstant('2026-07-08', '09:30')),
    });
  }
  if (rows.length) await db.insertInto('street_population').values(rows).execute();

  const houses = await db.selectFrom('house as h').innerJoin('street as s', 's.id', 'h.street_id').select(['h.id', 's.code']).execute();
  const rooms = await db.selectFrom('room').select(['house_id', 'area_m2']).execute();
  const rules = { minAreaPerChildM2: 3, maxClassSize: 20, childrenPerCarer: 5 }; // the policy's defaults
  for (const h of houses) {
    const capacity = rooms.filter((r) => r.house_id === h.id).reduce((sum, r) => sum + roomLegalCapacity(r.area_m2, rules).capacity, 0);
    const places = Math.floor(capacity * (PLACES_SHARE[h.code] ?? 0.8));
    await db.updateTable('house').set({ approved_places: places }).where('id', '=', h.id).execute();
  }
}
