// A child's own limits under parallel bookings for DIFFERENT sessions, against a real PostgreSQL with real parallel
// connections (skipped without TEST_DATABASE_URL; PGlite has one connection and serialises everything).
// The session lock cannot protect these: each booking locks a different session. They hold because every check that
// spans the child's sessions (free sessions, future bookings, hours a day, overlap, suspension) is read after the
// child's row lock is held, in a later statement.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/testApp.ts';
import { bookableChildren, makeStaffedHouse, type BookableChild } from '../support/factory.ts';
import { districtInstant, type LocalDate } from '../../src/domain/time.ts';

const onPostgres = !!process.env.TEST_DATABASE_URL;
const ROUNDS = 3;

describe.runIf(onPostgres)('a child’s limits under parallel bookings on PostgreSQL', () => {
  let t: TestApp;
  let houseId: string;
  let rooms = 0;

  /** A bookable session in a room of its own (so sessions may overlap in time), capacity 10. */
  async function session(date: LocalDate, start: string, end: string): Promise<string> {
    const db = t.database.db;
    const room = await db
      .insertInto('room')
      .values({ house_id: houseId, name: `测试室${++rooms}`, area_m2: 60 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const s = await db
      .insertInto('care_session')
      .values({
        house_id: houseId,
        room_id: room.id,
        date,
        starts_at: districtInstant(date, start),
        ends_at: districtInstant(date, end),
        service_type: 'hourly',
        offered_capacity: 10,
        capacity: 10,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return s.id;
  }

  const bookAll = (k: BookableChild, sessionIds: string[]) =>
    Promise.all(sessionIds.map((sessionId) => k.client.post('/api/bookings', { sessionId, childId: k.childId, acceptPrice: true })));

  const held = (childId: string) =>
    t.database.db
      .selectFrom('booking as b')
      .innerJoin('care_session as s', 's.id', 'b.session_id')
      .select(['b.id', 'b.free', 's.date', 's.starts_at', 's.ends_at'])
      .where('b.child_id', '=', childId)
      .where('b.status', '=', 'confirmed')
      .execute();

  beforeAll(async () => {
    t = await createTestApp('postgres', { poolSize: 20 });
    houseId = (await makeStaffedHouse(t)).houseId;
  }, 120_000);
  afterAll(() => t?.close());

  it('a child with 11 of 12 free sessions used, booking 3 sessions at once, gets exactly one free', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [k] = await bookableChildren(t, 1);
      // 11 free sessions used this year: 11 past bookings, each with its ledger debit.
      const past = await session('2026-11-02', '09:00', '10:00');
      for (let i = 0; i < 11; i++) {
        const id = crypto.randomUUID();
        const at = districtInstant('2026-11-02', '09:00');
        await t.database.db
          .insertInto('booking')
          .values({
            id,
            session_id: past,
            child_id: k.childId,
            family_id: k.familyId,
            status: 'cancelled',
            during: `[${at.toISOString()},${new Date(at.getTime() + 3600_000).toISOString()})`,
            free: true,
            created_by: k.guardianId,
            created_at: at,
          })
          .execute();
        await t.database.db
          .insertInto('entitlement_entry')
          .values({ child_id: k.childId, year: 2026, booking_id: id, amount: -1, reason: 'booking', created_at: at })
          .execute();
      }
      const ids = [
        await session('2026-12-02', '10:00', '11:00'),
        await session('2026-12-03', '10:00', '11:00'),
        await session('2026-12-04', '10:00', '11:00'),
      ];
      const results = await bookAll(k, ids);
      expect(
        results.map((r) => r.statusCode),
        results.map((r) => r.body).join('\n'),
      ).toEqual([201, 201, 201]);
      expect(results.filter((r) => r.json().free)).toHaveLength(1);
      expect(results.filter((r) => !r.json().free).map((r) => r.json().priceFen)).toEqual([5000, 5000]);
      const ledger = await t.database.db
        .selectFrom('entitlement_entry')
        .select((eb) => eb.fn.sum<number>('amount').as('sum'))
        .where('child_id', '=', k.childId)
        .where('year', '=', 2026)
        .executeTakeFirstOrThrow();
      expect(Number(ledger.sum)).toBe(-12);
    }
  });

  it('8 bookings at once for 8 sessions on different days: at most 4 future bookings held', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [k] = await bookableChildren(t, 1);
      const ids: string[] = [];
      for (const date of [
        '2026-12-02',
        '2026-12-03',
        '2026-12-04',
        '2026-12-05',
        '2026-12-06',
        '2026-12-07',
        '2026-12-08',
      ] as LocalDate[]) {
        ids.push(await session(date, '14:00', '15:00'));
      }
      ids.push(await session('2026-12-02', '10:00', '11:00'));
      const results = await bookAll(k, ids);
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(4);
      const refused = results.filter((r) => r.statusCode !== 201);
      expect(refused.map((r) => `${r.statusCode} ${r.json().code}`)).toEqual(Array(4).fill('409 TOO_MANY_BOOKINGS'));
      expect(await held(k.childId)).toHaveLength(4);
    }
  });

  it('4 bookings at once on one day (2 h, 2 h, 1.5 h, 1.5 h): at most 4 hours of care that day', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [k] = await bookableChildren(t, 1);
      const ids = [
        await session('2026-12-05', '08:30', '10:30'),
        await session('2026-12-05', '10:30', '12:30'),
        await session('2026-12-05', '13:00', '14:30'),
        await session('2026-12-05', '15:00', '16:30'),
      ];
      const results = await bookAll(k, ids);
      const refused = results.filter((r) => r.statusCode !== 201);
      expect(new Set(refused.map((r) => `${r.statusCode} ${r.json().code}`))).toEqual(new Set(['409 DAILY_CARE_LIMIT']));
      const hours = (await held(k.childId)).reduce(
        (h, b) => h + (new Date(b.ends_at).getTime() - new Date(b.starts_at).getTime()) / 3600_000,
        0,
      );
      expect(hours).toBeLessThanOrEqual(4);
      expect(hours).toBeGreaterThanOrEqual(3); // the first one to get the lock always fits, and so does a second
    }
  });

  it('5 bookings at once for 5 overlapping sessions in 5 rooms: exactly one', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [k] = await bookableChildren(t, 1);
      const ids = [
        await session('2026-12-07', '09:00', '11:00'),
        await session('2026-12-07', '09:30', '10:30'),
        await session('2026-12-07', '10:00', '12:00'),
        await session('2026-12-07', '08:00', '10:15'),
        await session('2026-12-07', '10:05', '11:30'), // all share 10:05–10:15
      ];
      const results = await bookAll(k, ids);
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(results.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.json().code}`)).toEqual(
        Array(4).fill('409 OVERLAPPING_BOOKING'),
      );
      expect(await held(k.childId)).toHaveLength(1);
    }
  });
});
