// The three security roles (三员): accounts (system admin), sign-in security (security admin), the audit log
// (audit admin). Workflows of each, in one transaction with their audit event.
import type { Department, Role } from '../../../db/schema.ts';
import { isStrongPassword } from '../../../domain/password.ts';
import { maskPhone } from '../../../shared/format.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { sessionLimits } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { AppError, isUniqueViolation, unprocessable } from '../../errors.ts';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../auth/service.ts';
import * as q from './queries.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

const SECURITY_ROLES: Role[] = ['system_admin', 'security_admin', 'audit_admin'];
const HOUSE_ROLES: Role[] = ['carer', 'health_staff', 'house_manager', 'volunteer'];

/** An account as the API returns it (a lock that has run out is not shown). */
export function userOutputOf(u: q.UserRow, now: Date) {
  return {
    id: u.id,
    role: u.role,
    username: u.username,
    phoneMasked: u.phone ? maskPhone(u.phone) : null,
    displayName: u.display_name,
    streetId: u.street_id ?? u.house_street_id,
    streetName: u.street_name,
    houseId: u.house_id,
    houseName: u.house_name,
    department: u.department,
    status: u.status,
    lockedUntil: u.locked_until && new Date(u.locked_until) > now ? new Date(u.locked_until).toISOString() : null,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
  };
}

export async function listUsers(ctx: Ctx, filter: { role?: Role; q?: string }) {
  return (await q.userRows(ctx.db, filter)).map((u) => userOutputOf(u, ctx.clock.now()));
}

type ScopeInput = { streetId?: string | null; houseId?: string | null; department?: Department | null };

/** A role's scope must be given and must exist: street admins a street, house staff a house, inspectors a department. */
async function scopeFor(ctx: Ctx, role: Role, b: ScopeInput) {
  const need = (ok: boolean, field: string) => {
    if (!ok) throw unprocessable('ROLE_SCOPE_REQUIRED', field);
  };
  if (role === 'street_admin') {
    need(!!b.streetId && (await q.streetExists(ctx.db, b.streetId)), 'body.streetId');
    return { street_id: b.streetId!, house_id: null, department: null };
  }
  if (HOUSE_ROLES.includes(role)) {
    need(!!b.houseId && (await q.houseExists(ctx.db, b.houseId)), 'body.houseId');
    return { street_id: null, house_id: b.houseId!, department: null };
  }
  if (role === 'inspector') {
    need(!!b.department, 'body.department');
    return { street_id: null, house_id: null, department: b.department! };
  }
  return { street_id: null, house_id: null, department: null };
}

/** Creates a staff account (never one of the three security roles: the route's schema allows only staff roles). */
export async function createUser(
  ctx: Ctx,
  source: AuditSource,
  b: ScopeInput & {
    username: string;
    displayName: string;
    role: Role;
    password: string;
    phone?: string | null;
  },
) {
  const { db, clock } = ctx;
  if (!isStrongPassword(b.password)) throw unprocessable('PASSWORD_WEAK', 'body.password');
  const scope = await scopeFor(ctx, b.role, b);
  const hash = await hashPassword(b.password);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const u = await trx
        .insertInto('app_user')
        .values({
          role: b.role,
          username: b.username,
          display_name: b.displayName,
          password_hash: hash,
          phone: b.phone ?? null,
          status: 'active',
          ...scope,
          created_at: clock.now(),
          updated_at: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, clock, source, {
        action: 'user.create',
        entityType: 'app_user',
        entityId: u.id,
        detail: { role: b.role, ...scope },
      });
      return u.id;
    });
    return userOutputOf(await q.userRow(db, id), clock.now());
  } catch (err) {
    if (isUniqueViolation(err, 'username'))
      throw new AppError(409, 'USERNAME_TAKEN', undefined, [{ field: 'body.username', code: 'USERNAME_TAKEN', message: '' }]);
    throw err;
  }
}

/** An account the system admin may manage (404 when there is none; never one of the three security roles). */
async function manageableUser(ctx: Ctx, id: string) {
  const u = await q.userRole(ctx.db, id);
  if (!u) throw new AppError(404, 'USER_NOT_FOUND');
  if (SECURITY_ROLES.includes(u.role)) throw new AppError(403, 'SEPARATION_OF_DUTIES');
  return u;
}

/** Changes an account's name, status or scope; disabling it ends its sessions. */
export async function updateUser(
  ctx: Ctx,
  source: AuditSource,
  id: string,
  b: ScopeInput & { displayName?: string; status?: 'active' | 'disabled' },
) {
  const { db, clock } = ctx;
  const u = await manageableUser(ctx, id);
  const scopeChange = b.streetId !== undefined || b.houseId !== undefined || b.department !== undefined;
  const scope = scopeChange && u.role !== 'guardian' ? await scopeFor(ctx, u.role, b) : {};
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        ...(b.displayName ? { display_name: b.displayName } : {}),
        ...(b.status ? { status: b.status } : {}),
        ...scope,
        updated_at: clock.now(),
      })
      .where('id', '=', u.id)
      .execute();
    if (b.status === 'disabled') await q.revokeSessions(trx, u.id, clock.now());
    await writeAudit(trx, clock, source, { action: 'user.update', entityType: 'app_user', entityId: u.id, detail: b });
  });
  return userOutputOf(await q.userRow(db, u.id), clock.now());
}

/** Sets a new password for a staff account and ends its sessions. */
export async function resetPassword(ctx: Ctx, source: AuditSource, id: string, password: string) {
  const { db, clock } = ctx;
  const u = await manageableUser(ctx, id);
  if (u.role === 'guardian') throw new AppError(422, 'ROLE_SCOPE_REQUIRED');
  if (!isStrongPassword(password)) throw unprocessable('PASSWORD_WEAK', 'body.password');
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: hash, updated_at: clock.now() }).where('id', '=', u.id).execute();
    await q.revokeSessions(trx, u.id, clock.now());
    await writeAudit(trx, clock, source, { action: 'user.passwordReset', entityType: 'app_user', entityId: u.id });
  });
}

/** The sign-in rules in force, the locked accounts and the live sessions by role. */
export async function securityOverview(ctx: Ctx) {
  const now = ctx.clock.now();
  const locked = await q.lockedUserRows(ctx.db, now);
  const live = await q.liveSessionsByRole(ctx.db, now);
  return {
    rules: {
      minPasswordLength: 8,
      passwordClasses: 3,
      maxFailedLogins: MAX_FAILED_LOGINS,
      lockMinutes: LOCK_MINUTES,
      staffIdleMinutes: sessionLimits('carer').idleSeconds / 60,
      guardianIdleDays: sessionLimits('guardian').idleSeconds / 86400,
      otpValidMinutes: 5,
    },
    lockedUsers: locked.map((u) => userOutputOf(u, now)),
    liveSessions: live.map((r) => ({ role: r.role, count: Number(r.count) })),
  };
}

/** Unlocks an account locked after failed sign-ins. */
export async function unlockUser(ctx: Ctx, source: AuditSource, id: string) {
  const { db, clock } = ctx;
  const u = await q.userRole(db, id);
  if (!u) throw new AppError(404, 'USER_NOT_FOUND');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ locked_until: null, failed_login_count: 0 }).where('id', '=', u.id).execute();
    await writeAudit(trx, clock, source, { action: 'security.unlock', entityType: 'app_user', entityId: u.id });
  });
}

/** Ends every session of an account. */
export async function signOutUser(ctx: Ctx, source: AuditSource, id: string) {
  const { db, clock } = ctx;
  const u = await q.userRole(db, id);
  if (!u) throw new AppError(404, 'USER_NOT_FOUND');
  await db.transaction().execute(async (trx) => {
    await q.revokeSessions(trx, u.id, clock.now());
    await writeAudit(trx, clock, source, { action: 'security.signOut', entityType: 'app_user', entityId: u.id });
  });
}

/** One page of the audit log, as the API returns it. */
export async function auditLog(ctx: Pick<AppContext, 'db'>, filter: q.AuditFilter) {
  const { total, rows } = await q.auditPage(ctx.db, filter);
  return {
    total,
    items: rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      actorUserId: r.actor_user_id,
      actorName: r.display_name,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      detail: r.detail as Record<string, unknown>,
      ip: r.ip,
    })),
  };
}
