// Development-only seeding API for end-to-end tests: POST /api/test/seed/{house,account,session,family} make exactly
// the records a test needs (through ./factories.ts, the integration tests' factories) and answer their ids and
// credentials, so that an e2e test never depends on the demo people. Registered only with the rest of the test API
// (ENABLE_TEST_API=true, which the configuration refuses in production).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HONGKOU_STREETS } from '../../../db/seed/streets.ts';
import { localDate, timeOfDay, uuid } from '../../schemas.ts';
import { ROLES } from '../../../db/schema.ts';
import { makeAccount, makeFamily, makeSession, makeStaffedHouse } from './factories.ts';
import { makeDailyLogs, makeHousehold, makeIncident, makeStaff } from './factories.ts';

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
          role: z.enum(ROLES).exclude(['guardian']),
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

  app.post(
    '/api/test/seed/staff',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        summary: 'One more staff member of a house, with valid credentials (a health certificate ending when asked) and an account',
        body: z.strictObject({
          houseId: uuid,
          role: z.enum(['house_manager', 'carer', 'health_staff', 'volunteer']).optional(),
          name: z.string().min(1).max(30).optional(),
          healthEndsIn: z.number().int().min(-3650).max(3650).optional(),
          trainingDaysAgo: z.number().int().min(0).max(3650).optional(),
        }),
        response: {
          201: z.object({
            staffId: z.string(),
            userId: z.string().nullable(),
            username: z.string().nullable(),
            password: z.string().nullable(),
          }),
        },
      },
    },
    async (req, res) => {
      const b = req.body;
      const s = await makeStaff(db, b.houseId, clock.now(), {
        role: b.role,
        name: b.name,
        healthEndsIn: b.healthEndsIn,
        trainingDaysAgo: b.trainingDaysAgo,
      });
      res.code(201);
      return { staffId: s.staffId, userId: s.userId, username: s.account?.username ?? null, password: s.account?.password ?? null };
    },
  );

  const name = z.string().min(1).max(30);
  app.post(
    '/api/test/seed/household',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        summary: 'A family with named children (allergies, history, a certificate picture) and pickup persons; accepted or in the queue',
        body: z.strictObject({
          street: streetCode.optional(),
          phone: z
            .string()
            .regex(/^1\d{10}$/)
            .optional(),
          guardianName: name.optional(),
          address: z.string().min(1).max(100).optional(),
          status: z.enum(['accepted', 'submitted', 'draft']).optional(),
          children: z
            .array(
              z.strictObject({
                name: name.optional(),
                sex: z.enum(['male', 'female']).optional(),
                birthDate: localDate.optional(),
                allergies: z.string().max(200).optional(),
                history: z.string().max(200).optional(),
                examDate: localDate.nullable().optional(),
              }),
            )
            .min(1)
            .max(4)
            .optional(),
          pickups: z
            .array(z.strictObject({ name, relation: z.string().min(1).max(10), phone: z.string().regex(/^1\d{10}$/) }))
            .max(4)
            .optional(),
        }),
        response: {
          201: z.object({
            familyId: z.string(),
            guardianId: z.string(),
            phone: z.string(),
            children: z.array(z.object({ childId: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (req, res) => {
      res.code(201);
      return makeHousehold(db, cipher, app.ctx.files, clock.now(), req.body);
    },
  );

  app.post(
    '/api/test/seed/daily-logs',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        summary: "A house's daily logs (disinfection and safety check, all in order) for the days before today",
        body: z.strictObject({ houseId: uuid, recordedBy: uuid, days: z.number().int().min(1).max(60).optional() }),
        response: { 201: z.object({ days: z.number() }) },
      },
    },
    async (req, res) => {
      await makeDailyLogs(db, req.body.houseId, clock.now(), req.body.recordedBy, req.body.days ?? 7);
      res.code(201);
      return { days: req.body.days ?? 7 };
    },
  );

  app.post(
    '/api/test/seed/incident',
    {
      config: { action: 'test.control' },
      schema: {
        tags: ['test'],
        summary: 'An incident at a house some days ago (minor, with no particular child, unless given)',
        body: z.strictObject({
          houseId: uuid,
          reportedBy: uuid,
          daysAgo: z.number().int().min(0).max(365).optional(),
          severity: z.enum(['minor', 'serious']).optional(),
          kind: z.enum(['injury', 'illness', 'other']).optional(),
          childId: uuid.optional(),
        }),
        response: { 201: z.object({ incidentId: z.string() }) },
      },
    },
    async (req, res) => {
      res.code(201);
      return { incidentId: await makeIncident(db, cipher, clock.now(), req.body) };
    },
  );
}
