// Issue 4: booking a seat, the waiting list and its offers, the free-session ledger, every refusal with its reason,
// capacity from the roster, closures. On PGlite and PostgreSQL.
// Without the demo: the house, its staff, the sessions and the families are made here (test/support/factory.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import type { Client } from '../support/client.ts';
import {
  bookableChildren,
  clientOf,
  makeDistrictAdmin,
  makeFamily,
  makeSession as makeOneSession,
  makeStaffedHouse,
  type BookableChild,
  type StaffedHouse,
} from '../support/factory.ts';
import { expireOffers } from '../../src/server/modules/bookings/engine.ts';
import { addDays } from '../../src/domain/time.ts';
import { weeklySession } from '../support/schedule.ts';

const HOUR = 3600_000;

describe.each(drivers)('booking on %s', (driver) => {
  let t: TestApp;
  let manager: Client;
  let houseId: string;
  let house: StaffedHouse;
  let kids: BookableChild[];

  /** A Thursday 2026-12-03 17:00–19:00 session in the 62 m² room with 4 carers: capacity 20 — or fewer seats offered. */
  /** A new weekly slot's session (as the manager sees it in the session list). */
  async function makeSession(weekday: number, start: string, end: string, offered: number, carers = 4) {
    const id = await weeklySession(t, manager, houseId, { weekday, start, end, offered, carers });
    const date = addDays('2026-11-30', weekday - 1);
    return (await manager.get(`/api/staff/sessions?houseId=${houseId}&from=${date}&to=${date}`))
      .json()
      .find((s: { id: string }) => s.id === id);
  }

  const book = (k: BookableChild, sessionId: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    k.client.post('/api/bookings', { sessionId, childId: k.childId, ...extra }, headers);
  const entitlement = async (k: BookableChild) => (await k.client.get(`/api/children/${k.childId}/entitlement?year=2026`)).json();

  beforeAll(async () => {
    t = await createTestApp(driver);
    // A house in order in 四川北路 with four carers (62 m² and 36 m² rooms), as the demo's was.
    house = await makeStaffedHouse(t, { carers: 4 });
    manager = house.manager.client;
    houseId = house.houseId;
    kids = await bookableChildren(t, 12);
  });
  afterAll(() => t?.close());

  // Each test starts at 2026-12-01 09:00 (the movable clock runs on with real time, and some tests move it).
  beforeEach(() => {
    t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
  });

  it('lists sessions publicly with capacity and seats left; a too-long session cannot be created (R2)', async () => {
    const s = await makeSession(4, '17:00', '19:00', 20);
    expect(s).toMatchObject({ capacity: 20, capacityBinding: 'classSize', seatsLeft: 20 });
    const pub = (await t.app.inject({ method: 'GET', url: `/api/sessions?houseId=${houseId}&from=2026-12-03&to=2026-12-03` })).json();
    expect(pub.find((x: { id: string }) => x.id === s.id)).toMatchObject({
      capacity: 20,
      confirmed: 0,
      seatsLeft: 20,
      priceFen: 10000,
      bookable: true,
    });
    const house = (await manager.get(`/api/houses/${houseId}`)).json();
    const tooLong = await manager.post(`/api/houses/${houseId}/schedule`, {
      roomId: house.rooms[0].id,
      weekday: 6,
      startTime: '08:00',
      endTime: '12:30',
      serviceType: 'temporary',
      offeredCapacity: 10,
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json()).toMatchObject({ code: 'SESSION_TOO_LONG', title: '单个场次不能超过 4 小时(临时托、计时托)' });
  });

  it('confirms at once, debits the ledger, and gives the free session back on a timely cancellation', async () => {
    const s = await makeSession(4, '07:00', '08:30', 5, 1);
    const k = kids[0];
    expect(await entitlement(k)).toEqual({ year: 2026, freeTotal: 12, used: 0, remaining: 12 });
    const res = await book(k, s.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'confirmed', free: true, priceFen: 0 });
    expect(await entitlement(k)).toMatchObject({ used: 1, remaining: 11 });
    const again = await book(k, s.id);
    expect(again.json()).toMatchObject({ code: 'ALREADY_BOOKED', title: '孩子已预约或正在候补该场次' });
    const cancel = await k.client.post(`/api/bookings/${res.json().id}/cancel`);
    expect(cancel.json()).toEqual({ status: 'cancelled', entitlementReturned: true });
    expect(await entitlement(k)).toMatchObject({ used: 0, remaining: 12 });
    // The ledger names the booking in both entries, and the balance is their sum.
    const entries = await t.database.db.selectFrom('entitlement_entry').selectAll().where('child_id', '=', k.childId).execute();
    expect(entries.map((e) => [e.booking_id, e.amount])).toEqual([
      [res.json().id, -1],
      [res.json().id, 1],
    ]);
  });

  it('keeps the free session when cancelling late (within 2 hours)', async () => {
    const s = await makeSession(2, '12:00', '13:00', 5, 1); // Tuesday 2026-12-01 12:00, now is 09:00
    const k = kids[1];
    const res = await book(k, s.id);
    expect(res.json().status).toBe('confirmed');
    t.clock.advance(1.5 * HOUR);
    try {
      const cancel = await k.client.post(`/api/bookings/${res.json().id}/cancel`);
      expect(cancel.json()).toEqual({ status: 'cancelled', entitlementReturned: false });
      expect(await entitlement(k)).toMatchObject({ used: 1 });
    } finally {
      t.clock.advance(-1.5 * HOUR);
    }
  });

  it('waitlists on a full session, offers the freed seat to the first in line, who confirms in time', async () => {
    const s = await makeSession(4, '12:00', '13:00', 2, 1);
    const [a, b, c, d] = kids.slice(2, 6);
    expect((await book(a, s.id)).json().status).toBe('confirmed');
    expect((await book(b, s.id)).json().status).toBe('confirmed');
    const cWait = await book(c, s.id);
    expect(cWait.json()).toMatchObject({ status: 'waitlisted', free: false, priceFen: 0 });
    expect((await book(d, s.id)).json().status).toBe('waitlisted');
    const mine = (await d.client.get('/api/bookings')).json().find((x: { sessionId: string }) => x.sessionId === s.id);
    expect(mine.queuePosition).toBe(2);

    const aBooking = (await a.client.get('/api/bookings')).json().find((x: { sessionId: string }) => x.sessionId === s.id);
    await a.client.post(`/api/bookings/${aBooking.id}/cancel`);
    const offered = (await c.client.get('/api/bookings')).json().find((x: { sessionId: string }) => x.sessionId === s.id);
    expect(offered.status).toBe('offered');
    expect(Math.abs(new Date(offered.offeredUntil).getTime() - (t.clock.now().getTime() + 2 * HOUR))).toBeLessThan(5000);
    const sms = (await t.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${(await phoneOf(c)).phone}` })).json();
    expect(sms[0].body).toMatch(/有空位了/);
    // The seat is held: a newcomer joins the queue instead of taking it.
    expect((await book(kids[6], s.id)).json().status).toBe('waitlisted');
    const accepted = await c.client.post(`/api/bookings/${offered.id}/accept-offer`, {});
    expect(accepted.json()).toMatchObject({ status: 'confirmed', free: true });
    expect(await entitlement(c)).toMatchObject({ used: 1 });
  });

  it('passes an expired offer on to the next in line', async () => {
    const s = await makeSession(4, '13:00', '14:00', 1, 1);
    const [a, b, c] = kids.slice(7, 10);
    const aRes = await book(a, s.id);
    await book(b, s.id);
    await book(c, s.id);
    await a.client.post(`/api/bookings/${aRes.json().id}/cancel`);
    t.clock.advance(2 * HOUR + 1000);
    try {
      expect(await expireOffers(t.database.db, t.clock)).toBeGreaterThanOrEqual(1);
      const bMine = (await b.client.get('/api/bookings')).json().find((x: { sessionId: string }) => x.sessionId === s.id);
      expect(bMine?.status ?? 'expired').toBe('expired');
      const cMine = (await c.client.get('/api/bookings')).json().find((x: { sessionId: string }) => x.sessionId === s.id);
      expect(cMine.status).toBe('offered');
      const late = await b.client.post(
        `/api/bookings/${(await t.database.db.selectFrom('booking').select('id').where('child_id', '=', b.childId).where('session_id', '=', s.id).executeTakeFirstOrThrow()).id}/accept-offer`,
        {},
      );
      expect(late.json().code).toBe('OFFER_NOT_OPEN');
    } finally {
      t.clock.advance(-(2 * HOUR + 1000));
    }
  });

  async function phoneOf(k: BookableChild) {
    return t.database.db.selectFrom('app_user').select('phone').where('id', '=', k.guardianId).executeTakeFirstOrThrow();
  }

  it('answers an Idempotency-Key retry with the same booking', async () => {
    const s = await makeSession(5, '17:00', '18:00', 5, 1);
    const k = kids[10];
    const first = await book(k, s.id, {}, { 'idempotency-key': 'retry-key-0001' });
    const second = await book(k, s.id, {}, { 'idempotency-key': 'retry-key-0001' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    const other = await book(k, (await makeSession(5, '19:00', '20:00', 5, 1)).id, {}, { 'idempotency-key': 'retry-key-0001' });
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('explains every refusal in Chinese', async () => {
    const k = kids[11];
    // Two houses of its own, each with a 09:00–11:00 session on the days used below.
    const [hereHouse, thereHouse] = [await makeStaffedHouse(t), await makeStaffedHouse(t)];
    const sessionAt = (h: StaffedHouse, date: string) =>
      makeOneSession(t, {
        houseId: h.houseId,
        roomId: h.roomIds[0],
        date,
        start: '09:00',
        end: '11:00',
        carerIds: h.carers.map((c) => c.userId),
      });
    for (const date of ['2026-12-02', '2026-12-04', '2026-12-09']) await sessionAt(hereHouse, date);
    for (const date of ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-07']) await sessionAt(thereHouse, date);
    // Window: sessions open 7 days ahead at 09:00.
    const far = (
      await t.app.inject({ method: 'GET', url: `/api/sessions?houseId=${hereHouse.houseId}&from=2026-12-09&to=2026-12-09` })
    ).json()[0];
    expect(far.bookable).toBe(false);
    const early = await book(k, far.id);
    expect(early.json()).toMatchObject({ code: 'BOOKING_WINDOW_NOT_OPEN', title: '该场次将于 2026年12月2日 周三 09:00 开放预约' });
    // Not bookable: a draft family's child.
    const draft = await makeFamily(t, { status: 'draft' });
    const draftGuardian = await signInGuardianByChild(draft.childId);
    const near = (
      await t.app.inject({ method: 'GET', url: `/api/sessions?houseId=${hereHouse.houseId}&from=2026-12-02&to=2026-12-02` })
    ).json()[0];
    const notYet = await draftGuardian.post('/api/bookings', { sessionId: near.id, childId: draft.childId });
    expect(notYet.statusCode).toBe(422);
    expect(notYet.json().code).toBe('CHILD_NOT_BOOKABLE');
    expect(notYet.json().title).toMatch(/^孩子暂不能预约:/);
    // Another family's child.
    expect((await kids[0].client.post('/api/bookings', { sessionId: far.id, childId: k.childId })).statusCode).toBe(403);
    // Overlap across houses: the same time at another house.
    const here = (await t.app.inject({ method: 'GET', url: `/api/sessions?houseId=${hereHouse.houseId}&from=2026-12-04&to=2026-12-04` }))
      .json()
      .find((x: { startsAt: string }) => x.startsAt.endsWith('01:00:00.000Z'));
    const duolun = thereHouse.houseId;
    const there = (await t.app.inject({ method: 'GET', url: `/api/sessions?houseId=${duolun}&from=2026-12-04&to=2026-12-04` }))
      .json()
      .find((x: { startsAt: string }) => x.startsAt.endsWith('01:00:00.000Z'));
    expect((await book(k, here.id)).json().status).toBe('confirmed');
    expect((await book(k, there.id)).json()).toMatchObject({ code: 'OVERLAPPING_BOOKING', title: '孩子在同一时间已有其他预约' });
    // At most 4 future bookings.
    const more = (await t.app.inject({ method: 'GET', url: `/api/sessions?houseId=${duolun}&from=2026-12-02&to=2026-12-08` }))
      .json()
      .filter(
        (x: { date: string }, i: number, all: { date: string }[]) =>
          x.date !== '2026-12-04' && all.findIndex((y) => y.date === x.date) === i,
      );
    const results = [];
    for (const s of more.slice(0, 4)) results.push((await book(k, s.id)).json());
    expect(results.slice(0, 3).map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(results[3]).toMatchObject({ code: 'TOO_MANY_BOOKINGS', title: '每个孩子最多同时持有 4 个未开始的预约' });
  });

  async function signInGuardianByChild(childId: string) {
    const row = await t.database.db
      .selectFrom('child as c')
      .innerJoin('family as f', 'f.id', 'c.family_id')
      .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
      .select(['u.phone'])
      .where('c.id', '=', childId)
      .executeTakeFirstOrThrow();
    const { signInGuardian } = await import('../support/client.ts');
    return signInGuardian(t.app, row.phone!);
  }

  it('asks to confirm the published price once the free sessions are used (T3 from the policy in force)', async () => {
    const district = (await makeDistrictAdmin(t)).client;
    const setFree = (value: number) =>
      district.post('/api/policy', { key: 'care.freeSessionsPerYear', value, effectiveFrom: '2026-12-01' });
    expect((await setFree(1)).statusCode).toBe(201);
    try {
      const [k] = await bookableChildren(t, 1);
      const first = await makeSession(5, '07:00', '08:30', 5, 1);
      expect((await book(k, first.id)).json()).toMatchObject({ status: 'confirmed', free: true });
      expect(await entitlement(k)).toEqual({ year: 2026, freeTotal: 1, used: 1, remaining: 0 });
      const s = await makeSession(5, '12:00', '13:30', 5, 1);
      const ask = await book(k, s.id);
      expect(ask.statusCode).toBe(409);
      expect(ask.json()).toMatchObject({
        code: 'PRICE_CONFIRMATION_REQUIRED',
        priceFen: 7500,
        title: '本年度免费次数已用完,本次需付费 ¥75.00,请确认后预约',
      });
      expect((await k.client.get('/api/bookings')).json()).toHaveLength(1);
      const paid = await book(k, s.id, { acceptPrice: true });
      expect(paid.json()).toMatchObject({ status: 'confirmed', free: false, priceFen: 7500 });
      expect(await entitlement(k)).toMatchObject({ used: 1 });
    } finally {
      await setFree(12);
    }
  });

  it('recomputes capacity when a carer leaves and flags the bookings above it; the manager moves one out', async () => {
    const s = await makeSession(4, '19:00', '20:00', 10, 2);
    expect(s.capacity).toBe(10);
    const six = await bookableChildren(t, 6);
    for (const k of six) expect((await book(k, s.id)).json().status).toBe('confirmed');
    const oneCarer = await manager.request('PUT', `/api/staff/sessions/${s.id}/roster`, { userIds: [s.carers[0].id] });
    expect(oneCarer.json()).toMatchObject({
      capacity: 5,
      capacityBinding: 'carers',
      confirmed: 6,
      overCapacity: true,
      started: false,
      capacityTerms: { classSize: 20, area: 20, carers: 5, offered: 10 },
    });
    const flagged = (await manager.get('/api/staff/sessions?flagged=true&from=2026-12-01&to=2026-12-31')).json();
    expect(flagged.map((x: { id: string }) => x.id)).toContain(s.id);
    // Nobody was dropped.
    expect(
      (await manager.get(`/api/staff/sessions/${s.id}/bookings`)).json().filter((b: { status: string }) => b.status === 'confirmed'),
    ).toHaveLength(6);
    const last = (await manager.get(`/api/staff/sessions/${s.id}/bookings`)).json().at(-1);
    const moved = await manager.post(`/api/bookings/${last.id}/cancel-by-house`, { reason: '保育人员临时请假,请改约其他场次' });
    expect(moved.json()).toEqual({ status: 'cancelled', entitlementReturned: true });
    const after = (await manager.get(`/api/staff/sessions?houseId=${houseId}&from=2026-12-03&to=2026-12-03`))
      .json()
      .find((x: { id: string }) => x.id === s.id);
    // A slot overlapping an existing one in the same room is refused, not silently left without sessions.
    const overlap = await manager.post(`/api/houses/${houseId}/schedule`, {
      roomId: s.roomId,
      weekday: 4,
      startTime: '19:30',
      endTime: '20:30',
      serviceType: 'hourly',
      offeredCapacity: 5,
      carerIds: [],
    });
    expect(overlap.json()).toMatchObject({ code: 'SESSION_OVERLAP', title: '同一房间在该时段已有场次' });
    expect(after).toMatchObject({ confirmed: 5, overCapacity: false });
    // The carer comes back: capacity returns, and a waiting child would be offered the seat.
    const back = await manager.request('PUT', `/api/staff/sessions/${s.id}/roster`, { userIds: s.carers.map((c: { id: string }) => c.id) });
    expect(back.json()).toMatchObject({ capacity: 10, overCapacity: false });
    // Only this house's staff can be rostered.
    const stranger = (await makeStaffedHouse(t, { street: 'bwt', carers: 1 })).carers[0].userId;
    expect((await manager.request('PUT', `/api/staff/sessions/${s.id}/roster`, { userIds: [stranger] })).json().code).toBe(
      'ROSTER_NOT_ELIGIBLE',
    );
  });

  it('marks no-shows after the start; three in 90 days suspend online booking for 30 days', async () => {
    const carer = house.carers[0].client;
    const fam = (await bookableChildren(t, 1))[0];
    // Tomorrow's 09:00–11:00 session, to try booking while suspended.
    const nextId = await makeOneSession(t, {
      houseId,
      roomId: house.roomIds[0],
      date: '2026-12-02',
      start: '09:00',
      end: '11:00',
      carerIds: house.carers.map((c) => c.userId),
    });
    const sessions = [
      await makeSession(2, '17:00', '17:30', 5, 1),
      await makeSession(2, '18:00', '18:30', 5, 1),
      await makeSession(2, '19:00', '19:30', 5, 1),
    ];
    const ids = [];
    for (const s of sessions) ids.push((await book(fam, s.id)).json().id);
    expect((await carer.post(`/api/bookings/${ids[0]}/no-show`)).json().code).toBe('SESSION_NOT_STARTED');
    t.clock.advance(11 * HOUR); // 20:00
    try {
      const managerNow = await clientOf(t, { id: house.manager.userId, role: 'house_manager' });
      const cancelPast = await managerNow.post(`/api/staff/sessions/${sessions[0].id}/cancel`, { reason: '事后取消' });
      expect(cancelPast.json().code).toBe('SESSION_STARTED');
      const carerNow = await clientOf(t, { id: house.carers[0].userId, role: 'carer' });
      expect((await carerNow.post(`/api/bookings/${ids[0]}/no-show`)).json()).toEqual({ status: 'no_show', suspendedUntil: null });
      await carerNow.post(`/api/bookings/${ids[1]}/no-show`);
      const third = (await carerNow.post(`/api/bookings/${ids[2]}/no-show`)).json();
      expect(third.suspendedUntil.slice(0, 16)).toBe('2026-12-31T12:00');
      expect(await entitlement(fam)).toMatchObject({ used: 3 });
      const next = (await t.app.inject({ method: 'GET', url: `/api/sessions?houseId=${houseId}&from=2026-12-02&to=2026-12-02` }))
        .json()
        .find((x: { id: string }) => x.id === nextId);
      const refused = await book(fam, next.id);
      expect(refused.json()).toMatchObject({
        code: 'BOOKING_SUSPENDED',
        title: '因90天内多次预约未到,线上预约已暂停至 2026年12月31日 周四 20:00',
      });
    } finally {
      t.clock.advance(-11 * HOUR);
    }
  });

  it('closes the house for a date range: sessions cancelled, free sessions returned, families told', async () => {
    // Its own house, with a session on Monday 2026-12-07.
    const closing = await makeStaffedHouse(t);
    const sid = await makeOneSession(t, {
      houseId: closing.houseId,
      roomId: closing.roomIds[0],
      date: '2026-12-07',
      carerIds: closing.carers.map((c) => c.userId),
    });
    const s = (
      await t.app.inject({ method: 'GET', url: `/api/sessions?houseId=${closing.houseId}&from=2026-12-07&to=2026-12-07` })
    ).json()[0];
    expect(s.id).toBe(sid);
    const [k] = await bookableChildren(t, 1);
    expect((await book(k, s.id)).json().status).toBe('confirmed');
    const res = await closing.manager.client.post(`/api/houses/${closing.houseId}/closures`, {
      fromDate: '2026-12-07',
      toDate: '2026-12-07',
      reason: '设施维修',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().bookingsCancelled).toBeGreaterThanOrEqual(1);
    expect(await entitlement(k)).toMatchObject({ used: 0, remaining: 12 });
    const mine = (await k.client.get('/api/bookings')).json()[0];
    expect(mine).toMatchObject({ status: 'cancelled', cancelReason: '设施维修' });
    const phone = (await phoneOf(k)).phone;
    expect((await t.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${phone}` })).json()[0].body).toMatch(/因“设施维修”取消/);
  });
});
