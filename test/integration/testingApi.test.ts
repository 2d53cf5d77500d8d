// The development-only seeding API that e2e tests use: it makes a house, accounts, a session and a family whose
// people can sign in and book, with no demo; and it does not exist when the test API is off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';
import { signIn, signInGuardian } from '../support/client.ts';

describe('the seeding API for e2e', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());
  const seed = async (what: string, body: unknown = {}) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/test/seed/${what}`, payload: body as object });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('makes a staffed house, a session and a family that signs in and books', async () => {
    t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
    const house = await seed('house', { street: 'bwt', carers: 2 });
    const manager = await signIn(t.app, house.manager.username, house.manager.password);
    expect((await manager.get('/api/auth/me')).json().user.houseId).toBe(house.houseId);
    const street = await signIn(t.app, house.street.username, house.street.password);
    expect((await street.get('/api/houses')).json().map((h: { id: string }) => h.id)).toEqual([house.houseId]);
    const { sessionId } = await seed('session', {
      houseId: house.houseId,
      roomId: house.roomIds[0],
      date: '2026-12-03',
      carerIds: house.carers.map((c: { userId: string }) => c.userId),
    });
    const family = await seed('family', { street: 'bwt' });
    const guardian = await signInGuardian(t.app, family.phone);
    const booked = await guardian.post(
      '/api/bookings',
      { sessionId, childId: family.childId },
      { 'idempotency-key': 'e2e-seed-booking-00000001' },
    );
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().status).toBe('confirmed');
    const inspector = await seed('account', { role: 'inspector', department: 'fire' });
    expect((await (await signIn(t.app, inspector.username, inspector.password)).get('/api/auth/me')).json().user.role).toBe('inspector');
  });

  it('does not exist without ENABLE_TEST_API', async () => {
    const off = await buildApp({ ...t.app.ctx, config: { ...t.app.ctx.config, enableTestApi: false } });
    await off.ready();
    try {
      const res = await off.inject({ method: 'POST', url: '/api/test/seed/house', payload: {} });
      expect(res.statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
