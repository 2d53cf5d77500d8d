// Races against a real PostgreSQL with real parallel connections (skipped without TEST_DATABASE_URL):
// the session lock must hold under contention, and the exclusion constraint must be the last word.
// Without the demo: the houses, staff, sessions and the 200 families are made here (test/support/factory.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/testApp.ts';
import type { Client } from '../support/client.ts';
import { bookableChildren, makeSession, makeStaffedHouse, type BookableChild } from '../support/factory.ts';
import { weeklySession } from '../support/schedule.ts';

const onPostgres = !!process.env.TEST_DATABASE_URL;

describe.runIf(onPostgres)('booking races on PostgreSQL', () => {
  let t: TestApp;
  let manager: Client;
  let houseId: string;
  let kids: BookableChild[];

  const session = async (weekday: number, start: string, end: string, offered: number, carers = 4) => {
    const id = await weeklySession(t, manager, houseId, { weekday, start, end, offered, carers });
    return t.database.db.selectFrom('care_session').select(['id', 'capacity']).where('id', '=', id).executeTakeFirstOrThrow();
  };

  const count = async (sessionId: string, status: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('booking')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('session_id', '=', sessionId)
          .where('status', '=', status as 'confirmed')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp('postgres', { poolSize: 20 });
    // A house in order with four carers (its 62 m² room holds 20), as the demo's 四川北路 was.
    const house = await makeStaffedHouse(t, { carers: 4 });
    manager = house.manager.client;
    houseId = house.houseId;
    kids = await bookableChildren(t, 200);
  }, 120_000);
  afterAll(() => t?.close());

  it('200 parallel bookings for a 20-seat session: exactly 20 confirmed and 180 waitlisted', async () => {
    const s = await session(4, '17:00', '19:00', 20);
    expect(s.capacity).toBe(20);
    const results = await Promise.all(kids.map((k) => k.client.post('/api/bookings', { sessionId: s.id, childId: k.childId })));
    expect(results.map((r) => r.statusCode).filter((c) => c !== 201)).toEqual([]);
    const statuses = results.map((r) => r.json().status);
    expect(statuses.filter((x) => x === 'confirmed')).toHaveLength(20);
    expect(statuses.filter((x) => x === 'waitlisted')).toHaveLength(180);
    expect(await count(s.id, 'confirmed')).toBe(20);
    expect(await count(s.id, 'waitlisted')).toBe(180);
    // Every confirmed seat has exactly one ledger debit.
    const debits = await t.database.db
      .selectFrom('entitlement_entry as e')
      .innerJoin('booking as b', 'b.id', 'e.booking_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('b.session_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(Number(debits.n)).toBe(20);
  });

  it('one child racing into two overlapping sessions gets one', async () => {
    // 2026-12-04 09:00–11:00 in two houses of its own.
    const overlapping = async () => {
      const h = await makeStaffedHouse(t);
      const id = await makeSession(t, {
        houseId: h.houseId,
        roomId: h.roomIds[0],
        date: '2026-12-04',
        start: '09:00',
        end: '11:00',
        carerIds: h.carers.map((c) => c.userId),
      });
      return { id };
    };
    const a = await overlapping();
    const b = await overlapping();
    const k = kids[0];
    for (let round = 0; round < 5; round++) {
      const [r1, r2] = await Promise.all([
        k.client.post('/api/bookings', { sessionId: a.id, childId: k.childId }),
        k.client.post('/api/bookings', { sessionId: b.id, childId: k.childId }),
      ]);
      const codes = [r1.statusCode, r2.statusCode].sort();
      expect(codes).toEqual([201, 409]);
      const won = r1.statusCode === 201 ? r1 : r2;
      await k.client.post(`/api/bookings/${won.json().id}/cancel`);
    }
  });

  it('50 parallel retries of one Idempotency-Key make one booking', async () => {
    const s = await session(5, '12:00', '13:00', 10, 2);
    const k = kids[1];
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        k.client.post('/api/bookings', { sessionId: s.id, childId: k.childId }, { 'idempotency-key': 'same-key-50-times' }),
      ),
    );
    const ids = new Set(results.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(49);
    expect(await count(s.id, 'confirmed')).toBe(1);
  });

  it('cancellations racing promotions and new bookings never exceed capacity, and promote strictly in order', async () => {
    const s = await session(5, '17:00', '19:00', 10, 2);
    const group = kids.slice(20, 60);
    for (const k of group) await k.client.post('/api/bookings', { sessionId: s.id, childId: k.childId });
    expect(await count(s.id, 'confirmed')).toBe(10);
    const confirmed = await t.database.db
      .selectFrom('booking')
      .select(['id', 'child_id'])
      .where('session_id', '=', s.id)
      .where('status', '=', 'confirmed')
      .execute();
    const byChild = new Map(group.map((k) => [k.childId, k]));
    const newcomers = kids.slice(60, 80);
    await Promise.all([
      ...confirmed.map((b) => byChild.get(b.child_id)!.client.post(`/api/bookings/${b.id}/cancel`)),
      ...newcomers.map((k) => k.client.post('/api/bookings', { sessionId: s.id, childId: k.childId })),
    ]);
    const held = (await count(s.id, 'confirmed')) + (await count(s.id, 'offered'));
    expect(held).toBe(10);
    // The ten offers went to the first ten in the queue (children 11–20 of the group, in their booking order).
    const offered = await t.database.db
      .selectFrom('booking')
      .select('child_id')
      .where('session_id', '=', s.id)
      .where('status', '=', 'offered')
      .execute();
    expect(new Set(offered.map((o) => o.child_id))).toEqual(new Set(group.slice(10, 20).map((k) => k.childId)));
  });
});
