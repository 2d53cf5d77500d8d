// Issue 3 on the parent H5, on a phone: a new guardian reads and accepts the children's-data rules before typing
// anything, registers herself and a child in one go, uploads the health-check certificate, signs the agreement
// and submits; the street accepts through the API; the child then shows as bookable. Nothing comes from the demo: the
// guardian starts with no family and the street admin who accepts comes from the seeding API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phonePage, screenshot, seed, useE2E, signInByCode as signInWithCode } from './harness.ts';
import { signIn } from '../support/client.ts';
import { demoIdNumber } from '../../src/db/seed/demoFamilies.ts';
import { demoCertificatePng } from '../../src/db/seed/demoFiles.ts';

const PHONE = '13912345678';
const GUARDIAN = '周晓梅';
const CHILD = '周小米';
const CHILD_BIRTH = '2025-04-01'; // 1岁8个月 on the test server's 2026-12-01
const guardianId = demoIdNumber('1990-03-08', 902, 'female');
const childId = demoIdNumber(CHILD_BIRTH, 901, 'female');

const app = useE2E();
let certFile: string;

beforeAll(async () => {
  certFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bbw-cert-')), '体检证明.png');
  fs.writeFileSync(certFile, demoCertificatePng());
});

afterAll(() => {
  if (certFile) fs.rmSync(path.dirname(certFile), { recursive: true, force: true });
});

const signInByCode = (page: Page, phone: string) => signInWithCode(app(), page, phone);

/** Confirms an antd-mobile picker (street, date) at the position it opened on. */
async function confirmPicker(page: Page) {
  const ok = page.locator('.adm-picker-header-button:visible', { hasText: '确定' });
  await ok.waitFor();
  await ok.click();
  await expect.poll(() => ok.count()).toBe(0);
}

const textarea = (page: Page, qa: string) => page.locator(`[data-qa=${qa}] textarea:not([aria-hidden])`);

describe('parent H5: family registration', () => {
  it('registers a child, uploads the certificate, signs and submits; after the street accepts, the child can book', async () => {
    const e2e = app();
    const page = await phonePage(e2e);
    await signInByCode(page, PHONE);
    await page.locator('[data-qa=home-family]', { hasText: '登记家庭信息后' }).waitFor();

    // 我的家庭 without a family: what registering involves, then the rules BEFORE any data entry.
    await page.locator('[data-qa=tab-family]').click();
    await page.locator('[data-qa=family-start-button]').click();
    await page.locator('[data-qa=consent-body]').waitFor();
    expect(await page.locator('[data-qa=consent-title]').textContent()).toBe('儿童个人信息保护规则及单独同意');
    expect(await page.locator('[data-qa=consent-body]').textContent()).toContain('存储期限');
    expect(await page.locator('[data-qa=guardian-name]').count()).toBe(0);
    await screenshot(page, 'h5-family-consent');
    await page.locator('[data-qa=consent-agree]').click();

    // Guardian: a wrong check digit is caught on the phone (GB 11643), then the right number.
    await page.locator('[data-qa=guardian-name] input').fill(GUARDIAN);
    await page.locator('[data-qa=guardian-id] input').fill(guardianId.slice(0, 17) + (guardianId[17] === '1' ? '2' : '1'));
    await page.locator('[data-qa=guardian-name] input').click();
    await page.locator('.adm-form-item-feedback-error', { hasText: '校验位不对' }).waitFor();
    await page.locator('[data-qa=guardian-id] input').fill(guardianId);
    await page.locator('.adm-form-item-feedback-error', { hasText: '校验位不对' }).waitFor({ state: 'detached' });
    await page.locator('[data-qa=guardian-street]').click();
    await confirmPicker(page); // the first street: 四川北路街道
    expect(await page.locator('[data-qa=guardian-street]').textContent()).toBe('四川北路街道');
    await textarea(page, 'guardian-address').fill('虹口区山阴路 88 弄 1 号 302 室');
    await screenshot(page, 'h5-family-guardian');
    await page.locator('[data-qa=wizard-next]').click();

    // Child: the ID number fills the birth date and sex; the truthful declaration is required.
    await page.locator('[data-qa=step-children]').waitFor();
    expect(await page.locator('[data-qa=child-0-street]').textContent()).toBe('四川北路街道');
    await page.locator('[data-qa=child-0-name] input').fill(CHILD);
    // A child already past three is refused where the birth date is entered, not at the final submit.
    await page.locator('[data-qa=child-0-id] input').fill(demoIdNumber('2023-05-10', 902, 'female'));
    await page.locator('[data-qa=child-0-birth]', { hasText: '2023年5月10日' }).waitFor();
    await page.locator('[data-qa=wizard-next]').click();
    await page.locator('.adm-form-item-feedback-error', { hasText: '宝宝屋服务1–3岁幼儿' }).waitFor();
    await screenshot(page, 'h5-family-child-too-old');
    await page.locator('[data-qa=child-0-id] input').fill(childId);
    await page.locator('[data-qa=child-0-birth]', { hasText: '2025年4月1日' }).waitFor();
    expect(await page.locator('[data-qa=child-0-age]').textContent()).toContain('1岁8个月');
    await textarea(page, 'child-0-allergies').fill('鸡蛋过敏');
    await page.locator('[data-qa=wizard-next]').click();
    await page.locator('.adm-form-item-feedback-error', { hasText: '请阅读并勾选承诺' }).waitFor();
    await page.locator('[data-qa=child-0-declared]').click();
    await screenshot(page, 'h5-family-child');
    await page.locator('[data-qa=wizard-next]').click();

    // Pickup persons and emergency contacts, then everything in one request.
    await page.locator('[data-qa=step-people]').waitFor();
    await page.locator('[data-qa=add-me]').click();
    expect(await page.locator('[data-qa=pickup-0-phone] input').inputValue()).toBe(PHONE);
    await page.locator('[data-qa=emergency-0-name] input').fill('周建国');
    await page.locator('[data-qa=emergency-0-relation] input').fill('外公');
    await page.locator('[data-qa=emergency-0-phone] input').fill('13912349999');
    const registered = page.waitForResponse((r) => r.url().endsWith('/api/family') && r.request().method() === 'POST');
    await page.locator('[data-qa=wizard-submit]').click();
    const res = await registered;
    expect(res.status()).toBe(201);
    const sent = res.request().postDataJSON();
    expect(sent).toMatchObject({
      consentVersion: 1,
      guardian: { realName: GUARDIAN, idNumber: guardianId },
      children: [
        { name: CHILD, sex: 'female', birthDate: CHILD_BIRTH, idNumber: childId, allergies: '鸡蛋过敏', declaredTruthfully: true },
      ],
      pickupPersons: [{ name: GUARDIAN, relation: '本人', phone: PHONE }],
      emergencyContacts: [{ name: '周建国', relation: '外公', phone: '13912349999' }],
    });

    // The family: draft, with the checklist of what is missing; ID numbers and phones masked.
    await page.locator('[data-qa=family-status][data-status=draft]').waitFor();
    expect(await page.locator('[data-qa=family-status-tag]').textContent()).toBe('待提交');
    const card = page.locator('[data-qa=child-card]', { hasText: CHILD });
    expect(await card.locator('[data-qa=child-checklist]').textContent()).toContain('上传健康检查合格证明');
    expect(await page.locator('[data-qa=family-guardian] [data-qa=guardian-id]').textContent()).toBe(
      `310***********${guardianId.slice(-4)}`,
    );
    expect(await page.locator('[data-qa=family-pickups]').textContent()).toContain('139****5678');
    await screenshot(page, 'h5-family-draft');

    // The certificate: a picture from the album, the exam date, the institution.
    await page.locator('[data-qa=todo-certificate]').click();
    await page.locator('[data-qa=certificate-page]').waitFor();
    await page.locator('[data-qa=cert-file-input]').setInputFiles(certFile);
    await page.locator('[data-qa=cert-preview]').waitFor();
    await page.locator('[data-qa=cert-exam-date]').click();
    await confirmPicker(page); // the wheel opens on today
    expect(await page.locator('[data-qa=cert-exam-date]').textContent()).toBe('2026年12月1日');
    await page.locator('[data-qa=cert-institution] input').fill('虹口区妇幼保健所');
    await screenshot(page, 'h5-family-certificate');
    const uploaded = page.waitForResponse((r) => r.url().includes('/certificates') && r.request().method() === 'POST');
    await page.locator('[data-qa=cert-submit]').click();
    expect((await uploaded).status()).toBe(201);
    await page.locator('[data-qa=child-page] [data-qa=certificate]').waitFor();
    expect(await page.locator('[data-qa=certificate-exam-date]').textContent()).toBe('2026年12月1日');
    expect(await page.locator('[data-qa=certificate-institution]').textContent()).toBe('虹口区妇幼保健所');
    expect(await page.locator('[data-qa=certificate-valid-until]').textContent()).toBe('2027年3月1日');
    const thumb = page.locator('[data-qa=certificate-thumb] img');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await screenshot(page, 'h5-family-child-page');

    // The agreement: read in full, ticked, confirmed.
    await page.goto(`${e2e.baseUrl}/h5/family`);
    await page.locator('[data-qa=todo-agreement]').click();
    await page.locator('[data-qa=doc-title]', { hasText: '宝宝屋托育服务协议' }).waitFor();
    expect(await page.locator('[data-qa=doc-body]').textContent()).toContain('退费办法');
    await page.locator('[data-qa=doc-check]').click();
    await page.locator('[data-qa=doc-confirm]').click();
    await page.locator('[data-qa=family-page]').waitFor();

    // Submit to the street: 待受理, the child's checklist says the street is reviewing, editing is locked.
    await page.locator('[data-qa=family-submit]').click();
    await page.locator('.adm-dialog-button', { hasText: '提交街道受理' }).click();
    await page.locator('[data-qa=family-status][data-status=submitted]').waitFor();
    expect(await page.locator('[data-qa=family-status-tag]').textContent()).toBe('待受理');
    expect(await page.locator('[data-qa=locked-note]').textContent()).toBe('街道受理中,审核完成前不能修改');
    expect(await card.locator('[data-qa=child-checklist]').textContent()).toContain('街道正在受理审核');
    expect(await card.locator('[data-qa=child-bookable]').textContent()).toBe('暂不可预约');
    expect(await page.locator('[data-qa=guardian-edit]').count()).toBe(0);
    await screenshot(page, 'h5-family-submitted');

    // The street accepts (社区统一受理) through the API.
    const admin = await seed<{ username: string; password: string }>(e2e, 'account', { role: 'street_admin', street: 'scbl' });
    const street = await signIn(e2e.test.app, admin.username, admin.password);
    const queue = (await street.get('/api/registrations?status=submitted')).json() as { id: string; guardianName: string }[];
    const mine = queue.find((r) => r.guardianName === GUARDIAN);
    expect(mine).toBeDefined();
    const accepted = await street.post(`/api/registrations/${mine!.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);

    await page.reload();
    await page.locator('[data-qa=family-status][data-status=accepted]').waitFor();
    expect(await page.locator('[data-qa=family-status-tag]').textContent()).toBe('已受理');
    expect(await card.locator('[data-qa=child-bookable]').textContent()).toBe('可预约');
    await screenshot(page, 'h5-family-accepted');
    await page.locator('[data-qa=tab-home]').click();
    await page.locator('[data-qa=home-family]', { hasText: '可预约' }).waitFor();
    await page.context().close();
  });
});
