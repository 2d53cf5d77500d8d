// Issue 12, T3 for a child who moved street mid-year, on PGlite and PostgreSQL: the family changes the child's street
// on 1 June; the free sessions before it count in the street it lived in then, those after in the new one, and the
// child itself (with need, reached or not, its list row) in the street it lives in on the day the figures describe —
// for a past year, the street of the year's last day, whatever moves came after. And a parameter changed mid-year:
// the year is measured by the value in force on the day its figures describe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as f from '../../src/server/modules/testing/factories.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { clientOf, makeAccount, makeAttendedSession, makeStaffedHouse, type Person } from '../support/factory.ts';

describe.each(drivers)('a child who moved street, on %s', (driver) => {
  let t: TestApp;
  let district: Person;
  let scbl: string;
  let bwt: string;
  let child: { childId: string; familyId: string; guardianId: string };

  const attended = (house: Parameters<typeof makeAttendedSession>[1], date: string) => makeAttendedSession(t, house, child, date);

  /** The family moves the child to `streetId` on the test clock's day, through the API. */
  async function move(streetId: string) {
    const guardian = await clientOf(t, { id: child.guardianId, role: 'guardian' });
    const res = await guardian.patch(`/api/children/${child.childId}`, { residenceStreetId: streetId, declaredTruthfully: true });
    expect(res.statusCode, res.body).toBe(200);
  }

  const figures = async (year: number) => {
    const client = await clientOf(t, { id: district.userId, role: 'district_admin' });
    const o = (await client.get(`/api/targets?year=${year}`)).json();
    const of = (id: string) => o.streets.find((s: { id: string }) => s.id === id).T3;
    return { scbl: of(scbl), bwt: of(bwt), district: o.district.T3, trend: o.trend };
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-03-01T09:00:00+08:00' });
    const own = await makeStaffedHouse(t, { street: 'scbl', carers: 1 });
    const other = await makeStaffedHouse(t, { street: 'bwt', carers: 1 });
    scbl = own.streetId;
    bwt = other.streetId;
    district = await makeAccount(t, 'district_admin');
    const h = await f.makeHousehold(t.database.db, t.app.ctx.cipher, t.app.ctx.files, t.clock.now(), {
      street: 'scbl',
      children: [{ name: '搬家宝宝', birthDate: '2025-01-10' }],
    });
    child = { childId: h.children[0].childId, familyId: h.familyId, guardianId: h.guardianId };
    for (const date of ['2026-02-02', '2026-02-09', '2026-03-02', '2026-05-04']) await attended(own, date);
    t.clock.set(new Date('2026-06-01T10:00:00+08:00'));
    await move(bwt);
    for (const date of ['2026-07-06', '2026-08-03', '2026-09-07']) await attended(other, date);
    t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
  });
  afterAll(() => t?.close());

  it('counts each session where the child lived on its date, and the child where it lives now', async () => {
    const y = await figures(2026);
    expect(y.scbl).toMatchObject({ children: 0, reached: 0, delivered: 4, due: 0 });
    expect(y.bwt).toMatchObject({ children: 1, reached: 0, delivered: 3, due: 12 });
    // its seven sessions are its own: the 6–11 band of the street it counts in
    expect(y.bwt.distribution.map((d: { n: number }) => d.n)).toEqual([0, 0, 1, 0]);
    expect(y.district).toMatchObject({ children: 1, delivered: 7 });
    expect(y.trend[4].T3delivered).toBe(4); // by the end of May, all in 四川北路 (the district's trend)
    expect(y.trend[8].T3delivered).toBe(7);
  });

  it('lists the child in the street it lives in, with all its sessions of the year', async () => {
    const client = await clientOf(t, { id: district.userId, role: 'district_admin' });
    const list = async (street: string) =>
      (await client.get(`/api/targets/lists?target=T3&streetId=${street}&year=2026`)).json().rows as { detail: { sessions: number } }[];
    expect(await list(scbl)).toEqual([]);
    expect((await list(bwt)).map((r) => r.detail.sessions)).toEqual([7]);
  });

  it('reads a past year as it stood at its end, whatever moves came after', async () => {
    // (tests run in random order: this one puts the clock and the child back where the others expect them)
    t.clock.set(new Date('2027-01-05T10:00:00+08:00'));
    await move(scbl);
    try {
      const past = await figures(2026);
      expect(past.bwt).toMatchObject({ children: 1, delivered: 3 });
      expect(past.scbl).toMatchObject({ children: 0, delivered: 4 });
      const client = await clientOf(t, { id: district.userId, role: 'district_admin' });
      const rows = (await client.get(`/api/targets/lists?target=T3&streetId=${bwt}&year=2026`)).json().rows;
      expect(rows).toHaveLength(1);
      const now = await figures(2027);
      expect(now.scbl.children).toBe(1);
      expect(now.bwt.children).toBe(0);
    } finally {
      await move(bwt);
      t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
    }
  });

  it('measures the year by the parameter in force on the day it describes', async () => {
    const db = t.database.db;
    const param = (value: number, from: string) =>
      db
        .insertInto('policy_parameter')
        .values({ key: 'care.freeSessionsPerYear', value: JSON.stringify(value), effective_from: from })
        .returning('id')
        .executeTakeFirstOrThrow();
    const ids = [(await param(6, '2026-07-01')).id, (await param(20, '2027-01-01')).id];
    try {
      const client = await clientOf(t, { id: district.userId, role: 'district_admin' });
      const o = (await client.get('/api/targets?year=2026')).json();
      expect(o.parameters.careSessions).toBe(6);
      const bwtT3 = o.streets.find((x: { id: string }) => x.id === bwt).T3;
      // seven sessions against six: reached, and delivered counts up to six of them
      expect(bwtT3).toMatchObject({ children: 1, reached: 1, due: 6 });
      expect(bwtT3.distribution.map((d: { band: string }) => d.band)).toEqual(['0', '1–2', '3–5', '6+']);
    } finally {
      await db.deleteFrom('policy_parameter').where('id', 'in', ids).execute();
    }
  });
});
