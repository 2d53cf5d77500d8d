// The platform around the modules: the embedded database's folder lock, the OpenAPI document, reminders, the live demo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase } from '../../src/db/database.ts';
import { sendReminders } from '../../src/server/modules/bookings/engine.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';
import { signIn } from '../support/client.ts';
import { DEMO_PASSWORD } from '../../src/db/seed/demo.ts';
import { makeBooking, makeFamily, makeSession, makeStaffedHouse } from '../support/factory.ts';

describe('the embedded database folder', () => {
  it('refuses a second process (here: a second open) with a clear message, and frees the folder on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbw-lock-'));
    const first = await openDatabase({ dataDir: dir });
    try {
      // Pretend another live process holds it: our own pid is treated as "us", so write a foreign live pid (the parent's).
      fs.writeFileSync(path.join(dir, 'baobaowu.lock'), String(process.ppid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/正被另一个进程.*使用/);
    } finally {
      fs.writeFileSync(path.join(dir, 'baobaowu.lock'), String(process.pid));
      await first.close();
    }
    expect(fs.existsSync(path.join(dir, 'baobaowu.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the API around the modules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/sessions',
        '/api/bookings',
        '/api/bookings/{id}/cancel',
        '/api/children/{id}/entitlement',
        '/api/houses',
      ]),
    );
    expect(doc.paths['/api/bookings'].post.requestBody.content['application/json'].schema.required).toEqual(['sessionId', 'childId']);
  });

  it('reminds guardians of tomorrow’s bookings once, from 18:00 the day before, unless they switched reminders off', async () => {
    // A family with a booking on 2026-12-03; move to the evening before it.
    t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
    const house = await makeStaffedHouse(t);
    const sessionId = await makeSession(t, {
      houseId: house.houseId,
      roomId: house.roomIds[0],
      date: '2026-12-03',
      carerIds: house.carers.map((c) => c.userId),
    });
    const family = await makeFamily(t);
    expect((await makeBooking(family, sessionId)).status).toBe('confirmed');
    const quiet = await makeFamily(t);
    expect((await makeBooking(quiet, sessionId)).status).toBe('confirmed');
    expect((await quiet.client.put('/api/family/notices', { notice: 'reminder', enabled: false })).statusCode).toBe(200);
    const first = { date: '2026-12-03' };
    const dayBefore = new Date(new Date(`${first.date}T17:00:00+08:00`).getTime() - 86_400_000);
    t.clock.set(dayBefore);
    expect(await sendReminders(t.database.db, t.clock)).toBe(0);
    t.clock.advance(3600_000 + 60_000);
    expect(await sendReminders(t.database.db, t.clock)).toBe(2); // both bookings are done with…
    expect(await sendReminders(t.database.db, t.clock)).toBe(0);
    const outbox = async (phone: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${phone}` })).json() as { template: string; body: string }[];
    const sms = (await outbox(family.phone)).filter((m) => m.template === 'bookingReminder');
    expect((await outbox(quiet.phone)).filter((m) => m.template === 'bookingReminder')).toEqual([]); // …but one is told
    expect(sms).toHaveLength(1);
    expect(sms[0].body).toMatch(/^【宝宝屋】提醒:.+已预约 \d{4}年\d{1,2}月\d{1,2}日 周. \d{2}:\d{2} 的.+照护服务/);
  });
});

// This one is about the demo itself (what `npm start` shows during a session), so it keeps the demo.
describe('the demo started while a session is under way', () => {
  it('shows the carers the demo children checked in, and the day’s compliance findings', async () => {
    const t = await createTestApp('pglite', { demo: true, now: '2026-12-01T09:40:00+08:00' });
    try {
      const carer = await signIn(t.app, 'carer.scbl', DEMO_PASSWORD);
      const houseId = (await carer.get('/api/auth/me')).json().user.houseId;
      const day = (await carer.get(`/api/attendance/day?houseId=${houseId}`)).json();
      const morning = day.sessions.find((s: { startsAt: string }) => s.startsAt === '2026-12-01T01:00:00.000Z');
      expect(
        morning.children.map((c: { childName: string; attendance: { checkedInAt: string } | null }) => [
          c.childName,
          c.attendance?.checkedInAt,
        ]),
      ).toEqual([
        ['李沐晴', '2026-12-01T01:05:00.000Z'],
        ['李沐阳', '2026-12-01T01:05:00.000Z'],
      ]);
      expect(morning.ratio).toMatchObject({ present: 2, ok: true });
      const district = await signIn(t.app, 'district', DEMO_PASSWORD);
      expect((await district.get('/api/compliance/findings')).json().findings.length).toBeGreaterThan(3);
    } finally {
      await t.close();
    }
  });
});
