// Issue 12 in Chromium: 四川北路's street admin starts from a workbench that says the year's resident children are not
// entered, records them in 人口与托额 (the figure in force, its source and day), sets a house's approved places on the
// 托额 tab — refused above the rooms' legal capacity, saved within it — and the to-do no longer asks for either.
import { describe, expect, it } from 'vitest';
import { desktopPage, pickDate, screenshot, seed, signInConsole, useE2E } from './harness.ts';

const app = useE2E();

describe('population and places in the console', () => {
  it('records the street’s children and a house’s places, within its legal capacity', async () => {
    const e2e = app();
    // rooms of 62 ㎡ and 36 ㎡: 20 + 12 = 32 children by law
    const house = await seed<{ houseId: string; streetId: string }>(e2e, 'house', { street: 'scbl' });
    const street = await seed<{ username: string; password: string }>(e2e, 'account', { role: 'street_admin', street: 'scbl' });
    const page = await desktopPage(e2e);
    // antd puts data-qa on an InputNumber's input or on its wrapper, by version
    const field = (qa: string) => page.locator(`input[data-qa="${qa}"], [data-qa="${qa}"] input`).first();
    await signInConsole(e2e, page, street.username, street.password);
    await page
      .locator('[data-qa=todo-item][data-kind=populationMissing]')
      .getByRole('button', { name: /去处理/ })
      .click();

    await page.locator('[data-qa=page-title]', { hasText: '人口与托额' }).waitFor();
    await page.locator(`[data-qa=population-record-${house.streetId}]`).click();
    await field('population-children').fill('180');
    await field('population-newborns').fill('46');
    await page.locator('[data-qa=population-source]').fill('公安户籍统计');
    await pickDate(page, 'population-asof', '2026-11-30');
    await screenshot(page, 'console-population-record');
    await page.locator('.ant-modal .ant-btn-primary').click();
    const row = page.locator(`tr[data-row-key="${house.streetId}"]`);
    await row.locator('td', { hasText: '180' }).waitFor();
    expect(await row.textContent()).toContain('公安户籍统计');
    expect(await row.textContent()).toContain('2026年11月30日');

    await page.getByRole('tab', { name: '托额' }).click();
    const places = field(`places-${house.houseId}`);
    await places.fill('40');
    await page.locator(`[data-qa=places-save-${house.houseId}]`).click();
    await page.getByText('核定托额不能超过法定容量 32 人').waitFor();
    await places.fill('27');
    const saved = page.waitForResponse((r) => r.url().includes(`/api/houses/${house.houseId}/places`) && r.status() === 200);
    await page.locator(`[data-qa=places-save-${house.houseId}]`).click();
    await saved;
    await page.getByText('本街道托额合计 27 个').waitFor();
    await screenshot(page, 'console-population-places');

    // 27 places for 15 % of 180 = 27: nothing left to do about population or places
    await page.locator('[data-qa=nav-home]').click();
    await page.locator('[data-qa=home-todo]').waitFor();
    await page.locator('[data-qa=target-card][data-target=T1]', { hasText: '27 / 27 个托额' }).waitFor();
    for (const kind of ['populationMissing', 'placesUnset', 'placesGap'])
      expect(await page.locator(`[data-qa=todo-item][data-kind=${kind}]`).count()).toBe(0);
  });
});
