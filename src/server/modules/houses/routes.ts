// Streets, houses and rooms. Street admins manage their street's houses; the district and inspectors read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopeOf } from '../../access.ts';
import { auditSourceOf } from '../../audit.ts';
import { unprocessable } from '../../errors.ts';
import { idParams } from '../../schemas.ts';
import { localDateOf } from '../../../domain/time.ts';
import { policyOn } from '../policy/service.ts';
import { houseTarget, roomTarget, streetById } from './queries.ts';
import { houseCreateInput, houseOutput, houseUpdateInput, roomInput, roomOutput } from './schemas.ts';
import {
  createHouse,
  createRoom,
  deleteRoom,
  loadHouse,
  loadHouses,
  setHouseStatus,
  streetsOf,
  updateHouse,
  updateRoom,
} from './service.ts';

const streetOutput = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  houseCount: z.number(),
  activeHouseCount: z.number(),
});

export default async function houseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const { db, clock } = ctx;
  const today = () => localDateOf(clock.now());

  /** The house as the API returns it to this caller; 404 when there is no such house. */
  async function reply(req: FastifyRequest, id: string) {
    return loadHouse(db, id, await policyOn(db, today()), clock.now(), req.actor);
  }

  app.get(
    '/api/streets',
    {
      config: { action: 'street.list' },
      schema: { tags: ['houses'], summary: 'The district’s streets with their house counts', response: { 200: z.array(streetOutput) } },
    },
    async () => streetsOf(db),
  );

  app.get(
    '/api/houses',
    {
      config: { action: 'house.read' },
      schema: {
        tags: ['houses'],
        summary: 'Houses in the caller’s scope, with rooms and legal capacity',
        querystring: z.strictObject({ streetId: z.uuid().optional(), status: z.enum(['active', 'suspended']).optional() }),
        response: { 200: z.array(houseOutput) },
      },
    },
    async (req) => {
      const policy = await policyOn(db, today());
      return loadHouses(db, { scope: scopeOf(req.actor!, 'house.read'), ...req.query }, policy, today(), req.actor);
    },
  );

  app.get(
    '/api/houses/:id',
    {
      config: { action: 'house.read' },
      schema: { tags: ['houses'], summary: 'One house', params: idParams, response: { 200: houseOutput } },
    },
    async (req) => {
      authorize(req.actor!, 'house.read', await houseTarget(db, req.params.id));
      return reply(req, req.params.id);
    },
  );

  app.post(
    '/api/houses',
    {
      config: { action: 'house.create' },
      schema: {
        tags: ['houses'],
        summary: 'Open a house in one’s street (name checked against R18)',
        body: houseCreateInput,
        response: { 201: houseOutput },
      },
    },
    async (req, res) => {
      const street = await streetById(db, req.body.streetId);
      if (!street) throw unprocessable('STREET_NOT_FOUND', 'body.streetId');
      authorize(req.actor!, 'house.create', { streetId: street.id });
      const id = await createHouse(ctx, auditSourceOf(req), street, req.body);
      return res.status(201).send(await reply(req, id));
    },
  );

  app.patch(
    '/api/houses/:id',
    {
      config: { action: 'house.update' },
      schema: {
        tags: ['houses'],
        summary: 'Edit a house’s facts (R11, R12, R18, R19, opening hours)',
        params: idParams,
        body: houseUpdateInput,
        response: { 200: houseOutput },
      },
    },
    async (req) => {
      authorize(req.actor!, 'house.update', await houseTarget(db, req.params.id));
      await updateHouse(ctx, auditSourceOf(req), req.params.id, req.body);
      return reply(req, req.params.id);
    },
  );

  for (const [path, status] of [
    ['suspend', 'suspended'],
    ['resume', 'active'],
  ] as const) {
    app.post(
      `/api/houses/:id/${path}`,
      {
        config: { action: 'house.suspend' },
        schema: {
          tags: ['houses'],
          summary: status === 'suspended' ? 'Suspend a house (with a reason)' : 'Resume a suspended house',
          params: idParams,
          body: status === 'suspended' ? z.strictObject({ reason: z.string().trim().min(2).max(200) }) : z.strictObject({}).optional(),
          response: { 200: houseOutput },
        },
      },
      async (req) => {
        authorize(req.actor!, 'house.suspend', await houseTarget(db, req.params.id));
        const reason = status === 'suspended' ? (req.body as { reason: string }).reason : null;
        await setHouseStatus(ctx, auditSourceOf(req), req.params.id, status, reason);
        return reply(req, req.params.id);
      },
    );
  }

  app.post(
    '/api/houses/:id/rooms',
    {
      config: { action: 'room.manage' },
      schema: {
        tags: ['houses'],
        summary: 'Add a room (its legal capacity follows from its area)',
        params: idParams,
        body: roomInput,
        response: { 201: roomOutput },
      },
    },
    async (req, res) => {
      authorize(req.actor!, 'room.manage', await houseTarget(db, req.params.id));
      const roomId = await createRoom(ctx, auditSourceOf(req), req.params.id, req.body);
      const house = await reply(req, req.params.id);
      return res.status(201).send(house.rooms.find((r) => r.id === roomId)!);
    },
  );

  app.patch(
    '/api/rooms/:id',
    {
      config: { action: 'room.manage' },
      schema: {
        tags: ['houses'],
        summary: 'Rename a room or correct its area',
        params: idParams,
        body: roomInput.partial(),
        response: { 200: roomOutput },
      },
    },
    async (req) => {
      const target = await roomTarget(db, req.params.id);
      authorize(req.actor!, 'room.manage', target);
      await updateRoom(ctx, auditSourceOf(req), req.params.id, req.body);
      const house = await reply(req, target.houseId);
      return house.rooms.find((r) => r.id === req.params.id)!;
    },
  );

  app.delete(
    '/api/rooms/:id',
    {
      config: { action: 'room.manage' },
      schema: { tags: ['houses'], summary: 'Remove a room', params: idParams, response: { 204: z.null() } },
    },
    async (req, res) => {
      const target = await roomTarget(db, req.params.id);
      authorize(req.actor!, 'room.manage', target);
      await deleteRoom(ctx, auditSourceOf(req), req.params.id);
      return res.status(204).send(null);
    },
  );
}
