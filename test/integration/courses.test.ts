// Issue 11, online courses (DOMAIN.md §5.4, T5) on PGlite and PostgreSQL: a 指导师 makes a course (article, images,
// check, an H.264 video checked by its content), publishes it, families take it in the H5 — the video streamed by
// range, the player's progress credited in segments against the time that passed (a forged report or skipping ahead
// does not complete it), the check marked on the server — and a completed course moves the family's T5 line once.
// Records come from the factories, not the demo.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import type { Client } from '../support/client.ts';
import { multipartBody } from '../support/multipart.ts';
import { makeAccount, makeCourse, makeFamily, makeProvider, makeStaffedHouse, type Person } from '../support/factory.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const H264 = fs.readFileSync(path.join(ROOT, 'src/db/seed/assets/demo-course.mp4')); // 20 s, H.264 + AAC
const MPEG4 = fs.readFileSync(path.join(ROOT, 'test/fixtures/not-h264.mp4')); // an MP4 of MPEG-4 Part 2
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const COURSE = {
  title: '宝宝睡整觉的小方法',
  topic: 'sleep',
  minAgeMonths: 12,
  maxAgeMonths: 36,
  leader: '周医生',
  summary: '入睡仪式与夜醒应对',
  article: [],
  quiz: [],
};
const QUIZ = [
  { question: '睡前一小时宜做什么?', options: ['看动画片', '固定的入睡仪式', '剧烈游戏'], answer: 1 },
  { question: '夜醒时首先应当?', options: ['马上开灯', '轻拍安抚,不急于抱起'], answer: 1 },
];

describe.each(drivers)('online courses on %s', (driver) => {
  let t: TestApp;
  let guide: Person;
  let providerId: string;

  const upload = (c: Client, url: string, data: Buffer, type = 'video/mp4', filename = 'course.mp4') => {
    const form = multipartBody({}, { name: 'file', filename, type, data });
    return c.raw('POST', url, form.payload, form.contentType);
  };
  /** A draft course of the 指导师's provider; returns its id. */
  async function draft(extra: Record<string, unknown> = {}) {
    const res = await guide.client.post('/api/courses', { ...COURSE, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }
  /** A published video course (the 20-second demo video). */
  async function videoCourse() {
    const id = await draft();
    expect((await upload(guide.client, `/api/courses/${id}/video`, H264)).statusCode).toBe(200);
    expect((await guide.client.post(`/api/courses/${id}/publish`)).statusCode).toBe(200);
    return id;
  }
  const later = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000));
  const report = (c: Client, id: string, from: number, to: number) => c.post(`/api/family/courses/${id}/progress`, { from, to });
  const done = async (c: Client) => (await c.get('/api/family/guidance')).json().progress.done as number;

  beforeAll(async () => {
    t = await createTestApp(driver, { now: '2026-12-01T09:00:00+08:00' });
    providerId = (await makeProvider(t, { name: '虹口区早期教育指导中心' })).providerId;
    guide = await makeAccount(t, 'guidance_provider', { providerId, displayName: '周老师' });
  });
  afterAll(() => t?.close());

  it('takes an H.264 MP4 by its content, with its length, and refuses anything else naming the file', async () => {
    const id = await draft();
    const ok = await upload(guide.client, `/api/courses/${id}/video`, H264);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().seconds).toBeCloseTo(20, 0);
    expect(ok.json().bytes).toBe(H264.length);
    for (const [data, name] of [
      [MPEG4, 'not-h264.mp4'],
      [PNG, 'photo.mp4'],
      [Buffer.from('just some text, not a video at all'), 'notes.mp4'],
      [Buffer.concat([H264.subarray(0, 40)]), 'cut.mp4'],
    ] as const) {
      const res = await upload(guide.client, `/api/courses/${id}/video`, data, 'video/mp4', name);
      expect(res.statusCode, name).toBe(422);
      expect(res.json()).toMatchObject({ code: 'VIDEO_TYPE_NOT_ALLOWED', errors: [{ field: 'file' }] });
      expect(res.json().title).toBe('只能上传 H.264 编码的 MP4 视频');
    }
    // The refused uploads left the first video in place.
    expect((await guide.client.get(`/api/courses/${id}`)).json().video).toEqual({ seconds: 20, bytes: H264.length });
    const none = multipartBody({});
    expect((await guide.client.raw('POST', `/api/courses/${id}/video`, none.payload, none.contentType)).statusCode).toBe(422);
  });

  it('refuses a video over the district’s size limit with 413 and keeps nothing of it', async () => {
    const district = await makeAccount(t, 'district_admin');
    expect(
      (await district.client.post('/api/policy', { key: 'course.maxVideoMb', value: 10, effectiveFrom: '2026-12-01' })).statusCode,
    ).toBe(201);
    try {
      const id = await draft();
      const big = Buffer.concat([H264, Buffer.alloc(10 * 1024 * 1024)]);
      const res = await upload(guide.client, `/api/courses/${id}/video`, big);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'VIDEO_TOO_LARGE', title: '视频不能超过 10 MB' });
      expect((await guide.client.get(`/api/courses/${id}`)).json().video).toBeNull();
    } finally {
      await district.client.post('/api/policy', { key: 'course.maxVideoMb', value: 500, effectiveFrom: '2026-12-01' });
    }
  });

  it('publishes only a course with something to take; a published course keeps its video', async () => {
    const empty = await draft();
    expect((await guide.client.post(`/api/courses/${empty}/publish`)).json().code).toBe('COURSE_EMPTY');
    const article = await draft({ article: [{ kind: 'text', text: '固定作息,睡前调暗灯光。' }] });
    expect((await guide.client.post(`/api/courses/${article}/publish`)).json().code).toBe('COURSE_QUIZ_REQUIRED');
    const fixed = await guide.client.put(`/api/courses/${article}`, {
      ...COURSE,
      article: [{ kind: 'text', text: '固定作息。' }],
      quiz: QUIZ,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await guide.client.post(`/api/courses/${article}/publish`)).json().status).toBe('published');
    // Taking the check away from a published article is refused, naming the field.
    const res = await guide.client.put(`/api/courses/${article}`, { ...COURSE, article: [{ kind: 'text', text: '固定作息。' }], quiz: [] });
    expect(res.json()).toMatchObject({ code: 'COURSE_QUIZ_REQUIRED', errors: [{ field: 'body.quiz' }] });
    const video = await videoCourse();
    expect((await upload(guide.client, `/api/courses/${video}/video`, H264)).json().code).toBe('COURSE_PUBLISHED');
    expect((await guide.client.post(`/api/courses/${video}/withdraw`)).json().status).toBe('withdrawn');
    expect((await upload(guide.client, `/api/courses/${video}/video`, H264)).statusCode).toBe(200);
  });

  it('streams the video by range: 206 with the bytes asked for, 416 past the end, the whole file without a range', async () => {
    const id = await videoCourse();
    const family = await makeFamily(t, { birthDate: '2025-01-10' });
    const get = (range?: string) => family.client.request('GET', `/api/courses/${id}/video`, undefined, range ? { range } : {});
    const first = await get('bytes=0-99');
    expect(first.statusCode).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${H264.length}`);
    expect(first.headers['accept-ranges']).toBe('bytes');
    expect(first.rawPayload.equals(H264.subarray(0, 100))).toBe(true);
    const tail = await get('bytes=-500');
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(H264.subarray(H264.length - 500))).toBe(true);
    const open = await get(`bytes=${H264.length - 10}-`);
    expect(open.headers['content-range']).toBe(`bytes ${H264.length - 10}-${H264.length - 1}/${H264.length}`);
    const past = await get(`bytes=${H264.length + 10}-`);
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${H264.length}`);
    const whole = await get();
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(H264)).toBe(true);
    expect((await get('chapters=1-2')).statusCode).toBe(200); // a Range it does not understand is ignored
    expect(whole.headers['content-type']).toBe('video/mp4');
  });

  it('credits the player’s segments against the time passed: a forged report is refused, watching to the end completes once', async () => {
    const id = await videoCourse();
    const family = await makeFamily(t, { birthDate: '2025-01-10' });
    const before = await done(family.client);
    const opened = (await family.client.get(`/api/family/courses/${id}`)).json();
    expect(opened.progress).toMatchObject({ watchedShare: 0, videoDone: false, quizPassed: null, completedAt: null });
    // One request claiming the whole video; then a stretch longer than the time since opening.
    expect((await report(family.client, id, 0, 20)).json().code).toBe('SEGMENT_TOO_FAST');
    later(5);
    expect((await report(family.client, id, 0, 19)).json()).toMatchObject({ code: 'SEGMENT_TOO_FAST', errors: [{ field: 'body.to' }] });
    const ok = await report(family.client, id, 0, 10);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().progress).toMatchObject({ watchedShare: 0.5, videoDone: false, resumeAt: 10 });
    later(10);
    const end = await report(family.client, id, 10, 20);
    expect(end.json().progress.videoDone).toBe(true);
    expect(end.json().progress.completedAt).not.toBeNull();
    expect(await done(family.client)).toBe(before + 1);
    // Watching again does not count again.
    later(10);
    await report(family.client, id, 0, 10);
    expect(await done(family.client)).toBe(before + 1);
    const list = (await family.client.get('/api/family/courses')).json();
    expect(list.find((c: { id: string }) => c.id === id)).toMatchObject({ forOurChild: true, progress: { watchedShare: 1 } });
  });

  it('skipping ahead to the end, or leaving halfway, does not complete the video', async () => {
    const id = await videoCourse();
    const family = await makeFamily(t, { birthDate: '2025-01-10' });
    await family.client.get(`/api/family/courses/${id}`);
    later(5);
    expect((await report(family.client, id, 0, 5)).statusCode).toBe(200);
    later(5);
    const skipped = await report(family.client, id, 15, 20);
    expect(skipped.json().progress).toMatchObject({ videoDone: false, completedAt: null, resumeAt: 5 });
    expect(skipped.json().progress.watchedShare).toBeCloseTo(0.5);
  });

  it('marks the article’s check on the server: which answers were wrong, then completion once', async () => {
    const house = await makeStaffedHouse(t, { street: 'scbl', carers: 1 });
    const id = await makeCourse(t, { houseId: house.houseId, createdBy: house.manager.userId });
    const family = await makeFamily(t, { birthDate: '2025-01-10' });
    const before = await done(family.client);
    // Not before the article was opened.
    expect((await family.client.post(`/api/family/courses/${id}/quiz`, { answers: [1] })).json().code).toBe('QUIZ_LOCKED');
    const opened = (await family.client.get(`/api/family/courses/${id}`)).json();
    expect(opened.quiz).toEqual([{ question: '睡前宜做什么?', options: ['看手机', '固定入睡仪式', '剧烈游戏'] }]); // no answers
    expect(JSON.stringify(opened)).not.toContain('"answer"');
    const wrong = (await family.client.post(`/api/family/courses/${id}/quiz`, { answers: [0] })).json();
    expect(wrong).toMatchObject({ correct: [false], passed: false, progress: { quizPassed: false, completedAt: null } });
    const missing = await family.client.post(`/api/family/courses/${id}/quiz`, { answers: [1, 0] });
    expect(missing.json()).toMatchObject({ code: 'QUIZ_ANSWERS_INVALID', errors: [{ field: 'body.answers' }] });
    const right = (await family.client.post(`/api/family/courses/${id}/quiz`, { answers: [1] })).json();
    expect(right).toMatchObject({ correct: [true], passed: true, progress: { quizPassed: true } });
    expect(right.progress.completedAt).not.toBeNull();
    await family.client.post(`/api/family/courses/${id}/quiz`, { answers: [1] });
    expect(await done(family.client)).toBe(before + 1);
    const audits = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'course.complete')
      .where('entity_id', '=', id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0].detail).toMatchObject({ familyId: family.familyId });
  });

  it('keeps families to published courses and organisers to their own', async () => {
    const id = await draft();
    await upload(guide.client, `/api/courses/${id}/video`, H264);
    const family = await makeFamily(t, {});
    expect((await family.client.get(`/api/family/courses/${id}`)).statusCode).toBe(404);
    expect((await family.client.get(`/api/courses/${id}/video`)).statusCode).toBe(404);
    expect((await guide.client.request('GET', `/api/courses/${id}/video`, undefined, { range: 'bytes=0-9' })).statusCode).toBe(206); // preview
    const otherProvider = (await makeProvider(t, { street: 'bwt', kind: 'kindergarten_point' })).providerId;
    const otherGuide = await makeAccount(t, 'guidance_provider', { providerId: otherProvider });
    expect((await otherGuide.client.put(`/api/courses/${id}`, COURSE)).json().code).toBe('FORBIDDEN_SCOPE');
    expect((await otherGuide.client.get(`/api/courses/${id}/video`)).json().code).toBe('FORBIDDEN_SCOPE');
    expect((await upload(otherGuide.client, `/api/courses/${id}/video`, H264)).json().code).toBe('FORBIDDEN_SCOPE');
    expect((await otherGuide.client.get('/api/courses')).json().map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await guide.client.get('/api/courses')).json().map((c: { id: string }) => c.id)).toContain(id);
    const street = await makeAccount(t, 'street_admin', { street: 'bwt' });
    expect((await street.client.get('/api/courses')).json().map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('keeps the article’s images with the course: only its own uploads, JPEG or PNG, shown to families once published', async () => {
    const id = await draft();
    const img = await upload(guide.client, `/api/courses/${id}/images`, PNG, 'image/png', 'sleep.png');
    expect(img.statusCode, img.body).toBe(201);
    const fileId = img.json().fileId;
    const other = await draft();
    const foreign = (await upload(guide.client, `/api/courses/${other}/images`, PNG, 'image/png', 'x.png')).json().fileId;
    const body = (blockFile: string) => ({
      ...COURSE,
      article: [
        { kind: 'text', text: '看图学习' },
        { kind: 'image', fileId: blockFile, caption: '睡前仪式' },
      ],
      quiz: QUIZ,
    });
    expect((await guide.client.put(`/api/courses/${id}`, body(foreign))).json()).toMatchObject({
      code: 'COURSE_IMAGE_NOT_FOUND',
      errors: [{ field: 'body.article.1.fileId' }],
    });
    expect((await guide.client.put(`/api/courses/${id}`, body(fileId))).statusCode).toBe(200);
    const pdf = await upload(guide.client, `/api/courses/${id}/images`, Buffer.from('%PDF-1.4 x'), 'application/pdf', 'a.pdf');
    expect(pdf.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    const family = await makeFamily(t, {});
    expect((await family.client.get(`/api/courses/${id}/images/${fileId}`)).statusCode).toBe(404);
    await guide.client.post(`/api/courses/${id}/publish`);
    const shown = await family.client.get(`/api/courses/${id}/images/${fileId}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.rawPayload.equals(PNG)).toBe(true);
    expect((await family.client.get(`/api/courses/${id}/images/${foreign}`)).statusCode).toBe(404);
  });

  it('refuses malformed input naming the field, never a 500', async () => {
    const id = await videoCourse();
    const family = await makeFamily(t, {});
    for (const [body, field] of [
      [{ title: 'a\u0000b' }, 'title'],
      [{ title: '长'.repeat(5000) }, 'title'],
      [{ topic: 'Astrology!' }, 'topic'],
      [{ minAgeMonths: -1 }, 'minAgeMonths'],
      [{ article: [{ kind: 'video', url: 'x' }] }, 'article'],
      [{ quiz: [{ question: '问', options: ['只有一个'], answer: 0 }] }, 'quiz'],
    ] as const) {
      const res = await guide.client.post('/api/courses', { ...COURSE, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].field, JSON.stringify(body)).toContain(`body.${field}`);
    }
    for (const [body, field] of [
      [{ quiz: [{ question: '问', options: ['甲', '乙'], answer: 3 }] }, 'body.quiz.0.answer'],
      [{ minAgeMonths: 30, maxAgeMonths: 12 }, 'body.maxAgeMonths'],
      [{ topic: 'astrology' }, 'body.topic'],
    ] as const) {
      const res = await guide.client.post('/api/courses', { ...COURSE, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors[0].field).toBe(field);
    }
    for (const body of [{ from: 'zero', to: 10 }, { from: 0 }, { from: -5, to: 1 }, { from: 0, to: 1e12 }, { from: 0, to: 5, extra: 1 }]) {
      const res = await family.client.post(`/api/family/courses/${id}/progress`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].field).toMatch(/^body/);
    }
    expect((await family.client.post(`/api/family/courses/${id}/quiz`, { answers: [] })).statusCode).toBe(400);
    expect((await family.client.get('/api/family/courses/not-a-uuid')).json().errors[0].field).toBe('params.id');
    expect((await family.client.request('GET', `/api/courses/${id}/video`, undefined, { range: 'bytes=5-1' })).statusCode).toBeLessThan(
      500,
    );
  });

  it.skipIf(driver !== 'postgres')('credits one of many parallel reports of the same family: the lock serialises them', async () => {
    const id = await videoCourse();
    const family = await makeFamily(t, { birthDate: '2025-01-10' });
    await family.client.get(`/api/family/courses/${id}`);
    later(10);
    // Ten stretches at once, each credible alone: together they would claim 100 s after 10 s.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => report(family.client, id, i, i + 10)));
    const credited = results.filter((r) => r.statusCode === 200);
    expect(credited).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 422).every((r) => r.json().code === 'SEGMENT_TOO_FAST')).toBe(true);
    const row = await t.database.db
      .selectFrom('course_progress')
      .select('watched_seconds')
      .where('course_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(row.watched_seconds)).toBe(10);
  });

  it.skipIf(driver !== 'postgres')('completes a course once when the same right answers arrive in parallel', async () => {
    const house = await makeStaffedHouse(t, { street: 'scbl', carers: 1 });
    const id = await makeCourse(t, { houseId: house.houseId, createdBy: house.manager.userId });
    const family = await makeFamily(t, {});
    await family.client.get(`/api/family/courses/${id}`);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => family.client.post(`/api/family/courses/${id}/quiz`, { answers: [1] })),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const completed = new Set(results.map((r) => r.json().progress.completedAt));
    expect(completed.size).toBe(1);
    const audits = await t.database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'course.complete')
      .where('entity_id', '=', id)
      .execute();
    expect(audits).toHaveLength(1);
  });
});
