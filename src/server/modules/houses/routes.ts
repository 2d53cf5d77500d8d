// Streets, houses and rooms. Street admins manage their street's houses; the district and inspectors read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopeOf } from '../../access.ts';
import { auditSourceOf, writeAudit } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { idParams } from '../../schemas.ts';
import { localDateOf } from '../../../domain/time.ts';
import { policyOn } from '../policy/service.ts';
import { houseCreateInput, houseOutput, houseUpdateInput, roomInput, roomOutput } from './schemas.ts';
import {
  isUniqueViolation, loadHouse, loadHouses, validHouseName, validInsurancePeriod, validOpeningHours, houseTarget,
} from './service.ts';
import type { HouseTable } from '../../../db/schema.ts';
import type { Updateable } from 'kysely';

const streetOutput = z.object({
  id: z.string(), code: z.string(), name: z.string(), shortName: z.string(),
  houseCount: z.number(), activeHouseCount: z.number(),
});

export default async function houseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;
  const today = () => localDateOf(clock.now());

  /** The house's street and id, for the scope check; 404 when there is no such house. */
  async function reply(req: FastifyRequest, id: string) {
    return loadHouse(db, id, await policyOn(db, today()), clock.now(), req.actor);
  }

  app.get('/api/streets', {
    config: { action: 'street.list' },
    schema: { tags: ['houses'], summary: 'The district’s streets with their house counts', response: { 200: z.array(streetOutput) } },
  }, async () => {
    const rows = await db.selectFrom('street as s')
      .leftJoin('house as h', 'h.street_id', 's.id')
      .select(({ fn }) => [
        's.id', 's.code', 's.name', 's.short_name', 's.sort_order',
        fn.count<number>('h.id').as('house_count'),
        fn.count<number>('h.id').filterWhere('h.status', '=', 'active').as('active_count'),
      ])
      .groupBy('s.id').orderBy('s.sort_order').execute();
    return rows.map((r) => ({
      id: r.id, code: r.code, name: r.name, shortName: r.short_name,
      houseCount: Number(r.house_count), activeHouseCount: Number(r.active_count),
    }));
  });

  app.get('/api/houses', {
    config: { action: 'house.read' },
    schema: {
      tags: ['houses'],
      summary: 'Houses in the caller’s scope, with rooms and legal capacity',
      querystring: z.strictObject({ streetId: z.uuid().optional(), status: z.enum(['active', 'suspended']).optional() }),
      response: { 200: z.array(houseOutput) },
    },
  }, async (req) => {
    const policy = await policyOn(db, today());
    return loadHouses(db, { scope: scopeOf(req.actor!, 'house.read'), ...req.query }, policy, today(), req.actor);
  });

  app.get('/api/houses/:id', {
    config: { action: 'house.read' },
    schema: { tags: ['houses'], summary: 'One house', params: idParams, response: { 200: houseOutput } },
  }, async (req) => {
    authorize(req.actor!, 'house.read', await houseTarget(db, req.params.id));
    return reply(req, req.params.id);
  });

  app.post('/api/houses', {
    config: { action: 'house.create' },
    schema: {
      tags: ['houses'], summary: 'Open a house in one’s street (name checked against R18)',
      body: houseCreateInput, response: { 201: houseOutput },
    },
  }, async (req, res) => {
    const b = req.body;
    const street = await db.selectFrom('street').select(['id', 'name']).where('id', '=', b.streetId).executeTakeFirst();
    if (!street) throw new AppError(422, 'STREET_NOT_FOUND', undefined, [{ field: 'body.streetId', code: 'STREET_NOT_FOUND', message: '' }]);
    authorize(req.actor!, 'house.create', { streetId: street.id });
    const name = validHouseName(b.name, street.name);
    const openingHours = validOpeningHours(b.openingHours);
    validInsurancePeriod(b.insuranceStart, b.insuranceEnd);
    const roomNames = new Set(b.rooms.map((r) => r.name));
    if (roomNames.size !== b.rooms.length) throw new AppError(422, 'ROOM_NAME_TAKEN', undefined, [{ field: 'body.rooms', code: 'ROOM_NAME_TAKEN', message: '' }]);
    const now = clock.now();
    try {
      const id = await db.transaction().execute(async (trx) => {
        const house = await trx.insertInto('house').values({
          street_id: street.id, name, address: b.address, phone: b.phone ?? null,
          latitude: b.latitude ?? null, longitude: b.longitude ?? null,
          opening_hours: JSON.stringify(openingHours), facilities: JSON.stringify(b.facilities),
          cctv_retention_days: b.cctvRetentionDays, cctv_networked: b.cctvNetworked, alarm_networked: b.alarmNetworked,
          insurer: b.insurer ?? null, insurance_policy_no: b.insurancePolicyNo ?? null,
          insurance_start: b.insuranceStart ?? null, insurance_end: b.insuranceEnd ?? null,
          ...(b.hourlyPriceFen !== undefined ? { hourly_price_fen: b.hourlyPriceFen } : {}),
          created_at: now, updated_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        if (b.rooms.length) {
          await trx.insertInto('room').values(b.rooms.map((r) => ({
            house_id: house.id, name: r.name, area_m2: r.areaM2, created_at: now, updated_at: now,
          }))).execute();
        }
        await writeAudit(trx, clock, auditSourceOf(req), {
          action: 'house.create', entityType: 'house', entityId: house.id, detail: { name, rooms: b.rooms },
        });
        return house.id;
      });
      return res.status(201).send(await reply(req, id));
    } catch (err) {
      if (isUniqueViolation(err, 'house_name')) throw new AppError(409, 'HOUSE_NAME_TAKEN', undefined, [{ field: 'body.name', code: 'HOUSE_NAME_TAKEN', message: '' }]);
      throw err;
    }
  });

  app.patch('/api/houses/:id', {
    config: { action: 'house.update' },
    schema: {
      tags: ['houses'], summary: 'Edit a house’s facts (R11, R12, R18, R19, opening hours)',
      params: idParams, body: houseUpdateInput, response: { 200: houseOutput },
    },
  }, async (req) => {
    const target = await houseTarget(db, req.params.id);
    authorize(req.actor!, 'house.update', target);
    const b = req.body;
    const current = await db.selectFrom('house as h').innerJoin('street as s', 's.id', 'h.street_id')
      .select(['s.name as street_name', 'h.insurance_start', 'h.insurance_end']).where('h.id', '=', req.params.id)
      .executeTakeFirstOrThrow();
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
        await trx.updateTable('house').set(set).where('id', '=', req.params.id).execute();
        await writeAudit(trx, clock, auditSourceOf(req), {
          action: 'house.update', entityType: 'house', entityId: req.params.id, detail: { changed: Object.keys(b) },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'house_name')) throw new AppError(409, 'HOUSE_NAME_TAKEN', undefined, [{ field: 'body.name', code: 'HOUSE_NAME_TAKEN', message: '' }]);
      throw err;
    }
    return reply(req, req.params.id);
  });

  for (const [path, status] of [['suspend', 'suspended'], ['resume', 'active']] as const) {
    app.post(`/api/houses/:id/${path}`, {
      config: { action: 'house.suspend' },
      schema: {
        tags: ['houses'], summary: status === 'suspended' ? 'Suspend a house (with a reason)' : 'Resume a suspended house',
        params: idParams,
        body: status === 'suspended' ? z.strictObject({ reason: z.string().trim().min(2).max(200) }) : z.strictObject({}).optional(),
        response: { 200: houseOutput },
      },
    }, async (req) => {
      authorize(req.actor!, 'house.suspend', await houseTarget(db, req.params.id));
      const reason = status === 'suspended' ? (req.body as { reason: string }).reason : null;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('house').set({ status, suspended_reason: reason, updated_at: clock.now() })
          .where('id', '=', req.params.id).execute();
        await writeAudit(trx, clock, auditSourceOf(req), {
          action: `house.${path}`, entityType: 'house', entityId: req.params.id, detail: reason ? { reason } : {},
        });
      });
      return reply(req, req.params.id);
    });
  }

  app.post('/api/houses/:id/rooms', {
    config: { action: 'room.manage' },
    schema: { tags: ['houses'], summary: 'Add a room (its legal capacity follows from its area)', params: idParams, body: roomInput, response: { 201: roomOutput } },
  }, async (req, res) => {
    authorize(req.actor!, 'room.manage', await houseTarget(db, req.params.id));
    const now = clock.now();
    try {
      const room = await db.transaction().execute(async (trx) => {
        const r = await trx.insertInto('room').values({
          house_id: req.params.id, name: req.body.name, area_m2: req.body.areaM2, created_at: now, updated_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        await writeAudit(trx, clock, auditSourceOf(req), { action: 'room.create', entityType: 'room', entityId: r.id, detail: req.body });
        return r;
      });
      const house = await reply(req, req.params.id);
      return res.status(201).send(house.rooms.find((r) => r.id === room.id)!);
    } catch (err) {
      if (isUniqueViolation(err, 'room_house_id_name')) throw new AppError(409, 'ROOM_NAME_TAKEN', undefined, [{ field: 'body.name', code: 'ROOM_NAME_TAKEN', message: '' }]);
      throw err;
    }
  });

  async function roomTarget(id: string) {
    const r = await db.selectFrom('room as r').innerJoin('house as h', 'h.id', 'r.house_id')
      .select(['r.id', 'r.house_id', 'h.street_id']).where('r.id', '=', id).executeTakeFirst();
    if (!r) throw new AppError(404, 'ROOM_NOT_FOUND');
    return { houseId: r.house_id, streetId: r.street_id };
  }

  app.patch('/api/rooms/:id', {
    config: { action: 'room.manage' },
    schema: { tags: ['houses'], summary: 'Rename a room or correct its area', params: idParams, body: roomInput.partial(), response: { 200: roomOutput } },
  }, async (req) => {
    const target = await roomTarget(req.params.id);
    authorize(req.actor!, 'room.manage', target);
    try {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('room').set({
          ...(req.body.name !== undefined ? { name: req.body.name } : {}),
          ...(req.body.areaM2 !== undefined ? { area_m2: req.body.areaM2 } : {}),
          updated_at: clock.now(),
        }).where('id', '=', req.params.id).execute();
        await writeAudit(trx, clock, auditSourceOf(req), { action: 'room.update', entityType: 'room', entityId: req.params.id, detail: req.body });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'room_house_id_name')) throw new AppError(409, 'ROOM_NAME_TAKEN', undefined, [{ field: 'body.name', code: 'ROOM_NAME_TAKEN', message: '' }]);
      throw err;
    }
    const house = await reply(req, target.houseId);
    return house.rooms.find((r) => r.id === req.params.id)!;
  });

  app.delete('/api/rooms/:id', {
    config: { action: 'room.manage' },
    schema: { tags: ['houses'], summary: 'Remove a room', params: idParams, response: { 204: z.null() } },
  }, async (req, res) => {
    const target = await roomTarget(req.params.id);
    authorize(req.actor!, 'room.manage', target);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('room').where('id', '=', req.params.id).execute();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'room.delete', entityType: 'room', entityId: req.params.id });
    });
    return res.status(204).send(null);
  });
}
