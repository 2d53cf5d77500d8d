// Booking rules of issue 9 through the API, on PGlite and PostgreSQL: accepting an offer re-checks the child, a
// waitlisted booking is answered as stored, the cancellation deadline of the session's date, an expired offer frees
// its seat on read, the refusal list in the request's language, own-street priority, R13's re-check after an absence.
// Every test makes its own children and sessions (in rooms of their own) and puts back what it changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { bookableChildren, makeHouse, type BookableChild } from '../support/factory.ts';
import { districtInstant, type LocalDate } from '../../src/domain/time.ts';

const HOUR = 3600_000;

describe.each(drivers)('booking rules on %s', (driver) => {
  let t: TestApp;
  let houseId: string;
  let rooms = 0;

  /** A bookable session of the 四川北路 house in a room of its own. */
  async function session(date: LocalDate, start: string, end: string, capacity = 10): Promise<string> {
    const db = t.database.db;
    const room = await db
      .insertInto('room')
      .values({ house_id: houseId, name: `规则室${++rooms}`, area_m2: 60 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (
      await db
        .insertInto('care_session')
        .values({
          house_id: houseId,
          room_id: room.id,
          date,
          starts_at: districtInstant(date, start),
          ends_at: districtInstant(date, end),
          service_type: 'hourly',
          offered_capacity: capacity,
          capacity,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }

  const book = (k: BookableChild, sessionId: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    k.client.post('/api/bookings', { sessionId, childId: k.childId, ...extra }, headers);
  const mine = async (k: BookableChild, sessionId: string) =>
    (await k.client.get('/api/bookings')).json().find((b: { sessionId: string }) => b.sessionId === sessionId);

  /** A one-seat session: `a` holds it, `b` waits, then `a` cancels and `b` is offered the seat. Returns b's booking. */
  async function offeredTo(a: BookableChild, b: BookableChild, date: LocalDate = '2026-12-04') {
    const s = await session(date, '10:00', '11:00', 1);
    const held = await book(a, s);
    expect(held.statusCode).toBe(201);
    expect((await book(b, s)).json().status).toBe('waitlisted');
    expect((await a.client.post(`/api/bookings/${held.json().id}/cancel`)).statusCode).toBe(200);
    const offer = await mine(b, s);
    expect(offer.status).toBe('offered');
    return { sessionId: s, bookingId: offer.id as string };
  }

  beforeAll(async () => {
    t = await createTestApp(driver);
    houseId = (await makeHouse(t, { street: 'scbl' })).houseId;
  });
  afterAll(() => t?.close());

  it('a waitlisted booking is answered as stored: not free, no price', async () => {
    const [a, b] = await bookableChildren(t, 2);
    const s = await session('2026-12-03', '10:00', '11:00', 1);
    expect((await book(a, s)).json()).toMatchObject({ status: 'confirmed', free: true, priceFen: 0 });
    const queued = await book(b, s);
    expect(queued.statusCode).toBe(201);
    expect(queued.json()).toMatchObject({ status: 'waitlisted', free: false, priceFen: 0 });
    const stored = await t.database.db
      .selectFrom('booking')
      .select(['free', 'price_fen'])
      .where('id', '=', queued.json().id)
      .executeTakeFirstOrThrow();
    expect({ free: queued.json().free, priceFen: queued.json().priceFen }).toEqual({ free: stored.free, priceFen: stored.price_fen });
    // The replay of the same request gives the same answer.
    expect(await mine(b, s)).toMatchObject({ status: 'waitlisted', free: false, priceFen: 0 });
  });

  it('accepting an offer re-checks eligibility: a registration returned meanwhile cannot take the seat', async () => {
    const [a, b] = await bookableChildren(t, 2);
    const { bookingId } = await offeredTo(a, b);
    await t.database.db
      .updateTable('family')
      .set({ status: 'returned', return_reason: '证件不清晰' })
      .where('id', '=', b.familyId)
      .execute();
    const res = await b.client.post(`/api/bookings/${bookingId}/accept-offer`, {});
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CHILD_NOT_BOOKABLE', missing: ['returned'] });
    expect((await t.database.db.selectFrom('booking').select('status').where('id', '=', bookingId).executeTakeFirstOrThrow()).status).toBe(
      'offered',
    );
  });

  it('accepting an offer re-checks the suspension', async () => {
    const [a, b] = await bookableChildren(t, 2);
    const { bookingId } = await offeredTo(a, b);
    await t.database.db
      .insertInto('booking_suspension')
      .values({
        family_id: b.familyId,
        from_at: t.clock.now(),
        until_at: new Date(t.clock.now().getTime() + 30 * 24 * HOUR),
        reason: '测试',
      })
      .execute();
    const res = await b.client.post(`/api/bookings/${bookingId}/accept-offer`, {});
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('BOOKING_SUSPENDED');
  });

  it('accepting an offer re-checks the limits in force (the offered booking itself not counted twice)', async () => {
    const [a, b] = await bookableChildren(t, 2);
    const { bookingId } = await offeredTo(a, b, '2026-12-05');
    expect((await book(b, await session('2026-12-05', '12:00', '13:00'))).statusCode).toBe(201);
    // While b waited, the district lowered the future-bookings limit to 1 for that date.
    const db = t.database.db;
    await db
      .insertInto('policy_parameter')
      .values({ key: 'booking.maxFutureBookings', value: JSON.stringify(1), effective_from: '2026-12-05' })
      .execute();
    try {
      const res = await b.client.post(`/api/bookings/${bookingId}/accept-offer`, {});
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('TOO_MANY_BOOKINGS');
    } finally {
      await db
        .deleteFrom('policy_parameter')
        .where('key', '=', 'booking.maxFutureBookings')
        .where('effective_from', '=', '2026-12-05')
        .execute();
    }
    expect((await b.client.post(`/api/bookings/${bookingId}/accept-offer`, {})).statusCode).toBe(200);
  });

  it('an offer within every limit is taken, and takes a free session', async () => {
    const [a, b] = await bookableChildren(t, 2);
    const { bookingId } = await offeredTo(a, b, '2026-12-06');
    const res = await b.client.post(`/api/bookings/${bookingId}/accept-offer`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', free: true, priceFen: 0 });
  });

  it('the cancellation deadline shown is the one of the session’s date, as the one applied', async () => {
    const [k] = await bookableChildren(t, 1);
    const db = t.database.db;
    const s = await session('2026-12-07', '10:00', '11:00');
    await db
      .insertInto('policy_parameter')
      .values({ key: 'booking.cancelDeadlineHours', value: JSON.stringify(24), effective_from: '2026-12-07' })
      .execute();
    try {
      expect((await book(k, s)).statusCode).toBe(201);
      const shown = (await mine(k, s)).freeCancellationUntil;
      expect(shown).toBe(new Date(districtInstant('2026-12-07', '10:00').getTime() - 24 * HOUR).toISOString());
      // One minute after the deadline shown, cancelling no longer returns the free session.
      t.clock.set(new Date(new Date(shown).getTime() + 60_000));
      const res = await k.client.post(`/api/bookings/${(await mine(k, s)).id}/cancel`);
      expect(res.json()).toEqual({ status: 'cancelled', entitlementReturned: false });
    } finally {
      t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
      await db
        .deleteFrom('policy_parameter')
        .where('key', '=', 'booking.cancelDeadlineHours')
        .where('effective_from', '=', '2026-12-07')
        .execute();
    }
  });

  it('an expired offer frees its seat on read, before the job runs; the job still marks it and passes it on', async () => {
    const [a, b, c] = await bookableChildren(t, 3);
    const { sessionId, bookingId } = await offeredTo(a, b, '2026-12-08');
    const seats = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/sessions?houseId=${houseId}&from=2026-12-08&to=2026-12-08` }))
        .json()
        .find((x: { id: string }) => x.id === sessionId);
    expect(await seats()).toMatchObject({ capacity: 1, confirmed: 1, seatsLeft: 0 });
    t.clock.advance(2 * HOUR + 1000);
    try {
      expect(await seats()).toMatchObject({ confirmed: 0, seatsLeft: 1 });
      expect((await b.client.post(`/api/bookings/${bookingId}/accept-offer`, {})).json().code).toBe('OFFER_NOT_OPEN');
      // Nobody is waiting: a new booking takes the seat at once.
      expect((await book(c, sessionId)).json()).toMatchObject({ status: 'confirmed' });
      const { expireOffers } = await import('../../src/server/modules/bookings/engine.ts');
      expect(await expireOffers(t.database.db, t.clock)).toBeGreaterThanOrEqual(1);
      expect(
        (await t.database.db.selectFrom('booking').select('status').where('id', '=', bookingId).executeTakeFirstOrThrow()).status,
      ).toBe('expired');
      expect(await seats()).toMatchObject({ confirmed: 1, seatsLeft: 0 });
    } finally {
      t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
    }
  });

  it('the refusal list follows the request’s language', async () => {
    const [k] = await bookableChildren(t, 1);
    await t.database.db.deleteFrom('health_certificate').where('child_id', '=', k.childId).execute();
    const s = await session('2026-12-03', '14:00', '15:00');
    const zh = await book(k, s);
    expect(zh.statusCode).toBe(422);
    expect(zh.json()).toMatchObject({ code: 'CHILD_NOT_BOOKABLE', missing: ['certificate'] });
    expect(zh.json().title).toBe('孩子暂不能预约:上传健康检查合格证明');
    const en = await book(k, s, {}, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.statusCode).toBe(422);
    expect(en.json().title).toMatch(/^The child cannot book yet: /);
    expect(en.json().title).not.toMatch(/[\u4e00-\u9fff]/);
  });

  describe('own-street priority on the first day of the window (§4)', () => {
    it('off by default: a child of another street books as soon as the window opens', async () => {
      const [other] = await bookableChildren(t, 1, '北外滩街道');
      const res = await book(other, await session('2026-12-08', '09:00', '10:00'));
      expect(res.statusCode, res.body).toBe(201);
    });

    it('on (24 h): only the house street’s children book on the first day; others are told when they can', async () => {
      const db = t.database.db;
      await db
        .insertInto('policy_parameter')
        .values({ key: 'booking.ownStreetPriorityHours', value: JSON.stringify(24), effective_from: '2026-12-08' })
        .execute();
      try {
        const [own] = await bookableChildren(t, 1);
        const [other] = await bookableChildren(t, 1, '北外滩街道');
        const s = await session('2026-12-08', '14:00', '15:00'); // opens 2026-12-01 09:00 (now): priority until 12-02 09:00
        expect((await book(own, s)).statusCode).toBe(201);
        const refused = await book(other, s);
        expect(refused.statusCode).toBe(409);
        expect(refused.json()).toMatchObject({ code: 'OWN_STREET_PRIORITY', until: districtInstant('2026-12-02', '09:00').toISOString() });
        expect(refused.json().title).toMatch(/^开放预约后的前 24 小时仅限本街道居住的幼儿预约,其他幼儿可于 .*12.*2.*09:00 起预约$/);
        const en = await book(other, s, {}, { 'accept-language': 'en' });
        expect(en.json().title).toMatch(/^For the first 24 hours after booking opens/);
        // A session dated before the parameter's version takes effect has no priority.
        expect((await book(other, await session('2026-12-07', '14:00', '15:00'))).statusCode).toBe(201);
        t.clock.set(districtInstant('2026-12-02', '09:00'));
        expect((await book(other, s)).statusCode).toBe(201);
      } finally {
        t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
        await db.deleteFrom('policy_parameter').where('key', '=', 'booking.ownStreetPriorityHours').execute();
      }
    });
  });

  it('R13: a child away more than 90 days needs a certificate examined after the last attendance', async () => {
    const db = t.database.db;
    const [k] = await bookableChildren(t, 1);
    // Last came on 2026-08-01, with a certificate from 2026-07-01 (valid for a year under this test's policy).
    await db
      .insertInto('policy_parameter')
      .values({ key: 'certificate.validityDays', value: JSON.stringify(365), effective_from: '2026-12-01' })
      .execute();
    try {
      await db.updateTable('health_certificate').set({ exam_date: '2026-07-01' }).where('child_id', '=', k.childId).execute();
      const past = await session('2026-08-01', '09:00', '10:00');
      const at = districtInstant('2026-08-01', '09:00');
      const booking = await db
        .insertInto('booking')
        .values({
          session_id: past,
          child_id: k.childId,
          family_id: k.familyId,
          status: 'confirmed',
          during: `[${at.toISOString()},${new Date(at.getTime() + HOUR).toISOString()})`,
          created_by: k.guardianId,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('attendance')
        .values({
          booking_id: booking.id,
          session_id: past,
          child_id: k.childId,
          admitted: true,
          health_enc: t.app.ctx.cipher.encrypt('{}'),
          brought_by: '家长',
          checked_in_at: at,
          checked_in_by: k.guardianId,
        })
        .execute();
      const s = await session('2026-12-03', '15:00', '16:00'); // 124 days after the last attendance
      const refused = await book(k, s);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'CHILD_NOT_BOOKABLE', missing: ['certificateAfterAbsence'] });
      expect(refused.json().title).toBe('孩子暂不能预约:孩子较长时间未入托,请重新体检并上传新的健康检查合格证明');
      // The guardian's checklist (H5) and the eligibility API say the same, before any booking is tried.
      const family = (await k.client.get('/api/family')).json();
      expect(family.family.children[0].eligibility.missing).toEqual(['certificateAfterAbsence']);
      const checked = (await k.client.get(`/api/children/${k.childId}/eligibility?date=2026-12-03`)).json();
      expect(checked).toMatchObject({ bookable: false, missing: ['certificateAfterAbsence'] });
      const file = await db.selectFrom('health_certificate').select('file_id').where('child_id', '=', k.childId).executeTakeFirstOrThrow();
      await db
        .insertInto('health_certificate')
        .values({ child_id: k.childId, file_id: file.file_id, exam_date: '2026-11-28', institution: '虹口区妇幼保健所' })
        .execute();
      expect((await book(k, s)).statusCode).toBe(201);
    } finally {
      await db
        .deleteFrom('policy_parameter')
        .where('key', '=', 'certificate.validityDays')
        .where('effective_from', '=', '2026-12-01')
        .execute();
    }
  });
});
