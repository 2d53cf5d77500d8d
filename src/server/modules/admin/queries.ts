// SQL of the admin module: accounts with their scope, sessions, and the audit log.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Role } from '../../../db/schema.ts';
import { addDays, districtInstant } from '../../../domain/time.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Accounts with their street (own or through their house) and house names. */
export function userQuery(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('house as h', 'h.id', 'u.house_id')
    .leftJoin('guidance_provider as p', 'p.id', 'u.provider_id')
    .leftJoin('street as s', (j) => j.on(sql<boolean>`s.id = coalesce(u.street_id, h.street_id, p.street_id)`))
    .select([
      'u.id',
      'u.role',
      'u.username',
      'u.phone',
      'u.display_name',
      'u.street_id',
      'h.street_id as house_street_id',
      's.name as street_name',
      'u.house_id',
      'h.name as house_name',
      'u.provider_id',
      'p.name as provider_name',
      'u.department',
      'u.status',
      'u.locked_until',
      'u.last_login_at',
    ]);
}
export type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['execute']>>[number];

/** Accounts by role and a name or username fragment, by role then username. */
export function userRows(db: Db, filter: { role?: Role; q?: string }) {
  let q = userQuery(db);
  if (filter.role) q = q.where('u.role', '=', filter.role);
  if (filter.q) q = q.where((eb) => eb.or([eb('u.username', 'ilike', `%${filter.q}%`), eb('u.display_name', 'ilike', `%${filter.q}%`)]));
  return q.orderBy('u.role').orderBy('u.username').limit(500).execute();
}

export function userRow(db: Db, id: string) {
  return userQuery(db).where('u.id', '=', id).executeTakeFirstOrThrow();
}

/** Accounts locked at `now`, the latest lock first. */
export function lockedUserRows(db: Db, now: Date) {
  return userQuery(db).where('u.locked_until', '>', now).orderBy('u.locked_until', 'desc').execute();
}

export function userRole(db: Db, id: string) {
  return db.selectFrom('app_user').select(['id', 'role']).where('id', '=', id).executeTakeFirst();
}

export async function streetExists(db: Db, id: string) {
  return !!(await db.selectFrom('street').select('id').where('id', '=', id).executeTakeFirst());
}

export async function providerExists(db: Db, id: string) {
  return !!(await db.selectFrom('guidance_provider').select('id').where('id', '=', id).executeTakeFirst());
}

export async function houseExists(db: Db, id: string) {
  return !!(await db.selectFrom('house').select('id').where('id', '=', id).executeTakeFirst());
}

/** Ends every live session of an account. */
export async function revokeSessions(db: Db, userId: string, at: Date) {
  await db.updateTable('user_session').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** The sessions live at `now` (not revoked, not expired, not idle past their timeout), counted by role. */
export function liveSessionsByRole(db: Db, now: Date) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(({ fn }) => ['u.role', fn.countAll<number>().as('count')])
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where(sql<boolean>`s.last_seen_at + make_interval(secs => s.idle_timeout_s) > ${now}`)
    .groupBy('u.role')
    .execute();
}

export interface AuditFilter {
  from?: string;
  to?: string;
  /** One action key, or every key of one area. */
  actions?: readonly string[];
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** Ids of the records whose name matched the record search (none matched: an empty list, so nothing is found). */
  entityIds?: readonly string[];
}

function filtered(db: Db, f: AuditFilter) {
  let base = db.selectFrom('audit_event as a').leftJoin('app_user as u', 'u.id', 'a.actor_user_id');
  // Days of the district, from the start of `from` to the end of `to`.
  if (f.from) base = base.where('a.at', '>=', districtInstant(f.from));
  if (f.to) base = base.where('a.at', '<', districtInstant(addDays(f.to, 1)));
  if (f.actions) base = base.where('a.action', 'in', f.actions.length ? [...f.actions] : ['']);
  if (f.actorId) base = base.where('a.actor_user_id', '=', f.actorId);
  if (f.entityType) base = base.where('a.entity_type', '=', f.entityType);
  if (f.entityId) base = base.where('a.entity_id', '=', f.entityId);
  if (f.entityIds) base = base.where('a.entity_id', 'in', f.entityIds.length ? [...f.entityIds] : ['']);
  return base;
}

const AUDIT_COLUMNS = [
  'a.id',
  'a.at',
  'a.actor_user_id',
  'u.display_name',
  'a.actor_role',
  'a.action',
  'a.entity_type',
  'a.entity_id',
  'a.detail',
  'a.ip',
] as const;

/** How many events the filter finds. */
export async function auditCount(db: Db, f: AuditFilter): Promise<number> {
  const [{ total }] = await filtered(db, f)
    .select(({ fn }) => fn.countAll<number>().as('total'))
    .execute();
  return Number(total);
}

/** Events of the filter, newest first. */
export function auditRows(db: Db, f: AuditFilter, limit: number, offset: number) {
  return filtered(db, f).select(AUDIT_COLUMNS).orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).offset(offset).execute();
}
export type AuditRow = Awaited<ReturnType<typeof auditRows>>[number];

/** `%text%` for LIKE, with the pattern characters of the text itself taken literally. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The records whose name contains `text` (children, houses, accounts, staff, families by the guardian's or a child's
 * name, and the bookings of matching children), as audit entity ids. At most `limit` of each kind.
 */
export async function recordIdsNamed(db: Db, text: string, limit = 500): Promise<string[]> {
  const like = contains(text);
  const [children, houses, users, staff, families] = await Promise.all([
    db.selectFrom('child').select(['id', 'family_id']).where('name', 'like', like).limit(limit).execute(),
    db.selectFrom('house').select('id').where('name', 'like', like).limit(limit).execute(),
    db
      .selectFrom('app_user')
      .select('id')
      .where((w) => w.or([w('display_name', 'like', like), w('username', 'like', like)]))
      .limit(limit)
      .execute(),
    db.selectFrom('staff_member').select('id').where('name', 'like', like).limit(limit).execute(),
    db.selectFrom('family').select('id').where('guardian_name', 'like', like).limit(limit).execute(),
  ]);
  const childIds = children.map((c) => c.id);
  const bookings = childIds.length
    ? await db.selectFrom('booking').select('id').where('child_id', 'in', childIds).limit(limit).execute()
    : [];
  return [
    ...new Set([
      ...childIds,
      ...children.map((c) => c.family_id),
      ...houses.map((h) => h.id),
      ...users.map((u) => u.id),
      ...staff.map((s) => s.id),
      ...families.map((f) => f.id),
      ...bookings.map((b) => b.id),
    ]),
  ];
}

/** People who appear as actors in the log, by name or username (the audit page's person filter). */
export function auditActors(db: Db, text: string | undefined, limit: number) {
  let q = db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.display_name', 'u.username', 'u.role'])
    .where((w) => w.exists(w.selectFrom('audit_event as a').select('a.id').whereRef('a.actor_user_id', '=', 'u.id')));
  if (text) {
    const like = contains(text);
    q = q.where((w) => w.or([w('u.display_name', 'like', like), w('u.username', 'like', like)]));
  }
  return q.orderBy('u.display_name').limit(limit).execute();
}

/** The ids a page of events refers to, by kind (only ids that look like uuids reach the uuid columns). */
export interface AuditRefs {
  user: Set<string>;
  house: Set<string>;
  street: Set<string>;
  child: Set<string>;
  family: Set<string>;
  staff: Set<string>;
  person: Set<string>;
  session: Set<string>;
  booking: Set<string>;
  room: Set<string>;
  template: Set<string>;
  closure: Set<string>;
  incident: Set<string>;
  dailyLog: Set<string>;
  file: Set<string>;
  guidanceEvent: Set<string>;
  course: Set<string>;
  provider: Set<string>;
  newborn: Set<string>;
  population: Set<string>;
}
export type AuditRefKind = keyof AuditRefs;

export function emptyRefs(): AuditRefs {
  return {
    user: new Set(),
    house: new Set(),
    street: new Set(),
    child: new Set(),
    family: new Set(),
    staff: new Set(),
    person: new Set(),
    session: new Set(),
    booking: new Set(),
    room: new Set(),
    template: new Set(),
    closure: new Set(),
    incident: new Set(),
    dailyLog: new Set(),
    file: new Set(),
    guidanceEvent: new Set(),
    course: new Set(),
    provider: new Set(),
    newborn: new Set(),
    population: new Set(),
  };
}

const ids = (s: Set<string>) => [...s];

/** The names of the records a page refers to, in one query per kind. */
export async function auditNames(db: Db, refs: AuditRefs) {
  // A booking names its session, so its session is looked up too.
  const bookings = refs.booking.size
    ? await db
        .selectFrom('booking as b')
        .innerJoin('child as c', 'c.id', 'b.child_id')
        .select(['b.id', 'b.session_id', 'c.name as child_name'])
        .where('b.id', 'in', ids(refs.booking))
        .execute()
    : [];
  for (const b of bookings) refs.session.add(b.session_id);
  const q = <T>(set: Set<string>, run: (list: string[]) => Promise<T[]>) => (set.size ? run(ids(set)) : Promise.resolve([] as T[]));
  const [
    users,
    houses,
    streets,
    children,
    families,
    staff,
    persons,
    sessions,
    rooms,
    templates,
    closures,
    incidents,
    dailyLogs,
    files,
    guidanceEvents,
    courses,
    providers,
    newborns,
    populations,
  ] = await Promise.all([
    q(refs.user, (l) => db.selectFrom('app_user').select(['id', 'display_name', 'username', 'role']).where('id', 'in', l).execute()),
    q(refs.house, (l) => db.selectFrom('house').select(['id', 'name']).where('id', 'in', l).execute()),
    q(refs.street, (l) => db.selectFrom('street').select(['id', 'name']).where('id', 'in', l).execute()),
    q(refs.child, (l) => db.selectFrom('child').select(['id', 'name']).where('id', 'in', l).execute()),
    q(refs.family, (l) => db.selectFrom('family').select(['id', 'guardian_name']).where('id', 'in', l).execute()),
    q(refs.staff, (l) => db.selectFrom('staff_member').select(['id', 'name', 'position']).where('id', 'in', l).execute()),
    q(refs.person, (l) => db.selectFrom('pickup_person').select(['id', 'name', 'relation']).where('id', 'in', l).execute()),
    q(refs.session, (l) =>
      db
        .selectFrom('care_session as s')
        .innerJoin('house as h', 'h.id', 's.house_id')
        .select(['s.id', 'h.name as house_name', 's.date', 's.starts_at', 's.ends_at'])
        .where('s.id', 'in', l)
        .execute(),
    ),
    q(refs.room, (l) =>
      db
        .selectFrom('room as r')
        .innerJoin('house as h', 'h.id', 'r.house_id')
        .select(['r.id', 'r.name', 'h.name as house_name'])
        .where('r.id', 'in', l)
        .execute(),
    ),
    q(refs.template, (l) =>
      db
        .selectFrom('schedule_template as t')
        .innerJoin('house as h', 'h.id', 't.house_id')
        .select(['t.id', 'h.name as house_name', 't.weekday', 't.start_time', 't.end_time', 't.service_type'])
        .where('t.id', 'in', l)
        .execute(),
    ),
    q(refs.closure, (l) =>
      db
        .selectFrom('house_closure as c')
        .innerJoin('house as h', 'h.id', 'c.house_id')
        .select(['c.id', 'h.name as house_name', 'c.from_date', 'c.to_date'])
        .where('c.id', 'in', l)
        .execute(),
    ),
    q(refs.incident, (l) =>
      db
        .selectFrom('incident as i')
        .innerJoin('house as h', 'h.id', 'i.house_id')
        .leftJoin('child as c', 'c.id', 'i.child_id')
        .select(['i.id', 'h.name as house_name', 'i.kind', 'i.occurred_at', 'c.name as child_name'])
        .where('i.id', 'in', l)
        .execute(),
    ),
    q(refs.dailyLog, (l) =>
      db
        .selectFrom('daily_log as d')
        .innerJoin('house as h', 'h.id', 'd.house_id')
        .select(['d.id', 'h.name as house_name', 'd.date', 'd.kind'])
        .where('d.id', 'in', l)
        .execute(),
    ),
    q(refs.file, (l) => db.selectFrom('stored_file').select(['id', 'original_name', 'content_type']).where('id', 'in', l).execute()),
    q(refs.guidanceEvent, (l) => db.selectFrom('guidance_event').select(['id', 'title', 'date']).where('id', 'in', l).execute()),
    q(refs.course, (l) => db.selectFrom('guidance_course').select(['id', 'title']).where('id', 'in', l).execute()),
    q(refs.provider, (l) => db.selectFrom('guidance_provider').select(['id', 'name']).where('id', 'in', l).execute()),
    q(refs.newborn, (l) => db.selectFrom('newborn').select(['id', 'child_name']).where('id', 'in', l).execute()),
    q(refs.population, (l) =>
      db
        .selectFrom('street_population as p')
        .innerJoin('street as s', 's.id', 'p.street_id')
        .select(['p.id', 's.name as street_name', 'p.year'])
        .where('p.id', 'in', l)
        .execute(),
    ),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  return {
    user: byId(users),
    house: byId(houses),
    street: byId(streets),
    child: byId(children),
    family: byId(families),
    staff: byId(staff),
    person: byId(persons),
    session: byId(sessions),
    booking: byId(bookings),
    room: byId(rooms),
    template: byId(templates),
    closure: byId(closures),
    incident: byId(incidents),
    dailyLog: byId(dailyLogs),
    file: byId(files),
    guidanceEvent: byId(guidanceEvents),
    course: byId(courses),
    provider: byId(providers),
    newborn: byId(newborns),
    population: byId(populations),
  };
}
export type AuditNames = Awaited<ReturnType<typeof auditNames>>;
