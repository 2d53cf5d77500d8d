// Issue 5's incidents and daily logs in the console, on a desktop: a child booked into this afternoon's session is
// checked in; the carer records a serious injury for the child (the form says the guardian will be told and the
// street alerted; after saving it says when), and the day's disinfection log with an item not done and a note; the
// street admin reads the incident of their street (house column, full text) and the logs without recording;
// an inspector sees only the logs. Each test's house, people, session, family, earlier logs and incidents come from
// the seeding API (or the API, as the house's staff make them), not from the demo.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seed, seedMore, signInConsole, useE2E } from './harness.ts';
import { signIn as apiSignIn, signInGuardian } from '../support/client.ts';
import { districtInstant } from '../../src/domain/time.ts';

const TODAY = '2026-12-01'; // the server's clock starts on Tuesday 2026-12-01 09:00
const HOUSE = '四川北路街道‘宝宝屋’';

interface Account {
  username: string;
  password: string;
  userId: string;
}
interface SeededHouse {
  houseId: string;
  roomIds: string[];
  manager: Account;
  carers: Account[];
  health: Account;
  street: Account;
}

const app = useE2E();

async function setClock(time: string) {
  const res = await app().test.app.inject({
    method: 'POST',
    url: '/api/test/clock',
    payload: { now: districtInstant(TODAY, time).toISOString() },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/**
 * A house (of the street's admin) with this afternoon's 14:00 session and a family's child booked into it (at 09:00),
 * and the clock at 14:40 with the child checked in.
 */
async function checkedInChild(name?: string) {
  const e2e = app();
  await setClock('09:00');
  const house = await seed<SeededHouse>(e2e, 'house', { street: 'scbl', name });
  const { sessionId } = await seed<{ sessionId: string }>(e2e, 'session', {
    houseId: house.houseId,
    roomId: house.roomIds[0],
    date: TODAY,
    start: '14:00',
    end: '16:30',
    offered: 10,
    carerIds: house.carers.map((c) => c.userId),
  });
  const family = await seed<{ phone: string; childId: string; childName: string }>(e2e, 'family', { street: 'scbl' });
  const guardian = await signInGuardian(e2e.test.app, family.phone);
  const sessions = (await guardian.get(`/api/sessions?houseId=${house.houseId}&from=${TODAY}&to=${TODAY}`)).json();
  const session = sessions.find((s: { startsAt: string }) => s.startsAt === districtInstant(TODAY, '14:00').toISOString());
  expect(session.id).toBe(sessionId);
  const booked = await guardian.post(
    '/api/bookings',
    { sessionId: session.id, childId: family.childId },
    { 'idempotency-key': `e2e-incidents-${family.childId}` },
  );
  expect(booked.statusCode, booked.body).toBe(201);
  await setClock('14:40');
  const carer = await apiSignIn(e2e.test.app, house.carers[0]!.username, house.carers[0]!.password); // after the clock moved
  const checkIn = await carer.post('/api/attendance/check-in', {
    bookingId: booked.json().id,
    temperature: 36.6,
    broughtBy: '李明(父亲)',
    admitted: true,
  });
  expect(checkIn.statusCode, checkIn.body).toBe(201);
  return { house, family, sessionId, carer };
}

/** A desktop in the district's time zone whose clock agrees with the server's. */
async function desktop(): Promise<Page> {
  const e2e = app();
  const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.clock.install({ time: e2e.test.clock.now() });
  return page;
}

async function signIn(page: Page, account: Account) {
  await signInConsole(app(), page, account.username, account.password);
  await page.locator('[data-qa=nav-incidents]').click();
  await page.locator('[data-qa=page-title]', { hasText: '事件与日志' }).waitFor();
}

/** Opens an antd select and clicks an option (the dropdown may still be animating on a busy machine). */
async function choose(page: Page, qa: string, option: string) {
  const select = page.locator(`[data-qa=${qa}]`);
  for (let attempt = 0; attempt < 3 && !(await select.getByText(option).count()); attempt++) {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    await item.waitFor();
    await page.waitForTimeout(200);
    await item.click();
    await page.waitForTimeout(200);
  }
  await select.getByText(option).first().waitFor();
}

describe('console: incidents and daily logs', () => {
  it('lets the carer record a serious injury: the guardian is told by SMS and the street alerted', async () => {
    const { house, family } = await checkedInChild();
    const CHILD = family.childName;
    // The house's one minor incident of four days ago, with no particular child.
    await seedMore(app(), 'incident', { houseId: house.houseId, reportedBy: house.carers[0]!.userId, daysAgo: 4, severity: 'minor' });
    const page = await desktop();
    await signIn(page, house.carers[0]!);
    await page.locator('[data-qa=incidents-count]', { hasText: '共 1 条' }).waitFor();
    expect(await page.locator('[data-qa=incident-row]').textContent()).toContain('无需通知');

    await page.locator('[data-qa=incident-add]').click();
    const form = page.locator('[data-qa=incident-form]');
    await form.waitFor();
    // The time defaults to now (the server's), the session and child come from today's sessions.
    await expect
      .poll(() => form.locator('input[data-qa=incident-occurred-at], [data-qa=incident-occurred-at] input').inputValue())
      .toBe('2026年12月1日 14:40');
    await page.locator('[data-qa=incident-severity-serious]').click();
    await page.locator('[data-qa=incident-serious-hint]', { hasText: '严重事件保存后将立即提醒街道管理员' }).waitFor();
    await choose(page, 'incident-child-input', CHILD);
    await page.locator('[data-qa=incident-guardian-hint]', { hasText: '短信告知该幼儿的家长' }).waitFor();
    // Choosing the child chose the session it is in.
    await page.locator('[data-qa=incident-session]').getByText('14:00–16:30').waitFor();

    // Both texts are required.
    await page.locator('[data-qa=incident-submit]').click();
    await page.getByText('请填写事件经过(至少4个字)').waitFor();
    await page
      .locator('[data-qa=incident-description-input]')
      .fill('户外活动时在滑梯下方摔倒,额头撞到地面,有约2厘米的红肿,孩子哭闹约5分钟后平复。');
    await page.locator('[data-qa=incident-action-input]').fill('立即冷敷15分钟,卫生保健人员检查无破皮、无呕吐,持续观察;已电话联系母亲。');
    await screenshot(page, 'console-incidents-form');
    await page.locator('[data-qa=incident-submit]').click();

    const saved = page.locator('[data-qa=incident-saved]');
    await saved.waitFor();
    expect(await saved.locator('[data-qa=incident-saved-notices]').textContent()).toBe('已于 14:40 短信通知家长;已于 14:40 提醒街道管理员');
    const row = page.locator('[data-qa=incident-row]', { hasText: CHILD });
    await row.waitFor();
    expect(await row.locator('[data-qa=incident-severity]').textContent()).toBe('严重');
    expect(await row.locator('[data-qa=incident-kind]').textContent()).toBe('受伤');
    expect(await row.locator('[data-qa=incident-time]').textContent()).toBe('2026年12月1日 周二 14:40');
    expect(await row.locator('[data-qa=incident-guardian-notified]').textContent()).toContain('已通知家长 14:40');
    expect(await row.locator('[data-qa=incident-street-alerted]').textContent()).toContain('已提醒街道 14:40');
    await screenshot(page, 'console-incidents-list');

    // The SMS went to the guardian through the outbox.
    const outbox = (await app().test.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${family.phone}` })).json();
    expect(outbox.some((m: { template: string }) => m.template === 'incidentGuardian')).toBe(true);
  });

  it('lets the carer record the day’s disinfection with an item not done, and the safety check all OK', async () => {
    const house = await seed<SeededHouse>(app(), 'house', { street: 'scbl' });
    // The house recorded the last 7 days (as the health-care staff member), not today.
    await seedMore(app(), 'daily-logs', { houseId: house.houseId, recordedBy: house.health.userId, days: 7 });
    const page = await desktop();
    await signIn(page, house.carers[0]!);
    await page.locator('[data-qa=incidents-tab-logs]').click();
    const today = page.locator(`[data-qa=log-day][data-date="${TODAY}"]`);
    await today.waitFor();
    expect(await today.getAttribute('data-state')).toBe('missing');
    // The last 7 days were recorded; today and the week before are missing.
    expect(await page.locator('[data-qa=logs-incomplete]').textContent()).toContain('近 14 天有 7 天记录不全');

    // Disinfection: bedding not done, so not "all OK", and the note is required.
    await page.locator('[data-qa=log-add-disinfection]').click();
    await page.locator('[data-qa=log-form]').waitFor();
    await page.locator('[data-qa=log-item-bedding]').click();
    await page.locator('[data-qa=log-submit]').click();
    await page.getByText('请说明发现的问题(至少2个字)').waitFor();
    await page.locator('[data-qa=log-note]').fill('床品送洗未归还,明日补做消毒;其余项目已用含氯消毒液完成。');
    await screenshot(page, 'console-incidents-log-form');
    await page.locator('[data-qa=log-submit]').click();
    const disinfection = page.locator('[data-qa=log-card-disinfection] [data-qa=log-entry]');
    await disinfection.waitFor();
    expect(await disinfection.locator('[data-qa=log-entry-result]').textContent()).toBe('发现问题');
    expect(await disinfection.textContent()).toContain('未完成:床品毛巾');
    expect(await today.locator('[data-qa=log-day-disinfection]').getAttribute('data-state')).toBe('problems');

    // Safety check: every item done, all OK.
    await page.locator('[data-qa=log-add-safety_check]').click();
    await page.locator('[data-qa=log-form]').waitFor();
    await page.locator('[data-qa=log-submit]').click();
    const safety = page.locator('[data-qa=log-card-safety_check] [data-qa=log-entry]');
    await safety.waitFor();
    expect(await safety.textContent()).toContain('全部正常已完成 7/7 项');
    expect(await today.locator('[data-qa=log-day-safety_check]').getAttribute('data-state')).toBe('ok');
    expect(await page.locator('[data-qa=logs-incomplete]').textContent()).toContain('近 14 天有 6 天记录不全');
    await screenshot(page, 'console-incidents-logs');
  });

  it('shows the street admin the incidents of the street and the logs, read-only', async () => {
    // The carer of the street's house 四川北路街道‘宝宝屋’ recorded a serious injury of a checked-in child at 14:40
    // (the street was alerted then) and today's disinfection, through the API.
    const { house, family, sessionId, carer } = await checkedInChild(HOUSE);
    const CHILD = family.childName;
    const incident = await carer.post(`/api/houses/${house.houseId}/incidents`, {
      kind: 'injury',
      severity: 'serious',
      occurredAt: districtInstant(TODAY, '14:40').toISOString(),
      sessionId,
      childId: family.childId,
      description: '户外活动时在滑梯下方摔倒,额头撞到地面,有约2厘米的红肿,孩子哭闹约5分钟后平复。',
      actionTaken: '立即冷敷15分钟,卫生保健人员检查无破皮、无呕吐,持续观察;已电话联系母亲。',
    });
    expect(incident.statusCode, incident.body).toBe(201);
    const log = await carer.post(`/api/houses/${house.houseId}/daily-logs`, {
      date: TODAY,
      kind: 'disinfection',
      items: ['toys', 'surfaces', 'washroom', 'air'],
      allOk: false,
      note: '床品送洗未归还,明日补做消毒;其余项目已用含氯消毒液完成。',
    });
    expect(log.statusCode, log.body).toBe(201);
    const page = await desktop();
    await signIn(page, house.street);
    await page.locator('[data-qa=incidents-readonly]').waitFor();
    const row = page.locator('[data-qa=incident-row]', { hasText: CHILD });
    await row.waitFor();
    expect(await row.textContent()).toContain(HOUSE);
    expect(await page.locator('[data-qa=incident-add]').count()).toBe(0);
    await screenshot(page, 'console-incidents-street');

    await row.click();
    const detail = page.locator('[data-qa=incident-detail]');
    await detail.waitFor();
    expect(await detail.locator('[data-qa=incident-detail-action]').textContent()).toContain('已电话联系母亲');
    expect(await detail.locator('[data-qa=incident-detail-street]').textContent()).toBe('2026年12月1日 周二 14:40');
    await screenshot(page, 'console-incidents-detail');
    await page.keyboard.press('Escape');

    await page.locator('[data-qa=incidents-tab-logs]').click();
    await choose(page, 'incidents-house', HOUSE);
    await page.locator('[data-qa=log-card-disinfection] [data-qa=log-entry]').waitFor();
    expect(await page.locator('[data-qa=log-add-disinfection]').count()).toBe(0);
    await screenshot(page, 'console-incidents-street-logs');
  });

  it('shows an inspector the logs only', async () => {
    await seed(app(), 'house', { street: 'scbl' });
    const inspector = await seed<Account>(app(), 'account', { role: 'inspector', department: 'education' });
    const page = await desktop();
    await signIn(page, inspector);
    await page.locator('[data-qa=log-overview]').waitFor();
    expect(await page.locator('[data-qa=incidents-tab-incidents]').count()).toBe(0);
  });
});
