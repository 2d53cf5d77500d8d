// The staff console for issue 5 on a desktop: a carer's health certificate runs out (the clock moves past it), the
// manager runs the compliance check and sees the finding, follows "去处理" to the staff page, renews the
// certificate there, and the next check clears the finding. The street admin reads the same staff records.
// Each test's house, its people and their credentials come from the seeding API, not from the demo.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { desktopPage, pickDate, screenshot, seed, seedMore, signInConsole, useE2E } from './harness.ts';
import { signIn as apiSignIn } from '../support/client.ts';
import type { StaffRecord, StaffRecordsResponse } from '../../src/web/common/opsTypes.ts';
import { addDays } from '../../src/domain/time.ts';

interface Account {
  username: string;
  password: string;
}
interface SeededHouse {
  houseId: string;
  manager: Account;
  street: Account;
}

const app = useE2E();

async function signIn(page: Page, account: Account) {
  await signInConsole(app(), page, account.username, account.password);
}

async function runCheck(page: Page) {
  const ran = page.waitForResponse((r) => r.url().endsWith('/api/compliance/run') && r.request().method() === 'POST');
  await page.locator('[data-qa=compliance-run]').click();
  expect((await ran).status()).toBe(200);
  await page.locator('[data-qa=compliance-run].ant-btn-loading').waitFor({ state: 'detached' });
}

describe('console: staff credentials and the compliance check', () => {
  it("shows a finding when a carer's health certificate expires, and clears it once renewed on the staff page", async () => {
    // A house in order, with one more carer whose health certificate runs out in 10 days and a carer whose runs out in
    // 25 (still valid after the clock moves, so the check keeps one finding, a warning, about her).
    const e2e = app();
    const house = await seed<SeededHouse>(e2e, 'house', { street: 'scbl' });
    await seedMore(e2e, 'staff', { houseId: house.houseId, role: 'carer', name: '徐静怡', healthEndsIn: 10 });
    await seedMore(e2e, 'staff', { houseId: house.houseId, role: 'carer', name: '何雨桐', healthEndsIn: 25 });

    // The carer whose health certificate runs out first, read through the API as the manager.
    const manager = await apiSignIn(e2e.test.app, house.manager.username, house.manager.password);
    const records = ((await manager.get(`/api/houses/${house.houseId}/staff-records`)).json() as StaffRecordsResponse).records;
    const expiryOf = (r: StaffRecord) => r.credentials.find((c) => c.kind === 'health_certificate')?.expiresOn ?? '9999-12-31';
    const carer = records.filter((r) => r.position === 'carer' && !r.leftOn).sort((a, b) => expiryOf(a).localeCompare(expiryOf(b)))[0];
    const expiry = expiryOf(carer);
    expect(expiry).not.toBe('9999-12-31');

    // The day after it expires, 10:00 in Shanghai.
    const dayAfter = addDays(expiry, 1);
    const moved = await e2e.test.app.inject({ method: 'POST', url: '/api/test/clock', payload: { now: `${dayAfter}T10:00:00+08:00` } });
    expect(moved.statusCode).toBe(200);

    const page = await desktopPage(e2e);
    await signIn(page, house.manager);
    await page.locator('[data-qa=nav-compliance]').click();
    await page.locator('[data-qa=compliance-run]').waitFor();
    await runCheck(page);

    const finding = page.locator('[data-qa=finding-row][data-code=HEALTH_CERTIFICATE_EXPIRED]', { hasText: carer.name });
    await finding.waitFor();
    expect(await finding.textContent()).toContain('严重');
    expect(await finding.textContent()).toContain('从业资格与健康证');
    expect(await finding.locator('[data-qa=finding-message]').textContent()).toContain(`${carer.name} 的健康证已于`);
    expect(Number(await page.locator('[data-qa=count-critical] .ant-statistic-content-value').textContent())).toBeGreaterThan(0);
    await screenshot(page, 'console-compliance-findings');

    // "去处理" leads to the person on the staff page, with the expired certificate and why they cannot be rostered.
    await finding.locator('[data-qa=finding-fix]').click();
    await page.waitForURL(/\/staff\?.*focus=/);
    const drawer = page.locator('[data-qa=person-drawer]');
    await drawer.locator('[data-qa=person-name]', { hasText: carer.name }).waitFor();
    expect(await drawer.locator('[data-qa=req-health_certificate]').getAttribute('data-status')).toBe('expired');
    expect(await drawer.locator('[data-qa=roster-blocked]').textContent()).toContain('健康证已过期');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    const row = page.locator('[data-qa=staff-row]', { hasText: carer.name });
    expect(await row.locator('[data-qa=roster-blocked]').textContent()).toContain('不可排班');
    await screenshot(page, 'console-staff-expired');

    // Renew it: a new health certificate issued today, valid for a year (the form proposes the expiry).
    await row.locator('[data-qa=staff-open]').click();
    await drawer.locator('[data-qa=cred-add]').click();
    const modal = page.locator('.ant-modal', { hasText: '添加证书' });
    await modal.waitFor();
    expect(await modal.locator('[data-qa=cred-kind]').textContent()).toContain('健康证');
    await pickDate(page, 'cred-issued', dayAfter);
    const yearLater = addDays(`${Number(dayAfter.slice(0, 4)) + 1}${dayAfter.slice(4)}`, -1);
    expect(await modal.locator('[data-qa=cred-expires] input').or(modal.locator('input[data-qa=cred-expires]')).first().inputValue()).toBe(
      yearLater,
    );
    await modal.locator('[data-qa=cred-number]').fill('JK2026-0815');
    await screenshot(page, 'console-staff-renew');
    const saved = page.waitForResponse((r) => r.url().endsWith('/credentials') && r.request().method() === 'POST');
    await page.locator('[data-qa=cred-save]').click();
    expect((await saved).status()).toBe(201);
    await modal.waitFor({ state: 'hidden' });
    await expect.poll(() => drawer.locator('[data-qa=req-health_certificate]').getAttribute('data-status')).toBe('valid');
    await drawer.locator('[data-qa=roster-ok]').waitFor();
    expect(await drawer.locator('[data-qa=cred-row]').first().textContent()).toContain('JK2026-0815');
    await screenshot(page, 'console-staff-person');
    await page.keyboard.press('Escape');

    // The next check finds nothing about her health certificate.
    await page.locator('[data-qa=nav-compliance]').click();
    await page.locator('[data-qa=compliance-run]').waitFor();
    await runCheck(page);
    await page.locator('[data-qa=finding-row]').first().waitFor();
    await expect
      .poll(() => page.locator('[data-qa=finding-row][data-code=HEALTH_CERTIFICATE_EXPIRED]', { hasText: carer.name }).count())
      .toBe(0);

    // …and it is listed among the resolved ones.
    await page.locator('[data-qa=findings-status]').getByText('已解决').click();
    await page.locator('[data-qa=finding-row][data-code=HEALTH_CERTIFICATE_EXPIRED]', { hasText: carer.name }).waitFor();
    await screenshot(page, 'console-compliance-resolved');
    await page.context().close();
  });

  it("lets the street admin read the staff records of the street's houses, and the manager see the evidence", async () => {
    const e2e = app();
    const house = await seed<SeededHouse>(e2e, 'house', { street: 'scbl' });
    const page = await desktopPage(e2e);
    await signIn(page, house.street);
    await page.locator('[data-qa=nav-staff]').click();
    await page.locator('[data-qa=staff-readonly]').waitFor();
    await page.locator('[data-qa=staff-row]').first().waitFor();
    expect(await page.locator('[data-qa=staff-add]').count()).toBe(0);
    expect(await page.locator('[data-qa=staff-house]').count()).toBe(1);
    await screenshot(page, 'console-staff-street');
    await page.context().close();

    // The manager's form for a new person (not saved here), then the house's evidence: a new alarm test is recorded.
    const manager = await desktopPage(e2e);
    await signIn(manager, house.manager);
    await manager.locator('[data-qa=nav-staff]').click();
    await manager.locator('[data-qa=staff-add]').click();
    const form = manager.locator('.ant-modal', { hasText: '新增工作人员' });
    await form.waitFor();
    await screenshot(manager, 'console-staff-add');
    await form.getByRole('button', { name: /取\s*消/ }).click();
    await form.waitFor({ state: 'hidden' });

    const me = (await (await apiSignIn(e2e.test.app, house.manager.username, house.manager.password)).get('/api/auth/me')).json() as {
      user: { houseId: string };
    };
    expect(me.user.houseId).toBe(house.houseId);
    await manager.goto(`${e2e.baseUrl}/console/houses/${me.user.houseId}`);
    const panel = manager.locator('[data-qa=evidence-panel]');
    await panel.locator('[data-qa=evidence-row]').first().waitFor();
    await panel.locator('[data-qa=evidence-tab-alarm]').click();
    await panel.locator('[data-qa=evidence-add]').click();
    const modal = manager.locator('.ant-modal', { hasText: '添加佐证材料' });
    await modal.waitFor();
    expect(await modal.locator('[data-qa=evidence-topic]').textContent()).toContain('紧急报警');
    await modal.locator('[data-qa=evidence-note]').fill('前台一键报警装置季度测试正常,已与报警中心联调');
    await modal.locator('[data-qa=evidence-update-facts]').click();
    await screenshot(manager, 'console-evidence-add');
    const saved = manager.waitForResponse((r) => r.url().endsWith('/evidence') && r.request().method() === 'POST');
    await manager.locator('[data-qa=evidence-save]').click();
    expect((await saved).status()).toBe(201);
    await panel.locator('[data-qa=evidence-row]', { hasText: '季度测试正常' }).waitFor();
    await screenshot(manager, 'console-house-evidence');
    await manager.context().close();
  });
});
