// Issue 11, a family reports its own newborn (§5.5, T4) on PGlite and PostgreSQL: the row joins the street's register
// as 家庭申报 with the family linked, encrypted like an imported one and assignable to a visitor; reporting the same baby
// again, or one the street already imported, links the row and says so instead of adding it twice; the family reads
// its own newborns (audited) and nobody else's; another street's admin does not see it; malformed input on every
// field is a 400/422 naming the field.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { clientOf, makeAccount, makeFamily, makeStreetAdmin, type Person } from '../support/factory.ts';
import { multipartBody } from '../support/multipart.ts';

type Family = Awaited<ReturnType<typeof makeFamily>>;
interface Own {
  id: string;
  childName: string;
  streetId: string;
  streetName: string;
  source: string;
  guardianName: string;
  phone: string;
  address: string;
}

describe.each(drivers)('a family reports its newborn on %s', (driver) => {
  let t: TestApp;
  let scbl: Person;
  let bwt: Person;
  let bwtStreetId: string;
  let seq = 0;

  /** A name no other test of this file uses. */
  const babyName = () => `林小${'禾苗穗芽叶果实花蕊枝'[seq++ % 10]}${'甲乙丙丁戊'[Math.floor(seq / 10) % 5]}`;
  const body = (over: Record<string, unknown> = {}) => ({
    childName: babyName(),
    sex: 'female',
    birthDate: '2026-11-20',
    address: '虹口区四川北路 100 弄 2 号 301 室',
    ...over,
  });

  /** The street imports one newborn under this phone. */
  async function importOne(who: Person, row: { name: string; born: string; phone: string }) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['新生儿姓名', '性别', '出生日期', '监护人姓名', '联系电话', '家庭住址']);
    ws.addRow([row.name, '女', row.born, '测试妈妈', row.phone, '虹口区四川北路 200 号']);
    const form = multipartBody(
      {},
      { name: 'file', filename: 'l.xlsx', type: 'application/octet-stream', data: Buffer.from(await wb.xlsx.writeBuffer()) },
    );
    const res = await who.client.raw('POST', '/api/newborns/import', form.payload, form.contentType);
    expect(res.json().added, res.body).toBe(1);
  }

  /** A family whose guardian's registered name the register takes (the factory's own names have digits). */
  const aFamily = () => makeFamily(t, { guardianName: '林悦' });
  const register = async (who: Person) => (await who.client.get('/api/newborns')).json() as { id: string; source: string }[];

  beforeAll(async () => {
    t = await createTestApp(driver, { demo: false, now: '2026-12-01T09:00:00+08:00' });
    scbl = await makeStreetAdmin(t, 'scbl');
    bwt = await makeStreetAdmin(t, 'bwt');
    bwtStreetId = (await t.database.db.selectFrom('street').select('id').where('code', '=', 'bwt').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t?.close());

  it('adds the newborn to the family’s street as 家庭申报, encrypted, linked, in the family’s visits and assignable', async () => {
    const family = await aFamily();
    const b = body();
    const res = await family.client.post('/api/family/newborns', b);
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json() as { alreadyRegistered: boolean; newborn: Own };
    expect(answer.alreadyRegistered).toBe(false);
    expect(answer.newborn).toMatchObject({
      childName: b.childName,
      sex: 'female',
      birthDate: '2026-11-20',
      streetName: '四川北路街道',
      guardianName: '林悦', // the family's guardian by default
      phone: `${family.phone.slice(0, 3)}****${family.phone.slice(-4)}`, // the account's phone
      address: b.address,
      source: 'family',
    });
    const stored = await t.database.db.selectFrom('newborn').selectAll().where('id', '=', answer.newborn.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ source: 'family', family_id: family.familyId, created_by: family.guardianId });
    expect(JSON.stringify(stored)).not.toContain(family.phone);
    expect(JSON.stringify(stored)).not.toContain('100 弄');

    const row = (await register(scbl)).find((n) => n.id === answer.newborn.id);
    expect(row).toMatchObject({ source: 'family', visitor: null, visitState: 'due' });
    const visits = (await family.client.get('/api/family/visits')).json();
    expect(visits).toEqual([expect.objectContaining({ id: answer.newborn.id, visitState: 'due', visitorName: null })]);

    const visitor = await makeAccount(t, 'guidance_provider', { displayName: '陆海燕' });
    expect((await scbl.client.put(`/api/newborns/${answer.newborn.id}/visitor`, { userId: visitor.userId })).statusCode).toBe(204);
    const caseload = (await visitor.client.get('/api/visits/caseload')).json();
    expect(caseload).toEqual([expect.objectContaining({ id: answer.newborn.id, phone: family.phone, address: b.address })]);
  });

  it('takes another street and guardian name when given', async () => {
    const family = await aFamily();
    const res = await family.client.post('/api/family/newborns', body({ streetId: bwtStreetId, guardianName: '林爸爸' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().newborn).toMatchObject({ streetId: bwtStreetId, streetName: '北外滩街道', guardianName: '林爸爸' });
    expect((await register(bwt)).map((n) => n.id)).toContain(res.json().newborn.id);
    expect((await register(scbl)).map((n) => n.id)).not.toContain(res.json().newborn.id);
  });

  it('answers a re-report of the same baby with the row it already has, not a second one', async () => {
    const family = await aFamily();
    const b = body();
    const first = await family.client.post('/api/family/newborns', b);
    expect(first.statusCode).toBe(201);
    const again = await family.client.post('/api/family/newborns', { ...b, address: '虹口区另一条路 9 号' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ alreadyRegistered: true, newborn: { id: first.json().newborn.id, address: b.address } });
    const rows = await t.database.db.selectFrom('newborn').select('id').where('child_name', '=', b.childName).execute();
    expect(rows).toHaveLength(1);
    expect((await family.client.get('/api/family/newborns')).json()).toHaveLength(1);
  });

  it('links a baby the street already imported to the family instead of adding it', async () => {
    const family = await aFamily();
    const name = babyName();
    await importOne(scbl, { name, born: '2026-10-10', phone: family.phone });
    const imported = await t.database.db.selectFrom('newborn').selectAll().where('child_name', '=', name).executeTakeFirstOrThrow();
    expect(imported.family_id).toBeNull();
    const res = await family.client.post('/api/family/newborns', body({ childName: name, birthDate: '2026-10-10' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ alreadyRegistered: true, newborn: { id: imported.id, source: 'import' } });
    const after = await t.database.db.selectFrom('newborn').selectAll().where('child_name', '=', name).execute();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ family_id: family.familyId, source: 'import', address_enc: imported.address_enc });
    const link = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'newborn.link')
      .where('entity_id', '=', imported.id)
      .execute();
    expect(link).toHaveLength(1);
    expect(link[0].actor_user_id).toBe(family.guardianId);
  });

  it('shows a family only its own newborns; another family and another street’s admin see none of them', async () => {
    const family = await aFamily();
    const other = await aFamily();
    const mine = (await family.client.post('/api/family/newborns', body())).json().newborn as Own;
    const own = (await family.client.get('/api/family/newborns')).json() as Own[];
    expect(own.map((n) => n.id)).toEqual([mine.id]);
    expect((await other.client.get('/api/family/newborns')).json()).toEqual([]);
    expect((await other.client.get('/api/family/visits')).json()).toEqual([]);
    expect((await register(bwt)).map((n) => n.id)).not.toContain(mine.id);
    expect((await bwt.client.get(`/api/newborns?street=${mine.streetId}`)).json()).toEqual([]);
    expect((await bwt.client.put(`/api/newborns/${mine.id}/visitor`, { userId: bwt.userId })).statusCode).toBe(403);
    // staff cannot use the family's routes at all
    expect((await scbl.client.get('/api/family/newborns')).statusCode).toBe(403);
    expect((await scbl.client.post('/api/family/newborns', body())).statusCode).toBe(403);
  });

  it('audits the family’s reads and reports', async () => {
    const family: Family = await aFamily();
    const id = (await family.client.post('/api/family/newborns', body())).json().newborn.id;
    await family.client.get('/api/family/newborns');
    await family.client.get('/api/family/visits');
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'detail'])
      .where('actor_user_id', '=', family.guardianId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['newborn.report', 'newborn.readOwn', 'newborn.readOwn']);
    expect(events[0].entity_id).toBe(id);
    const detail = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d);
    expect(detail(events[1].detail)).toMatchObject({ familyId: family.familyId, count: 1 });
    // the audit log reads it in words
    const auditor = await makeAccount(t, 'audit_admin');
    const log = (await auditor.client.get(`/api/audit?actorId=${family.guardianId}`)).json();
    const text = JSON.stringify(log);
    expect(text).toContain('申报了新生儿');
    expect(text).toContain('查看了本家庭的新生儿登记');
  });

  it('needs the street from a guardian who has not registered a family, and her name', async () => {
    const user = await t.database.db
      .insertInto('app_user')
      .values({ role: 'guardian', phone: '13911112222', display_name: '139****2222', status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const client = await clientOf(t, { id: user.id, role: 'guardian' });
    const bare = await client.post('/api/family/newborns', body());
    expect(bare.statusCode).toBe(422);
    expect(
      bare
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.guardianName', 'body.streetId']);
    const ok = await client.post('/api/family/newborns', body({ streetId: bwtStreetId, guardianName: '周宁' }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await t.database.db.selectFrom('newborn').select('family_id').where('id', '=', ok.json().newborn.id).executeTakeFirst()).toEqual(
      { family_id: null },
    );
    expect((await client.get('/api/family/newborns')).json().map((n: Own) => n.id)).toEqual([ok.json().newborn.id]);
    expect((await client.get('/api/family/visits')).json().map((n: Own) => n.id)).toEqual([ok.json().newborn.id]);
  });

  it('registers the baby once when the same report arrives several times at once', async () => {
    const family = await aFamily();
    const b = body();
    const answers = await Promise.all(Array.from({ length: 6 }, () => family.client.post('/api/family/newborns', b)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().newborn.id)).size).toBe(1);
    const rows = await t.database.db.selectFrom('newborn').select('id').where('child_name', '=', b.childName).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses malformed input on every field with a 400/422 naming it, never a 500', async () => {
    const family = await aFamily();
    const long = '林'.repeat(10_000);
    const cases: [Record<string, unknown>, number, string][] = [
      [body({ childName: long }), 400, 'body.childName'],
      [body({ childName: '林\u0000禾' }), 400, 'body.childName'],
      [body({ childName: '林<b>禾' }), 422, 'body.childName'],
      [body({ childName: '   ' }), 400, 'body.childName'],
      [body({ sex: 'unknown' }), 400, 'body.sex'],
      [body({ sex: long }), 400, 'body.sex'],
      [body({ birthDate: '2026-02-30' }), 400, 'body.birthDate'],
      [body({ birthDate: '2026-13-01' }), 400, 'body.birthDate'],
      [body({ birthDate: long }), 400, 'body.birthDate'],
      [body({ birthDate: '2026-12-02' }), 422, 'body.birthDate'], // tomorrow
      [body({ birthDate: '2025-06-01' }), 422, 'body.birthDate'], // more than a year old
      [body({ streetId: 'not-a-street' }), 400, 'body.streetId'],
      [body({ streetId: '7d7d7d7d-7d7d-4d7d-8d7d-7d7d7d7d7d7d' }), 422, 'body.streetId'], // unknown street
      [body({ address: long }), 400, 'body.address'],
      [body({ address: '短' }), 422, 'body.address'],
      [body({ address: '虹口区\u0000路' }), 400, 'body.address'],
      [body({ address: undefined }), 400, 'body.address'],
      [body({ guardianName: long }), 400, 'body.guardianName'],
      [body({ guardianName: '' }), 400, 'body.guardianName'],
      [body({ guardianName: '林123' }), 422, 'body.guardianName'],
      [body({ phone: '13900000000' }), 400, 'body'], // the phone is the account's: not taken from the body
    ];
    for (const [b, status, field] of cases) {
      const res = await family.client.post('/api/family/newborns', b);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const fields = (res.json().errors ?? []).map((e: { field: string }) => e.field);
      expect(fields, `${field}: ${res.body}`).toContain(field);
    }
    const res = await family.client.post('/api/family/newborns', body({ birthDate: '2025-06-01' }));
    expect(res.json()).toMatchObject({
      code: 'NEWBORN_INVALID',
      errors: [{ field: 'body.birthDate', code: 'NEWBORN_BIRTH_DATE_OUT_OF_RANGE' }],
    });
    expect(await t.database.db.selectFrom('newborn').select('id').where('family_id', '=', family.familyId).execute()).toEqual([]);
  });
});
