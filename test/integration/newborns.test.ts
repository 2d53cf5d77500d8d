// Issue 11, the newborn register (§5.5, T4) on PGlite and PostgreSQL: a street imports the health system's Excel list
// (good, duplicate and malformed rows give the report they should; a re-import adds nothing twice; the columns are
// found by their headings or mapped on upload), the register is encrypted at rest, shown masked, its reads audited,
// and another street's admin cannot read it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { makeDistrictAdmin, makeStreetAdmin, type Person } from '../support/factory.ts';
import { multipartBody } from '../support/multipart.ts';

async function workbook(headings: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('出生医学证明');
  ws.addRow(headings);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADINGS = ['序号', '新生儿姓名', '性别', '出生日期', '母亲姓名', '联系电话', '家庭住址'];

describe.each(drivers)('the newborn register on %s', (driver) => {
  let t: TestApp;
  let street: Person;

  const upload = (who: Person, file: Buffer, fields: Record<string, string> = {}) => {
    const form = multipartBody(fields, {
      name: 'file',
      filename: '新生儿名单.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: file,
    });
    return who.client.raw('POST', '/api/newborns/import', form.payload, form.contentType);
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    street = await makeStreetAdmin(t, 'scbl');
  });
  afterAll(() => t?.close());

  it('imports good rows, reports duplicates and malformed rows row by row, and adds nothing twice on re-import', async () => {
    const file = await workbook(HEADINGS, [
      [1, '王小满', '男', new Date(Date.UTC(2026, 9, 3)), '刘佳', '13900001111', '虹口区四川北路 1200 弄 5 号'],
      [2, '陈一诺', '女', '2026/8/20', '陈静', '139-0000-2222', '虹口区海宁路 300 号'],
      [3, '王小满', '男', '2026-10-03', '刘佳', '13900001111', '虹口区四川北路 1200 弄 5 号'], // the same baby again
      [4, '', '女', '2026-09-01', '赵敏', '13900003333', '虹口区武进路 88 号'], // no name
      [5, '孙可可', '未知', '2026-13-01', '孙丽', '12345', '短'], // four problems
      [6, '周安安', '女', '2022-01-01', '周洁', '13900004444', '虹口区乍浦路 9 号'], // older than three
      [7, '吴未来', '男', '2027-01-01', '吴芳', '13900005555', '虹口区塘沽路 10 号'], // not born yet
    ]);
    const res = await upload(street, file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ total: 7, added: 2, duplicates: 1, refused: 4 });
    const byRow = (n: number) => report.rows.find((r: { row: number }) => r.row === n);
    expect(byRow(2)).toEqual({ row: 2, status: 'added', childName: '王**', problems: [] });
    expect(byRow(4).status).toBe('duplicate');
    expect(byRow(5).problems).toEqual([{ field: 'childName', code: 'REQUIRED' }]);
    expect(byRow(6).problems.map((p: { field: string; code: string }) => `${p.field}:${p.code}`)).toEqual([
      'sex:SEX_INVALID',
      'birthDate:DATE_INVALID',
      'phone:PHONE_INVALID',
      'address:ADDRESS_INVALID',
    ]);
    expect(byRow(7).problems).toEqual([{ field: 'birthDate', code: 'NOT_A_NEWBORN' }]);
    expect(byRow(8).problems).toEqual([{ field: 'birthDate', code: 'NOT_A_NEWBORN' }]);

    const again = (await upload(street, file)).json();
    expect(again).toMatchObject({ total: 7, added: 0, duplicates: 3, refused: 4 });
    const stored = await t.database.db.selectFrom('newborn').selectAll().where('child_name', 'in', ['王小满', '陈一诺']).execute();
    expect(stored).toHaveLength(2);
    // Encrypted at rest: neither the phone nor the address is in the row in clear.
    expect(JSON.stringify(stored)).not.toContain('13900001111');
    expect(JSON.stringify(stored)).not.toContain('四川北路 1200');
  });

  it('maps columns whose headings the list names differently, and says which ones are missing', async () => {
    const file = await workbook(
      ['婴儿', '性别', '生日', '联系人', '手机', '住址'],
      [['李小雨', '女', '2026-06-06', '李娜', '13900006666', '虹口区山阴路 2 号']],
    );
    const missing = await upload(street, file);
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'SPREADSHEET_COLUMNS_MISSING' });
    expect(missing.json().title).toContain('新生儿姓名、出生日期、监护人姓名');
    const mapped = await upload(street, file, {
      mapping: JSON.stringify({ childName: '婴儿', birthDate: '生日', guardianName: '联系人' }),
    });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json()).toMatchObject({ added: 1, refused: 0 });
    const bad = await upload(street, file, { mapping: '{"childName": 5}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('mapping');
  });

  it('refuses a file that is not a workbook, with the field named', async () => {
    for (const data of [Buffer.from('name,sex\n王,男'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])]) {
      const res = await upload(street, data);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'SPREADSHEET_INVALID', errors: [{ field: 'file' }] });
    }
  });

  it('shows the register masked to its street and the district, audits each read, and keeps other streets out', async () => {
    const file = await workbook(HEADINGS, [[1, '郑乐乐', '男', '2026-07-15', '郑红', '13900007777', '虹口区四川北路 1500 弄 8 号']]);
    expect((await upload(street, file)).statusCode).toBe(200);
    const list = (await street.client.get('/api/newborns')).json();
    const zheng = list.find((n: { childName: string }) => n.childName === '郑乐乐');
    expect(zheng).toMatchObject({
      sex: 'male',
      birthDate: '2026-07-15',
      guardianName: '郑红',
      phone: '139****7777',
      address: '虹口区四川北路 * 弄 * 号',
    });
    const other = await makeStreetAdmin(t, 'bwt');
    expect((await other.client.get('/api/newborns')).json()).toEqual([]);
    const outside = await other.client.get(`/api/newborns?street=${zheng.streetId}`);
    expect(outside.json()).toEqual([]);
    const district = await makeDistrictAdmin(t);
    expect((await district.client.get(`/api/newborns?street=${zheng.streetId}`)).json().length).toBe(list.length);
    const reads = await t.database.db.selectFrom('audit_event').select('actor_user_id').where('action', '=', 'newborn.list').execute();
    expect(reads.map((r) => r.actor_user_id)).toEqual(expect.arrayContaining([street.userId, other.userId, district.userId]));
  });
});
