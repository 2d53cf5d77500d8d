// Issue 5: running a house — the roster refuses unqualified people (R7–R9), check-in and check-out (idempotent,
// never twice, only to an authorised person), the live ratio alarm when a carer leaves, and the compliance engine
// keeping findings over time. On PGlite and PostgreSQL.
// Each test makes its own house, staff, session and children (test/support/factory.ts) on a platform without the
// demo, and sets its own clock, so the tests pass in any order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { signInGuardian, type Client } from '../support/client.ts';
import {
  bookableChildren,
  clientOf,
  makeBooking,
  makeDistrictAdmin,
  makeHouse,
  makeInspector,
  makeSession,
  makeStaff,
  makeStaffedHouse,
  type BookableChild,
  type StaffedHouse,
} from '../support/factory.ts';
import type { HouseOptions } from '../../src/server/modules/testing/factories.ts';

const DAY = '2026-12-01';

describe.each(drivers)('running a house on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());

  const outbox = async (recipient: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${encodeURIComponent(recipient)}` })).json();
  /** The newest message of a template sent to a recipient. */
  const sent = async (recipient: string, template: string) =>
    (await outbox(recipient)).find((m: { template: string }) => m.template === template);
  const phoneOf = async (userId: string) =>
    (await t.database.db.selectFrom('app_user').select('phone').where('id', '=', userId).executeTakeFirstOrThrow()).phone!;

  interface Day {
    house: StaffedHouse;
    sessionId: string;
    kids: BookableChild[];
    bookings: Map<string, string>;
    /** Signed in again by `at` (staff sessions end after 30 idle minutes). */
    manager: Client;
    carer: Client;
    street: Client;
    /** Moves the clock and signs the house's manager, first carer and street admin in again. */
    at(iso: string): Promise<void>;
    book(k: BookableChild, sessionId?: string): Promise<void>;
    checkIn(k: BookableChild, extra?: Record<string, unknown>): Promise<LightMyRequestResponse>;
    staffRecord(staffId: string): Promise<{ id: string; username: string | null; rosterBlockers: string[] }>;
    /** Today's session as the carer's day view shows it (JSON, read as the other answers are). */
    // biome-ignore lint/suspicious/noExplicitAny: a JSON answer, like every res.json()
    sessionOfDay(): Promise<any>;
  }

  /**
   * A house in order, on 2026-12-01 at 09:00: today 11:30–13:30 in its 62 m² room with its two carers on the roster
   * (capacity min(20, 20, 2 × 5) = 10), and `children` children of 四川北路 booked into it.
   */
  async function aDay(children: number, options: HouseOptions = {}): Promise<Day> {
    t.clock.set(new Date(`${DAY}T09:00:00+08:00`));
    const house = await makeStaffedHouse(t, options);
    const sessionId = await makeSession(t, {
      houseId: house.houseId,
      roomId: house.roomIds[0],
      date: DAY,
      start: '11:30',
      end: '13:30',
      serviceType: 'hourly',
      offered: 10,
      carerIds: house.carers.map((c) => c.userId),
    });
    const kids = await bookableChildren(t, children);
    const bookings = new Map<string, string>();
    const d: Day = {
      house,
      sessionId,
      kids,
      bookings,
      manager: house.manager.client,
      carer: house.carers[0].client,
      street: house.street.client,
      async at(iso) {
        t.clock.set(new Date(iso));
        [d.manager, d.carer, d.street] = await Promise.all(
          [house.manager, house.carers[0], house.street].map((p) => clientOf(t, { id: p.userId, role: p.role })),
        );
      },
      async book(k, sid = sessionId) {
        bookings.set(k.childId, (await makeBooking(k, sid)).id);
      },
      checkIn: (k, extra = {}) =>
        d.carer.post('/api/attendance/check-in', {
          bookingId: bookings.get(k.childId),
          temperature: 36.6,
          broughtBy: '妈妈',
          admitted: true,
          ...extra,
        }),
      async staffRecord(staffId) {
        const records = (await d.manager.get(`/api/houses/${house.houseId}/staff-records`)).json().records as {
          id: string;
          username: string | null;
          rosterBlockers: string[];
        }[];
        return records.find((r) => r.id === staffId)!;
      },
      sessionOfDay: async () =>
        (await d.carer.get(`/api/attendance/day?houseId=${house.houseId}&date=${DAY}`))
          .json()
          .sessions.find((s: { id: string }) => s.id === sessionId),
    };
    for (const k of kids) await d.book(k);
    return d;
  }
  /** Check-in opens 30 minutes before the 11:30 start. */
  const OPEN = `${DAY}T11:20:00+08:00`;
  const admitted = async (d: Day, ks: BookableChild[]) => {
    for (const k of ks) {
      const res = await d.checkIn(k);
      expect(res.statusCode, res.body).toBe(201);
    }
  };

  it('keeps check-in closed until 30 minutes before the start', async () => {
    const d = await aDay(1);
    const res = await d.checkIn(d.kids[0]);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CHECK_IN_CLOSED' });
  });

  it('turns a child with a fever away, records why and tells the guardian; never admits a fever', async () => {
    const d = await aDay(1);
    await d.at(OPEN);
    const [k] = d.kids;
    const fever = await d.checkIn(k, { temperature: 37.8 });
    expect(fever.statusCode).toBe(422);
    expect(fever.json()).toMatchObject({ code: 'FEVER_NOT_ADMITTED', title: '体温 37.8℃ 达到发热标准,不能接收入园' });
    const noReason = await d.checkIn(k, { temperature: 37.8, admitted: false });
    expect(noReason.json()).toMatchObject({ code: 'REFUSAL_REASON_REQUIRED' });
    const refused = await d.checkIn(k, { temperature: 37.8, admitted: false, refusalReason: '发热,建议就医' });
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.json()).toMatchObject({ admitted: false, refusalReason: '发热,建议就医', checkedOutAt: null });
    expect(await sent(await phoneOf(k.guardianId), 'attendanceRefused')).toMatchObject({ template: 'attendanceRefused' });
    const out = await d.carer.post(`/api/attendance/${refused.json().id}/check-out`, {
      method: 'list',
      personId: k.guardianId,
      identityConfirmed: true,
    });
    expect(out.json()).toMatchObject({ code: 'NOT_CHECKED_IN' });
    // A retry of the refusal answers with it.
    const again = await d.checkIn(k, { temperature: 37.8, admitted: false, refusalReason: '发热,建议就医' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(refused.json().id);
  });

  it('gives one check-in for concurrent taps on one child, and answers the retries with it', async () => {
    const d = await aDay(1);
    await d.at(OPEN);
    const [k] = d.kids;
    const results = await Promise.all(Array.from({ length: 8 }, () => d.checkIn(k)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 200)).toHaveLength(7);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    const rows = await t.database.db.selectFrom('attendance').select('id').where('child_id', '=', k.childId).execute();
    expect(rows).toHaveLength(1);
    // Checked in before the start: the booking can no longer be cancelled (the child is in the room).
    const cancel = await k.client.post(`/api/bookings/${d.bookings.get(k.childId)}/cancel`);
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json()).toMatchObject({ code: 'CHILD_ALREADY_CAME' });
    const guardianView = (await k.client.get(`/api/family/attendance?date=${DAY}`)).json();
    expect(guardianView.children[0].sessions[0].attendance).toMatchObject({
      admitted: true,
      temperature: 36.6,
      broughtBy: '妈妈',
      checkedOutAt: null,
    });
  });

  it('admits a child turned away earlier once a second check is clear (the same record)', async () => {
    const d = await aDay(1);
    await d.at(OPEN);
    const [k] = d.kids;
    const first = await d.checkIn(k, { temperature: 37.5, admitted: false, refusalReason: '体温偏高,稍后复测' });
    expect(first.statusCode).toBe(201);
    const second = await d.checkIn(k, { temperature: 36.9 });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ id: first.json().id, admitted: true, temperature: 36.9, refusalReason: null });
    const out = await d.carer.post(`/api/attendance/${first.json().id}/check-out`, {
      method: 'list',
      personId: k.guardianId,
      identityConfirmed: true,
    });
    expect(out.statusCode, out.body).toBe(200);
  });

  it('cannot mark a child who came as a no-show', async () => {
    const d = await aDay(1);
    await d.at(OPEN);
    await admitted(d, d.kids);
    await d.at(`${DAY}T11:40:00+08:00`);
    const res = await d.manager.post(`/api/bookings/${d.bookings.get(d.kids[0].childId)}/no-show`);
    expect(res.statusCode).toBe(409);
  });

  it('raises the ratio alarm and tells the manager when a carer leaves, and clears it when she returns (R5)', async () => {
    const d = await aDay(6);
    await d.at(OPEN);
    await admitted(d, d.kids);
    let s = await d.sessionOfDay();
    expect(s.ratio).toMatchObject({ present: 6, carersOnDuty: 2, maxChildren: 10, ok: true });
    const carer2 = d.house.carers[1].userId;
    const left = await d.carer.put(`/api/staff/sessions/${d.sessionId}/duty`, { userId: carer2, onDuty: false });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json().ratio).toMatchObject({ present: 6, carersOnDuty: 1, maxChildren: 5, ok: false, breaches: ['R5'] });
    expect(left.json().alarm).toMatchObject({ cause: 'carer_left' });
    const managerId = d.house.manager.userId;
    expect(await sent(`user:${managerId}`, 'ratioAlarm')).toMatchObject({
      template: 'ratioAlarm',
      params: { present: 6, carers: 1, max: 5 },
    });
    // Saving the same roster meanwhile does not put her back on duty.
    const same = await d.manager.put(`/api/staff/sessions/${d.sessionId}/roster`, { userIds: [d.house.carers[0].userId, carer2] });
    expect(same.statusCode, same.body).toBe(200);
    expect((await d.sessionOfDay()).ratio).toMatchObject({ carersOnDuty: 1, ok: false });
    const back = await d.carer.put(`/api/staff/sessions/${d.sessionId}/duty`, { userId: carer2, onDuty: true });
    expect(back.json()).toMatchObject({ alarm: null, ratio: { ok: true, carersOnDuty: 2 } });
    const notOnRoster = await d.carer.put(`/api/staff/sessions/${d.sessionId}/duty`, { userId: managerId, onDuty: false });
    expect(notOnRoster.json()).toMatchObject({ code: 'NOT_ON_ROSTER' });
    s = await d.sessionOfDay();
    expect(s.children.find((c: { childId: string }) => c.childId === d.kids[1].childId).pickupList[0]).toMatchObject({ isGuardian: true });
  });

  it('refuses a check-in that would break the ratio and says how many children the room may hold', async () => {
    const d = await aDay(7);
    await d.at(OPEN);
    await admitted(d, d.kids.slice(0, 6));
    const carer2 = d.house.carers[1].userId;
    expect((await d.carer.put(`/api/staff/sessions/${d.sessionId}/duty`, { userId: carer2, onDuty: false })).statusCode).toBe(200);
    const k7 = d.kids[6];
    const refused = await d.checkIn(k7);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'RATIO_WOULD_BREAK',
      title: '在岗保育人员不足:当前最多可容纳 5 名幼儿,请先增加在岗人员,已通知负责人',
    });
    const managerId = d.house.manager.userId;
    expect(await sent(`user:${managerId}`, 'ratioRefusedArrival')).toMatchObject({ template: 'ratioRefusedArrival' });
    // The carer trying again does not tell the manager again.
    expect((await d.checkIn(k7)).statusCode).toBe(409);
    expect((await outbox(`user:${managerId}`)).filter((m: { template: string }) => m.template === 'ratioRefusedArrival')).toHaveLength(1);
    expect((await d.carer.put(`/api/staff/sessions/${d.sessionId}/duty`, { userId: carer2, onDuty: true })).statusCode).toBe(200);
  });

  it('checks out only to an authorised person: the family list (identity confirmed) or the one-time code', async () => {
    const d = await aDay(3);
    await d.at(OPEN);
    await admitted(d, d.kids);
    const [a, b, c] = d.kids;
    const db = t.database.db;
    const grandma = await db
      .insertInto('pickup_person')
      .values({ family_id: a.familyId, name: '王奶奶', relation: '祖母', phone: '13900001111' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stranger = await db
      .insertInto('pickup_person')
      .values({ family_id: b.familyId, name: '赵叔叔', relation: '叔叔', phone: '13900002222' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const s = await d.sessionOfDay();
    const att = (k: BookableChild) => s.children.find((x: { childId: string }) => x.childId === k.childId).attendance.id;
    // Another family's pickup person is not on this child's list.
    const wrong = await d.carer.post(`/api/attendance/${att(a)}/check-out`, {
      method: 'list',
      personId: stranger.id,
      identityConfirmed: true,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'PICKUP_NOT_AUTHORISED' });
    const unconfirmed = await d.carer.post(`/api/attendance/${att(a)}/check-out`, {
      method: 'list',
      personId: grandma.id,
      identityConfirmed: false,
    });
    expect(unconfirmed.json()).toMatchObject({ code: 'PICKUP_IDENTITY_NOT_CONFIRMED' });
    const ok = await d.carer.post(`/api/attendance/${att(a)}/check-out`, { method: 'list', personId: grandma.id, identityConfirmed: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ pickedUpBy: '王奶奶(祖母)', pickupMethod: 'list' });
    const retry = await d.carer.post(`/api/attendance/${att(a)}/check-out`, {
      method: 'list',
      personId: grandma.id,
      identityConfirmed: true,
    });
    expect(retry.json().checkedOutAt).toBe(ok.json().checkedOutAt);
    // The family may later change its list: the record keeps the name.
    await db.deleteFrom('pickup_person').where('id', '=', grandma.id).execute();
    expect(
      await db.selectFrom('attendance').select(['picked_up_by', 'pickup_person_id']).where('id', '=', att(a)).executeTakeFirstOrThrow(),
    ).toEqual({ picked_up_by: '王奶奶(祖母)', pickup_person_id: null });

    // The guardian's one-time code: a wrong code is refused, the right one works once, a new one replaces the old.
    const first = (await b.client.post(`/api/family/children/${b.childId}/pickup-code`)).json();
    const second = await b.client.post(`/api/family/children/${b.childId}/pickup-code`);
    expect(second.statusCode).toBe(201);
    expect(second.json().code).toMatch(/^\d{6}$/);
    const other = await c.client.post(`/api/family/children/${b.childId}/pickup-code`);
    expect(other.statusCode).toBe(403);
    const bad = await d.carer.post(`/api/attendance/${att(b)}/check-out`, {
      method: 'code',
      code: first.code === second.json().code ? '000000' : first.code,
    });
    expect(bad.json()).toMatchObject({ code: 'PICKUP_CODE_INVALID' });
    const byCode = await d.carer.post(`/api/attendance/${att(b)}/check-out`, { method: 'code', code: second.json().code });
    expect(byCode.statusCode, byCode.body).toBe(200);
    expect(byCode.json()).toMatchObject({ pickupMethod: 'code' });
    const view = (await b.client.get(`/api/family/attendance?date=${DAY}`)).json();
    expect(view.children[0]).toMatchObject({ pickupCode: null });
    expect(view.children[0].sessions[0].attendance.checkedOutAt).toBe(byCode.json().checkedOutAt);
    // Another house's carer (in 北外滩) cannot touch this one.
    const otherCarer = (await makeStaff(t, (await makeHouse(t, { street: 'bwt' })).houseId, { role: 'carer' })).person!.client;
    expect(
      (await otherCarer.post(`/api/attendance/${att(c)}/check-out`, { method: 'list', personId: c.guardianId, identityConfirmed: true }))
        .statusCode,
    ).toBe(403);
  });

  it('flags a child still in after the session ends', async () => {
    const d = await aDay(3);
    await d.at(OPEN);
    await admitted(d, d.kids);
    const s0 = await d.sessionOfDay();
    for (const gone of [d.kids[0], d.kids[1]]) {
      const id = s0.children.find((x: { childId: string }) => x.childId === gone.childId).attendance.id;
      const out = await d.carer.post(`/api/attendance/${id}/check-out`, {
        method: 'list',
        personId: gone.guardianId,
        identityConfirmed: true,
      });
      expect(out.statusCode, out.body).toBe(200);
    }
    await d.at(`${DAY}T13:45:00+08:00`);
    const s = await d.sessionOfDay();
    const c = s.children.find((x: { childId: string }) => x.childId === d.kids[2].childId);
    expect(c.flags).toMatchObject({ overdue: true });
    for (const gone of [d.kids[0], d.kids[1]]) {
      expect(s.children.find((x: { childId: string }) => x.childId === gone.childId).flags.overdue).toBe(false);
    }
  });

  it('will not check a child in while she is still in another session, and says where she is', async () => {
    // Named as the demo's house is, for the message.
    const d = await aDay(1, { name: '四川北路街道‘宝宝屋’' });
    await d.at(OPEN);
    await admitted(d, d.kids);
    await d.at(`${DAY}T13:20:00+08:00`);
    const house = (await d.manager.get(`/api/houses/${d.house.houseId}`)).json();
    const small = house.rooms.find((r: { areaM2: number }) => r.areaM2 === 36);
    const slot = await d.manager.post(`/api/houses/${d.house.houseId}/schedule`, {
      roomId: small.id,
      weekday: 2,
      startTime: '13:40',
      endTime: '13:55',
      serviceType: 'hourly',
      offeredCapacity: 5,
      carerIds: [d.house.health.userId],
    });
    expect(slot.statusCode, slot.body).toBe(201);
    const later = await t.database.db
      .selectFrom('care_session')
      .select('id')
      .where('room_id', '=', small.id)
      .where('date', '=', DAY)
      .where('status', '=', 'scheduled')
      .orderBy('starts_at', 'desc')
      .executeTakeFirstOrThrow();
    const k = d.kids[0]; // checked in at 11:20 and never checked out
    const booked = await k.client.post('/api/bookings', { sessionId: later.id, childId: k.childId });
    expect(booked.statusCode, booked.body).toBe(201);
    const res = await d.carer.post('/api/attendance/check-in', {
      bookingId: booked.json().id,
      temperature: 36.6,
      broughtBy: '妈妈',
      admitted: true,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CHILD_ALREADY_IN', title: '孩子已在园:四川北路街道‘宝宝屋’ 11:30 场次尚未办理离园' });
  });

  it('refuses to roster an unqualified person and says why; a hit in the criminal-record check bars her and alerts the street (R7–R9)', async () => {
    const d = await aDay(0);
    // A carer whose health certificate runs out 18 days after today: a session on day 20 cannot have her.
    const he = await makeStaff(t, d.house.houseId, { role: 'carer', name: '何雨桐', healthEndsIn: 18 });
    const heId = he.userId!;
    const carer2 = await d.staffRecord(he.staffId);
    expect(carer2.rosterBlockers).toEqual([]);
    const sessionOn21 = await makeSession(t, {
      houseId: d.house.houseId,
      roomId: d.house.roomIds[0],
      date: '2026-12-21',
      carerIds: [d.house.carers[0].userId],
    });
    await d.at('2026-12-20T09:00:00+08:00');
    const later = await d.staffRecord(he.staffId);
    expect(later.rosterBlockers).toEqual(['HEALTH_CERTIFICATE_EXPIRED']);
    const session = (await d.manager.get(`/api/staff/sessions?houseId=${d.house.houseId}&from=2026-12-21&to=2026-12-21`)).json()[0];
    expect(session.id).toBe(sessionOn21);
    const refused = await d.manager.put(`/api/staff/sessions/${session.id}/roster`, { userIds: [heId] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'ROSTER_NOT_QUALIFIED', title: '以下人员不能排班:何雨桐(健康证已过期)' });
    const staffList = (await d.manager.get(`/api/houses/${d.house.houseId}/staff?date=2026-12-21`)).json();
    expect(staffList.find((p: { name: string }) => p.name === '何雨桐').blockers).toEqual(['HEALTH_CERTIFICATE_EXPIRED']);
    // Renewed: she can be rostered again.
    const renewed = await d.manager.post(`/api/staff-records/${carer2.id}/credentials`, {
      kind: 'health_certificate',
      title: '健康证',
      issuedOn: '2026-12-19',
      expiresOn: '2027-12-18',
    });
    expect(renewed.statusCode, renewed.body).toBe(201);
    expect(renewed.json().rosterBlockers).toEqual([]);
    expect((await d.manager.put(`/api/staff/sessions/${session.id}/roster`, { userIds: [heId] })).statusCode).toBe(200);
    // A hit: off every coming roster at once, the street admin alerted.
    const hit = await d.manager.post(`/api/staff-records/${carer2.id}/credentials`, {
      kind: 'background_check',
      title: '违法犯罪记录查询',
      issuedOn: '2026-12-20',
      result: 'hit',
    });
    expect(hit.json()).toMatchObject({ barred: true, rosterBlockers: ['BACKGROUND_CHECK_HIT'] });
    const rostered = await t.database.db
      .selectFrom('session_carer as sc')
      .innerJoin('care_session as s', 's.id', 'sc.session_id')
      .select('sc.session_id')
      .where('sc.user_id', '=', heId)
      .where('s.ends_at', '>', new Date('2026-12-20T01:00:00Z'))
      .execute();
    expect(rostered).toEqual([]);
    expect(await sent(`user:${d.house.street.userId}`, 'backgroundCheckHit')).toMatchObject({ template: 'backgroundCheckHit' });
  });

  it('keeps compliance findings: opened when seen, resolved when the record is fixed; each role sees its scope', async () => {
    // Insurance ends 2026-12-31 (within 30 days of 12-05: a warning); one carer's criminal-record check is a hit.
    const d = await aDay(0, { facts: { insurance: ['2026-01-01', '2026-12-31'] } });
    const houseId = d.house.houseId;
    // Houses elsewhere in the district: 欧阳路 keeps its CCTV 7 days, 曲阳路's insurance ended last year.
    await makeHouse(t, { street: 'oyl', facts: { cctvDays: 7 } });
    await makeHouse(t, { street: 'qyl', facts: { insurance: ['2025-01-01', '2025-12-31'] } });
    await d.at('2026-12-05T09:00:00+08:00');
    const barred = await d.manager.post(`/api/staff-records/${d.house.carers[1].staffId}/credentials`, {
      kind: 'background_check',
      title: '违法犯罪记录查询',
      issuedOn: '2026-12-05',
      result: 'hit',
    });
    expect(barred.statusCode, barred.body).toBe(201);
    const run = await d.manager.post('/api/compliance/run', {});
    expect(run.statusCode, run.body).toBe(200);
    const findings = run.json().findings as { code: string; houseId: string; severity: string; subjectLabel: string; fixPath: string }[];
    expect(findings.every((f) => f.houseId === houseId)).toBe(true);
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['INSURANCE_EXPIRING', 'BACKGROUND_CHECK_HIT']));
    expect(findings[0].severity).toBe('critical');
    expect(findings.find((f) => f.code === 'BACKGROUND_CHECK_HIT')!.fixPath).toMatch(/^\/staff\?houseId=/);
    const district = (await makeDistrictAdmin(t)).client;
    // The district's run (as the daily job's) sees every house.
    expect((await district.post('/api/compliance/run', {})).statusCode).toBe(200);
    const all = (await district.get('/api/compliance/findings')).json().findings as { code: string; houseName: string }[];
    expect(all.some((f) => f.code === 'CCTV_RETENTION_SHORT' && f.houseName.startsWith('欧阳路'))).toBe(true);
    expect(all.some((f) => f.code === 'INSURANCE_NOT_COVERING' && f.houseName.startsWith('曲阳路'))).toBe(true);
    const streetOnly = (await d.street.get('/api/compliance/findings')).json().findings as { streetName: string }[];
    expect(streetOnly.length).toBeGreaterThan(0);
    expect(streetOnly.every((f) => f.streetName === '四川北路街道')).toBe(true);
    // The street renews the insurance with evidence: the warning is resolved on that run.
    const evidence = await d.street.post(`/api/houses/${houseId}/evidence`, {
      topic: 'insurance',
      observedOn: '2026-12-05',
      note: '2027年度责任保险保单',
      facts: { insuranceStart: '2027-01-01', insuranceEnd: '2027-12-31' },
    });
    expect(evidence.statusCode, evidence.body).toBe(201);
    const after = (await d.manager.get('/api/compliance/findings')).json().findings as { code: string }[];
    // Insurance now starts in 2027: today is not covered (a critical finding), until the period is corrected.
    expect(after.map((f) => f.code)).toContain('INSURANCE_NOT_COVERING');
    await d.street.post(`/api/houses/${houseId}/evidence`, {
      topic: 'insurance',
      observedOn: '2026-12-05',
      note: '续保批单',
      facts: { insuranceStart: '2026-01-01', insuranceEnd: '2027-12-31' },
    });
    const fixed = (await d.manager.get('/api/compliance/findings')).json().findings as { code: string }[];
    expect(fixed.map((f) => f.code)).not.toContain('INSURANCE_NOT_COVERING');
    expect(fixed.map((f) => f.code)).not.toContain('INSURANCE_EXPIRING');
    const resolved = (await d.manager.get('/api/compliance/findings?status=resolved')).json().findings as {
      code: string;
      resolvedOn: string;
    }[];
    expect(resolved.find((f) => f.code === 'INSURANCE_EXPIRING')).toMatchObject({ resolvedOn: '2026-12-05' });
  });

  it('records incidents (the guardian told, the street alerted when serious) and daily logs', async () => {
    const d = await aDay(1);
    const houseId = d.house.houseId;
    const [k] = d.kids;
    await d.at(OPEN);
    await admitted(d, d.kids);
    await d.at(`${DAY}T13:00:00+08:00`);
    const res = await d.carer.post(`/api/houses/${houseId}/incidents`, {
      kind: 'injury',
      severity: 'serious',
      occurredAt: `${DAY}T12:10:00+08:00`,
      sessionId: d.sessionId,
      childId: k.childId,
      description: '玩耍时摔倒,额头磕碰',
      actionTaken: '冰敷观察,已联系家长陪同就医',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      childName: expect.any(String),
      guardianNotifiedAt: expect.any(String),
      streetAlertedAt: expect.any(String),
    });
    expect(await sent(await phoneOf(k.guardianId), 'incidentGuardian')).toMatchObject({ template: 'incidentGuardian' });
    expect(await sent(`user:${d.house.street.userId}`, 'incidentStreetAlert')).toMatchObject({ template: 'incidentStreetAlert' });
    const seen = (await d.street.get('/api/incidents')).json();
    expect(seen.some((i: { id: string }) => i.id === res.json().id)).toBe(true);
    const foreign = (await bookableChildren(t, 1, '北外滩街道'))[0];
    const notHere = await d.carer.post(`/api/houses/${houseId}/incidents`, {
      kind: 'illness',
      severity: 'minor',
      occurredAt: `${DAY}T12:00:00+08:00`,
      childId: foreign.childId,
      description: '流鼻涕精神尚可',
      actionTaken: '测体温正常',
    });
    expect(notHere.json()).toMatchObject({ code: 'CHILD_NOT_IN_HOUSE' });
    const log = await d.carer.post(`/api/houses/${houseId}/daily-logs`, {
      date: DAY,
      kind: 'safety_check',
      items: ['exits', 'alarm'],
      allOk: false,
    });
    expect(log.json()).toMatchObject({ code: 'DAILY_LOG_NOTE_REQUIRED' });
    const unchecked = await d.carer.post(`/api/houses/${houseId}/daily-logs`, { date: DAY, kind: 'disinfection', items: [], allOk: true });
    expect(unchecked.json()).toMatchObject({ code: 'DAILY_LOG_ITEMS_INVALID' });
    const ok = await d.carer.post(`/api/houses/${houseId}/daily-logs`, {
      date: DAY,
      kind: 'disinfection',
      items: ['toys', 'surfaces', 'bedding', 'washroom', 'air'],
      allOk: true,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const inspector = (await makeInspector(t, 'health')).client;
    expect((await inspector.get(`/api/houses/${houseId}/daily-logs`)).json().some((l: { id: string }) => l.id === ok.json().id)).toBe(true);
  });

  it('takes someone who leaves off the rosters after her last day, and off the weekly slots', async () => {
    const d = await aDay(0);
    const carerId = d.house.carers[0].userId;
    // Besides today's session: on the roster tomorrow and the day after, and on a weekly slot (Thursdays).
    for (const date of ['2026-12-02', '2026-12-03']) {
      await makeSession(t, {
        houseId: d.house.houseId,
        roomId: d.house.roomIds[0],
        date,
        start: '09:00',
        end: '11:00',
        carerIds: [carerId],
      });
    }
    await d.at(`${DAY}T15:00:00+08:00`);
    const slot = await d.manager.post(`/api/houses/${d.house.houseId}/schedule`, {
      roomId: d.house.roomIds[1],
      weekday: 4,
      startTime: '14:00',
      endTime: '15:00',
      serviceType: 'hourly',
      offeredCapacity: 5,
      carerIds: [carerId],
    });
    expect(slot.statusCode, slot.body).toBe(201);
    const db = t.database.db;
    const rosteredFrom = () =>
      db
        .selectFrom('session_carer as sc')
        .innerJoin('care_session as s', 's.id', 'sc.session_id')
        .select('s.date')
        .where('sc.user_id', '=', carerId)
        .where('s.date', '>=', DAY)
        .orderBy('s.date')
        .execute();
    expect((await rosteredFrom()).filter((r) => r.date > '2026-12-02').length).toBeGreaterThan(0);
    const record = await d.staffRecord(d.house.carers[0].staffId);
    const res = await d.manager.patch(`/api/staff-records/${record.id}`, { leftOn: '2026-12-02' });
    expect(res.statusCode, res.body).toBe(200);
    const rostered = await rosteredFrom();
    expect(rostered.length).toBeGreaterThan(0);
    expect(rostered.filter((r) => r.date > '2026-12-02')).toEqual([]);
    expect(await db.selectFrom('template_carer').select('template_id').where('user_id', '=', carerId).execute()).toEqual([]);
  });

  it('answers a guardian without a family yet with no children that day, not a 404 (issue 10)', async () => {
    const newcomer = await signInGuardian(t.app, '13912340077');
    const res = await newcomer.get(`/api/family/attendance?date=${DAY}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ date: DAY, children: [] });
  });

  it('lists a guardian who put herself on the pickup list once, as the guardian (issue 10)', async () => {
    const d = await aDay(1);
    const [k] = d.kids;
    const guardian = await t.database.db
      .selectFrom('app_user')
      .select(['display_name', 'phone'])
      .where('id', '=', k.guardianId)
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('pickup_person')
      .values([
        { family_id: k.familyId, name: guardian.display_name, relation: '本人', phone: guardian.phone! },
        { family_id: k.familyId, name: '外婆', relation: '外婆', phone: '13700001111' },
      ])
      .execute();
    const list = (await d.sessionOfDay()).children.find((c: { childId: string }) => c.childId === k.childId).pickupList;
    expect(list.map((p: { name: string; isGuardian: boolean }) => [p.name, p.isGuardian])).toEqual([
      [guardian.display_name, true],
      ['外婆', false],
    ]);
  });

  it('moves a visit the child has gone home from out of the coming bookings, before the session ends (issue 10)', async () => {
    const d = await aDay(1);
    await d.at(OPEN);
    const [k] = d.kids;
    const bookingId = d.bookings.get(k.childId);
    const ids = async (scope: string) => (await k.client.get(`/api/bookings?scope=${scope}`)).json().map((b: { id: string }) => b.id);
    const checkedIn = await d.checkIn(k);
    expect(checkedIn.statusCode, checkedIn.body).toBe(201);
    expect(await ids('upcoming')).toContain(bookingId);
    const out = await d.carer.post(`/api/attendance/${checkedIn.json().id}/check-out`, {
      method: 'list',
      personId: k.guardianId,
      identityConfirmed: true,
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(await ids('upcoming')).not.toContain(bookingId);
    expect(await ids('past')).toContain(bookingId);
  });

  it('tells the guardian by SMS when her child is checked in and out, unless she has switched it off (issue 10)', async () => {
    const d = await aDay(2);
    const [told, quiet] = d.kids;
    for (const notice of ['checkIn', 'checkOut']) {
      const off = await quiet.client.request('PUT', '/api/family/notices', { notice, enabled: false });
      expect(off.statusCode, off.body).toBe(200);
    }
    await d.at(OPEN);
    const ids = new Map<string, string>();
    for (const k of d.kids) {
      const res = await d.checkIn(k);
      expect(res.statusCode, res.body).toBe(201);
      ids.set(k.childId, res.json().id);
    }
    await d.at(`${DAY}T12:40:00+08:00`);
    for (const k of d.kids) {
      const out = await d.carer.post(`/api/attendance/${ids.get(k.childId)}/check-out`, {
        method: 'list',
        personId: k.guardianId,
        identityConfirmed: true,
      });
      expect(out.statusCode, out.body).toBe(200);
    }
    const phone = await phoneOf(told.guardianId);
    expect(await sent(phone, 'attendanceCheckedIn')).toMatchObject({ params: { time: '11:20', by: '妈妈' } });
    expect(await sent(phone, 'attendanceCheckedOut')).toMatchObject({ params: { time: '12:40' } });
    const silent = (await outbox(await phoneOf(quiet.guardianId))).map((m: { template: string }) => m.template);
    expect(silent).not.toContain('attendanceCheckedIn');
    expect(silent).not.toContain('attendanceCheckedOut');
  });

  it('lets the guardian choose her messages, all on at first; an incident is always told (issue 10)', async () => {
    const [k] = await bookableChildren(t, 1);
    const first = await k.client.get('/api/family/notices');
    expect(first.statusCode).toBe(200);
    expect(first.json().map((n: { notice: string; enabled: boolean }) => [n.notice, n.enabled])).toEqual([
      ['checkIn', true],
      ['checkOut', true],
      ['refused', true],
      ['incident', true],
      ['reminder', true],
      ['offer', true],
      ['guidanceOffer', true],
      ['guidanceCancelled', true],
      ['guidanceReminder', true],
      ['guidanceChanged', true],
      ['careNudge', true],
      ['guidanceNudge', true],
    ]);
    const off = await k.client.request('PUT', '/api/family/notices', { notice: 'reminder', enabled: false });
    expect(off.json().find((n: { notice: string }) => n.notice === 'reminder')).toEqual({
      notice: 'reminder',
      enabled: false,
      optional: true,
    });
    expect((await k.client.get('/api/family/notices')).json().find((n: { notice: string }) => n.notice === 'reminder').enabled).toBe(false);
    const incident = await k.client.request('PUT', '/api/family/notices', { notice: 'incident', enabled: false });
    expect(incident.statusCode).toBe(422);
    expect(incident.json()).toMatchObject({ code: 'NOTICE_ALWAYS_SENT', errors: [{ field: 'body.notice' }] });
    for (const body of [
      { notice: 'everything', enabled: false },
      { notice: 'checkIn\u0000', enabled: false },
      { notice: 'checkIn', enabled: 'no' },
    ]) {
      const bad = await k.client.request('PUT', '/api/family/notices', body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    }
    const staff = await makeStaffedHouse(t);
    expect((await staff.manager.client.get('/api/family/notices')).statusCode).toBe(403);
  });
});
