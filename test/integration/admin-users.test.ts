// The system admin opens a 指导师 account (role guidance_provider) for a guidance provider: the provider is required
// and must exist, like a house for house staff; the accounts list names it; the 指导师 signs in scoped to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { signIn, type Client } from '../support/client.ts';
import { makeAccount, makeProvider } from '../support/factory.ts';

describe.each(drivers)('accounts of guidance providers on %s', (driver) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(driver);
    admin = (await makeAccount(t, 'system_admin')).client;
  });
  afterAll(() => t?.close());

  const account = (extra: object) => ({
    username: `zhidao.${Math.random().toString(36).slice(2, 8)}`,
    displayName: '周敏',
    role: 'guidance_provider',
    password: 'Zhidao-2026!',
    ...extra,
  });

  it('requires an existing provider for a 指导师', async () => {
    const missing = await admin.post('/api/users', account({}));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('body.providerId');
    const unknown = await admin.post('/api/users', account({ providerId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].field).toBe('body.providerId');
  });

  it('creates the account for its provider, lists it, and scopes its sign-in to it', async () => {
    const provider = await makeProvider(t, { name: '虹口区早教指导中心(测试)' });
    const body = account({ providerId: provider.providerId });
    const created = await admin.post('/api/users', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      role: 'guidance_provider',
      providerId: provider.providerId,
      providerName: provider.name,
      houseId: null,
    });
    expect(created.json().streetName).toBe('四川北路街道');

    const listed = (await admin.get('/api/users?role=guidance_provider')).json() as { id: string; providerName: string }[];
    expect(listed.find((u) => u.id === created.json().id)?.providerName).toBe(provider.name);

    const staff = await signIn(t.app, body.username, body.password);
    const providers = (await staff.get('/api/guidance/providers')).json() as { id: string }[];
    expect(providers.map((p) => p.id)).toEqual([provider.providerId]);

    // Moving it to another provider.
    const other = await makeProvider(t, { name: '曲阳路社区卫生服务中心(测试)', kind: 'health_centre', street: 'qyl' });
    const moved = await admin.patch(`/api/users/${created.json().id}`, { providerId: other.providerId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().providerId).toBe(other.providerId);
  });
});
