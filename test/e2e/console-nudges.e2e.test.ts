// Issue 12, nudges, in Chromium over the Hongkou demo: 四川北路's street admin (street.scbl) opens her street's targets
// on 1 December, opens 提醒 on the T3 list, sees the families behind on their free care (names masked), confirms the
// count and sends; the SMS are in the outbox, and a second look shows them reminded this month. Back in June the
// button is off, with the reason. Screenshots of the modal are in test-results/.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo.ts';
import { desktopPage, screenshot, signInConsole, useE2E } from './harness.ts';

const app = useE2E('2026-12-01T10:00:00+08:00', { demo: true });

describe('the street reminds its families behind', () => {
  it('sends the care reminder from the T3 list, once a month', async () => {
    const e2e = app();
    const db = e2e.test.database.db;
    const scbl = (await db.selectFrom('street').select('id').where('code', '=', 'scbl').executeTakeFirstOrThrow()).id;
    const page = await desktopPage(e2e);
    await signInConsole(e2e, page, 'street.scbl', DEMO_PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/targets/streets/${scbl}?year=2026`);
    await page.locator('[data-qa=targets-lists]').waitFor();
    await page.locator('[data-qa=nudge-open]').click();
    await page.locator('[data-qa=nudge-row]').first().waitFor();
    const rows = await page.locator('[data-qa=nudge-row]').count();
    expect(rows).toBeGreaterThan(0); // the demo has families in 四川北路 with fewer than 6 of their 12 free sessions
    expect(await page.locator('[data-qa=nudge-row]').first().textContent()).toContain('*'); // masked
    await page.waitForTimeout(400); // the modal's opening animation
    await screenshot(page, 'console-nudges-modal');
    const sendText = await page.locator('[data-qa=nudge-send]').textContent();
    const n = Number(/(\d+)/.exec(sendText ?? '')?.[1]);
    expect(n).toBeGreaterThan(0);

    await page.locator('[data-qa=nudge-send]').click();
    await page.locator('[data-qa=nudge-confirmation]').waitFor();
    expect(await page.locator('[data-qa=nudge-confirmation]').textContent()).toContain(`${n} 户家庭`);
    await screenshot(page, 'console-nudges-confirm');
    await page.locator('[data-qa=nudge-confirm]').click();
    await page.locator('[data-qa=nudge-result]').waitFor();
    expect(await page.locator('[data-qa=nudge-result]').textContent()).toContain(`已发送 ${n} 条,0 户本月已提醒过`);
    await screenshot(page, 'console-nudges-result');

    const sms = await db.selectFrom('outbox_message').select(['recipient', 'body']).where('template', '=', 'careNudge').execute();
    expect(sms).toHaveLength(n);
    expect(sms[0].body).toMatch(/^【宝宝屋】您的孩子今年已使用 .+ 次免费托育服务,欢迎通过“宝宝屋”H5 预约附近宝宝屋的照护服务。$/);
    const audit = await db.selectFrom('audit_event').select('detail').where('action', '=', 'targets.nudge').execute();
    expect(audit).toHaveLength(1);

    // Again this month: every family shows reminded, and there is nothing left to send.
    await page.locator('[data-qa=nudge-close]').click();
    await page.locator('[data-qa=nudge-open]').click();
    await page.locator('[data-qa=nudge-row]').first().waitFor();
    expect(await page.locator('[data-qa=nudge-row]').first().textContent()).toContain('已提醒');
    expect(await page.locator('[data-qa=nudge-send]').isDisabled()).toBe(true);
  });

  it('keeps the button off before the year is half over, saying why', async () => {
    const e2e = app();
    e2e.test.clock.set(new Date('2026-06-10T10:00:00+08:00'));
    try {
      const scbl = (await e2e.test.database.db.selectFrom('street').select('id').where('code', '=', 'scbl').executeTakeFirstOrThrow()).id;
      const page = await desktopPage(e2e);
      await signInConsole(e2e, page, 'street.scbl', DEMO_PASSWORD);
      await page.goto(`${e2e.baseUrl}/console/targets/streets/${scbl}?year=2026`);
      await page.locator('[data-qa=nudge-open]').waitFor();
      expect(await page.locator('[data-qa=nudge-open]').isDisabled()).toBe(true);
      expect(await page.locator('[data-qa=nudge-closed-reason]').textContent()).toBe('年度过半后,才能提醒次数未过半的家庭');
    } finally {
      e2e.test.clock.set(new Date('2026-12-01T10:00:00+08:00'));
    }
  });
});
