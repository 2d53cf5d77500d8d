// Signing in: lockout, idle timeout, CSRF, one-time codes (expiry, single use, rate limits), audit of sign-ins,
// and two API processes over one database behaving as one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { lastCode, signIn, signInGuardian } from '../support/client.ts';
import { FACTORY_PASSWORD, makeAccount, makeHouse } from '../support/factory.ts';

const MINUTE = 60_000;

describe.each(drivers)('sign-in on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());
  // Every test starts at the same moment (the lockout message names 09:30) and makes the accounts it signs in with.
  beforeEach(() => {
    t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
  });
  const account = async (role: Parameters<typeof makeAccount>[1] = 'carer', options: Parameters<typeof makeAccount>[2] = {}) =>
    (await makeAccount(t, role, options)).username;

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  it('signs staff in with an HttpOnly SameSite cookie and audits it', async () => {
    const res = await login(await account('house_manager'), FACTORY_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'bbw_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    // A lifetime the browser counts from its own clock (Max-Age), never a date from the server's (Expires): a browser
    // whose clock differs from the server's would otherwise drop the cookie on arrival.
    expect(cookie.maxAge).toBeGreaterThan(0);
    expect(cookie.expires).toBeUndefined();
    expect(res.json().user.role).toBe('house_manager');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.signIn')
      .where('actor_user_id', '=', res.json().user.id)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const a = await login('nobody.here', FACTORY_PASSWORD);
    const b = await login(await account('carer'), 'wrong-Password1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().title).toBe('用户名或密码错误');
    expect(b.json().title).toBe(a.json().title);
  });

  it('locks an account for 30 minutes after 5 failed sign-ins', async () => {
    const volunteer = await account('volunteer');
    for (let i = 0; i < 4; i++) expect((await login(volunteer, 'Wrong#pass1')).statusCode).toBe(401);
    const fifth = await login(volunteer, 'Wrong#pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    expect(fifth.json().title).toMatch(/账号因多次登录失败已被锁定,请于 2026年12月1日 周二 09:30 后再试/);
    // Even the right password is refused while locked.
    expect((await login(volunteer, FACTORY_PASSWORD)).statusCode).toBe(423);
    t.clock.advance(29 * MINUTE);
    expect((await login(volunteer, FACTORY_PASSWORD)).statusCode).toBe(423);
    t.clock.advance(2 * MINUTE);
    expect((await login(volunteer, FACTORY_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a staff session after 30 idle minutes, and keeps a busy one alive', async () => {
    const c = await signIn(t.app, await account('health_staff'), FACTORY_PASSWORD);
    t.clock.advance(29 * MINUTE);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });

  it('answers a page asking whether anyone is signed in with 200 either way (issue 10: no 401 on every load)', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ signedIn: false, expired: false, me: null });
    const c = await signIn(t.app, await account('carer'), FACTORY_PASSWORD);
    const signedIn = await c.get('/api/auth/session');
    expect(signedIn.statusCode).toBe(200);
    const { now: _now, ...me } = (await c.get('/api/auth/me')).json();
    expect(signedIn.json()).toMatchObject({ signedIn: true, expired: false, me });
    t.clock.advance(31 * MINUTE);
    const expired = await c.get('/api/auth/session');
    expect(expired.statusCode).toBe(200);
    expect(expired.json()).toEqual({ signedIn: false, expired: true, me: null });
  });

  it('requires the CSRF token for state changes', async () => {
    await makeHouse(t, { street: 'scbl' });
    const c = await signIn(t.app, await account('street_admin', { street: 'scbl' }), FACTORY_PASSWORD);
    const house = (await c.get('/api/houses')).json()[0];
    const without = await c.request('PATCH', `/api/houses/${house.id}`, { phone: '021-1234-5678' }, { 'x-csrf-token': 'forged' });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('CSRF_FAILED');
    expect((await c.get(`/api/houses/${house.id}`)).json().phone).toBe(house.phone);
  });

  it('signs out: the cookie no longer works', async () => {
    const c = await signIn(t.app, await account('carer'), FACTORY_PASSWORD);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  describe('one-time codes', () => {
    const request = (phone: string, ip = '10.1.1.1') =>
      t.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone }, remoteAddress: ip });
    const verify = (phone: string, code: string, ip = '10.1.1.1') =>
      t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code }, remoteAddress: ip });

    it('creates the guardian account on first sign-in, and the code is single use', async () => {
      expect((await request('13911110001')).statusCode).toBe(202);
      const code = await lastCode(t.app, '13911110001');
      const first = await verify('13911110001', code);
      expect(first.statusCode).toBe(200);
      expect(first.json().user.role).toBe('guardian');
      const again = await verify('13911110001', code);
      expect(again.statusCode).toBe(400);
      expect(again.json().code).toBe('OTP_INVALID');
    });

    it('expires after 5 minutes', async () => {
      await request('13911110002');
      const code = await lastCode(t.app, '13911110002');
      t.clock.advance(5 * MINUTE + 1000);
      expect((await verify('13911110002', code)).json().code).toBe('OTP_INVALID');
    });

    it('gives up after 5 wrong codes', async () => {
      await request('13911110003');
      const code = await lastCode(t.app, '13911110003');
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 4; i++) expect((await verify('13911110003', wrong)).json().code).toBe('OTP_INVALID');
      expect((await verify('13911110003', wrong)).json().code).toBe('OTP_TOO_MANY_ATTEMPTS');
      expect((await verify('13911110003', code)).json().code).toBe('OTP_TOO_MANY_ATTEMPTS');
    });

    it('is rate-limited per phone (one a minute, five an hour)', async () => {
      expect((await request('13911110004')).statusCode).toBe(202);
      const second = await request('13911110004');
      expect(second.statusCode).toBe(429);
      expect(second.json().code).toBe('RATE_LIMITED');
      expect(second.json().title).toMatch(/请 \d+ 秒后再试/);
      for (let i = 0; i < 4; i++) {
        t.clock.advance(61_000);
        expect((await request('13911110004')).statusCode).toBe(202);
      }
      t.clock.advance(61_000);
      expect((await request('13911110004')).statusCode).toBe(429);
    });

    it('is rate-limited per IP', async () => {
      t.clock.advance(3600_000);
      let refused = 0;
      for (let i = 0; i < 32; i++) {
        const res = await request(`1370000${String(i).padStart(4, '0')}`, '10.9.9.9');
        if (res.statusCode === 429) refused++;
      }
      expect(refused).toBe(2);
    });

    it('refuses malformed phones and codes with field errors in Chinese', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone: '12345' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: 'body.phone', message: '格式不正确' });
    });
  });

  it('two API processes over one database behave as one (sessions, codes, limits)', async () => {
    const second = await buildApp({ ...t.app.ctx });
    await second.ready();
    try {
      // A session made by one process works on the other.
      const district = await account('district_admin');
      const c = await signIn(t.app, district, FACTORY_PASSWORD);
      const me = await second.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: await rawCookie(district) } });
      expect(me.statusCode).toBe(200);
      // A code requested from one is verified by the other, and the per-phone limit counts across both.
      await t.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone: '13911110009' } });
      const limited = await second.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone: '13911110009' } });
      expect(limited.statusCode).toBe(429);
      const code = await lastCode(t.app, '13911110009');
      const ok = await second.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone: '13911110009', code } });
      expect(ok.statusCode).toBe(200);
      expect(c.userId).toBeTruthy();
    } finally {
      await second.close();
    }
  });

  async function rawCookie(username: string) {
    const res = await login(username, FACTORY_PASSWORD);
    return `bbw_session=${res.cookies.find((x) => x.name === 'bbw_session')!.value}`;
  }

  it('guardian sessions outlive the staff idle limit', async () => {
    const g = await signInGuardian(t.app, '13911110010');
    t.clock.advance(3 * 3600_000);
    expect((await g.get('/api/auth/me')).statusCode).toBe(200);
  });
});
