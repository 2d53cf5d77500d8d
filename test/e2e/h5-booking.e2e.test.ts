// Issue 4 on the parent H5, on a phone: a guardian books the last seat of a session in the browser and sees the
// child's free sessions drop by one; a second guardian joins the waiting list (through the API); the first
// cancels in the browser (told beforehand that the free session comes back) and sees the balance back; the seat is
// offered to the second guardian, who sees "有空位待确认" in her own browser and takes it.
// The house, its manager and carers, the sessions and every family come from the seeding API, not from the demo;
// each test makes its own families and sessions, so the tests pass alone and in any order.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phonePage, screenshot, seed, useE2E, signInByCode as signInWithCode } from './harness.ts';
import { signIn, signInGuardian, type Client } from '../support/client.ts';
import { districtInstant } from '../../src/domain/time.ts';

const HOUSE = '四川北路街道‘宝宝屋’';
const SESSION_DATE = '2026-12-03'; // Thursday; the server's clock is Tuesday 2026-12-01 09:00
const OPEN_DATE = '2026-12-04'; // Friday: a session with free seats for the lost-answer test

interface Family {
  phone: string;
  childId: string;
  childName: string;
}
interface SeededHouse {
  houseId: string;
  roomIds: string[];
  manager: { username: string; password: string };
  carers: { userId: string }[];
}

const app = useE2E();
let house: SeededHouse;
let houseAddress: string;
let manager: Client;

beforeAll(async () => {
  const e2e = app();
  house = await seed<SeededHouse>(e2e, 'house', { street: 'scbl', name: HOUSE });
  manager = await signIn(e2e.test.app, house.manager.username, house.manager.password);
  houseAddress = (await manager.get(`/api/houses/${house.houseId}`)).json().address;
  expect(houseAddress).toBeTruthy();
  // Friday's open session, with seats to spare.
  await seed(e2e, 'session', {
    houseId: house.houseId,
    roomId: house.roomIds[0],
    date: OPEN_DATE,
    start: '09:00',
    end: '11:00',
    offered: 10,
    carerIds: house.carers.map((c) => c.userId),
  });
});

/** A new weekly slot on Thursdays 17:00–18:00 with one seat and one carer (as booking.test.ts makes them). */
async function oneSeatSession(): Promise<string> {
  const houseId = house.houseId;
  const detail = (await manager.get(`/api/houses/${houseId}`)).json();
  const room = detail.rooms.find((r: { areaM2: number }) => r.areaM2 === 62) ?? detail.rooms[0];
  const staff = (await manager.get(`/api/houses/${houseId}/staff`)).json().filter((s: { countsForRatio: boolean }) => s.countsForRatio);
  const res = await manager.post(`/api/houses/${houseId}/schedule`, {
    roomId: room.id,
    weekday: 4,
    startTime: '17:00',
    endTime: '18:00',
    serviceType: 'hourly',
    offeredCapacity: 1,
    carerIds: [staff[0].id],
  });
  expect(res.statusCode, res.body).toBe(201);
  const sessions = (await manager.get(`/api/staff/sessions?houseId=${houseId}&from=${SESSION_DATE}&to=${SESSION_DATE}`)).json();
  const found = sessions.find(
    (s: { roomId: string; startsAt: string }) =>
      s.roomId === room.id && s.startsAt === districtInstant(SESSION_DATE, '17:00').toISOString(),
  );
  expect(found).toMatchObject({ capacity: 1 });
  return found.id;
}

/** A guardian with a bookable child (from the seeding API), signed in through the API. */
async function guardian(): Promise<Family & { client: Client }> {
  const e2e = app();
  const family = await seed<Family>(e2e, 'family', { street: 'scbl' });
  return { ...family, client: await signInGuardian(e2e.test.app, family.phone) };
}

/** A phone whose clock agrees with the server's (the countdowns and "today" run on it). */
async function phone(): Promise<Page> {
  const e2e = app();
  const page = await phonePage(e2e);
  await page.clock.install({ time: e2e.test.clock.now() });
  return page;
}

const signInByCode = (page: Page, phone: string) => signInWithCode(app(), page, phone);

/** The free sessions left for a child, as 我的预约 shows them. */
async function balance(page: Page, child: string): Promise<number> {
  await page.locator('[data-qa=tab-bookings]').click();
  const row = page.locator('[data-qa=balance-card] [data-qa=entitlement]', { hasText: child });
  await row.locator('[data-qa=entitlement-remaining]').waitFor();
  return Number(await row.getAttribute('data-remaining'));
}

describe('parent H5: booking', () => {
  it('books the last seat, sees the free sessions drop by one, cancels and sees the balance back; the waiting guardian is offered the seat', async () => {
    const sessionId = await oneSeatSession();
    const family = await seed<Family>(app(), 'family', { street: 'scbl' });
    const CHILD = family.childName;
    const second = await guardian();
    const page = await phone();
    await signInByCode(page, family.phone);
    const before = await balance(page, CHILD);
    expect(before).toBeGreaterThan(0);
    await screenshot(page, 'h5-booking-balance-before');

    // 宝宝屋 → the street's house → its coming sessions, by day.
    await page.locator('[data-qa=tab-houses]').click();
    await page.locator('[data-qa=house-card]', { hasText: HOUSE }).click();
    const card = page.locator(`[data-qa=house-sessions] [data-qa=session-card][data-session-id="${sessionId}"]`);
    await page.locator('[data-qa=house-sessions] [data-qa=session-card]').first().waitFor();
    if (!(await card.count())) await page.locator('[data-qa=sessions-more]').click();
    await card.scrollIntoViewIfNeeded();
    expect(await card.locator('[data-qa=session-seats]').textContent()).toBe('余 1 位');
    expect(await card.locator('[data-qa=service-type]').textContent()).toBe('计时托');
    expect(await page.locator(`[data-qa=session-day][data-date="${SESSION_DATE}"] [data-qa=session-day-title]`).textContent()).toBe(
      '2026年12月3日 周四',
    );
    await screenshot(page, 'h5-booking-sessions');
    await card.locator('[data-qa=book-button]').click();

    // The child, with the free sessions left this year; then confirm.
    await page.locator('[data-qa=book-session]').waitFor();
    const option = page.locator('[data-qa=child-option]', { hasText: CHILD });
    await option.click();
    await expect.poll(() => option.locator('[data-qa=entitlement]').getAttribute('data-remaining')).toBe(String(before));
    expect(await option.locator('[data-qa=entitlement]').textContent()).toContain(`剩余 ${before} 次`);
    expect(await page.locator('[data-qa=book-note]').textContent()).toBe('本次免费,将使用 1 次免费次数');
    await screenshot(page, 'h5-booking-child');
    const request = page.waitForRequest((r) => r.url().endsWith('/api/bookings') && r.method() === 'POST');
    await page.locator('[data-qa=confirm-booking]').click();
    const sent = await request;
    expect(sent.headers()['idempotency-key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent.postDataJSON()).toMatchObject({ sessionId });
    expect((await sent.response())!.status()).toBe(201);

    // 预约成功 at once, with the balance one lower.
    await page.locator('[data-qa=booking-result][data-status=confirmed]').waitFor();
    expect(await page.locator('[data-qa=booking-result-title]').textContent()).toBe('预约成功');
    await expect
      .poll(() => page.locator('[data-qa=done-entitlement]').textContent())
      .toBe(`本次使用 1 次免费次数,${CHILD}今年还剩 ${before - 1} 次`);
    await screenshot(page, 'h5-booking-confirmed');
    await page.locator('[data-qa=done-bookings]').click();
    expect(await balance(page, CHILD)).toBe(before - 1);
    const mine = page.locator(`[data-qa=my-booking][data-session-id="${sessionId}"]`);
    expect(await mine.locator('[data-qa=booking-status]').textContent()).toBe('已预约');
    expect(await mine.locator('[data-qa=booking-address]').textContent()).toContain(houseAddress);

    // The session is full now: a second guardian joins the waiting list.
    const waiting = await second.client.post(
      '/api/bookings',
      { sessionId, childId: second.childId },
      { 'idempotency-key': 'e2e-second-guardian-1' },
    );
    expect(waiting.statusCode, waiting.body).toBe(201);
    expect(waiting.json()).toMatchObject({ status: 'waitlisted' });

    // Cancel, told first that the free session comes back (more than 2 hours before the start).
    await mine.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-booking-mine');
    await mine.locator('[data-qa=cancel-booking]').click();
    expect(await page.locator('[data-qa=cancel-dialog-body]').textContent()).toBe('现在取消将退回免费次数。');
    await screenshot(page, 'h5-booking-cancel-dialog');
    await page.locator('[data-qa=cancel-confirm]').click();
    await expect.poll(() => page.locator('[data-qa=cancel-toast]').textContent()).toContain(`免费次数已退回,${CHILD}今年还剩 ${before} 次`);
    await page.locator(`[data-qa=my-booking][data-session-id="${sessionId}"][data-status=cancelled]`).waitFor();
    await expect
      .poll(() => page.locator('[data-qa=balance-card] [data-qa=entitlement]', { hasText: CHILD }).getAttribute('data-remaining'))
      .toBe(String(before));
    await screenshot(page, 'h5-booking-cancelled');

    // The freed seat goes to the first on the waiting list.
    const theirs = (await second.client.get('/api/bookings')).json().find((b: { sessionId: string }) => b.sessionId === sessionId);
    expect(theirs).toMatchObject({ status: 'offered' });
    expect(theirs.offeredUntil).toBeTruthy();
    await page.context().close();
  });

  it('shows the offered seat to the second guardian in her browser, who takes it', async () => {
    // A one-seat session of its own: the first guardian takes the seat, the second joins the waiting list, the first
    // cancels (all through the API); the seat is offered to the second.
    const sessionId = (
      await seed<{ sessionId: string }>(app(), 'session', {
        houseId: house.houseId,
        roomId: house.roomIds[1],
        date: SESSION_DATE,
        start: '15:00',
        end: '16:00',
        serviceType: 'hourly',
        offered: 1,
        carerIds: [house.carers[0]!.userId],
      })
    ).sessionId;
    const first = await guardian();
    const second = await guardian();
    const taken = await first.client.post(
      '/api/bookings',
      { sessionId, childId: first.childId },
      { 'idempotency-key': `e2e-first-${sessionId}` },
    );
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json()).toMatchObject({ status: 'confirmed' });
    const waiting = await second.client.post(
      '/api/bookings',
      { sessionId, childId: second.childId },
      { 'idempotency-key': `e2e-second-${sessionId}` },
    );
    expect(waiting.statusCode, waiting.body).toBe(201);
    expect(waiting.json()).toMatchObject({ status: 'waitlisted' });
    // A phone may ask for a new sign-in code once a minute; the second guardian signed in through the API just now.
    app().test.clock.advance(61_000);
    const cancelled = await first.client.post(`/api/bookings/${taken.json().id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    const other = await phone();
    await signInByCode(other, second.phone);
    const alert = other.locator('[data-qa=home-offer]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('有空位了');
    expect(await alert.textContent()).toMatch(/剩余 (2小时0分|1小时59分)/);
    await screenshot(other, 'h5-booking-offer-home');
    await alert.click();
    const offered = other.locator(`[data-qa=my-booking][data-session-id="${sessionId}"]`);
    expect(await offered.locator('[data-qa=booking-status]').textContent()).toBe('有空位待确认');
    await screenshot(other, 'h5-booking-offer');
    await offered.locator('[data-qa=accept-offer]').click();
    await other.locator(`[data-qa=my-booking][data-session-id="${sessionId}"][data-status=confirmed]`).waitFor();
    expect(await other.locator(`[data-qa=my-booking][data-session-id="${sessionId}"] [data-qa=booking-status]`).textContent()).toBe(
      '已预约',
    );
    await screenshot(other, 'h5-booking-offer-taken');
    await other.context().close();
  });

  it('sends a booking whose answer was lost again with the same Idempotency-Key, and books once', async () => {
    const family = await seed<Family>(app(), 'family', { street: 'scbl' });
    const page = await phone();
    await signInByCode(page, family.phone);
    const keys: string[] = [];
    let dropped = false;
    await page.route('**/api/bookings', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (dropped) return route.continue();
      dropped = true;
      const first = await route.fetch(); // reaches the server, which books…
      expect(first.status()).toBe(201);
      return route.abort('connectionreset'); // …but the answer never reaches the phone
    });
    await page.locator('[data-qa=tab-houses]').click();
    await page.locator('[data-qa=view-sessions]').click();
    const card = page.locator(`[data-qa=session-day][data-date="${OPEN_DATE}"] [data-qa=session-card][data-state=open]`).first();
    await card.waitFor();
    const id = await card.getAttribute('data-session-id');
    await card.locator('[data-qa=book-button]').click();
    await page.locator('[data-qa=child-option]', { hasText: family.childName }).click();
    const replay = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST');
    await page.locator('[data-qa=confirm-booking]').click();
    expect((await replay).status()).toBe(200); // the server's answer to a key it has seen: the same booking
    await page.locator('[data-qa=booking-result][data-status=confirmed]').waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const booked = (await manager.get(`/api/staff/sessions/${id}/bookings`))
      .json()
      .filter((b: { childName: string }) => b.childName === family.childName);
    expect(booked).toHaveLength(1);
    await page.unroute('**/api/bookings');
    await page.context().close();
  });

  it('opens a booking link that carries only the session id, and says so when the id is of no coming session', async () => {
    const { sessionId } = await seed<{ sessionId: string }>(app(), 'session', {
      houseId: house.houseId,
      roomId: house.roomIds[1],
      date: SESSION_DATE,
      start: '13:00',
      end: '14:00',
      serviceType: 'hourly',
      offered: 3,
      carerIds: [house.carers[0]!.userId],
    });
    const family = await seed<Family>(app(), 'family', { street: 'scbl' });
    const page = await phone();
    await signInByCode(page, family.phone);
    await page.goto(`${app().baseUrl}/h5/book/${sessionId}`);
    await page.locator(`[data-qa=book-session][data-session-id="${sessionId}"]`).waitFor();
    await page.locator('[data-qa=child-option]', { hasText: family.childName }).waitFor();
    expect(await page.locator('[data-qa=book-gone]').count()).toBe(0);
    await page.goto(`${app().baseUrl}/h5/book/00000000-0000-4000-8000-000000000000`);
    await page.locator('[data-qa=book-gone]').waitFor();
    await page.context().close();
  });
});
