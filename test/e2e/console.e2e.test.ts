// The staff console on a desktop: a street admin opens a new house with a room and sees its legal capacity; the
// district admin sees the same house read-only; a wrong password is answered in Chinese. The accounts and the
// street's existing houses come from the seeding API, not from the demo.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { desktopPage, screenshot, seed, useE2E } from './harness.ts';

const HOUSE_NAME = '山阴路社区‘宝宝屋’';

interface Account {
  username: string;
  password: string;
}

const app = useE2E();

async function openConsole(page: Page) {
  await page.goto(`${app().baseUrl}/console/`);
  await page.locator('[data-qa=login-username]').waitFor();
}

async function signIn(page: Page, username: string, password: string) {
  await page.locator('[data-qa=login-username]').fill(username);
  await page.locator('[data-qa=login-password]').fill(password);
  await page.locator('[data-qa=login-submit]').click();
}

async function signOut(page: Page) {
  const notice = page.locator('[data-qa=login-notice]', { hasText: '您已安全退出' });
  // On a busy machine the user menu may not have opened on the first click: try again until signed out.
  for (let attempt = 0; attempt < 3 && !(await notice.count()); attempt++) {
    await page.locator('[data-qa=user-menu]').click();
    const logout = page.locator('[data-qa=menu-logout]');
    await logout.waitFor();
    await logout.click();
    await notice.waitFor({ timeout: 10_000 }).catch(() => undefined);
  }
  await notice.waitFor();
}

describe('staff console', () => {
  it('answers a wrong password with the server’s Chinese message', async () => {
    const street = await seed<Account>(app(), 'account', { role: 'street_admin', street: 'scbl' });
    const page = await desktopPage(app());
    await openConsole(page);
    await signIn(page, street.username, 'not-the-password');
    const error = page.locator('[data-qa=login-error]');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(await page.locator('[data-qa=user-menu]').count()).toBe(0);
    await screenshot(page, 'console-login-error');
    await page.context().close();
  });

  it('lets a street admin create a house whose 40 ㎡ room holds 13 children; the district sees it read-only', async () => {
    // 四川北路 has two houses already (and 北外滩 one, which its street admin does not see).
    const e2e = app();
    await seed(e2e, 'house', { street: 'scbl' });
    await seed(e2e, 'house', { street: 'scbl' });
    await seed(e2e, 'house', { street: 'bwt' });
    const street = await seed<Account>(e2e, 'account', { role: 'street_admin', street: 'scbl', displayName: '陈晓岚' });
    const district = await seed<Account>(e2e, 'account', { role: 'district_admin', displayName: '王慧敏(区教育局)' });
    const page = await desktopPage(e2e);
    await openConsole(page);
    await signIn(page, street.username, street.password);

    // The street admin lands on 四川北路街道's workbench: no population figure and the two houses without approved
    // places yet; the to-do says so and leads to where they are set.
    await page.locator('[data-qa=user-name]', { hasText: '陈晓岚' }).waitFor();
    expect(await page.locator('[data-qa=user-role]').textContent()).toContain('街道管理员');
    await page.locator('[data-qa=page-title]', { hasText: '四川北路街道工作台' }).waitFor();
    await page.locator('[data-qa=todo-item][data-kind=populationMissing]').waitFor();
    const unset = page.locator('[data-qa=todo-item][data-kind=placesUnset]');
    expect(await unset.textContent()).toContain('2 个宝宝屋尚未核定托额');
    await screenshot(page, 'console-street-home');
    await unset.getByRole('button', { name: /去处理/ }).click();
    await page.getByRole('tab', { name: '托额', selected: true }).waitFor();

    // Its houses, where it may create one.
    await page.locator('[data-qa=nav-houses]').click();
    await page.locator('[data-qa=house-row]').first().waitFor();
    expect(await page.locator('[data-qa=house-row]').count()).toBe(2);
    await page.locator('[data-qa=house-create]').click();

    // R18: a name outside the pattern is refused as it is typed.
    const name = page.locator('[data-qa=house-form-name]');
    await name.fill('山阴路宝宝屋');
    await page.locator('[data-qa=house-form-address]').click();
    await page.getByText('名称须为“××街道‘宝宝屋’”或“××社区‘宝宝屋’”的统一格式').waitFor();

    // Straight quotes are accepted and shown in the canonical form.
    await name.fill("山阴路社区'宝宝屋'");
    await page.locator('[data-qa=house-form-address]').fill('虹口区山阴路 220 号 山阴路居民区睦邻中心一楼');
    expect(await name.inputValue()).toBe(HOUSE_NAME);
    await page.locator('[data-qa=house-form-phone]').fill('021-6500-0103');
    await page.locator('[data-qa=house-form-room-name]').fill('亲子活动室');
    await page.locator('[data-qa=house-form-room-area]').fill('40');
    // Legal capacity while typing: floor(40 / 3) = 13, below the class size limit of 20.
    await page.locator('[data-qa=room-capacity-preview]', { hasText: '13 人' }).waitFor();
    await screenshot(page, 'console-house-form');

    await page.locator('[data-qa=house-form-submit]').click();
    await page.locator('[data-qa=page-title]', { hasText: HOUSE_NAME }).waitFor();
    expect(page.url()).toMatch(/\/console\/houses\/[0-9a-f-]{36}$/);
    expect(await page.locator('[data-qa=room-capacity]').textContent()).toBe('13 人');
    expect(await page.locator('[data-qa=room-basis]').textContent()).toBe('按面积:40 ㎡ ÷ 3 ㎡/人');
    expect(await page.locator('[data-qa=house-status]').first().textContent()).toBe('运营中');
    expect(await page.locator('[data-qa=house-edit]').count()).toBe(1);
    await screenshot(page, 'console-house-detail-street');
    const houseUrl = page.url();
    await signOut(page);

    // The district admin finds the new house among the district's and may only look.
    await signIn(page, district.username, district.password);
    await page.locator('[data-qa=user-role]', { hasText: '区教育局管理员' }).waitFor();
    const row = page.locator('[data-qa=house-row]', { hasText: HOUSE_NAME });
    await row.waitFor();
    expect(await row.locator('[data-qa=house-capacity]').textContent()).toBe('13 人');
    await row.locator('[data-qa=house-name]').click();
    await page.locator('[data-qa=page-title]', { hasText: HOUSE_NAME }).waitFor();
    expect(page.url()).toBe(houseUrl);
    expect(await page.locator('[data-qa=room-capacity]').textContent()).toBe('13 人');
    await page.locator('[data-qa=house-readonly]').waitFor();
    expect(await page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    expect(await page.locator('[data-qa=house-edit]').count()).toBe(0);
    expect(await page.locator('[data-qa=house-suspend]').count()).toBe(0);
    expect(await page.locator('[data-qa=room-add]').count()).toBe(0);
    await screenshot(page, 'console-house-detail-district');
    await page.context().close();
  });
});
