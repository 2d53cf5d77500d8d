// Issue 11 on the parent H5, on a phone: a guardian opens 指导, finds an event near the family, enrols and sees 已报名
// with the 6-digit 签到码; the provider's 指导师 records attendance through the API once the event has begun; the
// guardian reloads and reads "今年已参加育儿指导 1 / 10 次". An event for older children is refused in the server's
// Chinese words, and a full one offers 候补. Events come from a guidance_provider account through the API; the family
// from the seeding API.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phonePage, screenshot, seed, seedMore, signInByCode, useE2E } from './harness.ts';
import { signIn, signInGuardian, type Client } from '../support/client.ts';
import { districtInstant } from '../../src/domain/time.ts';

const EVENT_DATE = '2026-12-03'; // Thursday; the server's clock is Tuesday 2026-12-01 09:00

interface Account {
  username: string;
  password: string;
}
interface Family {
  phone: string;
  childId: string;
  childName: string;
}

const app = useE2E();
let account: Account;
let provider: Client;

const event = (over: Record<string, unknown> = {}) => ({
  title: '幼儿语言启蒙:绘本共读',
  topic: 'language',
  minAgeMonths: 12,
  maxAgeMonths: 36,
  leader: '王老师',
  description: '和孩子一起读绘本,学习提问与回应的方法。\n请带一本孩子喜欢的书。',
  mode: 'offline',
  place: '四川北路街道社区活动中心 3 楼',
  date: EVENT_DATE,
  startTime: '10:00',
  endTime: '11:30',
  seats: 20,
  childComes: true,
  ...over,
});

async function publish(over: Record<string, unknown> = {}): Promise<string> {
  const res = await provider.post('/api/guidance/manage/events', event(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  const e2e = app();
  account = await seed<Account>(e2e, 'account', { role: 'guidance_provider' });
  provider = await signIn(e2e.test.app, account.username, account.password);
  // The district gives the provider its opening hours.
  const [own] = (await provider.get('/api/guidance/providers')).json();
  const district = await seed<Account>(e2e, 'account', { role: 'district_admin' });
  const admin = await signIn(e2e.test.app, district.username, district.password);
  const hours = await admin.put(`/api/guidance/providers/${own.id}`, {
    kind: own.kind,
    name: own.name,
    streetId: own.streetId,
    address: own.address,
    phone: own.phone,
    openingHours: [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:30', close: '17:00' })),
      { weekday: 6, open: '09:00', close: '12:00' },
    ],
  });
  expect(hours.statusCode, hours.body).toBe(200);
});

/** A phone whose clock agrees with the server's. */
async function phone(): Promise<Page> {
  const e2e = app();
  const page = await phonePage(e2e);
  await page.clock.install({ time: e2e.test.clock.now() });
  return page;
}

describe('parent H5: parenting guidance', () => {
  it('enrols in an event near the family, shows the door code, and counts the session once attended', async () => {
    const e2e = app();
    const eventId = await publish();
    await publish({
      title: '线上讲座:宝宝睡眠小课堂',
      topic: 'sleep',
      meetingUrl: 'https://meeting.example.cn/j/123456',
      mode: 'online',
      place: null,
      date: '2026-12-05',
      startTime: '19:30',
      endTime: '20:30',
    });
    // A full event: its one seat taken by another family.
    const fullId = await publish({
      title: '辅食添加实操课',
      topic: 'feeding',
      seats: 1,
      date: '2026-12-04',
      startTime: '14:00',
      endTime: '15:00',
    });
    const other = await seed<Family>(e2e, 'family', { street: 'scbl' });
    const otherClient = await signInGuardian(e2e.test.app, other.phone);
    const taken = await otherClient.post('/api/guidance/enrolments', { eventId: fullId }, { 'idempotency-key': 'e2e-guidance-other-1' });
    expect(taken.statusCode, taken.body).toBe(201);

    const family = await seed<Family>(e2e, 'family', { street: 'scbl' });
    const page = await phone();
    await signInByCode(e2e, page, family.phone);
    await page.clock.runFor(3000); // the 登录成功 toast goes
    await page.locator('[data-qa=home-guidance]').waitFor();
    expect(await page.locator('[data-qa=home-guidance-progress]').textContent()).toContain('今年已参加育儿指导 0 / 10 次');
    await screenshot(page, 'h5-guidance-home');

    await page.locator('[data-qa=tab-guidance]').click();
    await page.locator('[data-qa=guidance-page] h1', { hasText: '育儿指导' }).waitFor();
    expect(await page.locator('[data-qa=guidance-progress-text]').textContent()).toBe('今年已参加育儿指导 0 / 10 次');
    const card = page.locator(`[data-qa=guidance-event][data-event-id="${eventId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('12月3日 周四');
    expect(await card.textContent()).toContain('10:00–11:30');
    expect(await card.textContent()).toContain('12–36 个月');
    expect(await card.locator('[data-qa=guidance-seats]').textContent()).toBe('余 20 位');
    expect(await page.locator(`[data-qa=guidance-event][data-event-id="${fullId}"] [data-qa=guidance-seats]`).textContent()).toBe(
      '已满可候补',
    );
    await screenshot(page, 'h5-guidance-list');

    // The topic chips filter the list.
    await page.locator('[data-qa=guidance-topic-sleep]').click();
    await expect.poll(() => page.locator('[data-qa=guidance-event]').count()).toBe(1);
    expect(await page.locator('[data-qa=guidance-event-title]').textContent()).toBe('线上讲座:宝宝睡眠小课堂');
    await page.locator('[data-qa=guidance-topic-all]').click();
    await card.waitFor();

    // The event's page: 报名, then 已报名 and the 签到码; the provider's opening hours in a line.
    await card.click();
    await page.locator('[data-qa=guidance-detail]').waitFor();
    expect(await page.locator('[data-qa=guidance-organiser-hours]').textContent()).toBe('开放时间 周一至周五 08:30–17:00;周六 09:00–12:00');
    await screenshot(page, 'h5-guidance-event');
    const request = page.waitForRequest((r) => r.url().endsWith('/api/guidance/enrolments') && r.method() === 'POST');
    await page.locator('[data-qa=guidance-enrol]').click();
    const sent = await request;
    expect(sent.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await sent.response())!.status()).toBe(201);
    const result = page.locator('[data-qa=guidance-result][data-status=confirmed]');
    await result.waitFor();
    expect(await page.locator('[data-qa=guidance-result-title]').textContent()).toBe('已报名');
    const code = await result.locator('[data-qa=door-code]').getAttribute('data-code');
    expect(code).toMatch(/^\d{6}$/);
    const enrolmentId = (await result.getAttribute('data-enrolment-id'))!;
    await screenshot(page, 'h5-guidance-enrolled');

    // 我的报名 on the tab, with the code for the door.
    await page.locator('[data-qa=guidance-done-mine]').click();
    const mine = page.locator(`[data-qa=guidance-enrolment][data-enrolment-id="${enrolmentId}"]`);
    await mine.waitFor();
    expect(await mine.locator('[data-qa=guidance-enrolment-status]').textContent()).toBe('已报名');
    expect(await mine.locator('[data-qa=door-code]').getAttribute('data-code')).toBe(code);
    expect(await mine.locator('[data-qa=guidance-cancel]').getAttribute('aria-label')).toBe('取消报名:幼儿语言启蒙:绘本共读');
    await screenshot(page, 'h5-guidance-mine');

    // The full event offers 候补, and joining it says the place in the queue.
    await page.goto(`${e2e.baseUrl}/h5/guidance/${fullId}`);
    await page.locator('[data-qa=guidance-enrol][data-full=true]').waitFor();
    expect(await page.locator('[data-qa=guidance-enrol]').textContent()).toBe('候补');
    await page.locator('[data-qa=guidance-enrol]').click();
    await page.locator('[data-qa=guidance-result][data-status=waitlisted]').waitFor();
    expect(await page.locator('[data-qa=guidance-result-title]').textContent()).toBe('已候补 第 1 位');
    await screenshot(page, 'h5-guidance-waitlisted');
    // 我的报名 says where the family stands in line.
    await page.locator('[data-qa=guidance-done-mine]').click();
    const waiting = page.locator('[data-qa=guidance-enrolment][data-status=waitlisted] [data-qa=guidance-enrolment-status]');
    await waiting.waitFor();
    expect(await waiting.textContent()).toBe('候补第 1 位');
    await screenshot(page, 'h5-guidance-queue');

    // The other family cancels: the seat is offered to ours, which takes it before the deadline.
    const theirs = taken.json().id;
    const withdrawn = await otherClient.post(`/api/guidance/enrolments/${theirs}/cancel`, {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    await page.goto(`${e2e.baseUrl}/h5/guidance`);
    const offered = page.locator('[data-qa=guidance-enrolment][data-status=offered]');
    await offered.waitFor();
    expect(await offered.locator('[data-qa=guidance-offer-until]').textContent()).toMatch(/^请在 12月\d+日 \d\d:\d\d 前确认$/);
    expect(await page.locator('[data-qa=guidance-enrolment]').first().getAttribute('data-status')).toBe('offered');
    await screenshot(page, 'h5-guidance-offered');
    await offered.locator('[data-qa=guidance-accept]').click();
    await page
      .locator(`[data-qa=guidance-enrolment][data-status=confirmed] [data-qa=guidance-enrolment-title]`, { hasText: '辅食添加实操课' })
      .waitFor();

    // Thursday 10:05: the 指导师 (signed in that morning) ticks the family on the list.
    const start = districtInstant(EVENT_DATE, '10:05');
    e2e.test.clock.set(start);
    provider = await signIn(e2e.test.app, account.username, account.password);
    const attended = await provider.post(`/api/guidance/manage/events/${eventId}/attendance`, { enrolmentId });
    expect(attended.statusCode, attended.body).toBe(200);
    // The guardian, still signed in on her phone, opens 指导 again on Thursday.
    await page.clock.setSystemTime(start);
    await page.goto(`${e2e.baseUrl}/h5/guidance`);
    await expect.poll(() => page.locator('[data-qa=guidance-progress-text]').textContent()).toBe('今年已参加育儿指导 1 / 10 次');
    expect(await page.locator(`[data-qa=guidance-event][data-event-id="${eventId}"] [data-qa=guidance-event-mine]`).textContent()).toBe(
      '已签到',
    );
    await screenshot(page, 'h5-guidance-progress');
    await page.goto(`${e2e.baseUrl}/h5/`);
    await expect.poll(() => page.locator('[data-qa=home-guidance-progress]').textContent()).toContain('今年已参加育儿指导 1 / 10 次');
    expect(await page.locator('[data-qa=home-guidance-next]').textContent()).toContain('辅食添加实操课');
    await page.locator('[data-qa=home-guidance]').scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-guidance-home-next');
    await page.context().close();
    e2e.test.clock.set(new Date('2026-12-01T09:00:00+08:00'));
    provider = await signIn(e2e.test.app, account.username, account.password);
  });

  it('says in Chinese why an event for older children cannot be taken', async () => {
    const e2e = app();
    const eventId = await publish({ title: '幼小衔接家长课', topic: 'parenting', minAgeMonths: 48, maxAgeMonths: 72, date: '2026-12-10' });
    const family = await seed<Family>(e2e, 'family', { street: 'scbl' });
    const page = await phone();
    await signInByCode(e2e, page, family.phone);
    await page.clock.runFor(3000); // the 登录成功 toast goes
    await page.goto(`${e2e.baseUrl}/h5/guidance/${eventId}`);
    await page.locator('[data-qa=guidance-enrol]').click();
    const refusal = page.locator('[data-qa=guidance-refusal][data-code=NO_CHILD_OF_AGE]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('家中没有符合该活动月龄');
    await page.clock.runFor(500); // the dialog's fade-in
    await screenshot(page, 'h5-guidance-refused');
    await page.context().close();
  });

  it('tells a guardian whose family is not accepted yet what to do first, with no enrol button', async () => {
    const e2e = app();
    const eventId = await publish({ title: '婴幼儿安全与急救', topic: 'safety', date: '2026-12-11' });
    const household = await seedMore<{ phone: string }>(e2e, 'household', { street: 'scbl', status: 'submitted' });
    const page = await phone();
    await signInByCode(e2e, page, household.phone);
    await page.clock.runFor(3000);
    await page.locator('[data-qa=tab-guidance]').click();
    await page.locator('[data-qa=guidance-no-family]').waitFor();
    expect(await page.locator('[data-qa=guidance-no-family]').textContent()).toContain('审核通过后即可报名');
    await page.locator(`[data-qa=guidance-event][data-event-id="${eventId}"]`).click();
    await page.locator('[data-qa=guidance-detail]').waitFor();
    await page.locator('[data-qa=guidance-no-family]').waitFor();
    expect(await page.locator('[data-qa=guidance-enrol]').count()).toBe(0);
    await screenshot(page, 'h5-guidance-no-family');
    await page.context().close();
  });
});
