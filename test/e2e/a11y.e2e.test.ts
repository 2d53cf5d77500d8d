// Issue 10: the main pages of both front ends have no serious or critical accessibility violation (axe-core, WCAG 2.1
// A and AA rules), as GB/T 37668 asks of public services. Records come from the seeding API, not the demo.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { desktopPage, phonePage, screenshot, seed, seedMore, signInByCode, signInConsole, useE2E } from './harness.ts';
import { signIn } from '../support/client.ts';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const app = useE2E();

interface Account {
  username: string;
  password: string;
}
interface House {
  houseId: string;
  roomIds: string[];
  manager: Account & { userId: string };
  carers: (Account & { userId: string })[];
  street: Account;
}

let house: House;
let family: { phone: string; childId: string };
let sessionId: string;
let registrationId: string;
let guidanceEventId: string;
let courseId: string;
let guideAccount: Account;
const accounts: Record<string, Account> = {};

beforeAll(async () => {
  const e2e = app();
  house = await seed<House>(e2e, 'house', { street: 'scbl', name: '山阴路社区‘宝宝屋’' });
  family = await seed(e2e, 'family', { street: 'scbl' });
  ({ sessionId } = await seed<{ sessionId: string }>(e2e, 'session', {
    houseId: house.houseId,
    roomId: house.roomIds[0],
    date: '2026-12-03',
    start: '09:30',
    end: '11:30',
    serviceType: 'hourly',
    offered: 8,
    carerIds: [house.carers[0]!.userId],
  }));
  ({ familyId: registrationId } = await seedMore<{ familyId: string }>(e2e, 'household', { street: 'scbl', status: 'submitted' }));
  for (const role of ['district_admin', 'system_admin', 'audit_admin'] as const)
    accounts[role] = await seed<Account>(e2e, 'account', { role });
  // A guidance event, published by a provider's 指导师 through the API.
  const guide = await seed<Account>(e2e, 'account', { role: 'guidance_provider' });
  const organiser = await signIn(e2e.test.app, guide.username, guide.password);
  const published = await organiser.post('/api/guidance/manage/events', {
    title: '幼儿语言启蒙:绘本共读',
    topic: 'language',
    minAgeMonths: 12,
    maxAgeMonths: 36,
    leader: '王老师',
    description: '和孩子一起读绘本。',
    mode: 'offline',
    place: '四川北路街道社区活动中心 3 楼',
    date: '2026-12-03',
    startTime: '10:00',
    endTime: '11:30',
    seats: 20,
    childComes: true,
  });
  expect(published.statusCode, published.body).toBe(201);
  guidanceEventId = published.json().id;
  // An online course of the same 指导师: an article with its check.
  guideAccount = guide;
  const course = await organiser.post('/api/courses', {
    title: '宝宝睡整觉',
    topic: 'sleep',
    minAgeMonths: 0,
    maxAgeMonths: 36,
    leader: '沈老师',
    article: [{ kind: 'text', text: '睡前一小时调暗灯光,洗澡、讲故事、关灯,每天相同。' }],
    quiz: [{ question: '睡前一小时宜做什么?', options: ['看动画片', '固定的入睡仪式'], answer: 1 }],
  });
  courseId = course.json().id;
  expect((await organiser.post(`/api/courses/${courseId}/publish`)).statusCode).toBe(200);
});

/** Every serious or critical violation on the page, as "rule (impact): selectors" lines. */
async function violations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300); // antd's transitions
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
    const axe = (window as any).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    type Node = { target: string[]; any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } }[] };
    return r.violations.map((v: { id: string; impact: string; nodes: Node[] }) => ({
      id: v.id,
      impact: v.impact,
      // For a contrast failure, the colours and ratio say what to change.
      targets: v.nodes.slice(0, 5).map((n) => {
        const d = n.any[0]?.data;
        return d?.fgColor ? `${n.target.join(' ')} [${d.fgColor} on ${d.bgColor}: ${d.contrastRatio}]` : n.target.join(' ');
      }),
      count: v.nodes.length,
    }));
  });
  return found
    .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v: { id: string; impact: string; count: number; targets: string[] }) =>
        `${v.id} (${v.impact}, ${v.count}): ${v.targets.join(' | ')}`,
    );
}

async function check(page: Page, pages: [string, string, string][]) {
  const report: string[] = [];
  for (const [name, path, ready] of pages) {
    await page.goto(`${app().baseUrl}${path}`);
    await page.locator(ready).first().waitFor();
    for (const v of await violations(page)) report.push(`${name} ${path}: ${v}`);
    await screenshot(page, `a11y-${name.replace(/ /g, '-')}`);
  }
  expect(report, report.join('\n')).toEqual([]);
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('the parent H5: sign-in, home, houses, house, booking, my bookings, guidance, a guidance event, family, me', async () => {
    const page = await phonePage(app());
    await page.goto(`${app().baseUrl}/h5/login`);
    await page.locator('[data-qa=login-page]').waitFor();
    const login = await violations(page);
    expect(login, login.join('\n')).toEqual([]);
    await signInByCode(app(), page, family.phone);
    await check(page, [
      ['home', '/h5/', '[data-qa=home-page]'],
      ['houses', '/h5/houses', '[data-qa=house-card]'],
      ['house', `/h5/houses/${house.houseId}`, '[data-qa=house-sessions]'],
      ['booking', `/h5/book/${sessionId}`, '[data-qa=book-session]'],
      ['my bookings', '/h5/bookings', '[data-qa=bookings-past]'],
      ['guidance', '/h5/guidance', '[data-qa=guidance-event]'],
      ['guidance event', `/h5/guidance/${guidanceEventId}`, '[data-qa=guidance-detail]'],
      ['course', `/h5/guidance/courses/${courseId}`, '[data-qa=course-quiz]'],
      ['family', '/h5/family', '[data-qa=family-page], main'],
      ['me', '/h5/me', '[data-qa=mine-page]'],
    ]);
    await page.context().close();
  });

  it('the console: sign-in, houses, registrations, review, schedule, staff, attendance, incidents, compliance, policy, guidance, providers, users, audit', async () => {
    const page = await desktopPage(app());
    await page.goto(`${app().baseUrl}/console/`);
    await page.locator('[data-qa=login-username]').waitFor();
    const login = await violations(page);
    expect(login, login.join('\n')).toEqual([]);
    await signInConsole(app(), page, house.street.username, house.street.password);
    await check(page, [
      ['houses', '/console/houses', '.ant-table-row'],
      ['registrations', '/console/registrations', '.ant-table'],
      ['registration review', `/console/registrations/${registrationId}`, 'main'],
      ['compliance', '/console/compliance', '[data-qa=last-run]'],
      ['policy', '/console/policy', '.ant-table'],
      ['guidance', '/console/guidance', '.ant-table'],
    ]);
    await page.context().close();

    const manager = await desktopPage(app());
    await signInConsole(app(), manager, house.manager.username, house.manager.password);
    await check(manager, [
      ['schedule', '/console/schedule', 'main'],
      ['staff', '/console/staff', '.ant-table'],
      ['attendance', '/console/attendance', 'main'],
      ['incidents', '/console/incidents', 'main'],
    ]);
    await manager.context().close();

    const guide = await desktopPage(app());
    await signInConsole(app(), guide, guideAccount.username, guideAccount.password);
    await check(guide, [
      ['courses', '/console/courses', '.ant-table-row'],
      ['course editor', `/console/courses/${courseId}`, '[data-qa=course-question]'],
    ]);
    await guide.context().close();

    for (const [role, path] of [
      ['system_admin', '/console/users'],
      ['audit_admin', '/console/audit'],
      ['district_admin', '/console/providers'],
    ] as const) {
      const p = await desktopPage(app());
      await signInConsole(app(), p, accounts[role]!.username, accounts[role]!.password);
      await check(p, [[role, path, '.ant-table']]);
      await p.context().close();
    }
  });
});

describe('large text on the parent H5', () => {
  it('keeps the home, booking and guidance pages within the phone’s width, nothing cut off, with the root font size doubled', async () => {
    const e2e = app();
    // A family of its own: the sign-in code of the other test's phone may not be asked again within the minute.
    const reader = await seed<{ phone: string }>(e2e, 'family', { street: 'scbl', guardianName: '李桂芳' });
    const page = await phonePage(e2e);
    await signInByCode(e2e, page, reader.phone);
    const large = async () => {
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      await page.waitForTimeout(300);
    };
    /** The page's width and what does not fit: text cut off by a box that hides it, areas that scroll sideways, a
     *  tab bar whose titles run into their icons. */
    const measure = () =>
      page.evaluate(() => {
        const clipped: string[] = [];
        const name = (el: HTMLElement) => `${el.dataset.qa ?? el.className}: ${el.textContent?.trim().slice(0, 30)}`;
        const texts = document.querySelectorAll<HTMLElement>(
          '[data-qa], h1, h2, h3, button, .adm-nav-bar-title, .adm-list-item-content-main, .adm-tab-bar-item-title',
        );
        for (const el of Array.from(texts)) {
          const style = getComputedStyle(el);
          if (style.display === 'none' || style.visibility === 'hidden' || !el.textContent?.trim()) continue;
          const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
          const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
          if ((hidesX && el.scrollWidth > el.clientWidth + 1) || (hidesY && el.scrollHeight > el.clientHeight + 1)) clipped.push(name(el));
        }
        for (const item of Array.from(document.querySelectorAll<HTMLElement>('.adm-tab-bar-item'))) {
          const icon = item.querySelector('.adm-tab-bar-item-icon')?.getBoundingClientRect();
          const title = item.querySelector<HTMLElement>('.adm-tab-bar-item-title');
          if (icon && title && title.getBoundingClientRect().top < icon.bottom - 1) clipped.push(`tab bar: ${name(title)}`);
        }
        const sideways = Array.from(document.querySelectorAll<HTMLElement>('.tab-body, .page, .adm-popup-body'))
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map(name);
        const title = document.querySelector<HTMLElement>('h1, h2, .adm-nav-bar-title');
        return {
          width: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
          titleSize: title ? Number.parseFloat(getComputedStyle(title).fontSize) : 0,
          clipped,
          sideways,
        };
      });

    for (const [label, path, ready] of [
      ['home', '/h5/', '[data-qa=home-page]'],
      ['booking', `/h5/book/${sessionId}`, '[data-qa=book-session]'],
      ['guidance', '/h5/guidance', '[data-qa=guidance-event]'],
      ['guidance-event', `/h5/guidance/${guidanceEventId}`, '[data-qa=guidance-detail]'],
    ] as const) {
      await page.goto(`${e2e.baseUrl}${path}`);
      await page.locator(ready).first().waitFor();
      const normal = await measure();
      await large();
      const big = await measure();
      await screenshot(page, `a11y-h5-${label}-large-text`);
      // The text really grew (every size is in rem), and the page still fits.
      expect(big.titleSize, `${label}: the heading follows the root size`).toBeGreaterThanOrEqual(normal.titleSize * 1.8);
      expect(big.width, `${label} scrolls sideways at 200% text`).toBeLessThanOrEqual(big.viewport);
      expect(big.clipped, `text cut off on ${label} at 200%`).toEqual([]);
      expect(big.sideways, `areas of ${label} that scroll sideways at 200%`).toEqual([]);
    }
    await page.context().close();
  });

  it('lets the phone zoom (no maximum-scale or user-scalable=no in the viewport)', async () => {
    const html = await (await fetch(`${app().baseUrl}/h5/`)).text();
    const viewport = /<meta name="viewport" content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(viewport).toContain('width=device-width');
    expect(viewport).not.toMatch(/user-scalable|maximum-scale/);
  });
});
