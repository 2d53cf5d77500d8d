// Issue 9: who counts for R5 is one rule (src/domain/ratio.ts) — a carer counts the same for the session's
// capacity (care), the live ratio in the room (attendance) and the roster shown to the manager. On PGlite and
// PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import type { Client } from '../support/client.ts';
import { clientOf, makeStaffedHouse, type StaffedHouse } from '../support/factory.ts';
import { weeklySession } from '../support/schedule.ts';
import { recomputeCapacity } from '../../src/server/modules/staffing/service.ts';

describe.each(drivers)('one R5 rule for capacity and the live ratio on %s', (driver) => {
  let t: TestApp;
  let manager: Client;
  let houseId: string;
  let sessionId: string;
  let house: StaffedHouse;
  const planned = async () => {
    const list = (await manager.get(`/api/staff/sessions?houseId=${houseId}&from=2026-12-01&to=2026-12-01`)).json();
    return list.find((s: { id: string }) => s.id === sessionId);
  };
  const live = async () => {
    const day = (await manager.get(`/api/attendance/day?houseId=${houseId}&date=2026-12-01`)).json();
    return day.sessions.find((s: { id: string }) => s.id === sessionId);
  };
  const counted = (carers: { id?: string; userId?: string; countsForRatio: boolean }[]) =>
    carers
      .filter((c) => c.countsForRatio)
      .map((c) => c.id ?? c.userId)
      .sort();

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    house = await makeStaffedHouse(t, { carers: 2 });
    manager = house.manager.client;
    houseId = house.houseId;
    // Today 11:30–13:30 with its two carers: capacity min(20, 20, 2 × 5, 20) = 10.
    sessionId = await weeklySession(t, manager, houseId, { weekday: 2, start: '11:30', end: '13:30', offered: 20, carers: 2 });
  });
  afterAll(() => t?.close());

  it('two qualified carers count for both', async () => {
    t.clock.set(new Date('2026-12-01T11:40:00+08:00'));
    // Signed in again at the moved clock (a staff session lapses when idle).
    manager = await clientOf(t, { id: house.manager.userId, role: 'house_manager' });
    const [p, l] = [await planned(), await live()];
    expect(p.capacityTerms.carers).toBe(10);
    expect(l.ratio.carersOnDuty).toBe(2);
    expect(counted(p.carers)).toEqual(counted(l.carers));
  });

  it('a carer whose health certificate has lapsed by the session’s date counts for neither', async () => {
    const [carer, carer2] = house.carers;
    const db = t.database.db;
    t.clock.set(new Date('2026-12-01T11:40:00+08:00'));
    // Signed in again at the moved clock (a staff session lapses when idle).
    manager = await clientOf(t, { id: house.manager.userId, role: 'house_manager' });
    const certificate = db
      .selectFrom('staff_credential')
      .select(['id', 'expires_on'])
      .where('staff_id', '=', carer2.staffId)
      .where('kind', '=', 'health_certificate');
    const before = await certificate.execute();
    // The certificate on file turns out to have run out yesterday (a correction made straight in the records).
    await db
      .updateTable('staff_credential')
      .set({ expires_on: '2026-11-30' })
      .where(
        'id',
        'in',
        before.map((c) => c.id),
      )
      .execute();
    await db.transaction().execute((trx) => recomputeCapacity(trx, [sessionId], t.clock.now()));
    // Put back afterwards: the other test (in any order) expects both carers qualified.
    onTestFinished(async () => {
      for (const c of before) await db.updateTable('staff_credential').set({ expires_on: c.expires_on }).where('id', '=', c.id).execute();
      await db.transaction().execute((trx) => recomputeCapacity(trx, [sessionId], t.clock.now()));
    });
    const [p, l] = [await planned(), await live()];
    // Before issue 9 the capacity counted her by account role (10) while the room counted her out (1 carer).
    expect(p.capacity).toBe(5);
    expect(p.capacityTerms.carers).toBe(5);
    expect(l.ratio.carersOnDuty).toBe(1);
    expect(l.ratio.maxChildren).toBe(5);
    expect(counted(p.carers)).toEqual([carer.userId]);
    expect(counted(l.carers)).toEqual([carer.userId]);
  });
});
