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
    .leftJoin('street as s', (j) => j.on(sql<boolean>`s.id = coalesce(u.street_id, h.street_id)`))
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
  action?: string;
  actorId?: string;
  entityId?: string;
  page: number;
  pageSize: number;
}

/** One page of the audit log, newest first, with the total of the filter. */
export async function auditPage(db: Db, f: AuditFilter) {
  let base = db.selectFrom('audit_event as a').leftJoin('app_user as u', 'u.id', 'a.actor_user_id');
  // Days of the district, from the start of `from` to the end of `to`.
  if (f.from) base = base.where('a.at', '>=', districtInstant(f.from));
  if (f.to) base = base.where('a.at', '<', districtInstant(addDays(f.to, 1)));
  if (f.action) base = base.where('a.action', 'like', `${f.action}%`);
  if (f.actorId) base = base.where('a.actor_user_id', '=', f.actorId);
  if (f.entityId) base = base.where('a.entity_id', '=', f.entityId);
  const [{ total }] = await base.select(({ fn }) => fn.countAll<number>().as('total')).execute();
  const rows = await base
    .select([
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
    ])
    .orderBy('a.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total), rows };
}
