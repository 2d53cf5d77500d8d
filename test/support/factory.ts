// The tests' one set of factories: each makes exactly the records it names (never the demo people) and returns
// their ids and, for people, a signed-in client. The records themselves are made by
// src/server/modules/testing/factories.ts, which the development-only seeding API for e2e uses too.
import type { TestApp } from './testApp.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import type { Role } from '../../src/db/schema.ts';
import type { StreetCode } from '../../src/db/seed/streets.ts';
import { clientForSession, type Client } from './client.ts';
import * as f from '../../src/server/modules/testing/factories.ts';

export { FACTORY_PASSWORD } from '../../src/server/modules/testing/factories.ts';

/** A signed-in client for a user, with a session made directly (as the sign-in would). */
export async function clientOf(t: TestApp, user: { id: string; role: Role }): Promise<Client> {
  const session = await createSession(t.database.db, user, t.clock.now(), {});
  return clientForSession(t.app, session.token, session.csrfToken, user.id);
}

export interface Person extends f.MadeAccount {
  client: Client;
}

async function person(t: TestApp, a: f.MadeAccount): Promise<Person> {
  return { ...a, client: await clientOf(t, { id: a.userId, role: a.role }) };
}

/** A house with its rooms (62 m² and 36 m² unless given) and opening hours, in 四川北路 unless given. */
export function makeHouse(t: TestApp, options: f.HouseOptions = {}) {
  return f.makeHouse(t.database.db, options);
}

/** Any staff account, signed in: a street admin (`street`), a district admin, an inspector (`department`), the 三员… */
export async function makeAccount(t: TestApp, role: Exclude<Role, 'guardian'>, options: f.AccountOptions = {}): Promise<Person> {
  return person(t, await f.makeAccount(t.database.db, role, options));
}

export const makeStreetAdmin = (t: TestApp, street: StreetCode = 'scbl') => makeAccount(t, 'street_admin', { street });
export const makeDistrictAdmin = (t: TestApp) => makeAccount(t, 'district_admin');
export const makeInspector = (t: TestApp, department: f.AccountOptions['department'] = 'education') =>
  makeAccount(t, 'inspector', { department });

export interface StaffPerson extends f.MadeStaff {
  /** Set when the person has an account (`role` given). */
  person: Person | null;
}

/** A staff record with valid credentials at the test's clock, and a signed-in account when `role` is given. */
export async function makeStaff(t: TestApp, houseId: string, options: f.StaffOptions = {}): Promise<StaffPerson> {
  const s = await f.makeStaff(t.database.db, houseId, t.clock.now(), options);
  return { ...s, person: s.account ? await person(t, s.account) : null };
}

export interface StaffedHouse extends f.MadeHouse {
  manager: Person & { staffId: string };
  carers: (Person & { staffId: string })[];
  health: Person & { staffId: string };
  securityStaffId: string;
  /** The house's street admin. */
  street: Person;
}

/**
 * A house in order (as the demo's 四川北路 is): a manager, `carers` carers (default 2), a health-care staff member and
 * a guard with valid credentials, evidence for its facts, and its street's admin — all signed in. No sessions.
 */
export async function makeStaffedHouse(t: TestApp, options: f.HouseOptions & { carers?: number } = {}): Promise<StaffedHouse> {
  const h = await f.makeStaffedHouse(t.database.db, t.clock.now(), options);
  const withStaff = async (s: f.MadeStaff & { account: f.MadeAccount }) => ({ ...(await person(t, s.account)), staffId: s.staffId });
  return {
    ...h,
    manager: await withStaff(h.manager),
    carers: await Promise.all(h.carers.map(withStaff)),
    health: await withStaff(h.health),
    securityStaffId: h.security.staffId,
    street: await makeStreetAdmin(t, options.street ?? 'scbl'),
  };
}

/** A single session (not from a weekly slot) with its roster; returns its id. */
export function makeSession(t: TestApp, options: f.SessionOptions) {
  return f.makeSession(t.database.db, options);
}

/** A session of 09:00–11:00 on `date` at the house with the child booked, and what happened at the door (admitted). */
export async function makeAttendedSession(
  t: TestApp,
  house: { houseId: string; roomIds: string[]; carers: { userId: string }[] },
  child: { childId: string; familyId: string; guardianId: string },
  date: string,
  what: Pick<f.BookingAtDoor, 'free' | 'status' | 'admitted'> = {},
) {
  const carerId = house.carers[0].userId;
  const sessionId = await makeSession(t, {
    houseId: house.houseId,
    roomId: house.roomIds[0],
    date,
    start: '09:00',
    end: '11:00',
    carerIds: [carerId],
  });
  await f.makeBookingAtDoor(t.database.db, { sessionId, ...child, carerId, date, ...what });
  return sessionId;
}

export interface BookableChild {
  childId: string;
  familyId: string;
  guardianId: string;
  client: Client;
}

/** `count` accepted families with one child each (about 20 months old, certificate from 2026-11-20), signed in. */
export async function bookableChildren(t: TestApp, count: number, streetName = '四川北路街道'): Promise<BookableChild[]> {
  const out: BookableChild[] = [];
  await t.database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const fam = await f.makeFamily(trx, t.app.ctx.cipher, t.clock.now(), { street: streetName });
      const session = await createSession(trx, { id: fam.guardianId, role: 'guardian' }, t.clock.now(), {});
      out.push({
        childId: fam.childId,
        familyId: fam.familyId,
        guardianId: fam.guardianId,
        client: clientForSession(t.app, session.token, session.csrfToken, fam.guardianId),
      });
    }
  });
  return out;
}

/** One accepted family with a bookable child, its guardian signed in (phone and child's name returned too). */
export async function makeFamily(t: TestApp, options: Parameters<typeof f.makeFamily>[3] = {}) {
  const fam = await f.makeFamily(t.database.db, t.app.ctx.cipher, t.clock.now(), options);
  return { ...fam, client: await clientOf(t, { id: fam.guardianId, role: 'guardian' }) };
}

/** A booking of the child into the session through the public API (as the guardian would); returns the answer's body. */
export async function makeBooking(child: { childId: string; client: Client }, sessionId: string, key = `k-${child.childId}-${sessionId}`) {
  const res = await child.client.post('/api/bookings', { sessionId, childId: child.childId }, { 'idempotency-key': key });
  if (res.statusCode >= 300) throw new Error(`booking failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; status: string; [k: string]: unknown };
}

/** A guidance provider (an early-education centre unless `kind` says otherwise). */
export function makeProvider(t: TestApp, options: f.ProviderOptions = {}) {
  return f.makeProvider(t.database.db, options);
}

/** A published guidance event of a provider or a house; returns its id. */
export function makeGuidanceEvent(t: TestApp, options: f.GuidanceEventOptions) {
  return f.makeGuidanceEvent(t.database.db, options);
}

/** A guidance course of a provider or a house (published, an article with its check, unless asked); returns its id. */
export function makeCourse(t: TestApp, options: f.CourseOptions) {
  return f.makeCourse(t.database.db, options);
}
