// The newborn register in the console (issue 11, T4) on a desktop: the street admin imports the health system's Excel
// list through the upload dialog, reads the row-by-row report (one refused row, one already registered), sees the
// families with their visit state, and assigns a visitor. Records come from the seeding API, not the demo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { desktopPage, screenshot, seed, signInConsole, useE2E } from './harness.ts';

interface Account {
  userId: string;
  username: string;
  password: string;
}

const app = useE2E();

async function list(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('出生医学证明');
  ws.addRow(['序号', '新生儿姓名', '性别', '出生日期', '母亲姓名', '联系电话', '家庭住址']);
  ws.addRow([1, '林小禾', '女', '2026-11-19', '林晓', '13900008101', '虹口区四川北路 1318 弄 12 号']);
  ws.addRow([2, '周子墨', '男', '2026-09-20', '周敏', '13900008102', '虹口区山阴路 69 弄 3 号']);
  ws.addRow([3, '林小禾', '女', '2026-11-19', '林晓', '13900008101', '虹口区四川北路 1318 弄 12 号']);
  ws.addRow([4, '陈悦悦', '女', '2026-10-01', '陈思', '1390000', '虹口区多伦路 210 号']);
  const file = path.join(os.tmpdir(), `newborns-${process.pid}.xlsx`);
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

describe('console: the newborn register', () => {
  it('imports the list with a report, shows each family’s visit state and assigns a visitor', async () => {
    const e2e = app();
    const street = await seed<Account>(e2e, 'account', { role: 'street_admin', street: 'scbl' });
    const visitor = await seed<Account>(e2e, 'account', { role: 'guidance_provider', displayName: '陆海燕' });
    const page = await desktopPage(e2e);
    await signInConsole(e2e, page, street.username, street.password);
    await page.locator('[data-qa=nav-newborns]').click();
    await page.locator('[data-qa=newborn-import]').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(await list());
    await page.locator('[data-qa=newborn-import-send]').click();
    const report = page.locator('[data-qa=newborn-import-report]');
    await expect.poll(() => report.textContent()).toContain('共 4 行:新增 2 个家庭,已在名册中 1 个,未能导入 1 行');
    expect(await report.textContent()).toContain('联系电话:不是11位手机号');
    await screenshot(page, 'console-newborns-import-report');
    await page.locator('[data-qa=newborn-import-close]').click();

    await expect.poll(() => page.locator('[data-qa=newborn-name]').allTextContents()).toEqual(['林小禾', '周子墨']);
    // Born 2026-09-20, nothing done by 2026-11-19: overdue; the other is still to arrange.
    expect(await page.locator('[data-qa=newborn-state]').allTextContents()).toEqual(['待安排', '已逾期']);
    expect(await page.locator('.ant-card tbody').last().textContent()).toContain('139****8101');

    await page.locator('[data-qa=newborn-visitor]').first().click();
    await page.locator('.ant-select-item-option', { hasText: '陆海燕' }).click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已为 林小禾 分配入户指导员');
    await screenshot(page, 'console-newborns');
    const caseload = await e2e.test.database.db
      .selectFrom('newborn')
      .select('visitor_user_id')
      .where('child_name', '=', '林小禾')
      .executeTakeFirstOrThrow();
    expect(caseload.visitor_user_id).toBe(visitor.userId);
    await page.context().close();
  });
});
