// Issue 10: a booking link carries nothing but the session's id (/h5/book/<id>), so the public API answers one session
// by its id, as the list shows it; and says 404 once it has started, been cancelled or never existed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { makeSession, makeStaffedHouse, type StaffedHouse } from '../support/factory.ts';

const DATE = '2026-12-04';

describe.each(drivers)('one session by its id on %s', (driver) => {
  let t: TestApp;
  let house: StaffedHouse;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const session = (start: string, end: string) =>
    makeSession(t, {
      houseId: house.houseId,
      roomId: house.roomIds[0]!,
      date: DATE,
      start,
      end,
      serviceType: 'hourly',
      offered: 6,
      carerIds: [house.carers[0]!.userId],
    });

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    house = await makeStaffedHouse(t);
  });
  afterAll(() => t?.close());

  it('answers a coming session without sign-in, the same as the list', async () => {
    const id = await session('15:00', '16:00');
    const one = await get(`/api/sessions/${id}`);
    expect(one.statusCode, one.body).toBe(200);
    const listed = (await get(`/api/sessions?houseId=${house.houseId}&from=${DATE}&to=${DATE}`))
      .json()
      .find((s: { id: string }) => s.id === id);
    expect(one.json()).toEqual(listed);
    expect(one.json()).toMatchObject({ id, houseId: house.houseId, date: DATE, capacity: 5, seatsLeft: 5 });
  });

  it('says 404 for a session that was cancelled, has started or never existed; 400 for an id that is not one', async () => {
    const cancelled = await session('10:30', '11:30');
    await t.database.db.updateTable('care_session').set({ status: 'cancelled' }).where('id', '=', cancelled).execute();
    const started = await session('12:00', '13:00');
    await t.database.db
      .updateTable('care_session')
      .set({ starts_at: new Date(t.clock.now().getTime() - 60_000) })
      .where('id', '=', started)
      .execute();
    for (const id of [cancelled, started, '00000000-0000-4000-8000-000000000000']) {
      const res = await get(`/api/sessions/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json()).toMatchObject({ code: 'SESSION_NOT_FOUND', title: '找不到该场次' });
    }
    const bad = await get('/api/sessions/not-a-session');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});
