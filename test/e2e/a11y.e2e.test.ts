// Issue 10: the main pages of both front ends have no serious or critical accessibility violation (axe-core, WCAG 2.1
// A and AA rules), as GB/T 37668 asks of public services. Records come from the seeding API, not the demo.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { desktopPage, phonePage, screenshot, seed, seedMore, signInByCode, signInConsole, useE2E } from './harness.ts';

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
  it('the parent H5: sign-in, home, houses, house, booking, my bookings, family, me', async () => {
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
      ['family', '/h5/family', '[data-qa=family-page], main'],
      ['me', '/h5/me', '[data-qa=mine-page]'],
    ]);
    await page.context().close();
  });

  it('the console: sign-in, houses, registrations, review, schedule, staff, attendance, incidents, compliance, policy, users, audit', async () => {
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

    for (const [role, path] of [
      ['system_admin', '/console/users'],
      ['audit_admin', '/console/audit'],
    ] as const) {
      const p = await desktopPage(app());
      await signInConsole(app(), p, accounts[role]!.username, accounts[role]!.password);
      await check(p, [[role, path, '.ant-table']]);
      await p.context().close();
    }
  });
});
