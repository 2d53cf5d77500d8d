// Issue 9: the weekly slot-length check (R2) uses the policy in force on the dates the slot generates sessions for,
// not today's: a shorter maximum that takes effect within the horizon applies to the slot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import type { Client } from '../support/client.ts';
import { makeStaffedHouse } from '../support/factory.ts';

describe.each(drivers)('slot length by the policy of its dates on %s', (driver) => {
  let t: TestApp;
  let manager: Client;
  let houseId: string;
  let roomId: string;

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    const house = await makeStaffedHouse(t);
    manager = house.manager.client;
    houseId = house.houseId;
    roomId = (
      await t.database.db
        .insertInto('room')
        .values({ house_id: houseId, name: '测试室丙', area_m2: 60 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // From 15 December sessions may last 3 hours at most (today: 4).
    await t.database.db
      .insertInto('policy_parameter')
      .values({ key: 'session.maxHours', value: JSON.stringify(3), effective_from: '2026-12-15' })
      .execute();
  });
  afterAll(() => t?.close());

  // Each test on its own weekday, so that neither depends on what the other left (tests run in random order).
  const slot = (weekday: number, startTime: string, endTime: string) =>
    manager.post(`/api/houses/${houseId}/schedule`, {
      roomId,
      weekday,
      startTime,
      endTime,
      serviceType: 'hourly',
      offeredCapacity: 10,
      carerIds: [],
    });

  it('refuses a 3½-hour slot whose later dates allow 3 hours, naming that maximum', async () => {
    const res = await slot(4, '18:00', '21:30');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'SESSION_TOO_LONG' });
    expect(res.json().title).toContain('3');
  });

  it('accepts a 3-hour slot', async () => {
    expect((await slot(5, '18:00', '21:00')).statusCode).toBe(201);
  });
});
