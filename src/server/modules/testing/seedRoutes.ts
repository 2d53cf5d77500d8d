// Development-only seeding API for end-to-end tests: POST /api/test/seed/{house,account,session,family} make exactly
// the records a test needs (through ./factories.ts, the integration tests' factories) and answer their ids and
// credentials, so that an e2e test never depends on the demo people. Registered only with the rest of the test API
// (ENABLE_TEST_API=true, which the configuration refuses in production).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HONGKOU_STREETS } from '../../../db/seed/streets.ts';
import { localDate, timeOfDay, uuid } from '../../schemas.ts';
import { makeAccount, makeFamily, makeSession, makeStaffedHouse } from './factories.ts';

const streetCode = z.enum(HONGKOU_STREETS.map((s) => s.code) as [string, ...string[]]);
const account = z.object({ userId: z.string(), username: z.string(), password: z.string(), role: z.string() });
const staffAccount = account.extend({ staffId: z.string() });

export default async function seedRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, cipher } = app.ctx;
  if (app.ctx.config.production) throw new Error('the seeding API is never registered in production');

  app.post(
    '/api/test/seed/house',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        summary: 'A house in order: manager, carers, health staff, guard (valid credentials), evidence, street admin',
        body: z.strictObject({
          street: streetCode.optional(),
          name: z.string().max(60).optional(),
          carers: z.number().int().min(0).max(6).optional(),
        }),
        response: {
          201: z.object({
            houseId: z.string(),
            streetId: z.string(),
            name: z.string(),
            roomIds: z.array(z.string()),
            manager: staffAccount,
            carers: z.array(staffAccount),
            health: staffAccount,
            street: account,
          }),
        },
      },
    },
    async (req, res) => {
      const street = (req.body.street ?? 'scbl') as (typeof HONGKOU_STREETS)[number]['code'];
      const h = await db
        .transaction()
        .execute((trx) => makeStaffedHouse(trx, clock.now(), { street, name: req.body.name, carers: req.body.carers }));
      const admin = await makeAccount(db, 'street_admin', { street });
      const staff = (s: { staffId: string; account: { userId: string; username: string; password: string; role: string } }) => ({
        ...s.account,
        staffId: s.staffId,
      });
      res.code(201);
      return {
        houseId: h.houseId,
        streetId: h.streetId,
        name: h.name,
        roomIds: h.roomIds,
        manager: staff(h.manager),
        carers: h.carers.map(staff),
        health: staff(h.health),
        street: admin,
      };
    },
  );

  app.post(
    '/api/test/seed/account',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        summary: 'A staff account of any role (street admin, district, inspector, the 三员…)',
        body: z.strictObject({
          role: z.enum([
            'carer',
            'health_staff',
            'house_manager',
            'street_admin',
            'district_admin',
            'inspector',
            'volunteer',
            'system_admin',
            'security_admin',
            'audit_admin',
          ]),
          street: streetCode.optional(),
          houseId: uuid.optional(),
          department: z.enum(['education', 'health', 'police', 'fire', 'market']).optional(),
          displayName: z.string().min(1).max(30).optional(),
        }),
        response: { 201: account },
      },
    },
    async (req, res) => {
      const b = req.body;
      res.code(201);
      return makeAccount(db, b.role, {
        street: b.street as (typeof HONGKOU_STREETS)[number]['code'] | undefined,
        houseId: b.houseId,
        department: b.department,
        displayName: b.displayName,
      });
    },
  );

  app.post(
    '/api/test/seed/session',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        summary: 'A single care session with its roster (capacity computed as the platform does)',
        body: z.strictObject({
          houseId: uuid,
          roomId: uuid,
          date: localDate,
          start: timeOfDay.optional(),
          end: timeOfDay.optional(),
          serviceType: z.enum(['temporary', 'hourly']).optional(),
          offered: z.number().int().min(1).max(40).optional(),
          carerIds: z.array(uuid).max(10).optional(),
        }),
        response: { 201: z.object({ sessionId: z.string() }) },
      },
    },
    async (req, res) => {
      res.code(201);
      return { sessionId: await makeSession(db, req.body) };
    },
  );

  app.post(
    '/api/test/seed/family',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        summary: 'An accepted family with one child who may book; the guardian signs in with the phone and a code',
        body: z.strictObject({
          street: streetCode.optional(),
          phone: z
            .string()
            .regex(/^1\d{10}$/)
            .optional(),
          guardianName: z.string().max(30).optional(),
          status: z.enum(['accepted', 'submitted', 'draft']).optional(),
        }),
        response: {
          201: z.object({ familyId: z.string(), guardianId: z.string(), phone: z.string(), childId: z.string(), childName: z.string() }),
        },
      },
    },
    async (req, res) => {
      res.code(201);
      return makeFamily(db, cipher, clock.now(), req.body);
    },
  );
}
