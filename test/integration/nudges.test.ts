// Issue 12, nudges, on PGlite and PostgreSQL: from the middle of the year a street reminds the families behind on
// their free care (T3) or guidance (T5) sessions, by SMS through the outbox, at most once a month of each kind.
// In 四川北路: 甲 (one child, 3 free sessions), 乙 (6: half, not behind), the twins' family (7 and 2), 丁 (0, her
// guardian switched the care reminder off) and a family not yet accepted; in 北外滩 one family with none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { districtInstant } from '../../src/domain/time.ts';
import * as f from '../../src/server/modules/testing/factories.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import {
  clientOf,
  makeAccount,
  makeGuidanceEvent,
  makeProvider,
  makeAttendedSession,
  makeStaffedHouse,
  type Person,
} from '../support/factory.ts';

type House = Awaited<ReturnType<typeof makeStaffedHouse>>;
interface Kid {
  childId: string;
  familyId: string;
  guardianId: string;
}

describe.each(drivers)('nudges on %s', (driver) => {
  let t: TestApp;
  let district: Person;
  let admin: Person;
  let bwtAdmin: Person;
  let inspector: Person;
  let scbl: string;
  let bwt: string;
  let fam: Record<'a' | 'b' | 'twins' | 'd' | 'pending' | 'other', string>;
  let day = 0;

  /** `n` free sessions the child was admitted to, each on its own day of 2026. */
  async function delivered(house: House, child: Kid, n: number) {
    for (let i = 0; i < n; i++) {
      day += 1;
      await makeAttendedSession(t, house, child, new Date(Date.UTC(2026, 0, 5) + day * 86_400_000).toISOString().slice(0, 10));
    }
  }

  async function household(street: string, guardianName: string, births: string[], status: 'accepted' | 'submitted' = 'accepted') {
    const h = await f.makeHousehold(t.database.db, t.app.ctx.cipher, t.app.ctx.files, t.clock.now(), {
      street,
      status,
      guardianName,
      children: births.map((birthDate, i) => ({ name: `${guardianName.slice(0, 1)}${'甲乙'[i]}宝`, birthDate })),
    });
    return h.children.map((c) => ({ childId: c.childId, familyId: h.familyId, guardianId: h.guardianId }));
  }

  const outbox = (template: string) =>
    t.database.db.selectFrom('outbox_message').select(['recipient', 'body']).where('template', '=', template).orderBy('body').execute();
  const get = (who: Person, q: string) => who.client.get(`/api/targets/nudges?${q}`);
  const send = (who: Person, body: object) => who.client.post('/api/targets/nudges', body);

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-11-20T09:00:00+08:00' });
    const own = await makeStaffedHouse(t, { street: 'scbl', carers: 1 });
    const other = await makeStaffedHouse(t, { street: 'bwt', carers: 1 });
    scbl = own.streetId;
    bwt = other.streetId;
    admin = own.street;
    bwtAdmin = other.street;
    district = await makeAccount(t, 'district_admin');
    inspector = await makeAccount(t, 'inspector', { department: 'education' });
    const [a] = await household('scbl', '甘雨桐', ['2025-01-10']);
    const [b] = await household('scbl', '白思琪', ['2024-09-01']);
    const twins = await household('scbl', '屠晓东', ['2025-03-03', '2025-03-03']);
    const [d] = await household('scbl', '丁佳', ['2024-11-11']);
    const [pending] = await household('scbl', '潘明', ['2025-01-01'], 'submitted');
    const [other1] = await household('bwt', '欧阳悦', ['2025-02-02']);
    fam = {
      a: a.familyId,
      b: b.familyId,
      twins: twins[0].familyId,
      d: d.familyId,
      pending: pending.familyId,
      other: other1.familyId,
    };
    await delivered(own, a, 3);
    await delivered(own, b, 6);
    await delivered(own, twins[0], 7);
    await delivered(own, twins[1], 2);
    await delivered(own, pending, 1);
    await t.database.db
      .insertInto('guardian_notice_setting')
      .values({ user_id: d.guardianId, notice: 'careNudge', enabled: false, updated_at: t.clock.now() })
      .execute();
    // Guidance: 乙's family attended 5 events (half of 10: not behind); the others none.
    const provider = (await makeProvider(t, { street: 'scbl' })).providerId;
    const guide = await makeAccount(t, 'guidance_provider', { providerId: provider });
    for (let i = 0; i < 5; i++) {
      const date = `2026-0${3 + i}-15`;
      const eventId = await makeGuidanceEvent(t, { providerId: provider, date, createdBy: guide.userId });
      await t.database.db
        .insertInto('guidance_enrolment')
        .values({
          event_id: eventId,
          family_id: b.familyId,
          status: 'confirmed',
          door_code: String(200000 + i),
          attended_at: districtInstant(date, '09:40'),
          attended_by: guide.userId,
          attendance_method: 'list',
          created_by: guide.userId,
          created_at: districtInstant(date, '08:00'),
          updated_at: districtInstant(date, '09:40'),
        })
        .execute();
    }
  });
  afterAll(() => t?.close());

  // Tests run in any order: each starts on 20 November with nothing sent, and signed in afresh (a moved clock ends
  // staff sessions).
  beforeEach(async () => {
    t.clock.set(new Date('2026-11-20T09:00:00+08:00'));
    await t.database.db.deleteFrom('target_nudge').execute();
    await t.database.db.deleteFrom('outbox_message').execute();
    for (const p of [admin, bwtAdmin, district, inspector]) p.client = await clientOf(t, { id: p.userId, role: p.role });
  });

  it('lists the street’s families behind on care, names masked, and audits the read', async () => {
    const reader = await makeAccount(t, 'street_admin', { street: 'scbl' });
    const res = await get(reader, `streetId=${scbl}&kind=care&year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o).toMatchObject({ window: 'open', month: '2026-11-01', due: 12, kind: 'care', year: 2026 });
    const byId = new Map(o.families.map((x: { id: string }) => [x.id, x]));
    expect([...byId.keys()].sort()).toEqual([fam.a, fam.twins, fam.d].sort());
    expect(byId.get(fam.a)).toMatchObject({ name: '甘*桐', used: 3, remindedAt: null, reachable: true });
    expect(byId.get(fam.twins)).toMatchObject({ used: 2, behindChildren: [{ name: '屠*宝', sessions: 2 }] });
    expect(byId.get(fam.d)).toMatchObject({ used: 0, reachable: false });
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['detail', 'entity_id'])
      .where('action', '=', 'targets.list.read')
      .where('actor_user_id', '=', reader.userId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].entity_id).toBe(scbl);
    expect(audit[0].detail).toMatchObject({ target: 'T3', kind: 'care', year: 2026 });
    expect((audit[0].detail as { familyIds: string[] }).familyIds).toHaveLength(3);
  });

  it('lists the families behind on guidance (乙 has half: not behind)', async () => {
    const o = (await get(admin, `streetId=${scbl}&kind=guidance`)).json();
    expect(o.due).toBe(10);
    expect(o.families.map((x: { id: string }) => x.id).sort()).toEqual([fam.a, fam.twins, fam.d].sort());
    expect(o.families.every((x: { used: number }) => x.used === 0)).toBe(true);
  });

  it('sends to the eligible through the outbox, says why not for the others, and audits the send', async () => {
    const sender = await makeAccount(t, 'street_admin', { street: 'scbl' });
    const res = await send(sender, {
      streetId: scbl,
      year: 2026,
      kind: 'care',
      familyIds: [fam.a, fam.twins, fam.b, fam.d, fam.pending, fam.other],
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.sent).toBe(2);
    expect(r.familyIds.sort()).toEqual([fam.a, fam.twins].sort());
    const reasons = Object.fromEntries(r.skipped.map((s: { familyId: string; reason: string }) => [s.familyId, s.reason]));
    expect(reasons).toEqual({
      [fam.b]: 'notEligible',
      [fam.pending]: 'notEligible',
      [fam.other]: 'notEligible',
      [fam.d]: 'unreachable',
    });
    const sms = await outbox('careNudge');
    expect(sms.map((m) => m.body)).toEqual([
      '【宝宝屋】您的孩子今年已使用 2/12 次免费托育服务,欢迎通过“宝宝屋”H5 预约附近宝宝屋的照护服务。',
      '【宝宝屋】您的孩子今年已使用 3/12 次免费托育服务,欢迎通过“宝宝屋”H5 预约附近宝宝屋的照护服务。',
    ]);
    const rows = await t.database.db.selectFrom('target_nudge').selectAll().execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((x) => x.month === '2026-11-01' && x.kind === 'care' && x.sent_by === sender.userId && x.due === 12)).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['detail', 'entity_id'])
      .where('action', '=', 'targets.nudge')
      .where('actor_user_id', '=', sender.userId)
      .executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(scbl);
    expect(audit.detail).toMatchObject({ kind: 'care', year: 2026, month: '2026-11', skipped: 4 });
  });

  it('sends at most one of each kind a month: again this month is skipped, guidance is its own, next month again', async () => {
    expect((await send(admin, { streetId: scbl, year: 2026, kind: 'care', familyIds: [fam.a, fam.twins] })).json().sent).toBe(2);
    const again = (await send(admin, { streetId: scbl, year: 2026, kind: 'care', familyIds: [fam.a, fam.twins] })).json();
    expect(again.sent).toBe(0);
    expect(again.skipped.map((s: { reason: string }) => s.reason)).toEqual(['alreadyReminded', 'alreadyReminded']);
    // The district admin is held to the same month.
    expect((await send(district, { streetId: scbl, year: 2026, kind: 'care', familyIds: [fam.a] })).json().sent).toBe(0);
    const listed = (await get(admin, `streetId=${scbl}&kind=care`)).json();
    expect(listed.families.find((x: { id: string }) => x.id === fam.a).remindedAt).not.toBeNull();
    expect(listed.families.find((x: { id: string }) => x.id === fam.d).remindedAt).toBeNull();
    const guidance = (await send(admin, { streetId: scbl, year: 2026, kind: 'guidance', familyIds: [fam.a] })).json();
    expect(guidance.sent).toBe(1);
    expect((await outbox('guidanceNudge')).map((m) => m.body)).toEqual([
      '【宝宝屋】您家今年已参加 0/10 次育儿指导,欢迎通过“宝宝屋”H5「育儿指导」报名活动或学习线上课程。',
    ]);
    // December: a new month.
    t.clock.set(new Date('2026-12-02T09:00:00+08:00'));
    const fresh = await clientOf(t, { id: admin.userId, role: admin.role });
    const december = (await fresh.post('/api/targets/nudges', { streetId: scbl, year: 2026, kind: 'care', familyIds: [fam.a] })).json();
    expect(december).toMatchObject({ sent: 1, month: '2026-12-01' });
    expect(await outbox('careNudge'), JSON.stringify(december)).toHaveLength(3);
  });

  it('keeps a street admin to her street; inspectors cannot; the district reaches every street', async () => {
    const client = admin.client;
    const foreign = await client.post('/api/targets/nudges', { streetId: bwt, year: 2026, kind: 'care', familyIds: [fam.other] });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('FORBIDDEN_SCOPE');
    expect((await client.get(`/api/targets/nudges?streetId=${bwt}&kind=care`)).statusCode).toBe(403);
    const insp = inspector.client;
    expect((await insp.get(`/api/targets/nudges?streetId=${scbl}&kind=care`)).json().code).toBe('FORBIDDEN');
    expect((await insp.post('/api/targets/nudges', { streetId: scbl, year: 2026, kind: 'care', familyIds: [fam.a] })).statusCode).toBe(403);
    // 北外滩's own admin and the district may.
    const bwtClient = bwtAdmin.client;
    expect((await bwtClient.get(`/api/targets/nudges?streetId=${bwt}&kind=care`)).json().families).toHaveLength(1);
    const dist = district.client;
    const r = (await dist.post('/api/targets/nudges', { streetId: bwt, year: 2026, kind: 'care', familyIds: [fam.other] })).json();
    expect(r.sent).toBe(1);
    expect((await dist.get('/api/targets/nudges?streetId=00000000-0000-4000-8000-000000000000&kind=care')).statusCode).toBe(404);
  });

  it('refuses before the year is half over and once it is over', async () => {
    const dist = district.client;
    const early = (await dist.get(`/api/targets/nudges?streetId=${scbl}&kind=care&year=2027`)).json();
    expect(early.window).toBe('tooEarly');
    const res = await dist.post('/api/targets/nudges', { streetId: scbl, year: 2027, kind: 'care', familyIds: [fam.a] });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('NUDGE_TOO_EARLY');
    const over = await dist.post('/api/targets/nudges', { streetId: scbl, year: 2025, kind: 'care', familyIds: [fam.a] });
    expect(over.json().code).toBe('NUDGE_YEAR_OVER');
  });

  it('refuses malformed input naming the field', async () => {
    const dist = district.client;
    const ok = { streetId: scbl, year: 2026, kind: 'care', familyIds: [fam.a] };
    for (const [url, field] of [
      [`/api/targets/nudges?streetId=${scbl}&kind=nap`, 'query.kind'],
      [`/api/targets/nudges?streetId=${scbl}`, 'query.kind'],
      ['/api/targets/nudges?streetId=not-a-uuid&kind=care', 'query.streetId'],
      [`/api/targets/nudges?streetId=${scbl}&kind=care&year=abc`, 'query.year'],
      [`/api/targets/nudges?streetId=${scbl}&kind=care&x=1`, 'query'],
    ] as const) {
      const res = await dist.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].field, url).toContain(field);
    }
    for (const [body, field] of [
      [{ ...ok, kind: 'nap' }, 'body.kind'],
      [{ ...ok, familyIds: [] }, 'body.familyIds'],
      [{ ...ok, familyIds: 'all' }, 'body.familyIds'],
      [{ ...ok, familyIds: ['nope'] }, 'body.familyIds'],
      [{ ...ok, year: '2026x' }, 'body.year'],
      [{ ...ok, streetId: 'x' }, 'body.streetId'],
      [{ ...ok, extra: 1 }, 'body'],
    ] as const) {
      const res = await dist.post('/api/targets/nudges', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].field, JSON.stringify(body)).toContain(field);
    }
  });
});
