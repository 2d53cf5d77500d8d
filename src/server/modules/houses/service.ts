// Houses and rooms: reading them with their legal capacity, validating what a street admin submits, and the
// workflows that change them.
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB, Facilities, HouseTable, OpeningHours } from '../../../db/schema.ts';
import { roomLegalCapacity } from '../../../domain/capacity.ts';
import { insuranceCovers, missingFacilities } from '../../../domain/compliance.ts';
import { checkHouseName } from '../../../domain/houseName.ts';
import { minutesOfDay, localDateOf } from '../../../domain/time.ts';
import type { PolicyValues } from '../../../domain/policy.ts';
import { allowed, type Actor, type ScopeFilter } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { AppContext } from '../../context.ts';
import { AppError, isUniqueViolation, unprocessable } from '../../errors.ts';
import * as q from './queries.ts';
import type { HouseCreateInput, HouseOutput, HouseUpdateInput } from './schemas.ts';

// Other modules still import the scope check's house from here; its SQL is in queries.ts.

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
  const rooms = await db
    .selectFrom('room')
    .selectAll()
    .where(
      'house_id',
      'in',
      houses.map((h) => h.id),
    )
    .execute();
  const collator = new Intl.Collator('zh-CN');
  rooms.sort((a, b) => collator.compare(a.name, b.name));
  houses.sort((a, b) => a.sort_order - b.sort_order || collator.compare(a.name, b.name));
  const rules = capacityRules(policy);
  return houses.map((h): HouseOutput => {
    const houseRooms = rooms
      .filter((r) => r.house_id === h.id)
      .map((r) => {
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
      approvedPlaces: h.approved_places,
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
      throw new AppError(422, 'OPENING_HOURS_INVALID', undefined, [
        { field: 'body.openingHours', code: 'OPENING_HOURS_INVALID', message: '' },
      ]);
    }
    days.add(h.weekday);
  }
  return [...hours].sort((a, b) => a.weekday - b.weekday);
}

export function validInsurancePeriod(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) {
    throw new AppError(422, 'INSURANCE_PERIOD_INVALID', undefined, [
      { field: 'body.insuranceEnd', code: 'INSURANCE_PERIOD_INVALID', message: '' },
    ]);
  }
}

// ---- Workflows: opening and editing houses, suspending and resuming them, rooms (each in one transaction, audited) ----

type Ctx = Pick<AppContext, 'db' | 'clock'>;

const houseNameTaken = () =>
  new AppError(409, 'HOUSE_NAME_TAKEN', undefined, [{ field: 'body.name', code: 'HOUSE_NAME_TAKEN', message: '' }]);
const roomNameTaken = (field: string) => new AppError(409, 'ROOM_NAME_TAKEN', undefined, [{ field, code: 'ROOM_NAME_TAKEN', message: '' }]);

/** The district's streets with their house counts. */
export async function streetsOf(db: Db) {
  return (await q.streetsWithCounts(db)).map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    houseCount: Number(r.house_count),
    activeHouseCount: Number(r.active_count),
  }));
}

/** Opens a house with its rooms in a street already authorised. Returns the house's id. */
export async function createHouse(
  ctx: Ctx,
  source: AuditSource,
  street: { id: string; name: string },
  b: HouseCreateInput,
): Promise<string> {
  const { db, clock } = ctx;
  const name = validHouseName(b.name, street.name);
  const openingHours = validOpeningHours(b.openingHours);
  validInsurancePeriod(b.insuranceStart, b.insuranceEnd);
  const roomNames = new Set(b.rooms.map((r) => r.name));
  if (roomNames.size !== b.rooms.length) throw unprocessable('ROOM_NAME_TAKEN', 'body.rooms');
  const now = clock.now();
  try {
    return await db.transaction().execute(async (trx) => {
      const house = await trx
        .insertInto('house')
        .values({
          street_id: street.id,
          name,
          address: b.address,
          phone: b.phone ?? null,
          latitude: b.latitude ?? null,
          longitude: b.longitude ?? null,
          opening_hours: JSON.stringify(openingHours),
          facilities: JSON.stringify(b.facilities),
          cctv_retention_days: b.cctvRetentionDays,
          cctv_networked: b.cctvNetworked,
          alarm_networked: b.alarmNetworked,
          insurer: b.insurer ?? null,
          insurance_policy_no: b.insurancePolicyNo ?? null,
          insurance_start: b.insuranceStart ?? null,
          insurance_end: b.insuranceEnd ?? null,
          ...(b.hourlyPriceFen !== undefined ? { hourly_price_fen: b.hourlyPriceFen } : {}),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (b.rooms.length) {
        await trx
          .insertInto('room')
          .values(
            b.rooms.map((r) => ({
              house_id: house.id,
              name: r.name,
              area_m2: r.areaM2,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
      }
      await writeAudit(trx, clock, source, {
        action: 'house.create',
        entityType: 'house',
        entityId: house.id,
        detail: { name, rooms: b.rooms },
      });
      return house.id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'house_name')) throw houseNameTaken();
    throw err;
  }
}

/** Edits a house's facts (R11, R12, R18, R19, opening hours). */
export async function updateHouse(ctx: Ctx, source: AuditSource, houseId: string, b: HouseUpdateInput) {
  const { db, clock } = ctx;
  const current = await q.houseEditFacts(db, houseId);
  const set: Updateable<HouseTable> = { updated_at: clock.now() };
  if (b.name !== undefined) set.name = validHouseName(b.name, current.street_name);
  if (b.address !== undefined) set.address = b.address;
  if (b.phone !== undefined) set.phone = b.phone;
  if (b.latitude !== undefined) set.latitude = b.latitude;
  if (b.longitude !== undefined) set.longitude = b.longitude;
  if (b.openingHours !== undefined) set.opening_hours = JSON.stringify(validOpeningHours(b.openingHours));
  if (b.facilities !== undefined) set.facilities = JSON.stringify(b.facilities);
  if (b.cctvRetentionDays !== undefined) set.cctv_retention_days = b.cctvRetentionDays;
  if (b.cctvNetworked !== undefined) set.cctv_networked = b.cctvNetworked;
  if (b.alarmNetworked !== undefined) set.alarm_networked = b.alarmNetworked;
  if (b.insurer !== undefined) set.insurer = b.insurer;
  if (b.insurancePolicyNo !== undefined) set.insurance_policy_no = b.insurancePolicyNo;
  if (b.insuranceStart !== undefined) set.insurance_start = b.insuranceStart;
  if (b.insuranceEnd !== undefined) set.insurance_end = b.insuranceEnd;
  if (b.hourlyPriceFen !== undefined) set.hourly_price_fen = b.hourlyPriceFen;
  validInsurancePeriod(
    b.insuranceStart !== undefined ? b.insuranceStart : current.insurance_start,
    b.insuranceEnd !== undefined ? b.insuranceEnd : current.insurance_end,
  );
  try {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('house').set(set).where('id', '=', houseId).execute();
      await writeAudit(trx, clock, source, {
        action: 'house.update',
        entityType: 'house',
        entityId: houseId,
        detail: { changed: Object.keys(b) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'house_name')) throw houseNameTaken();
    throw err;
  }
}

/** Suspends a house (with a reason) or resumes it. */
export async function setHouseStatus(
  ctx: Ctx,
  source: AuditSource,
  houseId: string,
  status: 'suspended' | 'active',
  reason: string | null,
) {
  const { db, clock } = ctx;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('house').set({ status, suspended_reason: reason, updated_at: clock.now() }).where('id', '=', houseId).execute();
    await writeAudit(trx, clock, source, {
      action: status === 'suspended' ? 'house.suspend' : 'house.resume',
      entityType: 'house',
      entityId: houseId,
      detail: reason ? { reason } : {},
    });
  });
}

/** Adds a room to a house. Returns the room's id. */
export async function createRoom(ctx: Ctx, source: AuditSource, houseId: string, b: { name: string; areaM2: number }): Promise<string> {
  const { db, clock } = ctx;
  const now = clock.now();
  try {
    return await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('room')
        .values({ house_id: houseId, name: b.name, area_m2: b.areaM2, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, clock, source, { action: 'room.create', entityType: 'room', entityId: r.id, detail: b });
      return r.id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'room_house_id_name')) throw roomNameTaken('body.name');
    throw err;
  }
}

/** Renames a room or corrects its area. */
export async function updateRoom(ctx: Ctx, source: AuditSource, roomId: string, b: { name?: string; areaM2?: number }) {
  const { db, clock } = ctx;
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('room')
        .set({
          ...(b.name !== undefined ? { name: b.name } : {}),
          ...(b.areaM2 !== undefined ? { area_m2: b.areaM2 } : {}),
          updated_at: clock.now(),
        })
        .where('id', '=', roomId)
        .execute();
      await writeAudit(trx, clock, source, { action: 'room.update', entityType: 'room', entityId: roomId, detail: b });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'room_house_id_name')) throw roomNameTaken('body.name');
    throw err;
  }
}

export async function deleteRoom(ctx: Ctx, source: AuditSource, roomId: string) {
  const { db, clock } = ctx;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('room').where('id', '=', roomId).execute();
    await writeAudit(trx, clock, source, { action: 'room.delete', entityType: 'room', entityId: roomId });
  });
}
