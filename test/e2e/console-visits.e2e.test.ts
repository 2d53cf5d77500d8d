// A home visitor's caseload in the console on a 390 px phone (issue 11, T4): the street has imported its newborn list
// and assigned her a family; she schedules the visit, sees the family's request for another time, moves it, and
// records the visit, after which the family's confirmation is awaited. Records come from the seeding API and the API.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { phonePage, screenshot, seed, signInConsole, useE2E } from './harness.ts';
import { signIn as apiSignIn } from '../support/client.ts';
import { multipartBody } from '../support/multipart.ts';
import { clientOf } from '../support/factory.ts';

interface Account {
  userId: string;
  username: string;
  password: string;
}

const app = useE2E();

describe('console: a home visitor’s caseload on a phone', () => {
  it('schedules, moves and records a visit to a newborn family', async () => {
    const e2e = app();
    const streetAccount = await seed<Account>(e2e, 'account', { role: 'street_admin', street: 'scbl' });
    const visitorAccount = await seed<Account>(e2e, 'account', { role: 'guidance_provider', displayName: '陆海燕' });
    const family = await seed<{ phone: string; guardianId: string }>(e2e, 'family', { street: 'scbl' });
    const street = await apiSignIn(e2e.test.app, streetAccount.username, streetAccount.password);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['新生儿姓名', '性别', '出生日期', '监护人姓名', '联系电话', '家庭住址']);
    ws.addRow(['林小禾', '女', '2026-11-10', '林晓', family.phone, '虹口区四川北路 1318 弄 12 号']);
    const form = multipartBody(
      {},
      { name: 'file', filename: 'l.xlsx', type: 'application/octet-stream', data: Buffer.from(await wb.xlsx.writeBuffer()) },
    );
    expect((await street.raw('POST', '/api/newborns/import', form.payload, form.contentType)).json().added).toBe(1);
    const [newborn] = (await street.get('/api/newborns')).json();
    expect((await street.put(`/api/newborns/${newborn.id}/visitor`, { userId: visitorAccount.userId })).statusCode).toBe(204);

    const page = await phonePage(e2e);
    // The phone's clock reads the server's (the record form starts on today's date).
    await page.clock.setSystemTime(e2e.test.clock.now());
    await signInConsole(e2e, page, visitorAccount.username, visitorAccount.password);
    await page.goto(`${e2e.baseUrl}/console/visits`);
    const card = page.locator('[data-qa=visit-family]');
    await expect.poll(() => card.textContent()).toContain('林小禾');
    expect(await card.locator('[data-qa=visit-state]').textContent()).toBe('待安排');
    const pick = async (value: string) => {
      const input = card.locator('[data-qa=visit-time] input').or(card.locator('input[data-qa=visit-time]')).first();
      await input.click();
      await input.fill(value);
      await input.press('Enter');
    };
    await pick('2026-12-05 10:00');
    await card.locator('[data-qa=visit-schedule]').click();
    await expect.poll(() => card.locator('[data-qa=visit-when]').textContent()).toContain('2026年12月5日 周六 10:00');

    // The family asks for another time (the H5 does this through the same API).
    const fam = await clientOf(e2e.test, { id: family.guardianId, role: 'guardian' });
    const visitId = (await fam.get('/api/family/visits')).json()[0].visits[0].id;
    expect((await fam.post(`/api/family/visits/${visitId}/reschedule`, { note: '周六不在家,周日上午可以' })).statusCode).toBe(204);
    await page.reload();
    await expect.poll(() => card.locator('[data-qa=visit-change]').textContent()).toContain('周六不在家,周日上午可以');
    await pick('2026-12-06 10:00');
    await card.locator('[data-qa=visit-schedule]').click();
    await expect.poll(() => card.locator('[data-qa=visit-when]').textContent()).toContain('2026年12月6日 周日 10:00');
    await screenshot(page, 'console-visits-caseload');

    await card.locator('[data-qa=visit-record]').click();
    const modal = page.locator('.ant-modal');
    await modal.locator('[data-qa=visit-met]').fill('母亲、外婆');
    await modal.locator('[data-qa=visit-topics]').click();
    await page.locator('.ant-select-item-option', { hasText: '营养喂养' }).click();
    await page.keyboard.press('Escape');
    await screenshot(page, 'console-visits-record');
    await modal.locator('.ant-btn-primary').click();
    await expect.poll(() => card.locator('[data-qa=visit-state]').textContent()).toBe('待家庭确认');
    await page.context().close();
  });
});
