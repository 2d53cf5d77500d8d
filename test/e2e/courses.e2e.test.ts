// Issue 11, online courses in Chromium: a provider's 指导师 makes a course in the console (basics, the H.264 video
// uploaded with its progress bar, a paragraph, a question with its right answer) and publishes it; a guardian on the
// phone finds it under 指导, plays the video through (the player's reports move 已观看 to 视频已看完), answers the check
// — a wrong answer is marked, the right one completes the course — and her year's line reads 1 / 10.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { desktopPage, phonePage, screenshot, seed, signInByCode, signInConsole, useE2E } from './harness.ts';
import { signIn } from '../support/client.ts';
import { multipartBody } from '../support/multipart.ts';

const VIDEO = path.resolve(import.meta.dirname, '../../src/db/seed/assets/demo-course.mp4');
const TITLE = '宝宝睡整觉:入睡仪式';
const H5_TITLE = '睡前一小时做什么';

const app = useE2E();
let account: { username: string; password: string };

beforeAll(async () => {
  account = await seed(app(), 'account', { role: 'guidance_provider', displayName: '沈老师' });
});

describe('online courses', () => {
  it('a 指导师 makes a course with a video and a check and publishes it', async () => {
    const e2e = app();
    const page = await desktopPage(e2e);
    await signInConsole(e2e, page, account.username, account.password);
    await page.goto(`${e2e.baseUrl}/console/courses`);
    await page.locator('[data-qa=course-create]').click();
    await page.locator('[data-qa=course-field-title]').fill(TITLE);
    await page.locator('[data-qa=course-field-topic]').click();
    await page.locator('.ant-select-item-option', { hasText: '睡眠' }).click();
    await page.locator('[data-qa=course-field-leader]').fill('沈老师');
    // Before the first save, the video and images wait for the draft.
    await expect.poll(() => page.locator('[data-qa=course-video]').textContent()).toContain('先保存草稿');
    await page.locator('[data-qa=course-save]').click();
    await page.waitForURL(/\/console\/courses\/[0-9a-f-]{36}$/);

    await page.locator('[data-qa=course-video] input[type=file]').setInputFiles(VIDEO);
    await page.locator('[data-qa=course-video-info]').waitFor();
    expect(await page.locator('[data-qa=course-video-info]').textContent()).toContain('0:20');
    await page.locator('[data-qa=course-add-text]').click();
    await page.locator('[data-qa=course-block-text] textarea').fill('睡前一小时调暗灯光,洗澡、讲故事、关灯,每天相同。');
    await page.locator('[data-qa=course-add-question]').click();
    const q = page.locator('[data-qa=course-question]');
    await q.locator('input').nth(0).fill('睡前一小时宜做什么?');
    await q.locator('input[placeholder="选项 1"]').fill('看动画片');
    await q.locator('input[placeholder="选项 2"]').fill('固定的入睡仪式');
    await q.locator('.ant-radio-wrapper').nth(1).click();
    await page.locator('[data-qa=course-save-publish]').click();
    await expect.poll(() => page.locator('[data-qa=course-status]').textContent()).toBe('已发布');
    await screenshot(page, 'console-course-editor');

    await page.goto(`${e2e.baseUrl}/console/courses`);
    const row = page.locator('[data-qa=course-row]', { hasText: TITLE });
    await expect.poll(() => row.locator('[data-qa=course-content]').textContent()).toBe('视频 0:20 · 图文 1 段 · 测验 1 题');
    expect(await row.getAttribute('data-status')).toBe('published');
    await screenshot(page, 'console-courses');
  });

  it('a guardian watches it through on the phone, answers the check and her year moves', async () => {
    const e2e = app();
    // The course, made through the API (this test does not rely on the one above).
    const provider = await signIn(e2e.test.app, account.username, account.password);
    const made = await provider.post('/api/courses', {
      title: H5_TITLE,
      topic: 'sleep',
      minAgeMonths: 0,
      maxAgeMonths: 36,
      leader: '沈老师',
      article: [{ kind: 'text', text: '睡前一小时调暗灯光,洗澡、讲故事、关灯,每天相同。' }],
      quiz: [{ question: '睡前一小时宜做什么?', options: ['看动画片', '固定的入睡仪式'], answer: 1 }],
    });
    const courseId = made.json().id;
    const form = multipartBody({}, { name: 'file', filename: 'sleep.mp4', type: 'video/mp4', data: fs.readFileSync(VIDEO) });
    expect((await provider.raw('POST', `/api/courses/${courseId}/video`, form.payload, form.contentType)).statusCode).toBe(200);
    expect((await provider.post(`/api/courses/${courseId}/publish`)).statusCode).toBe(200);
    const family = await seed<{ phone: string }>(e2e, 'family', { street: 'scbl' });
    const page = await phonePage(e2e);
    await signInByCode(e2e, page, family.phone);
    await page.goto(`${e2e.baseUrl}/h5/guidance`);
    await expect.poll(() => page.locator('[data-qa=guidance-progress-text]').textContent()).toBe('今年已参加育儿指导 0 / 10 次');
    const card = page.locator('[data-qa=course-card]', { hasText: H5_TITLE });
    expect(await card.getAttribute('data-state')).toBe('new');
    await card.click();
    await page.locator('[data-qa=course-player]').waitFor();

    // Played through at double speed (the most the server credits), muted as a phone would autoplay.
    await page.locator('[data-qa=course-player]').evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      v.playbackRate = 2;
      await v.play();
    });
    await expect
      .poll(() => page.locator('[data-qa=course-watched]').textContent(), { timeout: 30_000, interval: 1000 })
      .toContain('视频已看完');
    await screenshot(page, 'h5-course-watched');

    const options = page.locator('[data-qa=course-option]');
    await options.nth(0).click();
    await page.locator('[data-qa=course-submit]').click();
    await expect.poll(() => page.locator('[data-qa=course-question]').getAttribute('data-wrong')).toBe('true');
    await options.nth(1).click();
    await page.locator('[data-qa=course-submit]').click();
    await page.locator('[data-qa=course-done]').waitFor();
    await screenshot(page, 'h5-course-done');

    await page.goto(`${e2e.baseUrl}/h5/guidance`);
    await expect.poll(() => page.locator('[data-qa=guidance-progress-text]').textContent()).toBe('今年已参加育儿指导 1 / 10 次');
    expect(await page.locator('[data-qa=course-card]', { hasText: H5_TITLE }).getAttribute('data-state')).toBe('done');
  });
});
