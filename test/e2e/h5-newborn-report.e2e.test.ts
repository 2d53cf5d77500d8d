// Issue 11 (T4) on the parent H5, on a phone: a family registers its own newborn. From 家庭 the guardian opens
// 登记新生儿 (one line says why: the community arranges a free home visit), finds street, address and guardian filled
// from the family, is stopped by the form's own rules (a name with digits, no birth date), saves, and sees the baby in
// 入户指导 waiting for the street; the street admin finds it in the console's 新生儿名册 as 家庭申报, filters by it and
// assigns a visitor like an imported row.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { desktopPage, phonePage, screenshot, seed, signInByCode, signInConsole, useE2E } from './harness.ts';

interface Account {
  userId: string;
  username: string;
  password: string;
}
interface Family {
  familyId: string;
  phone: string;
}

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The serious or critical WCAG 2.1 AA violations on the page (axe-core), as "rule: selectors". */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
    const axe = (window as any).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

const app = useE2E(); // the server's clock: Tuesday 2026-12-01 09:00
let admin: Account;

beforeAll(async () => {
  admin = await seed<Account>(app(), 'account', { role: 'street_admin', street: 'scbl' });
  await seed<Account>(app(), 'account', { role: 'guidance_provider', displayName: '陆海燕' });
});

describe('parent H5: a family registers its newborn', () => {
  it('reports the baby from 家庭, sees it in 入户指导, and the street sees it as 家庭申报', async () => {
    const e2e = app();
    const family = await seed<Family>(e2e, 'family', { street: 'scbl', guardianName: '林悦' });

    const page = await phonePage(e2e);
    await page.clock.install({ time: e2e.test.clock.now() });
    await signInByCode(e2e, page, family.phone);
    await page.clock.runFor(3000); // the 登录成功 toast goes
    await page.locator('[data-qa=tab-family]').click();
    await page.locator('[data-qa=family-status]').waitFor();
    expect(await page.locator('[data-qa=home-visits]').count()).toBe(0);

    const entry = page.locator('[data-qa=newborn-report-entry]');
    expect(await entry.textContent()).toContain('登记新生儿');
    expect(await entry.textContent()).toContain('免费');
    await entry.click();
    const form = page.locator('[data-qa=newborn-report-page]');
    await form.waitFor();
    expect(await page.locator('[data-qa=newborn-why]').textContent()).toBe('登记后,社区将安排指导员免费上门,指导喂养、护理等育儿问题。');
    // From the family: its street, address and guardian; the phone is the sign-in phone.
    expect(await page.locator('[data-qa=newborn-street]').textContent()).toBe('四川北路街道');
    expect(await page.locator('[data-qa=newborn-address] textarea:not([aria-hidden])').inputValue()).toBe('虹口区测试路 1 号');
    expect(await page.locator('[data-qa=newborn-guardian] input').inputValue()).toBe('林悦');
    expect(await page.locator('[data-qa=newborn-phone]').textContent()).toBe(`${family.phone.slice(0, 3)}****${family.phone.slice(-4)}`);

    // The form's own rules: a name with digits, the sex and birth date missing.
    await page.locator('[data-qa=newborn-name] input').fill('宝宝1号');
    await page.locator('[data-qa=save]').click();
    const errors = page.locator('.adm-form-item-feedback-error');
    await expect.poll(() => errors.allTextContents()).toEqual(['姓名只能使用汉字、字母或“·”,最多20个字', '请选择性别', '请选择出生日期']);
    await screenshot(page, 'h5-newborn-report-errors');
    expect(await violations(page)).toEqual([]);

    await page.locator('[data-qa=newborn-name] input').fill('林小禾');
    await page.locator('[data-qa=newborn-sex]').getByText('女').click();
    await page.locator('[data-qa=newborn-birth]').click();
    // the wheel opens on today (the district's 2026-12-01, the server's clock): born this morning
    const ok = page.locator('.adm-picker-header-button:visible', { hasText: '确定' });
    await ok.waitFor();
    await ok.click();
    await expect.poll(() => ok.count()).toBe(0);
    expect(await page.locator('[data-qa=newborn-birth]').textContent()).toBe('2026年12月1日');
    await page.locator('[data-qa=newborn-address] textarea:not([aria-hidden])').fill('虹口区四川北路 1318 弄 12 号 301 室');
    await page.clock.runFor(500);
    await screenshot(page, 'h5-newborn-report');

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/family/newborns') && r.request().method() === 'POST');
    await page.locator('[data-qa=save]').click();
    const answer = await saved;
    expect(answer.status()).toBe(201);
    const newborn = (await answer.json()).newborn as { id: string; birthDate: string };
    expect(newborn.birthDate).toBe('2026-12-01');

    // Back on 家庭: the baby in 入户指导, waiting for the street to arrange the visit.
    const card = page.locator(`[data-qa=visit-card][data-newborn-id="${newborn.id}"]`);
    await card.waitFor();
    expect(await card.locator('[data-qa=visit-child]').textContent()).toBe('林小禾');
    expect(await card.locator('[data-qa=visit-state]').textContent()).toBe('待安排');
    expect(await card.locator('[data-qa=visit-visitor]').textContent()).toBe('街道正在为您安排指导员');
    await page.clock.runFor(3000); // the toast goes
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-newborn-report-saved');
    expect(await violations(page)).toEqual([]);

    // The street admin's register: the row with 家庭申报, found by the source filter, and assignable.
    const desk = await desktopPage(e2e);
    await signInConsole(e2e, desk, admin.username, admin.password);
    await desk.locator('[data-qa=nav-newborns]').click();
    const row = desk.locator(`tr[data-row-key="${newborn.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-qa=newborn-name]').textContent()).toBe('林小禾');
    expect(await row.locator('[data-qa=newborn-source]').textContent()).toBe('家庭申报');
    expect(await row.locator('[data-qa=newborn-state]').textContent()).toBe('待安排');
    await screenshot(desk, 'console-newborns-family-report');
    await row.locator('[data-qa=newborn-visitor]').click();
    await desk.locator('.ant-select-item-option', { hasText: '陆海燕' }).click();
    await expect
      .poll(
        async () =>
          (await e2e.test.database.db.selectFrom('newborn').select('visitor_user_id').where('id', '=', newborn.id).executeTakeFirst())
            ?.visitor_user_id,
      )
      .toBeTruthy();
  });
});
