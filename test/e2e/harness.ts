// End-to-end harness: the built app (npm run build) served on a free port over a fresh in-memory database,
// and the system's Chromium driven by playwright-core.
import fs from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/testApp.ts';
import { WEB_DIST } from '../../src/server/app.ts';
import { lastCode } from '../support/client.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E {
  test: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The built app over a fresh database, without the demo unless asked (`demo: true`, for a test that walks the demo's
 * own people): each test makes its records through `seed`.
 */
export async function startE2E(now?: string, options: { demo?: boolean } = {}): Promise<E2E> {
  if (!fs.existsSync(`${WEB_DIST}/console.html`)) throw new Error('run npm run build before the e2e tests');
  const test = await createTestApp('pglite', { now, demo: options.demo });
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = test.app.server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    test,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await test.close();
    },
  };
}

/**
 * The before/after boilerplate of an e2e file in one call: starts the app and the browser before the file's tests and
 * closes both after them. Use the returned getter inside tests and hooks: `const app = useE2E(); … app().baseUrl`.
 */
export function useE2E(now?: string, options: { demo?: boolean } = {}): () => E2E {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2E(now, options);
  });
  afterAll(async () => {
    await e2e?.close();
  });
  return () => {
    if (!e2e) throw new Error('the e2e app has not started');
    return e2e;
  };
}

/**
 * Makes records through the development-only seeding API (POST /api/test/seed/{house,account,session,family}), as a
 * test run against a deployed development server would; answers the ids and credentials.
 */
export async function seed<T = Record<string, unknown>>(
  e2e: E2E,
  what: 'house' | 'account' | 'session' | 'family',
  body: object = {},
): Promise<T> {
  const res = await e2e.test.app.inject({ method: 'POST', url: `/api/test/seed/${what}`, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}

/** A phone-sized page (the parent H5 runs inside the city's service app). */
export async function phonePage(e2e: E2E): Promise<Page> {
  const context = await e2e.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

export async function desktopPage(e2e: E2E): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  return context.newPage();
}

/** Saves a screenshot under test-results/ (for looking at the screens, not for asserting). */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/** Signs a guardian into the H5 with the one-time code the server sent (read through the test API). */
export async function signInByCode(e2e: E2E, page: Page, phone: string) {
  await page.goto(`${e2e.baseUrl}/h5/`);
  await page.locator('[data-qa=login-phone] input').fill(phone);
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/auth/otp/request'));
  await page.locator('[data-qa=login-send-code]').click();
  expect((await sent).status()).toBe(202);
  await page.locator('[data-qa=login-code] input').fill(await lastCode(e2e.test.app, phone));
  await page.locator('[data-qa=login-submit]').click();
  await page.locator('[data-qa=home-page]').waitFor();
}

/** Signs a staff member into the console (the demo password unless given) and waits for the signed-in layout. */
export async function signInConsole(e2e: E2E, page: Page, username: string, password: string) {
  await page.goto(`${e2e.baseUrl}/console/`);
  await page.locator('[data-qa=login-username]').fill(username);
  await page.locator('[data-qa=login-password]').fill(password);
  await page.locator('[data-qa=login-submit]').click();
  await page.locator('[data-qa=user-menu]').waitFor();
}

/**
 * Like `seed`, for the further kinds of the seeding API: `staff` (one more person of a house), `household` (a family
 * with named children, certificate pictures and pickup persons), `daily-logs` and `incident`.
 */
export async function seedMore<T = Record<string, unknown>>(
  e2e: E2E,
  what: 'staff' | 'household' | 'daily-logs' | 'incident',
  body: object = {},
): Promise<T> {
  const res = await e2e.test.app.inject({ method: 'POST', url: `/api/test/seed/${what}`, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}

/** Types a date into an antd DatePicker and confirms it. */
export async function pickDate(page: Page, qa: string, date: string) {
  const input = page
    .locator(`[data-qa=${qa}]`)
    .locator('input')
    .or(page.locator(`input[data-qa=${qa}]`))
    .first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}
