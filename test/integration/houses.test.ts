// Street admins manage their street's houses: R18 names, rooms with legal capacity (R3–R4), opening hours,
// R11/R12/R19 facts, suspension; every change audited in the same transaction; bad input changes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { signInGuardian, type Client } from '../support/client.ts';
import { makeDistrictAdmin, makeHouse, makeStreetAdmin } from '../support/factory.ts';

describe.each(drivers)('houses on %s', (driver) => {
  let t: TestApp;
  let admin: Client;
  let streetId: string;
  const validHouse = () => ({
    streetId,
    name: "山阴路社区'宝宝屋'",
    address: '虹口区山阴路 200 号',
    phone: '021-6500-0199',
    openingHours: [
      { weekday: 1, open: '08:30', close: '17:00' },
      { weekday: 3, open: '08:30', close: '12:00' },
    ],
    facilities: { drinkingWater: true, washroom: true, nursingRoom: true, ageAppropriateFurniture: true },
    cctvRetentionDays: 30,
    cctvNetworked: true,
    alarmNetworked: true,
    insurer: '某保险公司',
    insurancePolicyNo: 'P-2026-001',
    insuranceStart: '2026-01-01',
    insuranceEnd: '2026-12-31',
    rooms: [
      { name: '活动室', areaM2: 40 },
      { name: '大厅', areaM2: 75.5 },
    ],
  });

  beforeAll(async () => {
    t = await createTestApp(driver);
    admin = (await makeStreetAdmin(t, 'scbl')).client;
    streetId = (await admin.get('/api/streets')).json().find((s: { name: string }) => s.name === '四川北路街道').id;
  });
  afterAll(() => t?.close());
  // Each test starts on 2026-12-01 09:00 and makes the house it works on (its own name, so none needs another's).
  beforeEach(() => {
    t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
  });
  const createHouse = async (place: string) => {
    const res = await admin.post('/api/houses', { ...validHouse(), name: `${place}社区'宝宝屋'` });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  const count = async (table: 'house' | 'room' | 'audit_event') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select(({ fn }) => fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates a house with rooms and their legal capacity, audited', async () => {
    const auditBefore = await count('audit_event');
    const res = await admin.post('/api/houses', validHouse());
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json();
    expect(h.name).toBe('山阴路社区‘宝宝屋’');
    expect(h.rooms.map((r: { name: string; legalCapacity: number; binding: string }) => [r.name, r.legalCapacity, r.binding])).toEqual([
      ['大厅', 20, 'classSize'],
      ['活动室', 13, 'area'],
    ]);
    expect(h.legalCapacity).toBe(33);
    expect(h.checks).toEqual({
      insuranceCoversToday: true,
      cctvRetentionMet: true,
      cctvRetentionRequiredDays: 30,
      facilitiesComplete: true,
    });
    expect(h.permissions).toEqual({ update: true, suspend: true, manageRooms: true, manageFacts: true });
    expect(await count('audit_event')).toBe(auditBefore + 1);
    // The district sees it, read-only.
    const district = (await makeDistrictAdmin(t)).client;
    const seen = (await district.get(`/api/houses/${h.id}`)).json();
    expect(seen.permissions).toEqual({ update: false, suspend: false, manageRooms: false, manageFacts: false });
    // Guardians and the public see it listed under its street.
    const guardian = await signInGuardian(t.app, '13911119001');
    const streets = (await guardian.get('/api/public/streets')).json();
    expect(streets.find((s: { name: string }) => s.name === '四川北路街道').houses.map((x: { name: string }) => x.name)).toContain(
      '山阴路社区‘宝宝屋’',
    );
  });

  it('refuses names that break R18, or belong to another street, with a Chinese field error', async () => {
    for (const [name, code] of [
      ['阳光托育中心', 'HOUSE_NAME_INVALID'],
      ['北外滩街道‘宝宝屋’', 'HOUSE_STREET_MISMATCH'],
    ]) {
      const res = await admin.post('/api/houses', { ...validHouse(), name });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code, errors: [{ field: 'body.name' }] });
      expect(res.json().title).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('refuses a duplicate name with 409 and writes nothing', async () => {
    await createHouse('溧阳路');
    const [houses, rooms] = [await count('house'), await count('room')];
    const res = await admin.post('/api/houses', { ...validHouse(), name: "溧阳路社区'宝宝屋'" });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('HOUSE_NAME_TAKEN');
    expect([await count('house'), await count('room')]).toEqual([houses, rooms]);
  });

  it('refuses bad opening hours and insurance periods', async () => {
    const hours = await admin.post('/api/houses', {
      ...validHouse(),
      name: '新港社区‘宝宝屋’',
      openingHours: [{ weekday: 1, open: '17:00', close: '08:00' }],
    });
    expect(hours.json().code).toBe('OPENING_HOURS_INVALID');
    const twice = await admin.post('/api/houses', {
      ...validHouse(),
      name: '新港社区‘宝宝屋’',
      openingHours: [
        { weekday: 1, open: '08:00', close: '12:00' },
        { weekday: 1, open: '13:00', close: '17:00' },
      ],
    });
    expect(twice.json().code).toBe('OPENING_HOURS_INVALID');
    const insurance = await admin.post('/api/houses', {
      ...validHouse(),
      name: '新港社区‘宝宝屋’',
      insuranceStart: '2026-12-31',
      insuranceEnd: '2026-01-01',
    });
    expect(insurance.json().code).toBe('INSURANCE_PERIOD_INVALID');
  });

  it('edits facts, and the R11/R12/R19 checks follow', async () => {
    const h = await createHouse('长春路');
    const res = await admin.patch(`/api/houses/${h.id}`, {
      cctvRetentionDays: 14,
      insuranceEnd: '2026-11-30',
      facilities: { drinkingWater: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().checks).toEqual({
      insuranceCoversToday: false,
      cctvRetentionMet: false,
      cctvRetentionRequiredDays: 30,
      facilitiesComplete: false,
    });
    // An end before the stored start is refused, and nothing changes.
    const bad = await admin.patch(`/api/houses/${h.id}`, { insuranceEnd: '2025-12-31', address: '改了也不该保存' });
    expect(bad.statusCode).toBe(422);
    expect((await admin.get(`/api/houses/${h.id}`)).json().address).toBe('虹口区山阴路 200 号');
  });

  it('manages rooms: capacity follows the area; names are unique per house', async () => {
    const h = await createHouse('四达路');
    const added = await admin.post(`/api/houses/${h.id}/rooms`, { name: '小教室', areaM2: 18 });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ legalCapacity: 6, binding: 'area' });
    const grown = await admin.patch(`/api/rooms/${added.json().id}`, { areaM2: 90 });
    expect(grown.json()).toMatchObject({ legalCapacity: 20, binding: 'classSize' });
    expect((await admin.post(`/api/houses/${h.id}/rooms`, { name: '小教室', areaM2: 20 })).statusCode).toBe(409);
    expect((await admin.post(`/api/houses/${h.id}/rooms`, { name: '空间', areaM2: 0 })).statusCode).toBe(400);
    expect((await admin.delete(`/api/rooms/${added.json().id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/houses/${h.id}`)).json().rooms).toHaveLength(2);
  });

  it('follows the capacity parameters in force (R3 changed by the district from a date)', async () => {
    const district = (await makeDistrictAdmin(t)).client;
    await makeHouse(t, { street: 'scbl', name: '多伦社区‘宝宝屋’', rooms: [['游戏探索室', 45]] });
    const res = await district.post('/api/policy', {
      key: 'capacity.minAreaPerChildM2',
      value: 4,
      effectiveFrom: '2026-12-02',
      note: '测试',
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = (await admin.get('/api/houses')).json().find((x: { name: string }) => x.name === '多伦社区‘宝宝屋’');
    expect(h.rooms[0]).toMatchObject({ areaM2: 45, legalCapacity: 15 });
    t.clock.advance(24 * 3600_000);
    try {
      const later = (await (await makeStreetAdmin(t, 'scbl')).client.get(`/api/houses/${h.id}`)).json();
      expect(later.rooms[0]).toMatchObject({ areaM2: 45, legalCapacity: 11 });
    } finally {
      t.clock.advance(-24 * 3600_000);
    }
    // Past dates keep their rules, and a change cannot be back-dated.
    expect(
      (await district.get('/api/policy?date=2026-12-01'))
        .json()
        .parameters.find((p: { key: string }) => p.key === 'capacity.minAreaPerChildM2').current,
    ).toBe(3);
    expect(
      (await district.post('/api/policy', { key: 'capacity.minAreaPerChildM2', value: 5, effectiveFrom: '2026-01-01' })).statusCode,
    ).toBe(422);
  });

  it('suspends with a reason and resumes; a suspended house leaves the public list', async () => {
    const h = await createHouse('甜爱路');
    expect((await admin.post(`/api/houses/${h.id}/suspend`, {})).statusCode).toBe(400);
    const s = await admin.post(`/api/houses/${h.id}/suspend`, { reason: '消防整改' });
    expect(s.json()).toMatchObject({ status: 'suspended', suspendedReason: '消防整改' });
    const pub = (await t.app.inject({ method: 'GET', url: '/api/public/streets' })).json();
    expect(pub.flatMap((x: { houses: { id: string }[] }) => x.houses.map((y) => y.id))).not.toContain(h.id);
    expect((await admin.post(`/api/houses/${h.id}/resume`, {})).json().status).toBe('active');
  });

  describe('bad input is a clear 4xx and changes nothing', () => {
    it('malformed JSON, wrong types, unknown fields, oversized bodies, unknown and malformed ids', async () => {
      const before = [await count('house'), await count('room')];
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: '{"username":',
        headers: { 'content-type': 'application/json' },
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ code: 'INVALID_JSON', title: '请求内容不是有效的 JSON' });
      expect(malformed.headers['content-type']).toContain('application/problem+json');

      const wrongType = await admin.post('/api/houses', { ...validHouse(), name: '港湾社区‘宝宝屋’', cctvRetentionDays: '三十' });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().errors).toContainEqual(expect.objectContaining({ field: 'body.cctvRetentionDays' }));

      const unknown = await admin.post('/api/houses', { ...validHouse(), name: '港湾社区‘宝宝屋’', secretField: 1 });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].message).toMatch(/不允许的字段:secretField/);

      const huge = await admin.post('/api/houses', { ...validHouse(), name: '港湾社区‘宝宝屋’', address: 'x'.repeat(2 * 1024 * 1024) });
      expect(huge.statusCode).toBe(413);
      expect(huge.json().code).toBe('BODY_TOO_LARGE');

      const missing = await admin.get('/api/houses/00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('HOUSE_NOT_FOUND');
      const notUuid = await admin.get('/api/houses/not-a-uuid');
      expect(notUuid.statusCode).toBe(400);
      const missingRoom = await admin.patch('/api/rooms/00000000-0000-4000-8000-000000000000', { areaM2: 10 });
      expect(missingRoom.statusCode).toBe(404);
      const unknownStreet = await admin.post('/api/houses', { ...validHouse(), streetId: '00000000-0000-4000-8000-000000000000' });
      expect(unknownStreet.statusCode).toBe(422);

      expect([await count('house'), await count('room')]).toEqual(before);
    });

    it('speaks English when asked', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/houses', headers: { 'accept-language': 'en-US,en;q=0.9' } });
      expect(res.json().title).toBe('Please sign in first');
    });
  });

  it('keeps the audit log append-only, even for the database owner', async () => {
    await createHouse('横浜桥'); // an audit event to tamper with (row triggers need a row)
    await expect(t.database.db.updateTable('audit_event').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.database.db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
  });
});
