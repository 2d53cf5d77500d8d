// The authorisation matrix: every action against every role, in scope and out of it. The expectations are
// written out here on purpose (not read from server/access.ts), so a change to the grants must change this spec.
// Without the demo: two streets' houses, their people, families, sessions and bookings are made here
// (test/support/factory.ts) — 四川北路 (two houses, the signed-in people's own) and 北外滩 (one house, outside).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { allActions, isPublic, type Action } from '../../src/server/access.ts';
import { registerAuthHooks } from '../../src/server/auth/plugin.ts';
import { ROLES, type Role } from '../../src/db/schema.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import type { Client } from '../support/client.ts';
import { multipartBody } from '../support/multipart.ts';
import {
  makeAccount,
  makeBooking,
  makeCourse,
  makeFamily,
  makeGuidanceEvent,
  makeProvider,
  makeSession,
  makeStaff,
  makeStaffedHouse,
} from '../support/factory.ts';

const HOUSE_STAFF: Role[] = ['carer', 'health_staff', 'house_manager', 'volunteer'];

/** Who may perform each action somewhere. */
const EXPECTED: Record<Exclude<Action, 'public.read' | 'auth.signIn' | 'test.control'>, Role[]> = {
  'session.self': [...ROLES],
  'street.list': ['district_admin', 'inspector', 'street_admin', ...HOUSE_STAFF, 'system_admin'],
  'house.read': ['district_admin', 'inspector', 'street_admin', ...HOUSE_STAFF, 'system_admin'],
  'house.create': ['street_admin'],
  'house.update': ['street_admin'],
  'population.read': ['street_admin', 'district_admin', 'inspector'],
  'population.manage': ['street_admin', 'district_admin'],
  'house.places': ['street_admin'],
  'house.suspend': ['street_admin'],
  'room.manage': ['street_admin'],
  'family.readOwn': ['guardian'],
  'family.manageOwn': ['guardian'],
  'registration.read': ['street_admin', 'district_admin'],
  'registration.decide': ['street_admin'],
  'child.unmask': ['street_admin'],
  'document.manage': ['district_admin'],
  'schedule.manage': ['house_manager'],
  'session.read': [...HOUSE_STAFF, 'street_admin', 'district_admin'],
  'session.bookings.read': ['house_manager', 'carer', 'health_staff'],
  'booking.markNoShow': ['house_manager', 'carer', 'health_staff'],
  'booking.cancelByHouse': ['house_manager'],
  'booking.create': ['guardian'],
  'booking.manageOwn': ['guardian'],
  'policy.read': ['district_admin', 'street_admin', 'house_manager', 'inspector'],
  'policy.update': ['district_admin'],
  'user.list': ['system_admin'],
  'user.manage': ['system_admin'],
  'security.read': ['security_admin'],
  'security.manage': ['security_admin'],
  'audit.read': ['audit_admin'],
  'staff.read': ['house_manager', 'street_admin', 'district_admin'],
  'staff.manage': ['house_manager'],
  'houseFacts.manage': ['house_manager', 'street_admin'],
  'houseFile.upload': ['house_manager', 'street_admin'],
  'attendance.read': ['house_manager', 'carer', 'health_staff'],
  'attendance.record': ['house_manager', 'carer', 'health_staff'],
  'duty.record': ['house_manager', 'carer', 'health_staff'],
  'attendance.readOwn': ['guardian'],
  'pickupCode.create': ['guardian'],
  'incident.read': ['house_manager', 'carer', 'health_staff', 'street_admin', 'district_admin'],
  'incident.record': ['house_manager', 'carer', 'health_staff'],
  'dailyLog.read': [...HOUSE_STAFF, 'street_admin', 'district_admin', 'inspector'],
  'dailyLog.record': ['house_manager', 'carer', 'health_staff'],
  'compliance.read': ['house_manager', 'street_admin', 'district_admin', 'inspector'],
  'compliance.run': ['house_manager', 'street_admin', 'district_admin'],
  'provider.read': ['district_admin', 'street_admin', 'system_admin', 'guidance_provider'],
  'provider.manage': ['district_admin'],
  'guidance.read': ['guidance_provider', 'house_manager', 'carer', 'street_admin', 'district_admin'],
  'guidance.manage': ['guidance_provider', 'house_manager'],
  'guidance.attendance': ['guidance_provider', 'house_manager', 'carer'],
  'guidance.enrol': ['guardian'],
  'targets.read': ['district_admin', 'inspector', 'street_admin'],
  'targets.people': ['district_admin', 'street_admin'],
  'targets.nudge': ['district_admin', 'street_admin'],
  'course.watch': ['guidance_provider', 'house_manager', 'carer', 'street_admin', 'district_admin', 'guardian'],
  'newborn.read': ['street_admin', 'district_admin'],
  'newborn.manage': ['street_admin'],
  'visit.caseload': ['guidance_provider', 'carer', 'health_staff'],
  'visit.readOwn': ['guardian'],
};

interface Fixture {
  ownHouse: string;
  otherHouse: string;
  ownRoom: string;
  otherRoom: string;
  ownStreet: string;
  otherStreet: string;
  carerUser: string;
  ownFamily: string;
  otherFamily: string;
  ownSession: string;
  otherSession: string;
  ownBooking: string;
  otherBooking: string;
  guardianChild: string;
  ownStaff: string;
  otherStaff: string;
  /** Guidance events: the own house's and the own provider's (四川北路), and one of each outside. */
  houseEvent: { own: string; other: string };
  providerEvent: { own: string; other: string };
  /** Published courses without a video, the same way round. */
  houseCourse: { own: string; other: string };
  providerCourse: { own: string; other: string };
}

type Probe = (c: Client, f: Fixture, where: 'own' | 'other', role: Role) => Promise<{ statusCode: number; body: string }>;

/** The guidance event a role reaches (a 指导师 her provider's, house staff their house's). */
const eventFor = (f: Fixture, w: 'own' | 'other', role: Role) => (role === 'guidance_provider' ? f.providerEvent : f.houseEvent)[w];
/** An event body the schema accepts and the service refuses (422) after the scope check: the ages are the wrong way round. */
const WRONG_AGES = {
  title: '权限测试讲座',
  topic: 'feeding',
  minAgeMonths: 24,
  maxAgeMonths: 12,
  leader: '测试',
  mode: 'offline',
  place: '活动室',
  date: '2999-01-01',
  startTime: '09:00',
  endTime: '10:00',
  seats: 10,
};

/** One request per action; `where` picks a record in the signed-in user's scope (四川北路) or outside it (北外滩). */
const PROBES: Record<keyof typeof EXPECTED, Probe> = {
  'session.self': (c) => c.get('/api/auth/me'),
  'street.list': (c) => c.get('/api/streets'),
  'house.read': (c, f, w) => c.get(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}`),
  // An invalid name is refused with 422 only after the scope check has let the request through.
  'house.create': (c, f, w) =>
    c.post('/api/houses', {
      streetId: w === 'own' ? f.ownStreet : f.otherStreet,
      name: '不合规范的名称',
      address: '虹口区某路 1 号',
      openingHours: [],
      facilities: {},
      cctvRetentionDays: 30,
      cctvNetworked: true,
      alarmNetworked: true,
    }),
  'population.read': (c) => c.get('/api/population?year=2026'),
  'population.manage': (c, f, w) =>
    c.post('/api/population', {
      streetId: w === 'own' ? f.ownStreet : f.otherStreet,
      year: 2026,
      children1to3: 1000,
      newborns: 100,
      source: '权限测试',
      asOf: '2026-01-01',
    }),
  'house.places': (c, f, w) => c.put(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/places`, { approvedPlaces: 0 }),
  'house.update': (c, f, w) => c.patch(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}`, { cctvNetworked: true }),
  'house.suspend': (c, f, w) => c.post(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/resume`, {}),
  'room.manage': (c, f, w) => c.patch(`/api/rooms/${w === 'own' ? f.ownRoom : f.otherRoom}`, {}),
  'family.readOwn': (c) => c.get('/api/family'),
  // The guardian's family is already accepted: 409 shows the request got past access control.
  'family.manageOwn': (c) => c.post('/api/family/submit'),
  'registration.read': (c, f, w) => c.get(`/api/registrations/${w === 'own' ? f.ownFamily : f.otherFamily}`),
  'registration.decide': (c, f, w) => c.post(`/api/registrations/${w === 'own' ? f.ownFamily : f.otherFamily}/accept`),
  'child.unmask': (c, f, w) =>
    c.post(`/api/registrations/${w === 'own' ? f.ownFamily : f.otherFamily}/unmask`, { target: 'guardian', reason: '核对身份' }),
  'document.manage': (c) => c.get('/api/documents'),
  // A room of another house: refused with 422 only after the scope check.
  'schedule.manage': (c, f, w) =>
    c.post(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/schedule`, {
      roomId: f.otherRoom,
      weekday: 1,
      startTime: '09:00',
      endTime: '11:00',
      serviceType: 'temporary',
      offeredCapacity: 10,
    }),
  'session.read': (c, f, w) => c.get(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/schedule`),
  'session.bookings.read': (c, f, w) => c.get(`/api/staff/sessions/${w === 'own' ? f.ownSession : f.otherSession}/bookings`),
  // Before the session starts: 409 once access control has let the request through.
  'booking.markNoShow': (c, f, w) => c.post(`/api/bookings/${w === 'own' ? f.ownBooking : f.otherBooking}/no-show`),
  'booking.cancelByHouse': (c, f, w) =>
    c.post(`/api/bookings/${w === 'own' ? f.ownBooking : f.otherBooking}/cancel-by-house`, { reason: '权限测试' }),
  'booking.create': (c, f) => c.post('/api/bookings', { sessionId: f.ownSession, childId: f.guardianChild }),
  'booking.manageOwn': (c) => c.get('/api/bookings'),
  'policy.read': (c) => c.get('/api/policy'),
  'policy.update': (c) => c.post('/api/policy', { key: 'no.such.key', value: 1, effectiveFrom: '2026-12-01' }),
  'user.list': (c) => c.get('/api/users'),
  'user.manage': (c, f) => c.patch(`/api/users/${f.carerUser}`, {}),
  'security.read': (c) => c.get('/api/security/overview'),
  'security.manage': (c, f) => c.post(`/api/security/users/${f.carerUser}/unlock`, {}),
  'audit.read': (c) => c.get('/api/audit'),
  'staff.read': (c, f, w) => c.get(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/staff-records`),
  'staff.manage': (c, f, w) => c.patch(`/api/staff-records/${w === 'own' ? f.ownStaff : f.otherStaff}`, {}),
  // A date in the future: refused with 422 only after the scope check.
  'houseFacts.manage': (c, f, w) =>
    c.post(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/evidence`, {
      topic: 'cctv',
      observedOn: '2999-01-01',
      note: '权限测试',
    }),
  // Not multipart: refused (406) only after the scope check.
  'houseFile.upload': (c, f, w) => c.post(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/files`, {}),
  'attendance.read': (c, f, w) => c.get(`/api/attendance/day?houseId=${w === 'own' ? f.ownHouse : f.otherHouse}`),
  // The session has not begun: 409 CHECK_IN_CLOSED once access control has let the request through.
  'attendance.record': (c, f, w) =>
    c.post('/api/attendance/check-in', {
      bookingId: w === 'own' ? f.ownBooking : f.otherBooking,
      temperature: 36.5,
      broughtBy: '妈妈',
      admitted: true,
    }),
  'duty.record': (c, f, w) =>
    c.put(`/api/staff/sessions/${w === 'own' ? f.ownSession : f.otherSession}/duty`, { userId: f.carerUser, onDuty: true }),
  'attendance.readOwn': (c) => c.get('/api/family/attendance'),
  'pickupCode.create': (c, f) => c.post(`/api/family/children/${f.guardianChild}/pickup-code`),
  'incident.read': (c, f, w) => c.get(`/api/incidents?houseId=${w === 'own' ? f.ownHouse : f.otherHouse}`),
  'incident.record': (c, f, w) =>
    c.post(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/incidents`, {
      kind: 'other',
      severity: 'minor',
      occurredAt: '2999-01-01T09:00:00+08:00',
      description: '权限测试记录',
      actionTaken: '无需处理',
    }),
  'dailyLog.read': (c, f, w) => c.get(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/daily-logs`),
  'dailyLog.record': (c, f, w) =>
    c.post(`/api/houses/${w === 'own' ? f.ownHouse : f.otherHouse}/daily-logs`, {
      date: '2999-01-01',
      kind: 'disinfection',
      items: [],
      allOk: true,
    }),
  'compliance.read': (c, f, w) => c.get(`/api/compliance/findings?houseId=${w === 'own' ? f.ownHouse : f.otherHouse}`),
  'compliance.run': (c, f, w) => c.post('/api/compliance/run', { houseId: w === 'own' ? f.ownHouse : f.otherHouse }),
  'provider.read': (c) => c.get('/api/guidance/providers'),
  // An unknown street is refused with 422 only after the access check.
  'provider.manage': (c) =>
    c.post('/api/guidance/providers', {
      kind: 'health_centre',
      name: '权限测试卫生服务中心',
      streetId: '00000000-0000-4000-8000-000000000001',
      address: '虹口区某路 1 号',
    }),
  'guidance.read': (c) => c.get('/api/guidance/manage/events'),
  'guidance.manage': (c, f, w, role) => c.put(`/api/guidance/manage/events/${eventFor(f, w, role)}`, WRONG_AGES),
  'guidance.attendance': (c, f, w, role) => c.get(`/api/guidance/manage/events/${eventFor(f, w, role)}/enrolments`),
  'guidance.enrol': (c) => c.get('/api/family/guidance'),
  'targets.read': (c, f, w) => c.get(`/api/targets/streets/${w === 'own' ? f.ownStreet : f.otherStreet}`),
  'targets.people': (c, f, w) => c.get(`/api/targets/lists?target=T3&streetId=${w === 'own' ? f.ownStreet : f.otherStreet}`),
  'targets.nudge': (c, f, w) => c.get(`/api/targets/nudges?kind=care&streetId=${w === 'own' ? f.ownStreet : f.otherStreet}`),
  // A course without a video: 404 after the access check.
  'course.watch': (c, f, w, role) => c.get(`/api/courses/${(role === 'guidance_provider' ? f.providerCourse : f.houseCourse)[w]}/video`),
  'newborn.read': (c) => c.get('/api/newborns'),
  // Not a spreadsheet: refused with 422 only after the access check.
  'newborn.manage': (c) => {
    const form = multipartBody(
      {},
      { name: 'file', filename: 'list.xlsx', type: 'application/octet-stream', data: Buffer.from('not a workbook') },
    );
    return c.raw('POST', '/api/newborns/import', form.payload, form.contentType);
  },
  'visit.caseload': (c) => c.get('/api/visits/caseload'),
  'visit.readOwn': (c) => c.get('/api/family/visits'),
};

/** Actions whose grants reach only part of the district for some roles: probed outside that part too. */
const SCOPED: (keyof typeof EXPECTED)[] = [
  'house.read',
  'population.manage',
  'house.places',
  'house.create',
  'house.update',
  'house.suspend',
  'room.manage',
  'registration.read',
  'registration.decide',
  'child.unmask',
  'schedule.manage',
  'session.read',
  'session.bookings.read',
  'booking.markNoShow',
  'booking.cancelByHouse',
  'staff.read',
  'staff.manage',
  'houseFacts.manage',
  'houseFile.upload',
  'attendance.read',
  'attendance.record',
  'duty.record',
  'incident.read',
  'incident.record',
  'dailyLog.read',
  'dailyLog.record',
  'compliance.read',
  'compliance.run',
  'guidance.manage',
  'guidance.attendance',
  'targets.read',
  'targets.people',
  'targets.nudge',
];

describe('routes without an action', () => {
  it('cannot be registered', async () => {
    const app = Fastify();
    await app.register(cookie);
    registerAuthHooks(app);
    expect(() => app.get('/api/forgotten', async () => 'oops')).toThrow(/no access-control action/);
    app.get('/api/remembered', { config: { action: 'street.list' } }, async () => 'ok');
    await app.ready();
  });
});

describe.each(drivers)('access control on %s', (driver) => {
  let t: TestApp;
  let fixture: Fixture;
  const clients = {} as Record<Role, Client>;
  let houseNames: { own: string; second: string; other: string };

  beforeAll(async () => {
    t = await createTestApp(driver);
    // 四川北路: the signed-in staff's house and a second house of the street; 北外滩: a house outside their scope.
    const own = await makeStaffedHouse(t, { street: 'scbl', name: '四川北路测试社区‘宝宝屋’' });
    const second = await makeStaffedHouse(t, { street: 'scbl', name: '多伦测试社区‘宝宝屋’', carers: 1 });
    const other = await makeStaffedHouse(t, { street: 'bwt', name: '北外滩测试社区‘宝宝屋’' });
    houseNames = { own: own.name, second: second.name, other: other.name };
    const volunteer = await makeStaff(t, own.houseId, { role: 'volunteer' });
    // Guidance providers: one in 四川北路 (the 指导师's own), one in 北外滩.
    const ownProvider = await makeProvider(t, { street: 'scbl' });
    const otherProvider = await makeProvider(t, { street: 'bwt', kind: 'kindergarten_point' });
    // Tomorrow 09:00–11:00 in each house (not begun: no-show and check-in are refused with 409 after the access check).
    const sessionOf = (h: typeof own) =>
      makeSession(t, {
        houseId: h.houseId,
        roomId: h.roomIds[0],
        date: '2026-12-02',
        start: '09:00',
        end: '11:00',
        carerIds: h.carers.map((c) => c.userId),
      });
    const [ownSession, otherSession] = [await sessionOf(own), await sessionOf(other)];
    // The guardian's family (四川北路, accepted), a 北外滩 family, and a confirmed booking in each house.
    const guardian = await makeFamily(t, { street: 'scbl' });
    const otherFamily = await makeFamily(t, { street: 'bwt' });
    const ownBooker = await makeFamily(t, { street: 'scbl' });
    const ownBooking = (await makeBooking(ownBooker, ownSession)).id;
    const otherBooking = (await makeBooking(otherFamily, otherSession)).id;
    fixture = {
      ownHouse: own.houseId,
      otherHouse: other.houseId,
      ownStreet: own.streetId,
      otherStreet: other.streetId,
      ownRoom: own.roomIds[0],
      otherRoom: other.roomIds[0],
      carerUser: own.carers[1].userId,
      ownFamily: guardian.familyId,
      otherFamily: otherFamily.familyId,
      ownSession,
      otherSession,
      ownBooking,
      otherBooking,
      guardianChild: guardian.childId,
      ownStaff: own.carers[0].staffId,
      otherStaff: other.carers[0].staffId,
      houseEvent: {
        own: await makeGuidanceEvent(t, { houseId: own.houseId, date: '2026-12-10', createdBy: own.manager.userId }),
        other: await makeGuidanceEvent(t, { houseId: other.houseId, date: '2026-12-10', createdBy: other.manager.userId }),
      },
      providerEvent: {
        own: await makeGuidanceEvent(t, { providerId: ownProvider.providerId, date: '2026-12-10', createdBy: own.manager.userId }),
        other: await makeGuidanceEvent(t, { providerId: otherProvider.providerId, date: '2026-12-10', createdBy: own.manager.userId }),
      },
      houseCourse: {
        own: await makeCourse(t, { houseId: own.houseId, createdBy: own.manager.userId }),
        other: await makeCourse(t, { houseId: other.houseId, createdBy: other.manager.userId }),
      },
      providerCourse: {
        own: await makeCourse(t, { providerId: ownProvider.providerId, createdBy: own.manager.userId }),
        other: await makeCourse(t, { providerId: otherProvider.providerId, createdBy: own.manager.userId }),
      },
    };
    clients.guardian = guardian.client;
    clients.carer = own.carers[0].client;
    clients.health_staff = own.health.client;
    clients.house_manager = own.manager.client;
    clients.volunteer = volunteer.person!.client;
    clients.street_admin = own.street.client;
    clients.district_admin = (await makeAccount(t, 'district_admin')).client;
    clients.inspector = (await makeAccount(t, 'inspector', { department: 'fire' })).client;
    clients.system_admin = (await makeAccount(t, 'system_admin')).client;
    clients.security_admin = (await makeAccount(t, 'security_admin')).client;
    clients.audit_admin = (await makeAccount(t, 'audit_admin')).client;
    clients.guidance_provider = (await makeAccount(t, 'guidance_provider', { providerId: ownProvider.providerId })).client;
  });
  afterAll(() => t?.close());

  it('every action but the public ones has a probe here, and every API route names a known action', () => {
    const probed = Object.keys(PROBES).sort();
    expect(allActions.filter((a) => !isPublic(a)).sort()).toEqual(probed);
    for (const route of t.app.apiRoutes) expect(allActions).toContain(route.action);
  });

  const cases = Object.keys(EXPECTED).flatMap((action) => ROLES.map((role) => [action as keyof typeof EXPECTED, role] as const));
  it.each(cases)('%s as %s', async (action, role) => {
    const res = await PROBES[action](clients[role], fixture, 'own', role);
    if (EXPECTED[action].includes(role)) {
      expect([401, 403], `${role} should be allowed ${action}: ${res.body}`).not.toContain(res.statusCode);
      expect(res.statusCode).toBeLessThan(500);
    } else {
      expect(res.statusCode, `${role} must not ${action}: ${res.body}`).toBe(403);
      expect(JSON.parse(res.body).code).toBe('FORBIDDEN');
    }
  });

  const scopedCases = SCOPED.flatMap((action) => EXPECTED[action].map((role) => [action, role] as const));
  it.each(scopedCases)('%s as %s outside their street or house', async (action, role) => {
    const res = await PROBES[action](clients[role], fixture, 'other', role);
    const districtWide = ['district_admin', 'inspector', 'system_admin'].includes(role);
    if (districtWide) {
      expect([401, 403]).not.toContain(res.statusCode);
    } else {
      expect(res.statusCode, res.body).toBe(403);
      expect(JSON.parse(res.body).code).toBe('FORBIDDEN_SCOPE');
    }
  });

  it('lists only the houses in scope', async () => {
    const names = async (role: Role) => (await clients[role].get('/api/houses')).json().map((h: { name: string }) => h.name);
    // The street admin sees both of 四川北路's houses (in name order), a carer only her own, the district all of them.
    expect(await names('street_admin')).toEqual([houseNames.second, houseNames.own]);
    expect(await names('carer')).toEqual([houseNames.own]);
    const everyHouse = (await t.database.db.selectFrom('house').select('name').execute()).map((h) => h.name).sort();
    expect(everyHouse).toEqual([houseNames.own, houseNames.second, houseNames.other].sort());
    expect((await names('district_admin')).sort()).toEqual(everyHouse);
    expect((await names('inspector')).sort()).toEqual(everyHouse);
  });

  it('refuses anonymous calls with 401 and tells the UI which actions a role has', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/houses' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
    const me = (await clients.district_admin.get('/api/auth/me')).json();
    expect(me.actions).toContain('house.read');
    expect(me.actions).not.toContain('house.update');
  });
});
