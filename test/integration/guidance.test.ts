// Issue 11, guidance events (DOMAIN.md §5.4, T5) on PGlite and PostgreSQL: a provider's 指导师 publishes, families
// enrol from the H5 (a seat or the waiting list, idempotently), a freed seat is offered and taken or runs out, the
// organiser takes attendance once per family (by the list or the door code), the family's year moves, and a cancelled
// event tells every family. Malformed input names its field. Records come from the factories, not the demo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import type { Client } from '../support/client.ts';
import { clientOf, makeAccount, makeFamily, makeProvider, makeStaffedHouse, type Person } from '../support/factory.ts';
import { expireGuidanceOffers, sendGuidanceReminders } from '../../src/server/modules/guidance/engine.ts';

const EVENT = {
  title: '幼儿营养与辅食添加',
  topic: 'feeding',
  minAgeMonths: 12,
  maxAgeMonths: 36,
  leader: '周医生',
  description: '讲解1–3岁幼儿膳食搭配',
  mode: 'offline',
  place: '早教中心二楼活动室',
  date: '2026-12-10',
  startTime: '09:30',
  endTime: '10:30',
  seats: 2,
};

describe.each(drivers)('guidance events on %s', (driver) => {
  let t: TestApp;
  let leader: Person;
  let provider: { providerId: string; streetId: string; name: string };
  let day = 10;

  /** A new event on its own December day, `seats` seats; returns its id. */
  async function publish(seats = 2, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await leader.client.post('/api/guidance/manage/events', { ...EVENT, date: `2026-12-${++day}`, seats, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }
  const enrol = (c: Client, eventId: string, key?: string) =>
    c.post('/api/guidance/enrolments', { eventId }, key ? { 'idempotency-key': key } : {});
  /** Moves the clock; the 指导师 signs in again there (a staff session lapses when idle). */
  async function clockTo(iso: string) {
    t.clock.set(new Date(iso));
    leader = { ...leader, client: await clientOf(t, { id: leader.userId, role: 'guidance_provider' }) };
  }
  const sms = async (phone: string, template: string) =>
    (
      (await t.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${phone}` })).json() as { template: string; body: string }[]
    ).filter((m) => m.template === template);

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    provider = await makeProvider(t, { name: '虹口区早期教育指导中心' });
    leader = await makeAccount(t, 'guidance_provider', { providerId: provider.providerId, displayName: '周老师' });
  });
  afterAll(() => t?.close());

  it('publishes an event the families then find, with its seats and without a meeting link', async () => {
    const id = await publish(30, { mode: 'online', place: null, meetingUrl: 'https://meeting.example.cn/j/8866' });
    const list = (await t.app.inject({ method: 'GET', url: '/api/guidance/events?from=2026-12-01&to=2026-12-31' })).json();
    const found = list.find((e: { id: string }) => e.id === id);
    expect(found).toMatchObject({ title: EVENT.title, organiser: '虹口区早期教育指导中心', mode: 'online', seats: 30, seatsLeft: 30 });
    expect(JSON.stringify(list)).not.toContain('meeting.example.cn');
  });

  it('refuses a malformed event naming the field, never a 500', async () => {
    const post = (body: Record<string, unknown>) => leader.client.post('/api/guidance/manage/events', { ...EVENT, ...body });
    for (const [body, field] of [
      [{ place: null }, 'body.place'],
      [{ minAgeMonths: 30, maxAgeMonths: 12 }, 'body.maxAgeMonths'],
      [{ mode: 'online', place: null, meetingUrl: 'javascript:alert(1)' }, 'body.meetingUrl'],
      [{ date: '2026-11-20' }, 'body.date'],
      [{ topic: 'astrology' }, 'body.topic'],
    ] as const) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors[0].field).toBe(field);
    }
    for (const [body, field] of [
      [{ date: '2026-02-30' }, 'date'],
      [{ title: 'a\u0000b' }, 'title'],
      [{ title: '长'.repeat(5000) }, 'title'],
      [{ seats: 0 }, 'seats'],
      [{ startTime: '25:00' }, 'startTime'],
    ] as const) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json().errors ?? res.json())).toContain(field);
    }
    for (const url of ['/api/guidance/events?from=2026-13-45', '/api/guidance/events/not-a-uuid', '/api/guidance/events?topic=a%00b'])
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(400);
  });

  it('gives seats in order, then the waiting list; a retry with the same key answers the same enrolment', async () => {
    const id = await publish(2);
    const [a, b, c] = [await makeFamily(t), await makeFamily(t), await makeFamily(t)];
    const first = await enrol(a.client, id, 'key-guidance-a1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'confirmed', doorCode: expect.stringMatching(/^\d{6}$/) });
    const again = await enrol(a.client, id, 'key-guidance-a1');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const twice = await enrol(a.client, id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ALREADY_ENROLLED');
    expect((await enrol(b.client, id)).json().status).toBe('confirmed');
    expect((await enrol(c.client, id)).json().status).toBe('waitlisted');
    const event = (await t.app.inject({ method: 'GET', url: `/api/guidance/events/${id}` })).json();
    expect(event).toMatchObject({ seats: 2, seatsLeft: 0, waiting: 1 });
  });

  it('refuses a family without a child of the event’s age, and one not yet accepted by its street', async () => {
    const id = await publish(5, { minAgeMonths: 30, maxAgeMonths: 36 });
    const young = await makeFamily(t); // about 20 months
    const res = await enrol(young.client, id);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'NO_CHILD_OF_AGE', title: '家中没有符合该活动月龄(30–36 个月)的孩子' });
    const pending = await makeFamily(t, { status: 'submitted' });
    const refused = await enrol(pending.client, await publish(5));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('FAMILY_NOT_ACCEPTED');
  });

  it('offers a freed seat to the first in line, who takes it; an offer not taken passes on when it runs out', async () => {
    const id = await publish(1);
    const [a, b, c] = [await makeFamily(t), await makeFamily(t), await makeFamily(t)];
    const seat = (await enrol(a.client, id)).json();
    const wb = (await enrol(b.client, id)).json();
    const wc = (await enrol(c.client, id)).json();
    expect([wb.status, wc.status]).toEqual(['waitlisted', 'waitlisted']);
    expect((await a.client.post(`/api/guidance/enrolments/${seat.id}/cancel`)).json().status).toBe('cancelled');
    const mine = async (f: { client: Client }) => (await f.client.get('/api/family/guidance')).json().enrolments;
    const offered = (await mine(b)).find((e: { id: string }) => e.id === wb.id);
    expect(offered.status).toBe('offered');
    expect((await sms(b.phone, 'guidanceOffer'))[0].body).toContain('幼儿营养与辅食添加');
    // b lets it run out (2 waking hours): the job expires it and offers c.
    await clockTo('2026-12-01T11:01:00+08:00');
    expect(await expireGuidanceOffers(t.database.db, t.clock)).toBe(1);
    expect((await mine(b)).find((e: { id: string }) => e.id === wb.id).status).toBe('expired');
    const late = await b.client.post(`/api/guidance/enrolments/${wb.id}/accept`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('OFFER_NOT_OPEN');
    const taken = await c.client.post(`/api/guidance/enrolments/${wc.id}/accept`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().status).toBe('confirmed');
    await clockTo('2026-12-01T09:00:00+08:00');
  });

  it('takes attendance once per family, by the list or the door code, and the family’s year moves', async () => {
    const id = await publish(2);
    const [a, b, c] = [await makeFamily(t), await makeFamily(t), await makeFamily(t)];
    const ea = (await enrol(a.client, id)).json();
    const eb = (await enrol(b.client, id)).json();
    const ec = (await enrol(c.client, id)).json();
    const attend = (body: Record<string, unknown>) => leader.client.post(`/api/guidance/manage/events/${id}/attendance`, body);
    const early = await attend({ enrolmentId: ea.id });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ATTENDANCE_NOT_OPEN');
    const { date } = (await t.app.inject({ method: 'GET', url: `/api/guidance/events/${id}` })).json();
    await clockTo(`${date}T09:20:00+08:00`);
    try {
      const byList = await attend({ enrolmentId: ea.id });
      expect(byList.statusCode, byList.body).toBe(200);
      expect(byList.json().already).toBe(false);
      expect((await attend({ enrolmentId: ea.id })).json().already).toBe(true); // once
      expect((await attend({ code: eb.doorCode })).json()).toMatchObject({ id: eb.id, already: false });
      const unknown = await attend({ code: eb.doorCode === '000000' ? '000001' : '000000' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('DOOR_CODE_UNKNOWN');
      const waiting = await attend({ enrolmentId: ec.id });
      expect(waiting.json().code).toBe('ENROLMENT_NOT_CONFIRMED');
      expect((await attend({ code: '12ab56' })).statusCode).toBe(400);
      // Each attended family's year says 1 of 10; the roster says who came and how.
      const now = (f: { guardianId: string }) => clientOf(t, { id: f.guardianId, role: 'guardian' }); // signed in at the moved clock
      const year = (await (await now(a)).get('/api/family/guidance')).json();
      expect(year.progress).toEqual({ year: 2026, done: 1, target: 10, reached: false });
      expect(year.enrolments[0]).toMatchObject({ id: ea.id, attendedAt: expect.any(String) });
      expect((await (await now(c)).get('/api/family/guidance')).json().progress.done).toBe(0);
      const roster = (await leader.client.get(`/api/guidance/manage/events/${id}/enrolments`)).json();
      expect(roster.enrolments.map((e: { id: string; attendanceMethod: string | null }) => [e.id, e.attendanceMethod])).toEqual([
        [ea.id, 'list'],
        [eb.id, 'code'],
        [ec.id, null],
      ]);
      expect(roster.enrolments[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      const audited = await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('entity_id', '=', id)
        .where('action', 'in', ['guidance.roster.read', 'guidance.attend'])
        .execute();
      expect(audited.map((r) => r.action).sort()).toEqual(['guidance.attend', 'guidance.attend', 'guidance.roster.read']);
      const auditor = await makeAccount(t, 'audit_admin');
      const told = (await auditor.client.get(`/api/audit?action=guidance.attend&entityId=${id}`)).json().items;
      const how = told.map((e: { details: { key: string; value: string }[] }) => e.details.find((d) => d.key === 'method')?.value).sort();
      expect(how).toEqual(['名单签到', '签到码']);
      expect(told[0].record.name).toMatch(/^幼儿营养与辅食添加\(2026年12月\d+日 周.\)$/);
    } finally {
      await clockTo('2026-12-01T09:00:00+08:00');
    }
  });

  it('reminds enrolled families the day before with their code, once', async () => {
    const id = await publish(3);
    const a = await makeFamily(t);
    const code = (await enrol(a.client, id)).json().doorCode;
    const { date } = (await t.app.inject({ method: 'GET', url: `/api/guidance/events/${id}` })).json();
    await clockTo(new Date(new Date(`${date}T18:05:00+08:00`).getTime() - 86_400_000).toISOString());
    try {
      expect(await sendGuidanceReminders(t.database.db, t.clock)).toBeGreaterThanOrEqual(1);
      expect(await sendGuidanceReminders(t.database.db, t.clock)).toBe(0);
      const [reminder] = await sms(a.phone, 'guidanceReminder');
      expect(reminder.body).toContain(`签到码 ${code}`);
    } finally {
      await clockTo('2026-12-01T09:00:00+08:00');
    }
  });

  it('cancels an event: every enrolment is cancelled and each family told, even one that switched messages off', async () => {
    const id = await publish(1);
    const [a, b, late] = [await makeFamily(t), await makeFamily(t), await makeFamily(t)];
    await enrol(a.client, id);
    await enrol(b.client, id);
    const off = await b.client.put('/api/family/notices', { notice: 'guidanceCancelled', enabled: false });
    expect(off.statusCode).toBe(422); // an event called off is always told
    const res = await leader.client.post(`/api/guidance/manage/events/${id}/cancel`, { reason: '讲师临时有事' });
    expect(res.json()).toEqual({ cancelled: 2 });
    for (const f of [a, b]) expect((await sms(f.phone, 'guidanceCancelled'))[0].body).toContain('讲师临时有事');
    const after = await enrol(late.client, id);
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('EVENT_CANCELLED');
  });

  /** The event's fields as the console sends them back on an edit. */
  const edited = (changes: Record<string, unknown>) => ({ ...EVENT, ...changes });
  const dayOf = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/guidance/events/${id}` })).json().date as string;

  it('tells each family with a live enrolment once when the time changes, in words; the audit records what changed', async () => {
    const id = await publish(1);
    const date = await dayOf(id);
    const [a, b, c, gone] = [await makeFamily(t), await makeFamily(t), await makeFamily(t), await makeFamily(t)];
    expect((await enrol(a.client, id)).json().status).toBe('confirmed');
    const quitter = (await enrol(gone.client, id)).json();
    expect((await gone.client.post(`/api/guidance/enrolments/${quitter.id}/cancel`)).statusCode).toBe(200);
    expect((await enrol(b.client, id)).json().status).toBe('waitlisted');
    expect((await enrol(c.client, id)).json().status).toBe('waitlisted');
    const body = edited({ date, startTime: '14:00', endTime: '15:30', seats: 1 });
    const preview = await leader.client.post(`/api/guidance/manage/events/${id}/change-preview`, body);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({ changes: ['time'], families: 3 });
    expect(await sms(a.phone, 'guidanceChanged')).toEqual([]); // the preview tells nobody
    const res = await leader.client.put(`/api/guidance/manage/events/${id}`, body);
    expect(res.statusCode, res.body).toBe(200);
    const [y, m, d] = date.split('-').map(Number);
    for (const f of [a, b, c]) {
      const told = await sms(f.phone, 'guidanceChanged');
      expect(told).toHaveLength(1);
      expect(told[0].body).toMatch(
        new RegExp(`^【宝宝屋】育儿指导“幼儿营养与辅食添加”有变更:时间改为 ${y}年${m}月${d}日 周. 14:00–15:30,地点:早教中心二楼活动室。`),
      );
    }
    expect(await sms(gone.phone, 'guidanceChanged')).toEqual([]); // its enrolment was cancelled
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('entity_id', '=', id)
      .where('action', '=', 'guidance.update')
      .execute();
    expect(audit.map((r) => r.detail)).toEqual([{ date, seats: 1, changed: ['time'], notified: 3 }]);
    const auditor = await makeAccount(t, 'audit_admin');
    const [item] = (await auditor.client.get(`/api/audit?action=guidance.update&entityId=${id}`)).json().items;
    const shown = Object.fromEntries(item.details.map((x: { key: string; value: string }) => [x.key, x.value]));
    expect(shown).toMatchObject({ changed: '时间', notified: '3' });
  });

  it('tells nobody when only the title, description or seats change', async () => {
    const id = await publish(2);
    const date = await dayOf(id);
    const a = await makeFamily(t);
    await enrol(a.client, id);
    const body = edited({ date, title: '辅食添加答疑', description: '新的介绍', seats: 6 });
    expect((await leader.client.post(`/api/guidance/manage/events/${id}/change-preview`, body)).json()).toEqual({
      changes: [],
      families: 0,
    });
    const res = await leader.client.put(`/api/guidance/manage/events/${id}`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: '辅食添加答疑', seats: 6 });
    expect(await sms(a.phone, 'guidanceChanged')).toEqual([]);
    const [audit] = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('entity_id', '=', id)
      .where('action', '=', 'guidance.update')
      .execute();
    expect(audit.detail).toEqual({ date, seats: 6 });
  });

  it('tells of a new place, and of a move online without the link in the message; an expired offer is not told', async () => {
    const id = await publish(1);
    const date = await dayOf(id);
    const [a, b, c] = [await makeFamily(t), await makeFamily(t), await makeFamily(t)];
    const seat = (await enrol(a.client, id)).json();
    const wb = (await enrol(b.client, id)).json();
    await enrol(c.client, id);
    // a gives up her seat; b is offered it and lets the offer run out; c is then offered it.
    await a.client.post(`/api/guidance/enrolments/${seat.id}/cancel`);
    await clockTo('2026-12-01T11:01:00+08:00');
    try {
      await expireGuidanceOffers(t.database.db, t.clock);
      const mine = (await b.client.get('/api/family/guidance')).json().enrolments;
      expect(mine.find((e: { id: string }) => e.id === wb.id).status).toBe('expired');
      const moved = await leader.client.put(`/api/guidance/manage/events/${id}`, edited({ date, seats: 1, place: '一楼大厅' }));
      expect(moved.statusCode, moved.body).toBe(200);
      expect((await sms(c.phone, 'guidanceChanged')).map((m) => m.body)).toEqual([
        '【宝宝屋】育儿指导“幼儿营养与辅食添加”有变更:地点改为 一楼大厅。您的报名仍然有效,如不能参加请在 H5「育儿指导」中取消报名。',
      ]);
      for (const f of [a, b]) expect(await sms(f.phone, 'guidanceChanged')).toEqual([]);
      const link = 'https://meeting.example.cn/j/5150';
      const online = edited({ date, seats: 1, mode: 'online', place: null, meetingUrl: link });
      expect((await leader.client.post(`/api/guidance/manage/events/${id}/change-preview`, online)).json()).toEqual({
        changes: ['mode', 'meetingUrl'],
        families: 1,
      });
      expect((await leader.client.put(`/api/guidance/manage/events/${id}`, online)).statusCode).toBe(200);
      const told = await sms(c.phone, 'guidanceChanged');
      expect(told).toHaveLength(2);
      expect(told.map((m) => m.body).join()).toContain('改为线上直播,开始前可在 H5「育儿指导」中进入直播');
      expect(JSON.stringify(told)).not.toContain(link);
      // The same link again: nothing new to tell.
      expect((await leader.client.put(`/api/guidance/manage/events/${id}`, online)).statusCode).toBe(200);
      expect(await sms(c.phone, 'guidanceChanged')).toHaveLength(2);
    } finally {
      await clockTo('2026-12-01T09:00:00+08:00');
    }
  });

  it('a change is always told: the family cannot switch it off', async () => {
    const a = await makeFamily(t);
    const off = await a.client.put('/api/family/notices', { notice: 'guidanceChanged', enabled: false });
    expect(off.statusCode).toBe(422);
    expect(off.json().code).toBe('NOTICE_ALWAYS_SENT');
  });

  it('tells each waiting family where it stands in line, and moves them up when one ahead withdraws', async () => {
    const id = await publish(1);
    const [seated, a, b, c] = [await makeFamily(t), await makeFamily(t), await makeFamily(t), await makeFamily(t)];
    await enrol(seated.client, id);
    const mine = async (f: { client: Client }) =>
      (
        (await f.client.get('/api/family/guidance')).json().enrolments as {
          event: { id: string };
          status: string;
          queuePosition: number | null;
        }[]
      ).find((e) => e.event.id === id)!;
    const wa = (await enrol(a.client, id)).json();
    await enrol(b.client, id);
    await enrol(c.client, id);
    expect((await mine(seated)).queuePosition).toBeNull(); // confirmed: not in line
    expect([await mine(a), await mine(b), await mine(c)].map((e) => [e.status, e.queuePosition])).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);
    expect((await a.client.post(`/api/guidance/enrolments/${wa.id}/cancel`)).statusCode).toBe(200);
    expect((await mine(a)).queuePosition).toBeNull();
    expect([(await mine(b)).queuePosition, (await mine(c)).queuePosition]).toEqual([1, 2]);
  });

  it('keeps a provider’s opening hours (closing after opening, each day once) and shows them with its events', async () => {
    const district = await makeAccount(t, 'district_admin');
    const body = (openingHours: unknown) => ({
      kind: 'early_education_centre',
      name: provider.name,
      streetId: provider.streetId,
      address: '虹口区东江湾路 1 号',
      openingHours,
    });
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:30', close: '17:00' }));
    for (const bad of [
      [{ weekday: 1, open: '17:00', close: '08:30' }],
      [{ weekday: 2, open: '09:00', close: '09:00' }],
      [...weekdays, { weekday: 1, open: '09:00', close: '10:00' }],
    ]) {
      const res = await district.client.put(`/api/guidance/providers/${provider.providerId}`, body(bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(422);
      expect(res.json()).toMatchObject({ code: 'OPENING_HOURS_INVALID', errors: [{ field: 'body.openingHours' }] });
    }
    for (const bad of [[{ weekday: 8, open: '09:00', close: '10:00' }], [{ weekday: 1, open: '9:00', close: '10:00' }]]) {
      const res = await district.client.put(`/api/guidance/providers/${provider.providerId}`, body(bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain('openingHours');
    }
    const saturday = { weekday: 6, open: '09:00', close: '12:00' };
    const ok = await district.client.put(`/api/guidance/providers/${provider.providerId}`, body([saturday, ...weekdays]));
    expect(ok.statusCode, ok.body).toBe(200);
    const listed = (await district.client.get('/api/guidance/providers')).json();
    expect(listed.find((p: { id: string }) => p.id === provider.providerId).openingHours).toEqual([...weekdays, saturday]);
    const id = await publish(3);
    const seen = (await t.app.inject({ method: 'GET', url: `/api/guidance/events/${id}` })).json();
    expect(seen.organiserHours).toEqual([...weekdays, saturday]);
  });

  it('keeps a 宝宝屋’s own events to its manager, and another provider’s 指导师 out of this one', async () => {
    const house = await makeStaffedHouse(t);
    const own = await house.manager.client.post('/api/guidance/manage/events', { ...EVENT, date: '2026-12-29', seats: 8 });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ organiser: house.name, organiserKind: 'house' });
    const stranger = await makeAccount(t, 'guidance_provider'); // a provider of its own
    const roster = await stranger.client.get(`/api/guidance/manage/events/${own.json().id}/enrolments`);
    expect(roster.statusCode).toBe(403);
    expect(roster.json().code).toBe('FORBIDDEN_SCOPE');
    const cancel = await stranger.client.post(`/api/guidance/manage/events/${own.json().id}/cancel`, { reason: 'x' });
    expect(cancel.json().code).toBe('FORBIDDEN_SCOPE');
    const listed = (await stranger.client.get('/api/guidance/manage/events?from=2026-12-01&to=2026-12-31')).json();
    expect(listed).toEqual([]);
    const street = (await house.street.client.get('/api/guidance/manage/events?from=2026-12-01&to=2026-12-31')).json();
    expect(street.map((e: { id: string }) => e.id)).toContain(own.json().id);
  });
});
