// Issue 10: the summary above the findings ("checked N houses, M new findings") is of the viewer's scope: a street
// admin sees her street's houses, not the district's; a run of one house does not stand for the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { makeDistrictAdmin, makeHouse, makeStaffedHouse, makeStreetAdmin, type Person, type StaffedHouse } from '../support/factory.ts';

describe.each(drivers)('compliance summary by scope on %s', (driver) => {
  let t: TestApp;
  let ordered: StaffedHouse;
  let district: Person;
  let scbl: Person;
  let bwt: Person;

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    // 四川北路: one house in order (no findings but evidence ones) and one with no staff at all (several findings).
    ordered = await makeStaffedHouse(t, { street: 'scbl' });
    await makeHouse(t, { street: 'scbl' });
    // 北外滩: three houses with no staff.
    for (let i = 0; i < 3; i++) await makeHouse(t, { street: 'bwt' });
    district = await makeDistrictAdmin(t);
    scbl = ordered.street;
    bwt = await makeStreetAdmin(t, 'bwt');
  });
  afterAll(() => t?.close());

  const summary = async (who: Person, query = '') => {
    const res = await who.client.get(`/api/compliance/findings${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { lastRun: { houses: number; opened: number; resolved: number } | null; findings: { houseId: string }[] };
  };

  it('counts the houses and new findings of each viewer’s own scope', async () => {
    const ran = await district.client.post('/api/compliance/run', {});
    expect(ran.statusCode, ran.body).toBe(200);
    const all = await summary(district);
    const street = await summary(scbl);
    const other = await summary(bwt);
    expect(all.lastRun).toMatchObject({ houses: 5, opened: all.findings.length });
    expect(street.lastRun).toMatchObject({ houses: 2, opened: street.findings.length, resolved: 0 });
    expect(other.lastRun).toMatchObject({ houses: 3, opened: other.findings.length });
    expect(street.findings.length + other.findings.length).toBe(all.findings.length);
    expect(street.findings.length).toBeGreaterThan(0);
  });

  it('keeps a street’s summary at its own last run when another street runs its check', async () => {
    await scbl.client.post('/api/compliance/run', {});
    const before = (await summary(scbl)).lastRun;
    t.clock.advance(60_000);
    expect((await bwt.client.post('/api/compliance/run', {})).statusCode).toBe(200);
    const after = (await summary(scbl)).lastRun;
    expect(after).toEqual(before);
    // One house's check speaks for that house only.
    const one = await ordered.manager.client.post('/api/compliance/run', { houseId: ordered.houseId });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().lastRun).toMatchObject({ houses: 1 });
  });
});
