// Issue 12 in Chromium: the district admin opens 目标总览 (five cards, a bar per street, the trend, the streets' table),
// drills to 四川北路, opens the children behind T3 (masked names, an audited read) and downloads the year's .xlsx.
// The street's house, a family with a child and a delivered free session come from the seeding API.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBookingAtDoor } from '../../src/server/modules/testing/factories.ts';
import { desktopPage, screenshot, seed, signInConsole, useE2E } from './harness.ts';

const app = useE2E();
let district: { username: string; password: string };

beforeAll(async () => {
  const e2e = app();
  const db = e2e.test.database.db;
  district = await seed(e2e, 'account', { role: 'district_admin' });
  const house = await seed<{ houseId: string; roomIds: string[]; streetId: string; carers: { userId: string }[] }>(e2e, 'house', {
    street: 'scbl',
  });
  await db.updateTable('house').set({ approved_places: 20 }).where('id', '=', house.houseId).execute();
  const admin = await db.selectFrom('app_user').select('id').where('role', '=', 'district_admin').executeTakeFirstOrThrow();
  await db
    .insertInto('street_population')
    .values({
      street_id: house.streetId,
      year: 2026,
      children_1_3: 160,
      newborns: 40,
      source: '公安户籍统计',
      as_of: '2026-01-01',
      recorded_by: admin.id,
      recorded_at: new Date('2026-02-01T10:00:00+08:00'),
    })
    .execute();
  // One child with one free session delivered in March.
  const family = await seed<{ familyId: string; guardianId: string; childId: string }>(e2e, 'family', { street: 'scbl' });
  const session = await seed<{ sessionId: string }>(e2e, 'session', {
    houseId: house.houseId,
    roomId: house.roomIds[0],
    date: '2026-03-10',
  });
  await makeBookingAtDoor(db, { sessionId: session.sessionId, ...family, carerId: house.carers[0].userId, date: '2026-03-10' });
});

describe('the district’s targets', () => {
  it('reads the overview, drills to a street and its children, and exports Excel', async () => {
    const e2e = app();
    const page = await desktopPage(e2e);
    await signInConsole(e2e, page, district.username, district.password);
    await page.goto(`${e2e.baseUrl}/console/targets`);
    await page.locator('[data-qa=target-card]').first().waitFor();
    expect(await page.locator('[data-qa=target-card]').count()).toBe(5);
    const t1 = page.locator('[data-qa=target-card][data-target=T1]');
    expect(await t1.locator('[data-qa=target-headline]').textContent()).toBe('20 / 24 个托额');
    expect(await t1.locator('[data-qa=target-status]').textContent()).toBe('未达标');
    expect(await page.locator('[data-qa=target-card][data-target=T2] [data-qa=target-headline]').textContent()).toBe('1 / 8 个街道');
    expect(await page.locator('[data-qa=targets-street-row]').count()).toBe(8);
    await page.waitForTimeout(600); // the charts' first animation
    await screenshot(page, 'console-targets');

    await page.locator('[data-qa=targets-street-row][data-street=scbl] [data-qa=targets-open-street]').click();
    await page.locator('[data-qa=targets-houses]').waitFor();
    expect(await page.locator('[data-qa=page-title]').textContent()).toBe('四川北路街道 · 目标');
    await page.locator('[data-qa=targets-show-list]').click();
    await page.locator('[data-qa=targets-list-row]').first().waitFor();
    const row = await page.locator('[data-qa=targets-list-row]').first().textContent();
    expect(row).toContain('*'); // masked
    await screenshot(page, 'console-targets-street');
    const audits = await e2e.test.database.db.selectFrom('audit_event').select('id').where('action', '=', 'targets.list.read').execute();
    expect(audits).toHaveLength(1);

    await page.goto(`${e2e.baseUrl}/console/targets`);
    const download = page.waitForEvent('download');
    await page.locator('[data-qa=targets-export]').click();
    const file = await (await download).path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toContain('T3 免费照护');
  });
});
