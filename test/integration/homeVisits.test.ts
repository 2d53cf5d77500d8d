// Issue 11, home visits (§5.5, T4) on PGlite and PostgreSQL: the street assigns a visitor, who sees only her caseload,
// schedules the visit (the family is told by SMS and may ask for another time), records it, and the family confirms
// it in the H5; the street's register shows each family's state, overdue ones included.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { clientOf, makeAccount, makeFamily, makeStaffedHouse, makeStreetAdmin, type Person } from '../support/factory.ts';
import { multipartBody } from '../support/multipart.ts';

describe.each(drivers)('home visits on %s', (driver) => {
  let t: TestApp;
  let street: Person;
  let seq = 0;

  /** Imports one newborn of 四川北路 with this phone, born `born`; returns its register row. */
  async function newborn(phone: string, born: string) {
    const name = `测试宝宝${'甲乙丙丁戊己庚辛'[seq++ % 8]}`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['新生儿姓名', '性别', '出生日期', '监护人姓名', '联系电话', '家庭住址']);
    ws.addRow([name, '女', born, '测试妈妈', phone, '虹口区四川北路 100 号']);
    const form = multipartBody(
      {},
      { name: 'file', filename: 'l.xlsx', type: 'application/octet-stream', data: Buffer.from(await wb.xlsx.writeBuffer()) },
    );
    const res = await street.client.raw('POST', '/api/newborns/import', form.payload, form.contentType);
    expect(res.json().added, res.body).toBe(1);
    const list = (await street.client.get('/api/newborns')).json();
    return list.find((n: { childName: string }) => n.childName === name);
  }

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    street = await makeStreetAdmin(t, 'scbl');
  });
  afterAll(() => t?.close());

  it('runs a visit from assignment to the family’s confirmation, and the register follows', async () => {
    const family = await makeFamily(t); // the guardian's phone is the one on the health system's list
    const n = await newborn(family.phone, '2026-11-01');
    expect(n).toMatchObject({ visitState: 'due', visitDueBy: '2026-12-31', visitor: null });
    const visitor = await makeAccount(t, 'guidance_provider', { displayName: '陆海燕' });
    const candidates = (await street.client.get('/api/newborns/visitors')).json();
    expect(candidates.map((c: { id: string }) => c.id)).toContain(visitor.userId);
    expect((await street.client.put(`/api/newborns/${n.id}/visitor`, { userId: visitor.userId })).statusCode).toBe(204);

    const mine = (await visitor.client.get('/api/visits/caseload')).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: n.id, phone: family.phone, address: '虹口区四川北路 100 号', visitState: 'due' });
    const other = await makeAccount(t, 'guidance_provider');
    expect((await other.client.get('/api/visits/caseload')).json()).toEqual([]);
    const stranger = await other.client.post(`/api/visits/${n.id}/schedule`, { scheduledAt: '2026-12-05T10:00:00+08:00' });
    expect(stranger.statusCode).toBe(403);

    const scheduled = await visitor.client.post(`/api/visits/${n.id}/schedule`, { scheduledAt: '2026-12-05T10:00:00+08:00' });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const sms = (await t.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${family.phone}` })).json();
    expect(sms.find((m: { template: string }) => m.template === 'homeVisitScheduled').body).toContain(
      '陆海燕将于 2026年12月5日 周六 10:00 上门',
    );

    const own = (await family.client.get('/api/family/visits')).json();
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ id: n.id, visitorName: '陆海燕', visitState: 'scheduled' });
    const visitId = own[0].visits[0].id;
    expect((await family.client.post(`/api/family/visits/${visitId}/confirm`)).json().code).toBe('VISIT_NOT_RECORDED');
    expect((await family.client.post(`/api/family/visits/${visitId}/reschedule`, { note: '周六不在家,改周日上午' })).statusCode).toBe(204);
    expect((await visitor.client.get('/api/visits/caseload')).json()[0].visits[0].changeRequested).toBe('周六不在家,改周日上午');

    t.clock.set(new Date('2026-12-06T12:00:00+08:00'));
    const visitor2 = await makeAccount(t, 'district_admin'); // any other role cannot record
    expect((await visitor2.client.post(`/api/visits/${n.id}/record`, {})).statusCode).toBe(403);
    const visitorNow = await clientOf(t, { id: visitor.userId, role: 'guidance_provider' });
    const recorded = await visitorNow.post(`/api/visits/${n.id}/record`, {
      visitedOn: '2026-12-06',
      durationMinutes: 45,
      met: '母亲、外婆',
      topics: ['feeding', 'sleep'],
      observations: '母乳喂养,夜醒两次',
      advice: '按需喂养,建立睡前程序',
      followUp: true,
      referral: 'care',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(
      (await (await clientOf(t, { id: street.userId, role: 'street_admin' })).get('/api/newborns'))
        .json()
        .find((x: { id: string }) => x.id === n.id).visitState,
    ).toBe('awaitingConfirmation');
    const guardianNow = await clientOf(t, { id: family.guardianId, role: 'guardian' });
    expect((await guardianNow.post(`/api/family/visits/${visitId}/confirm`)).statusCode).toBe(204);
    const register = (await (await clientOf(t, { id: street.userId, role: 'street_admin' })).get('/api/newborns')).json();
    expect(register.find((x: { id: string }) => x.id === n.id).visitState).toBe('confirmed');
    // The audit log tells it in words: the newborn by name (as children are to the audit admin), the details labelled.
    const auditor = await makeAccount(t, 'audit_admin');
    const [event] = (await auditor.client.get(`/api/audit?action=visit.record&entityId=${n.id}`)).json().items;
    expect(event.record.name).toBe(`新生儿 ${n.childName}`);
    expect(event.details).toHaveLength(4);
    expect(event.details).toEqual(
      expect.arrayContaining([
        { key: 'visitedOn', label: '上门日期', value: '2026年12月6日 周日' },
        { key: 'topicNames', label: '指导主题', value: '营养喂养、睡眠' },
        { key: 'followUp', label: '需要再次跟进', value: '是' },
        { key: 'referral', label: '转介', value: '转介宝宝屋托育预约' },
      ]),
    );
    t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
  });

  it('refuses a visitor outside the rules and bad visit times, naming the field', async () => {
    const n = await newborn('13900009001', '2026-09-01');
    const otherStreetHouse = await makeStaffedHouse(t, { street: 'bwt' });
    const res = await street.client.put(`/api/newborns/${n.id}/visitor`, { userId: otherStreetHouse.carers[0].userId });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'VISITOR_NOT_ELIGIBLE', errors: [{ field: 'body.userId' }] });
    const ownHouse = await makeStaffedHouse(t, { street: 'scbl' });
    expect((await street.client.put(`/api/newborns/${n.id}/visitor`, { userId: ownHouse.carers[0].userId })).statusCode).toBe(204);
    const carer = ownHouse.carers[0].client;
    const past = await carer.post(`/api/visits/${n.id}/schedule`, { scheduledAt: '2026-11-30T10:00:00+08:00' });
    expect(past.json()).toMatchObject({ code: 'VISIT_TIME_INVALID', errors: [{ field: 'body.scheduledAt' }] });
    const future = await carer.post(`/api/visits/${n.id}/record`, {
      visitedOn: '2026-12-02',
      durationMinutes: 30,
      met: '母亲',
      topics: ['feeding'],
    });
    expect(future.json().errors[0].field).toBe('body.visitedOn');
    const topic = await carer.post(`/api/visits/${n.id}/record`, {
      visitedOn: '2026-11-30',
      durationMinutes: 30,
      met: '母亲',
      topics: ['astrology'],
    });
    expect(topic.json().errors[0].field).toBe('body.topics');
    expect(
      (await carer.post(`/api/visits/${n.id}/record`, { visitedOn: '2026-02-30', durationMinutes: 30, met: '母亲', topics: ['feeding'] }))
        .statusCode,
    ).toBe(400);
    // Born 2026-09-01, no visit by 2026-10-31: overdue, flagged to the street.
    const row = (await street.client.get('/api/newborns')).json().find((x: { id: string }) => x.id === n.id);
    expect(row).toMatchObject({ visitState: 'overdue', visitDueBy: '2026-10-31' });
  });
});
