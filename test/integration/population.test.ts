// Issue 12, what the targets are measured against, on PGlite and PostgreSQL: a street records its resident children
// aged 1–3 and newborns, the district corrects them (a new version, the figure in force is the newest), a street admin
// cannot write another street's, the Excel import reports row by row, a house's approved places never exceed its
// legal capacity, every write is audited and malformed input is refused naming the field.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { makeAccount, makeDistrictAdmin, makeHouse, makeStreetAdmin, type Person } from '../support/factory.ts';
import { multipartBody } from '../support/multipart.ts';

async function workbook(headings: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('常住幼儿数');
  ws.addRow(headings);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const HEADINGS = ['街道', '年份', '常住1-3岁幼儿数', '当年新生儿数', '数据来源', '统计日期'];

describe.each(drivers)('population and places on %s', (driver) => {
  let t: TestApp;
  let street: Person;
  let other: Person;
  let district: Person;
  const streetId = async (code: string) =>
    (await t.database.db.selectFrom('street').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const body = async (code: string, year: number, extra: Record<string, unknown> = {}) => ({
    streetId: await streetId(code),
    year,
    children1to3: 2400,
    newborns: 310,
    source: '公安户籍统计',
    asOf: '2026-01-01',
    ...extra,
  });
  const audits = (action: string) => t.database.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute();

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    street = await makeStreetAdmin(t, 'scbl');
    other = await makeStreetAdmin(t, 'bwt');
    district = await makeDistrictAdmin(t);
  });
  afterAll(() => t?.close());

  it('records a figure, the district corrects it, and the newest version is in force with the history newest first', async () => {
    const first = await street.client.post('/api/population', await body('scbl', 2030));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().inForce).toMatchObject({ children1to3: 2400, newborns: 310, source: '公安户籍统计', asOf: '2026-01-01' });
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const fix = await district.client.post(
      '/api/population',
      await body('scbl', 2030, { children1to3: 2520, source: '街道摸排', note: '更正' }),
    );
    expect(fix.statusCode, fix.body).toBe(201);
    const list = (await street.client.get('/api/population?year=2030')).json();
    expect(list).toHaveLength(1); // only her street
    expect(list[0].inForce).toMatchObject({ children1to3: 2520, source: '街道摸排', note: '更正' });
    expect(list[0].history.map((v: { children1to3: number }) => v.children1to3)).toEqual([2520, 2400]);
    expect(typeof list[0].history[1].recordedBy).toBe('string');
    const all = (await district.client.get('/api/population?year=2030')).json();
    expect(all).toHaveLength(8);
    const rows = (await audits('population.record')).filter((a) => (a.detail as { year?: number }).year === 2030);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.entity_type).toBe('street_population');
    // the audit log names the record in words
    const auditor = await makeAccount(t, 'audit_admin');
    const log = (await auditor.client.get(`/api/audit?entityType=street_population&entityId=${rows[0]!.entity_id}`)).json();
    expect(log.items[0].record.name).toBe('四川北路街道 2030 年人口数据');
  });

  it("refuses a street admin another street's figure (403 FORBIDDEN_SCOPE) and an unknown street (422)", async () => {
    const res = await street.client.post('/api/population', await body('bwt', 2031));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN_SCOPE');
    const unknown = await district.client.post('/api/population', {
      ...(await body('bwt', 2031)),
      streetId: '00000000-0000-4000-8000-00000000ffff',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].field).toBe('body.streetId');
    const list = (await other.client.get('/api/population?year=2031')).json();
    expect(list.map((s: { streetName: string }) => s.streetName)).toEqual(['北外滩街道']);
  });

  it.each([
    ['asOf', { asOf: '2026-02-30' }],
    ['source', { source: 'a\u0000b' }],
    ['source', { source: 'x'.repeat(10000) }],
    ['children1to3', { children1to3: -1 }],
    ['newborns', { newborns: 1.5 }],
    ['year', { year: 1999 }],
  ])('refuses malformed %s with 400 naming the field', async (field, extra) => {
    const res = await district.client.post('/api/population', await body('scbl', 2032, extra));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json())).toContain(field);
  });

  it('refuses a malformed year in the query', async () => {
    const res = await district.client.get('/api/population?year=abc');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('year');
  });

  it('imports rows: added, unchanged on re-import, malformed and other-street rows refused naming the column', async () => {
    const file = await workbook(HEADINGS, [
      ['四川北路街道', 2033, 2300, 280, '公安户籍统计', new Date(Date.UTC(2033, 0, 1))],
      ['四川北路', 2034, 2350, 290, '公安户籍统计', '2034/1/1'],
      ['北外滩街道', 2033, 1800, 200, '公安户籍统计', '2033-01-01'],
      ['四川北路街道', 2035, -5, 290, '公安户籍统计', '2035-01-01'],
      ['四川北路街道', 2035, 2000, 290, '公安户籍统计', '2035-02-30'],
      ['火星街道', 2035, 2000, 290, '公安户籍统计', '2035-01-01'],
    ]);
    const upload = (who: Person, data: Buffer) => {
      const form = multipartBody({}, { name: 'file', filename: '人口.xlsx', type: 'application/octet-stream', data });
      return who.client.raw('POST', '/api/population/import', form.payload, form.contentType);
    };
    const res = await upload(street, file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ added: 2, unchanged: 0, refused: 4 });
    const byRow = (n: number) => report.rows.find((r: { row: number }) => r.row === n);
    expect(byRow(4)).toMatchObject({ outcome: 'refused', column: '街道', code: 'POPULATION_OTHER_STREET' });
    expect(byRow(5)).toMatchObject({ outcome: 'refused', column: '常住1-3岁幼儿数' });
    expect(byRow(6)).toMatchObject({ outcome: 'refused', column: '统计日期' });
    expect(byRow(7)).toMatchObject({ outcome: 'refused', column: '街道', code: 'POPULATION_STREET_UNKNOWN' });
    const again = (await upload(street, file)).json();
    expect(again).toMatchObject({ added: 0, unchanged: 2, refused: 4 });
    const list = (await street.client.get('/api/population?year=2034')).json();
    expect(list[0].inForce).toMatchObject({ children1to3: 2350, asOf: '2034-01-01' });
    // The district may import any street's rows.
    expect((await upload(district, file)).json()).toMatchObject({ added: 1, unchanged: 2, refused: 3 });
    const bad = await upload(street, Buffer.from('not a workbook'));
    expect(bad.statusCode).toBe(422);
  });

  it('serves an import template with the columns', async () => {
    const res = await street.client.get('/api/population/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(HEADINGS);
  });

  it("sets a house's approved places up to its legal capacity, refuses above it naming the field, and audits it", async () => {
    const house = await makeHouse(t, { street: 'scbl', rooms: [['活动室', 30]] }); // 30 m² ÷ 3 = 10
    const over = await street.client.put(`/api/houses/${house.houseId}/places`, { approvedPlaces: 11 });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('PLACES_ABOVE_CAPACITY');
    expect(over.json().errors[0].field).toBe('body.approvedPlaces');
    expect(over.json().title).toContain('10');
    const ok = await street.client.put(`/api/houses/${house.houseId}/places`, { approvedPlaces: 8 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ approvedPlaces: 8, legalCapacity: 10 });
    expect((await street.client.get(`/api/houses/${house.houseId}`)).json().approvedPlaces).toBe(8);
    expect((await audits('house.places')).some((a) => a.entity_id === house.houseId)).toBe(true);
    const neg = await street.client.put(`/api/houses/${house.houseId}/places`, { approvedPlaces: -1 });
    expect(neg.statusCode).toBe(400);
    expect(JSON.stringify(neg.json())).toContain('approvedPlaces');
    const foreign = await other.client.put(`/api/houses/${house.houseId}/places`, { approvedPlaces: 1 });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('FORBIDDEN_SCOPE');
  });
});
