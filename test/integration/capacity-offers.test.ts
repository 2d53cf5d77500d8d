// Issue 9: a waiting-list offer that has run out holds no seat, even before the expiry job marks it expired — in the
// staff's session list (seats left) and when capacity is recomputed (the over-capacity flag), as in booking itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { makeBooking, makeFamily, makeSession, makeStaffedHouse, type StaffedHouse } from '../support/factory.ts';
import { recomputeCapacity } from '../../src/server/modules/staffing/service.ts';

const DATE = '2026-12-04';

describe.each(drivers)('expired offers and capacity on %s', (driver) => {
  let t: TestApp;
  let house: StaffedHouse;

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    house = await makeStaffedHouse(t);
  });
  afterAll(() => t?.close());

  it('counts an offer past its deadline as no seat, before the job has run', async () => {
    const sessionId = await makeSession(t, {
      houseId: house.houseId,
      roomId: house.roomIds[0]!,
      date: DATE,
      start: '09:00',
      end: '10:00',
      serviceType: 'hourly',
      offered: 2,
      carerIds: [house.carers[0]!.userId],
    });
    const [a, b, c] = [await makeFamily(t), await makeFamily(t), await makeFamily(t)];
    const first = await makeBooking(a, sessionId);
    await makeBooking(b, sessionId);
    expect((await makeBooking(c, sessionId)).status).toBe('waitlisted');
    expect((await a.client.post(`/api/bookings/${first.id}/cancel`)).statusCode).toBe(200);
    const offer = await t.database.db.selectFrom('booking').select('status').where('child_id', '=', c.childId).executeTakeFirstOrThrow();
    expect(offer.status).toBe('offered');

    const listed = async () => {
      const res = await house.manager.client.get(`/api/staff/sessions?houseId=${house.houseId}&from=${DATE}&to=${DATE}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().find((s: { id: string }) => s.id === sessionId);
    };
    expect(await listed()).toMatchObject({ confirmed: 1, offered: 1, seatsLeft: 0 });

    // The offer runs out (its deadline a minute ago, so that the staff's sign-in stays fresh); the job that marks it
    // expired has not run.
    await t.database.db
      .updateTable('booking')
      .set({ offered_until: new Date(t.clock.now().getTime() - 60_000) })
      .where('child_id', '=', c.childId)
      .execute();
    expect(await listed()).toMatchObject({ confirmed: 1, offered: 0, seatsLeft: 1 });

    // The manager cuts the session to one seat: the one confirmed booking fits, the dead offer is not counted.
    await t.database.db.updateTable('care_session').set({ offered_capacity: 1 }).where('id', '=', sessionId).execute();
    const flagged = await t.database.db.transaction().execute((trx) => recomputeCapacity(trx, [sessionId], t.clock.now()));
    expect(flagged).toEqual([]);
    expect(await listed()).toMatchObject({ capacity: 1, overCapacity: false });
  });
});
