// The parent H5 on a phone: a guardian signs in with a one-time code, finds a house by street and opens it.
// Its records come from the seeding API (a street admin, a family), not from the demo.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phonePage, screenshot, seed, signInByCode, useE2E } from './harness.ts';
import { lastCode, signIn } from '../support/client.ts';

const GUARDIAN = '13955550001';
const HOUSE_NAME = '山阴路社区‘宝宝屋’';
const HOUSE_ADDRESS = '虹口区山阴路 220 号 山阴路居民区睦邻中心一楼';

const app = useE2E();

beforeAll(async () => {
  const e2e = app();
  await seed(e2e, 'family', { phone: GUARDIAN, guardianName: '张雨桐' });
  const account = await seed<{ username: string; password: string }>(e2e, 'account', { role: 'street_admin', street: 'scbl' });
  const admin = await signIn(e2e.test.app, account.username, account.password);
  const streets = (await admin.get('/api/streets')).json() as { id: string; name: string }[];
  const scbl = streets.find((s) => s.name === '四川北路街道');
  expect(scbl).toBeDefined();
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:30', close: '17:00' }));
  const res = await admin.post('/api/houses', {
    streetId: scbl!.id,
    name: HOUSE_NAME,
    address: HOUSE_ADDRESS,
    phone: '021-6500-0103',
    openingHours: weekdays,
    facilities: { drinkingWater: true, washroom: true, nursingRoom: true, ageAppropriateFurniture: true, outdoorArea: false },
    cctvRetentionDays: 30,
    cctvNetworked: true,
    alarmNetworked: true,
    rooms: [{ name: '亲子活动室', areaM2: 40 }],
  });
  expect(res.statusCode, res.body).toBe(201);
});

/** Opens the H5, types the phone and asks for a code; returns once the server has sent it. */
async function requestCode(page: Page, phone: string) {
  const e2e = app();
  await page.goto(`${e2e.baseUrl}/h5/`);
  await page.locator('[data-qa=login-page]').waitFor();
  await page.locator('[data-qa=login-phone] input').fill(phone);
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/auth/otp/request'));
  await page.locator('[data-qa=login-send-code]').click();
  expect((await sent).status()).toBe(202);
  await page.locator('[data-qa=login-send-code]', { hasText: '秒后重发' }).waitFor();
}

describe('parent H5', () => {
  it('signs a guardian in, lists the houses of 四川北路 and opens one', async () => {
    const e2e = app();
    const page = await phonePage(e2e);
    await requestCode(page, GUARDIAN);
    await screenshot(page, 'h5-login');
    const code = await lastCode(e2e.test.app, GUARDIAN);
    await page.locator('[data-qa=login-code] input').fill(code);
    await page.locator('[data-qa=login-submit]').click();

    await page.locator('[data-qa=home-page]').waitFor();
    expect(await page.locator('[data-qa=home-greeting]').textContent()).toContain('张雨桐');
    await screenshot(page, 'h5-home');

    await page.locator('[data-qa=tab-houses]').click();
    await page.locator('[data-qa=street-tab]', { hasText: '四川北路' }).click();
    expect(await page.locator('[data-qa=houses-street]').textContent()).toContain('四川北路街道');
    const card = page.locator('[data-qa=house-card]', { hasText: HOUSE_NAME });
    await card.waitFor();
    expect(await card.textContent()).toContain('可容纳 13 名幼儿'); // 40 ㎡ / 3 ㎡ per child
    await screenshot(page, 'h5-houses');

    await card.click();
    await page.locator('[data-qa=house-detail-name]', { hasText: HOUSE_NAME }).waitFor();
    expect(await page.locator('[data-qa=house-detail-address]').textContent()).toBe(HOUSE_ADDRESS);
    const hours = await page.locator('[data-qa=house-detail-hours]').textContent();
    expect(hours).toContain('08:30–17:00');
    expect(hours).toContain('休息'); // the weekend
    expect(await page.locator('[data-qa=house-detail-call]').getAttribute('href')).toBe('tel:02165000103');
    await screenshot(page, 'h5-house-detail');

    await page.locator('[data-qa=page-back]').click();
    await page.locator('[data-qa=house-card]', { hasText: HOUSE_NAME }).waitFor();
    await page.context().close();
  });

  it('says so when the code is wrong', async () => {
    const e2e = app();
    const page = await phonePage(e2e);
    const phone = '13900000002';
    await requestCode(page, phone);
    const code = await lastCode(e2e.test.app, phone);
    await page.locator('[data-qa=login-code] input').fill(code === '000000' ? '111111' : '000000');
    await page.locator('[data-qa=login-submit]').click();
    await page.locator('.adm-toast-main', { hasText: '验证码错误或已过期' }).waitFor();
    await screenshot(page, 'h5-wrong-code');
    expect(await page.locator('[data-qa=login-page]').isVisible()).toBe(true);
    await page.context().close();
  });

  it('lets the guardian switch off the going-home message on 我的; incidents stay on', async () => {
    const e2e = app();
    const family = await seed<{ phone: string; guardianId: string }>(e2e, 'family', { street: 'scbl' });
    const page = await phonePage(e2e);
    await signInByCode(e2e, page, family.phone);
    await page.locator('[data-qa=tab-me]').click();
    const checkOut = page.locator('[data-qa=notice-checkOut]');
    await checkOut.waitFor();
    expect(await checkOut.getAttribute('data-enabled')).toBe('true');
    expect(await page.locator('[data-qa=notice-incident] [role=switch]').getAttribute('aria-disabled')).toBe('true');
    await screenshot(page, 'h5-me-notices');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/family/notices') && r.request().method() === 'PUT');
    await checkOut.locator('[role=switch]').click();
    expect((await saved).status()).toBe(200);
    await page.locator('[data-qa=notice-checkOut][data-enabled=false]').waitFor();
    await page.reload();
    await page.locator('[data-qa=notice-checkOut][data-enabled=false]').waitFor();
    expect(await page.locator('[data-qa=notice-checkIn]').getAttribute('data-enabled')).toBe('true');
    const row = await e2e.test.database.db
      .selectFrom('guardian_notice_setting')
      .select(['notice', 'enabled'])
      .where('user_id', '=', family.guardianId)
      .execute();
    expect(row).toEqual([{ notice: 'checkOut', enabled: false }]);
    await page.context().close();
  });
});
