// Issue 11 (T4) on the parent H5, on a phone: a newborn family reads its home visit on 家庭. The street admin puts the
// family's baby in the register (an .xlsx upload with the guardian's phone) and assigns a 指导师; the guardian sees
// 待安排 with the date it is due by; the visitor schedules, the guardian reads "已预约 12月5日 周六 10:00 上门" and asks
// for another time with a note; days later the visitor records the visit, and the guardian confirms it on the page and
// sees 已完成. Staff work goes through the API.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phonePage, screenshot, seed, signInByCode, useE2E } from './harness.ts';
import { signIn, type Client } from '../support/client.ts';
import { multipartBody } from '../support/multipart.ts';

interface Account {
  userId: string;
  username: string;
  password: string;
}
interface Family {
  phone: string;
  childId: string;
  childName: string;
}

const app = useE2E(); // the server's clock: Tuesday 2026-12-01 09:00
let street: Client;
let admin: Account;
let visitorAccount: Account;

beforeAll(async () => {
  const e2e = app();
  admin = await seed<Account>(e2e, 'account', { role: 'street_admin', street: 'scbl' });
  street = await signIn(e2e.test.app, admin.username, admin.password);
  visitorAccount = await seed<Account>(e2e, 'account', { role: 'guidance_provider', displayName: '陆海燕' });
});

/** The street's register gets the family's baby, born 2026-11-01 (so due by 2026-12-31); answers its id. */
async function registerNewborn(phone: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['新生儿姓名', '性别', '出生日期', '监护人姓名', '联系电话', '家庭住址']);
  ws.addRow(['周小满', '女', '2026-11-01', '测试妈妈', phone, '虹口区四川北路 100 号']);
  const form = multipartBody(
    {},
    { name: 'file', filename: '新生儿名单.xlsx', type: 'application/octet-stream', data: Buffer.from(await wb.xlsx.writeBuffer()) },
  );
  const res = await street.raw('POST', '/api/newborns/import', form.payload, form.contentType);
  expect(res.json().added, res.body).toBe(1);
  const list = (await street.get('/api/newborns')).json();
  return list.find((n: { childName: string }) => n.childName === '周小满').id;
}

async function openFamily(page: Page) {
  await page.locator('[data-qa=tab-family]').click();
  await page.locator('[data-qa=family-page]').waitFor();
}

describe('parent H5: the home visit of a newborn family', () => {
  it('shows the visit from 待安排 to 已完成, asks for another time, and confirms the recorded visit', async () => {
    const e2e = app();
    const family = await seed<Family>(e2e, 'family', { street: 'scbl' });

    // A family without a newborn in the register sees no 入户指导.
    const page = await phonePage(e2e);
    await page.clock.install({ time: e2e.test.clock.now() });
    await signInByCode(e2e, page, family.phone);
    await page.clock.runFor(3000); // the 登录成功 toast goes
    await openFamily(page);
    await page.locator('[data-qa=family-status]').waitFor();
    expect(await page.locator('[data-qa=home-visits]').count()).toBe(0);

    const newbornId = await registerNewborn(family.phone);
    const assigned = await street.put(`/api/newborns/${newbornId}/visitor`, { userId: visitorAccount.userId });
    expect(assigned.statusCode, assigned.body).toBe(204);

    // 待安排, due by the end of the month.
    await page.reload();
    const card = page.locator(`[data-qa=visit-card][data-newborn-id="${newbornId}"]`);
    await card.waitFor();
    expect(await page.locator('[data-qa=home-visits] h2').textContent()).toBe('入户指导');
    expect(await card.locator('[data-qa=visit-child]').textContent()).toBe('周小满');
    expect(await card.locator('[data-qa=visit-visitor]').textContent()).toBe('指导员 陆海燕');
    expect(await card.locator('[data-qa=visit-state]').textContent()).toBe('待安排');
    expect(await card.locator('[data-qa=visit-due]').textContent()).toBe('应于 12月31日 前完成');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-visits-due');

    // The visitor books Saturday 10:00.
    const visitor = await signIn(e2e.test.app, visitorAccount.username, visitorAccount.password);
    const scheduled = await visitor.post(`/api/visits/${newbornId}/schedule`, { scheduledAt: '2026-12-05T10:00:00+08:00' });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    await page.reload();
    await card.locator('[data-qa=visit-state]', { hasText: '已预约' }).waitFor();
    expect(await card.locator('[data-qa=visit-scheduled]').textContent()).toBe('已预约 12月5日 周六 10:00 上门');
    await screenshot(page, 'h5-visits-scheduled');

    // 申请改期: the note is needed, then sent and shown.
    const ask = card.locator('[data-qa=visit-reschedule]');
    expect(await ask.getAttribute('aria-label')).toBe('为周小满的入户指导申请改期');
    await ask.click();
    const dialog = page.locator('[data-qa=visit-reschedule-dialog]');
    await dialog.waitFor();
    await page.locator('[data-qa=visit-reschedule-send]').click();
    await page.locator('[data-qa=visit-reschedule-missing]').waitFor();
    expect(await page.locator('[data-qa=visit-reschedule-missing]').textContent()).toBe('请写下您方便的时间');
    await page.getByRole('textbox', { name: '告诉指导员您方便的时间' }).fill('周六不在家,改周日上午');
    await page.clock.runFor(500); // the dialog finishes opening
    await screenshot(page, 'h5-visits-reschedule-dialog');
    const sent = page.waitForResponse((r) => r.url().endsWith('/reschedule') && r.request().method() === 'POST');
    await page.locator('[data-qa=visit-reschedule-send]').click();
    expect((await sent).status()).toBe(204);
    await card.locator('[data-qa=visit-change-requested]').waitFor();
    expect(await card.locator('[data-qa=visit-change-requested]').textContent()).toBe('已申请改期:周六不在家,改周日上午');
    expect(await card.locator('[data-qa=visit-reschedule]').count()).toBe(0);
    await page.clock.runFor(3000); // the toast and the dialog go
    await screenshot(page, 'h5-visits-change-requested');
    const caseload = (await visitor.get('/api/visits/caseload')).json();
    expect(caseload[0].visits[0].changeRequested).toBe('周六不在家,改周日上午');

    // Sunday noon: the visitor (signed in again, her session lapsed) records the visit.
    e2e.test.clock.set(new Date('2026-12-06T12:00:00+08:00'));
    await page.clock.setSystemTime(new Date('2026-12-06T12:00:00+08:00'));
    const visitorAgain = await signIn(e2e.test.app, visitorAccount.username, visitorAccount.password);
    const recorded = await visitorAgain.post(`/api/visits/${newbornId}/record`, {
      visitedOn: '2026-12-06',
      durationMinutes: 45,
      met: '母亲',
      topics: ['feeding'],
    });
    expect(recorded.statusCode, recorded.body).toBe(200);

    // 请确认: what the visitor recorded, and 确认已上门.
    await page.reload();
    await card.locator('[data-qa=visit-state]', { hasText: '请确认' }).waitFor();
    const awaiting = card.locator('[data-qa=visit-awaiting]');
    expect(await awaiting.locator('[data-qa=visit-visited-on]').textContent()).toBe('12月6日 周日');
    expect(await awaiting.locator('[data-qa=visit-duration]').textContent()).toBe('45 分钟');
    await expect.poll(() => awaiting.locator('[data-qa=visit-topics]').textContent()).toBe('营养喂养');
    const confirm = awaiting.locator('[data-qa=visit-confirm]');
    expect(await confirm.getAttribute('aria-label')).toBe('确认指导员已为周小满上门指导');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-visits-awaiting');
    const confirmed = page.waitForResponse((r) => r.url().endsWith('/confirm') && r.request().method() === 'POST');
    await confirm.click();
    expect((await confirmed).status()).toBe(204);
    await card.locator('[data-qa=visit-state]', { hasText: '已完成' }).waitFor();
    expect(await card.getAttribute('data-state')).toBe('confirmed');
    expect(await card.locator('[data-qa=visit-confirmed]').textContent()).toBe('12月6日 已上门指导');
    await page.clock.runFor(3000);
    await screenshot(page, 'h5-visits-confirmed');

    // The register follows (the street admin signed in again).
    street = await signIn(e2e.test.app, admin.username, admin.password);
    const row = (await street.get('/api/newborns')).json().find((n: { id: string }) => n.id === newbornId);
    expect(row.visitState).toBe('confirmed');
    e2e.test.clock.set(new Date('2026-12-01T09:00:00+08:00'));
  });
});
