// Issue 5 on the parent H5, on a phone: a guardian with a booking today sees 今日在园 with 未入园; the carer checks
// the child in (through the API) and the guardian sees 已入园 with the morning health check; the guardian shows a
// pickup code, makes a new one (the old one stops working), and the carer checks the child out with it; the
// guardian sees 已离园 with who collected the child. The house, its carer, the afternoon session and each test's
// family come from the seeding API, not from the demo; each test books its own child and sets the clock it needs.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phonePage, screenshot, seed, signInByCode, useE2E } from './harness.ts';
import { signIn, type Client } from '../support/client.ts';
import { districtInstant } from '../../src/domain/time.ts';

const TODAY = '2026-12-01'; // the server's clock starts on Tuesday 2026-12-01 09:00

interface Account {
  username: string;
  password: string;
  userId: string;
}
interface Family {
  phone: string;
  childId: string;
  childName: string;
}

const app = useE2E();
let carerAccount: Account;
let carer: Client;
let houseId: string;
let page: Page;

beforeAll(async () => {
  const e2e = app();
  const house = await seed<{ houseId: string; roomIds: string[]; carers: Account[] }>(e2e, 'house', { street: 'scbl' });
  houseId = house.houseId;
  carerAccount = house.carers[0]!;
  // This afternoon's 14:00–16:30 session, with the carer on its roster.
  await seed(e2e, 'session', {
    houseId,
    roomId: house.roomIds[0],
    date: TODAY,
    start: '14:00',
    end: '16:30',
    offered: 10,
    carerIds: house.carers.map((c) => c.userId),
  });
});

/** Moves the server's clock and the phone's together; the carer signs in again (staff sessions end after 30 idle minutes). */
async function at(time: string) {
  const e2e = app();
  const now = districtInstant(TODAY, time);
  const res = await e2e.test.app.inject({ method: 'POST', url: '/api/test/clock', payload: { now: now.toISOString() } });
  expect(res.statusCode, res.body).toBe(200);
  if (page && !page.isClosed()) await page.clock.setSystemTime(now);
  carer = await signIn(e2e.test.app, carerAccount.username, carerAccount.password);
}

/** The guardian's own API calls, with the browser's session cookie and CSRF token (as the H5 makes them). */
async function asGuardian(method: 'GET' | 'POST', path: string, data?: unknown, headers: Record<string, string> = {}) {
  const { baseUrl } = app();
  const csrf = (await (await page.request.get(`${baseUrl}/api/auth/me`)).json()).csrfToken as string;
  const res = await page.request.fetch(`${baseUrl}${path}`, { method, data, headers: { 'x-csrf-token': csrf, ...headers } });
  return { status: res.status(), body: await res.json() };
}

/** Coming back to the app (the card asks again on focus). */
const refocus = () => page.evaluate(() => window.dispatchEvent(new Event('focus')));

const card = () => page.locator('[data-qa=attendance-card]');
const child = (name: string) => card().locator('[data-qa=attendance-child]', { hasText: name });
const status = (name: string) => child(name).locator('[data-qa=attendance-status]');

/**
 * At 09:00: a new family (from the seeding API) whose guardian signs in on a new phone and books this afternoon's
 * 14:00–16:30 session for the child through the API; the phone then shows the card. Answers the family and the booking.
 */
async function bookedToday(): Promise<{ family: Family; bookingId: string }> {
  const e2e = app();
  await page?.context().close();
  await at('09:00');
  const family = await seed<Family>(e2e, 'family', { street: 'scbl' });
  page = await phonePage(e2e);
  await page.clock.install({ time: e2e.test.clock.now() });
  await signInByCode(e2e, page, family.phone);

  const mine = (await asGuardian('GET', '/api/family')).body;
  expect(mine.family.children.find((c: { name: string }) => c.name === family.childName).id).toBe(family.childId);
  const sessions = (await asGuardian('GET', `/api/sessions?houseId=${houseId}&from=${TODAY}&to=${TODAY}`)).body;
  const session = sessions.find((s: { startsAt: string }) => s.startsAt === districtInstant(TODAY, '14:00').toISOString());
  expect(session).toBeTruthy();
  const booked = await asGuardian(
    'POST',
    '/api/bookings',
    { sessionId: session.id, childId: family.childId },
    { 'idempotency-key': `e2e-attendance-${family.childId}` },
  );
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  expect(booked.body).toMatchObject({ status: 'confirmed' });

  await page.reload();
  await card().waitFor();
  return { family, bookingId: booked.body.id };
}

/** At 13:42 the carer checks the child in (through the API); answers the attendance record's id. */
async function checkedIn(bookingId: string): Promise<string> {
  await at('13:42');
  const day = (await carer.get(`/api/attendance/day?houseId=${houseId}&date=${TODAY}`)).json();
  const listed = day.sessions
    .flatMap((s: { children: { bookingId: string }[] }) => s.children)
    .find((c: { bookingId: string }) => c.bookingId === bookingId);
  expect(listed).toBeTruthy();
  const res = await carer.post('/api/attendance/check-in', {
    bookingId,
    temperature: 36.6,
    observations: '精神好,咽部无红肿',
    broughtBy: '张雨桐',
    admitted: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('parent H5: the child’s day and the pickup code', () => {
  it('shows 未入园 for a child booked today', async () => {
    const { family, bookingId } = await bookedToday();
    const name = family.childName;
    expect(await card().locator('.card-title').textContent()).toBe('今日在园');
    const row = child(name).locator(`[data-qa=attendance-session][data-booking-id="${bookingId}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('waiting');
    expect(await status(name).textContent()).toBe('未入园');
    expect(await row.textContent()).toContain('14:00–16:30');
    expect(await row.textContent()).toContain('13:30 起可入园');
    // Booked today: a pickup code can be made already.
    await child(name).locator('[data-qa=pickup-show]').waitFor();
    await screenshot(page, 'h5-attendance-waiting');
    await page.context().close();
  });

  it('shows 已入园 with the time, who brought the child and the health check once the carer checks in', async () => {
    const { family, bookingId } = await bookedToday();
    const name = family.childName;
    await checkedIn(bookingId);

    await refocus();
    await expect.poll(() => status(name).getAttribute('data-status')).toBe('in');
    expect(await status(name).textContent()).toBe('已入园 13:42');
    expect(await child(name).locator('[data-qa=attendance-in]').textContent()).toBe('入园13:42 · 送托人 张雨桐');
    expect(await child(name).locator('[data-qa=attendance-temperature]').textContent()).toBe('体温 36.6℃');
    expect(await child(name).locator('[data-qa=attendance-observations]').textContent()).toBe('精神好,咽部无红肿');
    await screenshot(page, 'h5-attendance-in');
    await page.context().close();
  });

  it('shows a pickup code once, replaces it with a new one, and the carer checks the child out with the new code', async () => {
    const { family, bookingId } = await bookedToday();
    const name = family.childName;
    const attendanceId = await checkedIn(bookingId);
    await at('16:20');
    await refocus();
    await child(name).locator('[data-qa=pickup-show]').click();
    const sheet = page.locator('[data-qa=pickup-sheet]');
    await sheet.waitFor();
    const first = (await sheet.getAttribute('data-code'))!;
    expect(first).toMatch(/^\d{6}$/);
    expect((await sheet.locator('[data-qa=pickup-code]').innerText()).replace(/\s/g, '')).toBe(first);
    expect(await sheet.locator('[data-qa=pickup-until]').textContent()).toBe('有效至 20:20');
    expect(await sheet.textContent()).toContain('接送码只能使用一次');
    await screenshot(page, 'h5-attendance-code');
    await sheet.locator('[data-qa=pickup-done]').click();
    await sheet.waitFor({ state: 'detached' });
    await page.locator('.pickup-sheet').waitFor({ state: 'hidden' });

    // The code made on this phone can be shown again; or replaced, after a word that the old one stops working.
    await expect.poll(() => child(name).locator('[data-qa=pickup-active]').textContent()).toBe('接送码有效至 20:20');
    await screenshot(page, 'h5-attendance-code-active');
    await child(name).locator('[data-qa=pickup-regenerate]').click();
    await page.locator('[data-qa=pickup-regenerate-confirm]').click();
    await sheet.waitFor();
    await expect.poll(() => sheet.getAttribute('data-code')).not.toBe(first);
    const second = (await sheet.getAttribute('data-code'))!;
    expect(second).toMatch(/^\d{6}$/);
    await sheet.locator('[data-qa=pickup-done]').click();

    // The old code no longer works; the new one does.
    const refused = await carer.post(`/api/attendance/${attendanceId}/check-out`, { method: 'code', code: first });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'PICKUP_CODE_INVALID' });
    const out = await carer.post(`/api/attendance/${attendanceId}/check-out`, { method: 'code', code: second });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().checkedOutAt).toBeTruthy();
    const pickedUpBy = out.json().pickedUpBy as string;

    await refocus();
    await expect.poll(() => status(name).getAttribute('data-status')).toBe('out');
    expect(await status(name).textContent()).toBe('已离园 16:20');
    expect(await child(name).locator('[data-qa=attendance-out]').textContent()).toBe(`离园16:20 · 接走人 ${pickedUpBy}`);
    expect(await child(name).locator('[data-qa=pickup-row]').count()).toBe(0);
    await screenshot(page, 'h5-attendance-out');

    // 预约 shows the same card.
    await page.locator('[data-qa=tab-bookings]').click();
    await page.locator('[data-qa=bookings-page] [data-qa=attendance-card] [data-qa=attendance-status][data-status=out]').waitFor();
    await screenshot(page, 'h5-attendance-bookings');
    await page.context().close();
  });
});
