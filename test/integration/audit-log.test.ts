// Issue 10, the audit log in plain Chinese: every event says who (name and role) did what to which record (its name),
// with the details as labelled fields — no action keys, JSON or cut ids; the audit admin filters by person, action or
// area, record and period, and exports what she found as .xlsx (the export itself audited). Only the audit admin
// may read it; malformed filters are 400s naming the field.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, districtInstant } from '../../src/domain/time.ts';
import { writeAudit, type AuditEntry } from '../../src/server/audit.ts';
import { formatDateZh } from '../../src/shared/format.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import {
  FACTORY_PASSWORD,
  makeAccount,
  makeBooking,
  makeFamily,
  makeHouse,
  makeSession,
  makeStaff,
  type Person,
} from '../support/factory.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface Item {
  id: string;
  at: string;
  actor: { id: string | null; name: string; role: string | null; roleLabel: string | null } | null;
  action: string;
  actionLabel: string;
  area: string | null;
  areaLabel: string | null;
  record: { type: string; typeLabel: string; id: string | null; name: string | null } | null;
  description: string;
  details: { key: string; label: string; value: string }[];
  ip: string | null;
}

/** The cells of the first sheet of an .xlsx, row by row (read back with exceljs, as a spreadsheet program would). */
async function readXlsx(file: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
  });
  return rows;
}

describe.each(drivers)('the audit log in plain words on %s', (driver) => {
  let t: TestApp;
  let auditor: Person;
  beforeAll(async () => {
    t = await createTestApp(driver);
    t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
    auditor = await makeAccount(t, 'audit_admin', { displayName: '审计员甲' });
  });
  afterAll(() => t?.close());

  let day = 0;
  /** A day of its own for each test's events (so filters by period see only that test's). */
  const ownDay = () => addDays('2025-01-06', day++ * 3);
  const write = (at: Date, actor: { userId: string; role: string } | null, entry: AuditEntry) =>
    writeAudit(
      t.database.db,
      { now: () => at },
      { actor: actor && { id: actor.userId, role: actor.role as 'carer' }, ip: '10.1.2.3' },
      entry,
    );
  const list = async (query: string, who: Person = auditor) => {
    const res = await who.client.get(`/api/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; items: Item[] };
  };
  const noRawData = (items: Item[]) => {
    for (const i of items) {
      const texts = [i.description, i.record?.name ?? '', ...i.details.flatMap((d) => [d.label, d.value])];
      for (const s of texts) {
        expect(s, `${i.action}: ${s}`).not.toMatch(UUID);
        expect(s, `${i.action}: ${s}`).not.toMatch(/[{}"]/);
      }
      expect(i.description).not.toContain(i.action);
    }
  };

  it('says who did what to which record, by name, with labelled details', async () => {
    const house = await makeHouse(t, { name: '四川北路审计测试‘宝宝屋’' });
    const staff = await makeStaff(t, house.houseId, { role: 'carer', name: '邵文静' });
    const carer = { ...staff.person!, userId: staff.userId! };
    const street = await makeAccount(t, 'street_admin', { displayName: '周丽萍' });
    const fam = await makeFamily(t, { guardianName: '王建国' });
    const date = '2026-12-08';
    const sessionId = await makeSession(t, { houseId: house.houseId, roomId: house.roomIds[0], date, carerIds: [carer.userId] });

    // A real sign-in and a real booking, through the API.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: carer.username, password: FACTORY_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const booking = await makeBooking({ childId: fam.childId, client: fam.client }, sessionId);
    const notice = await fam.client.put('/api/family/notices', { notice: 'checkIn', enabled: false });
    expect(notice.statusCode, notice.body).toBe(200);
    // Reads and changes as the services write them.
    const at = districtInstant('2026-12-01', '14:05');
    await write(at, street, {
      action: 'child.read',
      entityType: 'child',
      entityId: fam.childId,
      detail: { purpose: 'registration.review', familyId: fam.familyId },
    });
    await write(at, carer, {
      action: 'attendance.read',
      entityType: 'care_session',
      entityId: sessionId,
      detail: { children: [fam.childId] },
    });
    await write(at, street, {
      action: 'registration.return',
      entityType: 'family',
      entityId: fam.familyId,
      detail: { reason: '体检证明不清晰' },
    });
    await write(at, carer, { action: 'room.delete', entityType: 'room', entityId: '00000000-0000-4000-8000-000000000001' });
    await write(at, street, {
      action: 'policy.update',
      entityType: 'policy_parameter',
      entityId: 'booking.windowDays',
      detail: { value: 14, effectiveFrom: '2026-12-15' },
    });
    await write(at, null, {
      action: 'auth.failed',
      entityType: 'app_user',
      entityId: carer.userId,
      detail: { failed: 2, username: carer.username },
    });

    const { items } = await list(`actorId=${carer.userId}`);
    const byAction = (a: string, from = items) => from.find((i) => i.action === a)!;
    const signIn = byAction('auth.signIn');
    expect(signIn.description).toBe('邵文静(保育人员)登录了系统');
    expect(signIn.actor).toMatchObject({ id: carer.userId, name: '邵文静', role: 'carer', roleLabel: '保育人员' });
    expect(signIn.actionLabel).toBe('登录');
    expect(signIn.areaLabel).toBe('登录与账号安全');
    expect(signIn.details).toEqual([{ key: 'how', label: '登录方式', value: '用户名和密码' }]);

    const read = byAction('attendance.read');
    expect(read.record).toMatchObject({ type: 'care_session', typeLabel: '场次', id: sessionId });
    expect(read.record!.name).toBe('四川北路审计测试‘宝宝屋’ 2026年12月8日 周二 09:00–11:00');
    expect(read.description).toBe('邵文静(保育人员)查看了 四川北路审计测试‘宝宝屋’ 2026年12月8日 周二 09:00–11:00 的考勤和晨检信息');
    expect(read.details).toEqual([{ key: 'children', label: '涉及幼儿', value: fam.childName }]);

    const deleted = byAction('room.delete');
    expect(deleted.description).toBe('邵文静(保育人员)删除了房间 已删除的房间');
    noRawData(items);

    const streetItems = (await list(`actorId=${street.userId}`)).items;
    const childRead = byAction('child.read', streetItems);
    expect(childRead.description).toBe(`周丽萍(街道管理员)查看了 ${fam.childName} 的信息`);
    expect(childRead.details).toEqual([
      { key: 'purpose', label: '查看目的', value: '受理审核家庭登记' },
      { key: 'familyId', label: '家庭', value: '王建国家庭' },
    ]);
    expect(byAction('registration.return', streetItems).description).toBe('周丽萍(街道管理员)退回了 王建国家庭 的登记');
    expect(byAction('registration.return', streetItems).details).toEqual([{ key: 'reason', label: '原因', value: '体检证明不清晰' }]);
    const policy = byAction('policy.update', streetItems);
    expect(policy.description).toBe('周丽萍(街道管理员)调整了政策参数 预约提前开放天数');
    expect(policy.details).toEqual([
      { key: 'value', label: '新的取值', value: '14' },
      { key: 'effectiveFrom', label: '生效日期', value: '2026年12月15日' },
    ]);
    noRawData(streetItems);

    // The guardian's booking: the child and the session by name, the charge in words.
    const guardianItems = (await list(`actorId=${fam.guardianId}`)).items;
    const booked = byAction('booking.confirm', guardianItems);
    expect(booked.record).toMatchObject({ type: 'booking', id: booking.id });
    expect(booked.description).toBe(`王建国(家长)预约了 ${fam.childName} · 四川北路审计测试‘宝宝屋’ 2026年12月8日 周二 09:00–11:00`);
    expect(booked.details.map((d) => d.label)).toEqual(['场次', '幼儿', '使用免费次数', '费用']);
    expect(booked.details.find((d) => d.key === 'free')!.value).toMatch(/^(是|否)$/);
    expect(booked.details.find((d) => d.key === 'priceFen')!.value).toMatch(/^¥\d+\.\d\d$/);
    const setting = byAction('notice.set', guardianItems);
    expect(setting.description).toBe('王建国(家长)修改了自己的短信通知设置');
    expect(setting.details).toEqual([
      { key: 'notice', label: '通知类型', value: '入园通知' },
      { key: 'enabled', label: '是否接收', value: '否' },
    ]);
    noRawData(guardianItems);

    // A failed sign-in has no actor: the account it tried is named.
    const failed = (await list(`action=auth.failed&entityType=app_user&entityId=${carer.userId}`)).items;
    expect(failed).toHaveLength(1);
    expect(failed[0].actor).toBeNull();
    expect(failed[0].description).toBe(`账号 邵文静(${carer.username}) 登录失败(密码错误)`);
    expect(failed[0].details).toEqual([
      { key: 'failed', label: '连续失败次数', value: '2 次' },
      { key: 'username', label: '用户名', value: carer.username },
    ]);
  });

  it('filters by person, action, area, record and period, each and combined', async () => {
    const d1 = ownDay();
    const d2 = addDays(d1, 1);
    const a = await makeAccount(t, 'district_admin', { displayName: '甲区管' });
    const b = await makeAccount(t, 'district_admin', { displayName: '乙区管' });
    const h1 = await makeHouse(t);
    const h2 = await makeHouse(t);
    const at1 = districtInstant(d1, '10:00');
    const at2 = districtInstant(d2, '23:30'); // late evening in the district: still d2 there, d2+1 nowhere
    await write(at1, a, { action: 'house.update', entityType: 'house', entityId: h1.houseId, detail: { changed: ['address', 'phone'] } });
    await write(at1, a, { action: 'house.suspend', entityType: 'house', entityId: h2.houseId, detail: { reason: '整改' } });
    await write(at2, a, { action: 'user.passwordReset', entityType: 'app_user', entityId: b.userId });
    await write(at2, b, { action: 'house.update', entityType: 'house', entityId: h2.houseId, detail: { changed: ['name'] } });
    const period = `from=${d1}&to=${d2}`;

    expect((await list(period)).total).toBe(4);
    expect((await list(`from=${d1}&to=${d1}`)).items.map((i) => i.action).sort()).toEqual(['house.suspend', 'house.update']);
    expect((await list(`from=${d2}&to=${d2}`)).total).toBe(2);
    expect((await list(`from=${addDays(d2, 1)}&to=${addDays(d2, 1)}`)).total).toBe(0);
    // Person.
    expect((await list(`actorId=${a.userId}`)).total).toBe(3);
    expect((await list(`actorId=${b.userId}`)).items.map((i) => i.description)).toEqual([`乙区管(区教育局管理员)修改了 ${h2.name} 的信息`]);
    // Action, and area (every action of the area).
    expect((await list(`${period}&action=house.update`)).total).toBe(2);
    expect((await list(`${period}&area=house`)).total).toBe(3);
    expect((await list(`${period}&area=admin`)).items.map((i) => i.description)).toEqual([
      `甲区管(区教育局管理员)重置了账号 乙区管(${b.username}) 的密码`,
    ]);
    expect((await list(`${period}&area=admin&action=house.update`)).total).toBe(0); // an action of another area
    // Record: by type and id, and by name.
    expect((await list(`entityType=house&entityId=${h2.houseId}`)).total).toBe(2);
    expect((await list(`${period}&record=${encodeURIComponent(h1.name)}`)).items.map((i) => i.action)).toEqual(['house.update']);
    expect((await list(`${period}&record=${encodeURIComponent('乙区管')}`)).items.map((i) => i.action)).toEqual(['user.passwordReset']);
    expect((await list(`${period}&record=${encodeURIComponent('没有这个名字')}`)).total).toBe(0);
    // Combined.
    const both = await list(`${period}&actorId=${a.userId}&area=house&entityType=house&entityId=${h1.houseId}`);
    expect(both.items.map((i) => i.description)).toEqual([`甲区管(区教育局管理员)修改了 ${h1.name} 的信息`]);
    expect(both.items[0].details).toEqual([{ key: 'changed', label: '修改的内容', value: '地址、电话' }]);
    expect((await list(`${period}&actorId=${b.userId}&action=house.suspend`)).total).toBe(0);
    // Pagination stays: newest first.
    const p1 = await list(`${period}&pageSize=3&page=1`);
    const p2 = await list(`${period}&pageSize=3&page=2`);
    expect(p1.total).toBe(4);
    expect(p1.items).toHaveLength(3);
    expect(p2.items).toHaveLength(1);
    expect(new Date(p1.items[0].at).getTime()).toBeGreaterThanOrEqual(new Date(p2.items[0].at).getTime());
    // The person filter's list: people who acted, by name.
    const actors = await auditor.client.get(`/api/audit/actors?q=${encodeURIComponent('甲区')}`);
    expect(actors.statusCode).toBe(200);
    expect(actors.json()).toEqual([
      { id: a.userId, name: '甲区管', username: a.username, role: 'district_admin', roleLabel: '区教育局管理员' },
    ]);
  });

  it('refuses malformed filters with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30', 'query.from'],
      ['to=2026-13-45', 'query.to'],
      ['from=2026-12-05&to=2026-12-01', 'query.to'],
      ['action=auth.nonsense', 'query.action'],
      ['area=everything', 'query.area'],
      ['actorId=not-a-uuid', 'query.actorId'],
      ['entityType=table', 'query.entityType'],
      ['entityId=a%20b', 'query.entityId'],
      [`record=${'长'.repeat(41)}`, 'query.record'],
      [`record=${'x'.repeat(5000)}`, 'query.record'],
      ['record=%00', 'query.record'],
      ['record=ab%00cd', 'query.record'],
      ['pageSize=100000', 'query.pageSize'],
    ];
    for (const url of ['/api/audit', '/api/audit/export']) {
      for (const [query, field] of cases) {
        if (url.endsWith('export') && query.startsWith('pageSize')) continue;
        const res = await auditor.client.get(`${url}?${query}`);
        expect(res.statusCode, `${url}?${query}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    }
    const backwards = await auditor.client.get('/api/audit?from=2026-12-05&to=2026-12-01');
    expect(backwards.json().errors[0]).toMatchObject({
      field: 'query.to',
      code: 'AUDIT_PERIOD_INVALID',
      message: '结束日期不能早于开始日期',
    });
    const actors = await auditor.client.get(`/api/audit/actors?q=${'x'.repeat(41)}`);
    expect(actors.statusCode).toBe(400);
    expect(actors.json().errors[0].field).toBe('query.q');
  });

  it('is the audit admin’s alone: every other role is refused', async () => {
    for (const url of ['/api/audit', '/api/audit/actors', '/api/audit/export?from=2000-01-03&to=2000-01-03']) {
      expect((await auditor.client.get(url)).statusCode, url).toBe(200);
      const anonymous = await t.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(401);
    }
    const house = await makeHouse(t);
    const others: Person[] = [
      await makeAccount(t, 'system_admin'),
      await makeAccount(t, 'security_admin'),
      await makeAccount(t, 'district_admin'),
      await makeAccount(t, 'street_admin'),
      await makeAccount(t, 'inspector'),
      await makeAccount(t, 'house_manager', { houseId: house.houseId }),
      await makeAccount(t, 'carer', { houseId: house.houseId }),
    ];
    const guardian = await makeFamily(t);
    for (const url of ['/api/audit', '/api/audit/actors', '/api/audit/export']) {
      for (const who of [...others.map((o) => o.client), guardian.client]) {
        const res = await who.get(url);
        expect(res.statusCode, `${url} as ${who.userId}`).toBe(403);
      }
    }
    // A refused export leaves no export event.
    const exports = await t.database.db.selectFrom('audit_event').select('actor_user_id').where('action', '=', 'audit.export').execute();
    const refused = new Set([...others.map((o) => o.userId), guardian.guardianId]);
    expect(exports.filter((e) => refused.has(e.actor_user_id!))).toEqual([]);
  });

  it('exports the filtered events as .xlsx with Chinese headers, and audits the export', async () => {
    const d = ownDay();
    const manager = await makeAccount(t, 'district_admin', { displayName: '导出测试员' });
    const house = await makeHouse(t);
    for (let i = 0; i < 3; i++) {
      await write(districtInstant(d, `0${i + 1}:15`), manager, {
        action: 'house.update',
        entityType: 'house',
        entityId: house.houseId,
        detail: { changed: ['insuranceEnd'], cctvNetworked: i % 2 === 0 },
      });
    }
    const query = `from=${d}&to=${d}&actorId=${manager.userId}`;
    const shown = await list(query);
    const exporter = await makeAccount(t, 'audit_admin', { displayName: '导出审计员' });
    const res = await exporter.client.get(`/api/audit/export?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1])).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['时间', '操作人', '角色', '操作', '说明', '对象类型', '对象', '详情', 'IP 地址']);
    expect(rows.slice(1)).toHaveLength(3);
    expect(rows[1]).toEqual([
      `${formatDateZh(d)} 03:15`,
      '导出测试员',
      '区教育局管理员',
      '修改宝宝屋信息',
      `导出测试员(区教育局管理员)修改了 ${house.name} 的信息`,
      '宝宝屋',
      house.name,
      '修改的内容:保险结束日期\n视频监控联网:是',
      '10.1.2.3',
    ]);
    expect(rows.slice(1).map((r) => r[4])).toEqual(shown.items.map((i) => i.description));

    // The export is itself an event: who exported, with the filter and the number of rows as labelled details.
    const own = await list(`actorId=${exporter.userId}&action=audit.export`);
    expect(own.total).toBe(1);
    expect(own.items[0].description).toBe('导出审计员(审计管理员)导出了审计日志');
    expect(own.items[0].details).toEqual([
      { key: 'from', label: '开始日期', value: formatDateZh(d) },
      { key: 'to', label: '结束日期', value: formatDateZh(d) },
      { key: 'actorId', label: '操作人', value: `导出测试员(${manager.username})` },
      { key: 'rows', label: '导出条数', value: '3 个' },
      { key: 'format', label: '文件格式', value: 'xlsx' },
    ]);
    noRawData(own.items);
  });

  it('refuses an export larger than the cap instead of cutting it, and audits nothing then', async () => {
    const d = ownDay();
    const who = await makeAccount(t, 'district_admin');
    await sql`INSERT INTO audit_event (at, actor_user_id, actor_role, action, entity_type, entity_id, detail)
      SELECT ${districtInstant(d, '12:00')}, ${who.userId}, 'district_admin', 'house.update', 'house', NULL, '{}'::jsonb
      FROM generate_series(1, 5001)`.execute(t.database.db);
    const exporter = await makeAccount(t, 'audit_admin');
    const res = await exporter.client.get(`/api/audit/export?from=${d}&to=${d}`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'AUDIT_EXPORT_TOO_LARGE' });
    expect(res.json().title).toContain('5001');
    expect((await list(`actorId=${exporter.userId}`)).total).toBe(0);
    // A page of them still shows.
    expect((await list(`from=${d}&to=${d}&pageSize=10`)).total).toBe(5001);
  });
});
