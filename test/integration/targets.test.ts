// Issue 12, the five targets on PGlite and PostgreSQL, for a small fixture whose figures are worked out by hand below:
// two streets with houses (四川北路 reaching its places, 北外滩 short of them), care sessions delivered, cancelled, missed
// and refused, twins, a child too old and a family not yet accepted, newborns visited, recorded, overdue and not yet
// due, guidance events attended (one of them cancelled) and a course completed. The export holds the API's numbers;
// a street admin reads only her street's lists, and an inspector none.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtInstant } from '../../src/domain/time.ts';
import * as f from '../../src/server/modules/testing/factories.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import {
  makeAccount,
  makeCourse,
  makeGuidanceEvent,
  makeProvider,
  makeAttendedSession,
  makeStaffedHouse,
  type Person,
} from '../support/factory.ts';

describe.each(drivers)('targets on %s', (driver) => {
  let t: TestApp;
  let district: Person;
  let scblAdmin: Person;
  let inspector: Person;
  let scbl: string;
  let bwt: string;
  let day = 0;

  /** One care session on its own day of 2026 with the child booked, and what happened at the door. */
  async function session(
    house: { houseId: string; roomIds: string[]; carers: { userId: string }[] },
    child: { childId: string; familyId: string; guardianId: string },
    what: { free?: boolean; status?: 'confirmed' | 'no_show' | 'cancelled'; admitted?: boolean | null } = {},
  ) {
    day += 1;
    await makeAttendedSession(t, house, child, new Date(Date.UTC(2026, 0, 5) + day * 86_400_000).toISOString().slice(0, 10), what);
  }

  async function household(street: string, births: string[], status: 'accepted' | 'submitted' = 'accepted') {
    const h = await f.makeHousehold(t.database.db, t.app.ctx.cipher, t.app.ctx.files, t.clock.now(), {
      street,
      status,
      children: births.map((birthDate, i) => ({ name: `测试${'甲乙丙丁'[i]}宝`, birthDate })),
    });
    return h.children.map((c) => ({ childId: c.childId, familyId: h.familyId, guardianId: h.guardianId }));
  }

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    const db = t.database.db;
    const own = await makeStaffedHouse(t, { street: 'scbl', carers: 1 });
    const other = await makeStaffedHouse(t, { street: 'bwt', carers: 1 });
    scbl = own.streetId;
    bwt = other.streetId;
    await db.updateTable('house').set({ approved_places: 30 }).where('id', '=', own.houseId).execute();
    await db.updateTable('house').set({ approved_places: 10 }).where('id', '=', other.houseId).execute();
    district = await makeAccount(t, 'district_admin');
    scblAdmin = own.street;
    inspector = await makeAccount(t, 'inspector', { department: 'education' });
    // Population: 四川北路 first 400, corrected to 200 in June; 北外滩 300.
    const population = (street: string, children: number, recordedAt: string, source: string) =>
      db
        .insertInto('street_population')
        .values({
          street_id: street,
          year: 2026,
          children_1_3: children,
          newborns: 50,
          source,
          as_of: '2026-01-01',
          recorded_by: district.userId,
          recorded_at: new Date(recordedAt),
        })
        .execute();
    await population(scbl, 400, '2026-03-01T10:00:00+08:00', '街道摸排');
    await population(scbl, 200, '2026-06-01T10:00:00+08:00', '公安户籍统计');
    await population(bwt, 300, '2026-02-01T10:00:00+08:00', '公安户籍统计');

    // T3 in 四川北路: child1 12 sessions (reached); child2 3 delivered, plus a no-show, a refusal at the door, a paid one
    // and a cancelled one (none count); twins none; a child too old and a family not accepted are not counted at all.
    const [child1] = await household('scbl', ['2024-06-01']);
    const [child2] = await household('scbl', ['2025-01-10']);
    const twins = await household('scbl', ['2025-03-03', '2025-03-03']);
    const [tooOld] = await household('scbl', ['2022-01-01']);
    const [pending] = await household('scbl', ['2025-01-01'], 'submitted');
    const [newbornChild] = await household('scbl', ['2026-05-20']);
    for (let i = 0; i < 12; i++) await session(own, child1);
    for (let i = 0; i < 3; i++) await session(own, child2);
    await session(own, child2, { status: 'no_show', admitted: null });
    await session(own, child2, { admitted: false });
    await session(own, child2, { free: false });
    await session(own, child2, { status: 'cancelled', admitted: null });
    for (let i = 0; i < 5; i++) await session(own, tooOld);
    await session(own, pending);

    // T4 in 四川北路: born Feb (visited, confirmed), Mar (recorded, not confirmed), May (nothing: overdue), Nov 20 (due).
    const newborn = async (birth: string, visit: 'confirmed' | 'recorded' | null) => {
      const row = await db
        .insertInto('newborn')
        .values({
          street_id: scbl,
          child_name: '新生宝宝',
          sex: 'female',
          birth_date: birth,
          guardian_name: '母亲',
          phone_enc: 'x',
          phone_hash: `h-${birth}`,
          address_enc: 'x',
          source: 'import',
          created_by: scblAdmin.userId,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!visit) return;
      await db
        .insertInto('home_visit')
        .values({
          newborn_id: row.id,
          visitor_user_id: own.carers[0].userId,
          status: 'done',
          scheduled_at: new Date(`${birth}T10:00:00+08:00`),
          visited_on: birth,
          duration_minutes: 45,
          recorded_at: new Date(),
          family_confirmed_at: visit === 'confirmed' ? new Date() : null,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
    };
    await newborn('2026-02-01', 'confirmed');
    await newborn('2026-03-01', 'recorded');
    await newborn('2026-05-01', null);
    await newborn('2026-11-20', null);
    await newborn('2025-12-20', 'confirmed'); // last year's: not in 2026's figure

    // T5 in 四川北路: the twins' family 10 events (reached); child1's family 2 events, a cancelled one and a course (3).
    const provider = (await makeProvider(t, { street: 'scbl' })).providerId;
    const guide = await makeAccount(t, 'guidance_provider', { providerId: provider });
    const attend = async (familyId: string, date: string, cancelled = false) => {
      const eventId = await makeGuidanceEvent(t, { providerId: provider, date, createdBy: guide.userId });
      if (cancelled)
        await db.updateTable('guidance_event').set({ status: 'cancelled', cancel_reason: '天气' }).where('id', '=', eventId).execute();
      await db
        .insertInto('guidance_enrolment')
        .values({
          event_id: eventId,
          family_id: familyId,
          status: 'confirmed',
          door_code: String(100000 + day++),
          attended_at: districtInstant(date, '09:40'),
          attended_by: guide.userId,
          attendance_method: 'list',
          created_by: guide.userId,
          created_at: districtInstant(date, '08:00'),
          updated_at: districtInstant(date, '09:40'),
        })
        .execute();
    };
    for (let i = 0; i < 10; i++) await attend(twins[0].familyId, `2026-0${1 + (i % 9)}-1${i % 2}`);
    await attend(child1.familyId, '2026-03-15');
    await attend(child1.familyId, '2026-04-15');
    await attend(child1.familyId, '2026-05-15', true);
    await attend(child1.familyId, '2025-11-15'); // last year
    const course = await makeCourse(t, { providerId: provider, createdBy: guide.userId });
    await db
      .insertInto('course_progress')
      .values({
        course_id: course,
        family_id: child1.familyId,
        started_at: new Date('2026-06-01T20:00:00+08:00'),
        quiz_passed_at: new Date('2026-06-01T20:10:00+08:00'),
        completed_at: new Date('2026-06-01T20:10:00+08:00'),
        updated_at: new Date('2026-06-01T20:10:00+08:00'),
      })
      .execute();
    void newbornChild;
  });
  afterAll(() => t?.close());

  it('computes each street’s figures as worked out by hand', async () => {
    const res = await district.client.get('/api/targets?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    const s = o.streets.find((x: { id: string }) => x.id === scbl);
    const b = o.streets.find((x: { id: string }) => x.id === bwt);
    expect(o.parameters).toMatchObject({ placesShare: 15, careSessions: 12, guidanceSessions: 10, visitWithinDays: 60 });
    // T1: 30 places for 15 % of 200 (the corrected figure) = 30 → met; 北外滩 10 for 45 → short by 35.
    expect(s.T1).toMatchObject({ places: 30, children: 200, needed: 30, ratio: 1, gap: 0, status: 'met' });
    expect(b.T1).toMatchObject({ places: 10, children: 300, needed: 45, gap: 35, status: 'notMet' });
    // T2: two of the eight streets have an operating house.
    expect(o.district.T2).toMatchObject({ streetsWithHouse: 2, streets: 8, ratio: 0.25, status: 'notMet' });
    // T3: child1 (12), child2 (3), the twins (0, 0) — the child too old and the family not accepted are not there.
    expect(s.T3).toMatchObject({ children: 4, reached: 1, delivered: 15, due: 48, ratio: 0.25 });
    expect(s.T3.distribution.map((d: { band: string; n: number }) => [d.band, d.n])).toEqual([
      ['0', 2],
      ['1–5', 1],
      ['6–11', 0],
      ['12+', 1],
    ]);
    expect(s.T3.status).toBe('atRisk'); // 15 of 48 due, 92 % through the year
    // T4: four newborns of 2026; one visit confirmed, one recorded, one overdue (May), one not yet due (November).
    expect(s.T4).toMatchObject({ registered: 4, visited: 1, recorded: 2, overdue: 1, ratio: 0.25, status: 'atRisk' });
    // T5: families with a child of 0–3: child1's, child2's, the twins' (once) and the newborn's = 4; the twins' reached.
    expect(s.T5).toMatchObject({ families: 4, reached: 1, taken: 13 });
    expect(s.T5.distribution.map((d: { n: number }) => d.n)).toEqual([2, 1, 0, 1]);
    // The district adds the streets up.
    expect(o.district.T1).toMatchObject({ places: 40, children: 500, needed: 75 });
    expect(o.district.T3.children).toBe(4);
  });

  it('draws the trend with the figure in force each month', async () => {
    const o = (await district.client.get('/api/targets?year=2026')).json();
    expect(o.trend.map((p: { date: string }) => p.date).slice(0, 2)).toEqual(['2026-01-31', '2026-02-28']);
    expect(o.trend).toHaveLength(12); // January to the 1st of December
    // January: no figure yet; March: 北外滩 300 + 四川北路 400 → 40 of 105 places; June on: 200 + 300 → 40 of 75.
    expect(o.trend[0].T1).toBeNull();
    expect(o.trend[2].T1).toBeCloseTo(40 / 105);
    expect(o.trend[6].T1).toBeCloseTo(40 / 75);
    // child1's 12th session fell in January (a session a day from 6 January).
    expect(o.trend[0].T3).toBeCloseTo(1 / 4);
    // the twins' family's tenth guidance session was on 10 September: T5 reaches 1 of 4 families then
    expect(o.trend[7].T5).toBe(0);
    expect(o.trend[8].T5).toBeCloseTo(1 / 4);
    expect(o.trend[11].T5taken).toBe(13);
  });

  it('gives the street its to-do, most pressing first, from the same figures', async () => {
    const res = await scblAdmin.client.get(`/api/targets/streets/${scbl}?year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    // the family not yet accepted; the May newborn; the twins; the twins' and child2's families (0) and child1's (3 of 10)
    expect(res.json().todo).toEqual([
      { kind: 'registrations', count: 1 },
      { kind: 'visitsOverdue', count: 1 },
      { kind: 'careNone', count: 2 },
      { kind: 'guidanceBehind', count: 3 },
    ]);
    // 北外滩 is short of places (10 of 45)
    const other = (await district.client.get(`/api/targets/streets/${bwt}?year=2026`)).json();
    expect(other.todo).toEqual([{ kind: 'placesGap', count: 35 }]);
  });

  it('keeps a street admin to her street and inspectors to the figures', async () => {
    const mine = (await scblAdmin.client.get('/api/targets?year=2026')).json();
    expect(mine.streets.map((x: { id: string }) => x.id)).toEqual([scbl]);
    expect((await scblAdmin.client.get(`/api/targets/streets/${bwt}`)).json().code).toBe('FORBIDDEN_SCOPE');
    expect((await scblAdmin.client.get(`/api/targets/lists?target=T3&streetId=${bwt}`)).json().code).toBe('FORBIDDEN_SCOPE');
    expect((await inspector.client.get('/api/targets?year=2026')).statusCode).toBe(200);
    expect((await inspector.client.get(`/api/targets/lists?target=T3&streetId=${scbl}`)).json().code).toBe('FORBIDDEN');
  });

  it('lists the children behind T3 with masked names, and audits the read', async () => {
    const res = await scblAdmin.client.get(`/api/targets/lists?target=T3&streetId=${scbl}&year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as { name: string; reached: boolean; detail: { sessions: number } }[];
    expect(rows.map((r) => r.detail.sessions).sort((a, b) => a - b)).toEqual([0, 0, 3, 12]);
    expect(rows.every((r) => r.name.includes('*'))).toBe(true);
    expect(rows.filter((r) => r.reached)).toHaveLength(1);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['detail', 'entity_id'])
      .where('action', '=', 'targets.list.read')
      .where('actor_user_id', '=', scblAdmin.userId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].entity_id).toBe(scbl);
    expect((audit[0].detail as { children: string[] }).children).toHaveLength(4);
    const t4 = (await scblAdmin.client.get(`/api/targets/lists?target=T4&streetId=${scbl}&year=2026`)).json().rows;
    expect(t4.map((r: { detail: { state: string } }) => r.detail.state)).toEqual(['confirmed', 'awaitingConfirmation', 'overdue', 'due']);
    const t5 = (await scblAdmin.client.get(`/api/targets/lists?target=T5&streetId=${scbl}&year=2026`)).json().rows;
    expect(t5.map((r: { detail: { sessions: number } }) => r.detail.sessions).sort((a: number, b: number) => a - b)).toEqual([0, 0, 3, 10]);
  });

  it('exports an .xlsx that holds the same numbers as the API, and audits it', async () => {
    const res = await district.client.get('/api/targets/export?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['说明', 'T1 托额', 'T2 覆盖', 'T3 免费照护', 'T4 入户指导', 'T5 育儿指导']);
    const rowOf = (sheet: string, name: string) => {
      let found: string[] = [];
      book.getWorksheet(sheet)!.eachRow((r) => {
        const v = (r.values as unknown[]).slice(1).map(String);
        if (v[0] === name) found = v;
      });
      return found;
    };
    expect(rowOf('T1 托额', '四川北路街道').slice(1, 7)).toEqual(['30', '200', '30', '100.0%', '0', '达标']);
    expect(rowOf('T3 免费照护', '四川北路街道').slice(1, 6)).toEqual(['4', '1', '25.0%', '15', '48']);
    expect(rowOf('T4 入户指导', '四川北路街道').slice(1, 5)).toEqual(['4', '1', '1', '1']);
    expect(rowOf('T2 覆盖', '全区合计').slice(1, 2)).toEqual(['2']);
    const audit = await t.database.db.selectFrom('audit_event').select('detail').where('action', '=', 'targets.export').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses malformed input naming the field', async () => {
    for (const [url, field] of [
      ['/api/targets?year=abc', 'query.year'],
      ['/api/targets?year=1900', 'query.year'],
      ['/api/targets?year=2026&x=1', 'query'],
      ['/api/targets/lists?target=T9&streetId=00000000-0000-0000-0000-000000000000', 'query.target'],
      ['/api/targets/lists?target=T3&streetId=not-a-uuid', 'query.streetId'],
      ['/api/targets/streets/not-a-uuid', 'params.id'],
    ] as const) {
      const res = await district.client.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].field, url).toContain(field);
    }
  });
});
