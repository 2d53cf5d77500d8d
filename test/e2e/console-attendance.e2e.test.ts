// Issue 5, 今日看护 on a tablet (1024×768): a guardian's two children are booked into today's afternoon session
// (through the API) and the clock moves into it; a carer checks both in with the morning health check (a fever is
// refused first, then a normal reading is admitted), the live panel counts them, a carer stepping out turns it red
// naming R5 and coming back turns it green, and one child goes home with an authorised person from the family's
// pickup list after a wrong pickup code is refused. The house, its two carers, the session and the family (two
// children, one with an allergy, two pickup persons) come from the seeding API, not from the demo.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot as fullPage, seed, seedMore, signInConsole, useE2E } from './harness.ts';
import { signInGuardian } from '../support/client.ts';

const TODAY = '2026-12-01'; // Tuesday; the server's clock starts at 09:00
const INSIDE_SESSION = '2026-12-01T14:05:00+08:00';

interface Account {
  username: string;
  password: string;
  userId: string;
}

const app = useE2E();

/**
 * A house with two carers and today's 14:00–16:30 session with both on its roster; a family whose guardian books both
 * children into it (at 09:00); then the clock moves into the session. Answers the session and a carer's account.
 */
async function bookedSession(): Promise<{ sessionId: string; carer: Account }> {
  const e2e = app();
  const house = await seed<{ houseId: string; roomIds: string[]; carers: Account[] }>(e2e, 'house', { street: 'scbl', carers: 2 });
  const { sessionId } = await seed<{ sessionId: string }>(e2e, 'session', {
    houseId: house.houseId,
    roomId: house.roomIds[0],
    date: TODAY,
    start: '14:00',
    end: '16:30',
    offered: 10,
    carerIds: house.carers.map((c) => c.userId),
  });
  const family = await seedMore<{ phone: string }>(e2e, 'household', {
    street: 'scbl',
    guardianName: '张雨桐',
    children: [
      { name: '李沐阳', sex: 'male', birthDate: '2024-05-12', allergies: '芒果过敏', examDate: '2026-11-10' },
      { name: '李沐晴', sex: 'female', birthDate: '2025-10-15', examDate: '2026-11-10' },
    ],
    pickups: [
      { name: '李建华', relation: '父亲', phone: '13955510011' },
      { name: '张秀英', relation: '外婆', phone: '13955510012' },
    ],
  });

  // The guardian books both children into today's 14:00–16:30 session.
  const guardian = await signInGuardian(e2e.test.app, family.phone);
  const children = (await guardian.get('/api/family')).json().family.children as { id: string; name: string }[];
  expect(children.map((c) => c.name).sort()).toEqual(['李沐晴', '李沐阳']);
  for (const c of children) {
    const res = await guardian.post('/api/bookings', { sessionId, childId: c.id }, { 'idempotency-key': `e2e-attendance-${c.id}` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('confirmed');
  }
  const moved = await e2e.test.app.inject({ method: 'POST', url: '/api/test/clock', payload: { now: INSIDE_SESSION } });
  expect(moved.statusCode, moved.body).toBe(200);
  return { sessionId, carer: house.carers[0]! };
}

async function tablet(): Promise<Page> {
  const context = await app().browser.newContext({
    viewport: { width: 1024, height: 768 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    hasTouch: true,
  });
  return context.newPage();
}

async function signIn(page: Page, account: Account) {
  await signInConsole(app(), page, account.username, account.password);
}

/** A full-page screenshot from the top (the console's header is sticky: scrolled, it would sit mid-picture). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPage(page, name);
}

const present = (page: Page) => page.locator('[data-qa=live-present]').textContent();
const row = (page: Page, child: string) => page.locator(`[data-qa=child-row][data-child="${child}"]`);

describe('console: 今日看护 on a tablet', () => {
  it('checks two children in, keeps the live count, and checks one out to an authorised person', async () => {
    const { sessionId, carer } = await bookedSession();
    const page = await tablet();
    await signIn(page, carer);
    // A carer's console opens on 今日看护 (the menu is folded to icons on a tablet).
    await page.locator('[data-qa=page-title]', { hasText: '今日看护' }).waitFor();
    expect(page.url()).toMatch(/\/console\/attendance$/);

    // The session running now is open: both children booked, nobody in yet, two carers on duty.
    const view = page.locator(`[data-qa=session-view][data-session-id="${sessionId}"]`);
    await view.waitFor();
    expect(await view.locator('[data-qa=session-phase]').textContent()).toBe('进行中');
    expect(await present(page)).toBe('0');
    expect(await page.locator('[data-qa=live-panel]').getAttribute('data-ok')).toBe('true');
    expect(await page.locator('[data-qa=live-carers]').textContent()).toContain('2');
    await expect.poll(() => page.locator('[data-qa=child-row][data-status=expected]').count()).toBe(2);
    expect(await row(page, '李沐阳').locator('[data-qa=child-allergies]').textContent()).toBe('过敏:芒果过敏');
    await shot(page, 'console-attendance-day');

    // 李沐晴 first comes in with a fever: only 拒收 is possible; then the re-measured temperature is normal.
    await row(page, '李沐晴').locator('[data-qa=check-in]').click();
    const dialog = page.locator('.ant-modal', { has: page.locator('[data-qa=check-in-temperature]') });
    await dialog.waitFor();
    await page.locator('input[data-qa=check-in-temperature], [data-qa=check-in-temperature] input').first().fill('38.2');
    await page.locator('[data-qa=check-in-fever]').waitFor();
    expect(await page.locator('[data-qa=check-in-fever]').textContent()).toContain('体温 38.2℃,达到发热标准');
    expect(await dialog.getByRole('radio', { name: '接收入园' }).isDisabled()).toBe(true);
    expect(await page.locator('[data-qa=check-in-submit]').textContent()).toContain('确认拒收');
    expect(await page.locator('textarea[data-qa=check-in-reason]').inputValue()).toBe('发热(体温 38.2℃)');
    await shot(page, 'console-attendance-fever');

    await page.locator('input[data-qa=check-in-temperature], [data-qa=check-in-temperature] input').first().fill('36.7');
    await page.locator('[data-qa=check-in-fever]').waitFor({ state: 'detached' });
    await dialog.getByText('接收入园').click();
    await dialog.getByText('精神良好').click();
    await dialog.getByText('张秀英(外婆)').click();
    // A double tap sends one check-in.
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/attendance/check-in')) sent.push(r.postData() ?? '');
    });
    await shot(page, 'console-attendance-check-in');
    await page.locator('[data-qa=check-in-submit]').dblclick();
    await row(page, '李沐晴').and(page.locator('[data-status=present]')).waitFor();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0])).toMatchObject({ temperature: 36.7, admitted: true, broughtBy: '张秀英', observations: '精神良好' });
    await expect.poll(() => present(page)).toBe('1');
    expect(await row(page, '李沐晴').locator('[data-qa=child-checkin]').textContent()).toMatch(
      /^14:05 入园 · 体温 36\.7℃ · 送托人 张秀英$/,
    );

    // 李沐阳, brought by his father.
    await row(page, '李沐阳').locator('[data-qa=check-in]').click();
    await page.locator('input[data-qa=check-in-temperature], [data-qa=check-in-temperature] input').first().fill('36.5');
    await page.locator('.ant-modal').getByText('李建华(父亲)').click();
    await page.locator('[data-qa=check-in-submit]').click();
    await row(page, '李沐阳').and(page.locator('[data-status=present]')).waitFor();
    await expect.poll(() => present(page)).toBe('2');
    expect(await page.locator('[data-qa=summary-present]').textContent()).toBe('在园 2');
    await shot(page, 'console-attendance-two-in');

    // A carer steps out: with one carer left the panel stays green (2 ≤ 1 × 5); the second leaving turns it red (R5).
    const duty = (name: string) => page.locator(`[data-qa=duty-row][data-name="${name}"]`);
    const names = await page.locator('[data-qa=duty-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
    for (const name of names) {
      await duty(name).locator('[data-qa=duty-leave]').click();
      await page.locator('[data-qa=duty-confirm]').click();
      await duty(name).and(page.locator('[data-on-duty=false]')).waitFor();
    }
    await page.locator('[data-qa=live-panel][data-ok=false]').waitFor();
    expect(await page.locator('[data-qa=live-breach]').first().getAttribute('data-rule')).toBe('R5');
    expect(await page.locator('[data-qa=live-breaches]').textContent()).toContain('师幼比不足');
    await page.locator('[data-qa=live-alarm]').waitFor();
    await shot(page, 'console-attendance-red');
    await duty(names[0]).locator('[data-qa=duty-return]').click();
    await page.locator('[data-qa=duty-confirm]').click();
    await page.locator('[data-qa=live-panel][data-ok=true]').waitFor();

    // 李沐阳 goes home: a wrong code is refused inline; his grandmother from the pickup list, identity checked, is accepted.
    await row(page, '李沐阳').locator('[data-qa=check-out]').click();
    await page.locator('[data-qa=check-out-code]').fill('000000');
    await page.locator('[data-qa=check-out-submit]').click();
    await page.locator('[data-qa=check-out-error][data-code=PICKUP_CODE_INVALID]').waitFor();
    await page.locator('[data-qa=check-out-method-list]').click();
    await page.locator('[data-qa=pickup-person][data-name="张秀英"]').click();
    expect(await page.locator('[data-qa=check-out-submit]').isDisabled()).toBe(true);
    await page.locator('[data-qa=check-out-verified]').click();
    await shot(page, 'console-attendance-check-out');
    await page.locator('[data-qa=check-out-submit]').click();
    await row(page, '李沐阳').and(page.locator('[data-status=left]')).waitFor();
    expect(await row(page, '李沐阳').locator('[data-qa=child-checkout]').textContent()).toBe(
      '14:05 离园 · 接走人 张秀英(外婆) · 授权名单当面核对',
    );
    await expect.poll(() => present(page)).toBe('1');
    await shot(page, 'console-attendance-after');

    // Portrait: the same screen fits 768 wide.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    await shot(page, 'console-attendance-portrait');

    // Yesterday is read-only: no actions.
    await page.goto(`${app().baseUrl}/console/attendance?date=2026-11-30`);
    await page.locator('[data-qa=attendance-readonly]').waitFor();
    expect(await page.locator('[data-qa=check-in], [data-qa=check-out], [data-qa=duty-leave]').count()).toBe(0);
    await shot(page, 'console-attendance-readonly');
    await page.context().close();
  });
});
