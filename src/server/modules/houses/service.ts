// Houses and rooms: reading them with their legal capacity, and validating what a street admin submits.
import type { Kysely, Transaction } from 'kysely';
import type { DB, Facilities, OpeningHours } from '../../../db/schema.ts';
import { roomLegalCapacity } from '../../../domain/capacity.ts';
import { insuranceCovers, missingFacilities } from '../../../domain/compliance.ts';
import { checkHouseName } from '../../../domain/houseName.ts';
import { minutesOfDay, localDateOf } from '../../../domain/time.ts';
import type { PolicyValues } from '../../../domain/policy.ts';
import { allowed, type Actor, type ScopeFilter } from '../../access.ts';
import { AppError } from '../../errors.ts';
import type { HouseOutput } from './schemas.ts';

// Other modules still import the scope check's house from here; its SQL is in queries.ts.
export { houseTarget } from './queries.ts';
export { isUniqueViolation } from '../../errors.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function capacityRules(policy: PolicyValues) {
  return {
    minAreaPerChildM2: policy['capacity.minAreaPerChildM2'],
    maxClassSize: policy['capacity.maxClassSize'],
    childrenPerCarer: policy['capacity.childrenPerCarer'],
  };
}

export interface HouseQuery {
  scope: ScopeFilter;
  ids?: string[];
  streetId?: string;
  status?: 'active' | 'suspended';
}

/** Houses with their rooms, in Chinese order by street then name; two queries whatever the count. */
export async function loadHouses(db: Db, q: HouseQuery, policy: PolicyValues, today: string, actor: Actor | null) {
  if (q.scope.kind === 'none') return [];
  let query = db
    .selectFrom('house as h')
    .innerJoin('street as s', 's.id', 'h.street_id')
    .selectAll('h')
    .select(['s.name as street_name', 's.sort_order']);
  if (q.scope.kind === 'street') query = query.where('h.street_id', '=', q.scope.streetId);
  if (q.scope.kind === 'house') query = query.where('h.id', '=', q.scope.houseId);
  if (q.ids) query = q.ids.length ? query.where('h.id', 'in', q.ids) : query.where('h.id', 'is', null);
  if (q.streetId) query = query.where('h.street_id', '=', q.streetId);
  if (q.status) query = query.where('h.status', '=', q.status);
  const houses = await query.execute();
  if (!houses.length) return [];
  const rooms = await db.selectFrom('room').selectAll()
    .where('house_id', 'in', houses.map((h) => h.id)).execute();
  const collator = new Intl.Collator('zh-CN');
  rooms.sort((a, b) => collator.compare(a.name, b.name));
  houses.sort((a, b) => a.sort_order - b.sort_order || collator.compare(a.name, b.name));
  const rules = capacityRules(policy);
  return houses.map((h): HouseOutput => {
    const houseRooms = rooms.filter((r) => r.house_id === h.id).map((r) => {
      const cap = roomLegalCapacity(r.area_m2, rules);
      return { id: r.id, name: r.name, areaM2: r.area_m2, legalCapacity: cap.capacity, binding: cap.binding as 'classSize' | 'area' };
    });
    const facilities = (h.facilities ?? {}) as Facilities;
    const target = { streetId: h.street_id, houseId: h.id };
    return {
      id: h.id,
      streetId: h.street_id,
      streetName: h.street_name,
      name: h.name,
      address: h.address,
      phone: h.phone,
      status: h.status,
      suspendedReason: h.suspended_reason,
      latitude: h.latitude,
      longitude: h.longitude,
      openingHours: (h.opening_hours ?? []) as OpeningHours[],
      facilities,
      cctvRetentionDays: h.cctv_retention_days,
      cctvNetworked: h.cctv_networked,
      alarmNetworked: h.alarm_networked,
      insurer: h.insurer,
      insurancePolicyNo: h.insurance_policy_no,
      insuranceStart: h.insurance_start,
      insuranceEnd: h.insurance_end,
      hourlyPriceFen: h.hourly_price_fen,
      rooms: houseRooms,
      legalCapacity: houseRooms.reduce((sum, r) => sum + r.legalCapacity, 0),
      checks: {
        insuranceCoversToday: insuranceCovers({ insuranceStart: h.insurance_start, insuranceEnd: h.insurance_end }, today),
        cctvRetentionMet: h.cctv_retention_days >= policy['cctv.minRetentionDays'],
        cctvRetentionRequiredDays: policy['cctv.minRetentionDays'],
        facilitiesComplete: missingFacilities(facilities as Record<string, boolean | undefined>).length === 0,
      },
      capacityRules: { minAreaPerChildM2: rules.minAreaPerChildM2, maxClassSize: rules.maxClassSize },
      permissions: {
        update: allowed(actor, 'house.update', target),
        suspend: allowed(actor, 'house.suspend', target),
        manageRooms: allowed(actor, 'room.manage', target),
        manageFacts: allowed(actor, 'houseFacts.manage', target),
      },
    };
  });
}

export async function loadHouse(db: Db, id: string, policy: PolicyValues, now: Date, actor: Actor | null) {
  const [house] = await loadHouses(db, { scope: { kind: 'all' }, ids: [id] }, policy, localDateOf(now), actor);
  if (!house) throw new AppError(404, 'HOUSE_NOT_FOUND');
  return house;
}

/** R18 name check against the street; returns the canonical name. */
export function validHouseName(name: string, streetName: string): string {
  const check = checkHouseName(name, streetName);
  if (!check.ok) throw new AppError(422, check.reason, undefined, [{ field: 'body.name', code: check.reason, message: '' }]);
  return check.canonical;
}

export function validOpeningHours(hours: OpeningHours[]): OpeningHours[] {
  const days = new Set<number>();
  for (const h of hours) {
    if (days.has(h.weekday) || minutesOfDay(h.open) >= minutesOfDay(h.close)) {
      throw new AppError(422, 'OPENING_HOURS_INVALID', undefined, [{ field: 'body.openingHours', code: 'OPENING_HOURS_INVALID', message: '' }]);
    }
    days.add(h.weekday);
  }
  return [...hours].sort((a, b) => a.weekday - b.weekday);
}

export function validInsurancePeriod(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) {
    throw new AppError(422, 'INSURANCE_PERIOD_INVALID', undefined, [{ field: 'body.insuranceEnd', code: 'INSURANCE_PERIOD_INVALID', message: '' }]);
  }
}
