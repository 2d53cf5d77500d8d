// The three security roles (三员): accounts (system admin), sign-in security (security admin), the audit log
// (audit admin). Workflows of each, in one transaction with their audit event.
import type { Department, Role } from '../../../db/schema.ts';
import { isStrongPassword } from '../../../domain/password.ts';
import { localDateOf } from '../../../domain/time.ts';
import { AUDIT_ACTIONS, auditActionsOf, type AuditAction, type AuditArea, type AuditEntityType } from '../../../shared/auditActions.ts';
import { maskPhone } from '../../../shared/format.ts';
import { translate, type Locale } from '../../../shared/i18n/index.ts';
import type { Actor } from '../../access.ts';
import { xlsxOf } from '../../xlsx.ts';
import { AuditFormatter, refsOf } from './auditView.ts';
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
    providerId: u.provider_id,
    providerName: u.provider_name,
    department: u.department,
    status: u.status,
    lockedUntil: u.locked_until && new Date(u.locked_until) > now ? new Date(u.locked_until).toISOString() : null,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
  };
}

export async function listUsers(ctx: Ctx, filter: { role?: Role; q?: string }) {
  return (await q.userRows(ctx.db, filter)).map((u) => userOutputOf(u, ctx.clock.now()));
}

type ScopeInput = { streetId?: string | null; houseId?: string | null; providerId?: string | null; department?: Department | null };

/**
 * A role's scope must be given and must exist: street admins a street, house staff a house, a 指导师 its guidance
 * provider, inspectors a department.
 */
async function scopeFor(ctx: Ctx, role: Role, b: ScopeInput) {
  const need = (ok: boolean, field: string) => {
    if (!ok) throw unprocessable('ROLE_SCOPE_REQUIRED', field);
  };
  if (role === 'street_admin') {
    need(!!b.streetId && (await q.streetExists(ctx.db, b.streetId)), 'body.streetId');
    return { street_id: b.streetId!, house_id: null, provider_id: null, department: null };
  }
  if (HOUSE_ROLES.includes(role)) {
    need(!!b.houseId && (await q.houseExists(ctx.db, b.houseId)), 'body.houseId');
    return { street_id: null, house_id: b.houseId!, provider_id: null, department: null };
  }
  if (role === 'guidance_provider') {
    need(!!b.providerId && (await q.providerExists(ctx.db, b.providerId)), 'body.providerId');
    return { street_id: null, house_id: null, provider_id: b.providerId!, department: null };
  }
  if (role === 'inspector') {
    need(!!b.department, 'body.department');
    return { street_id: null, house_id: null, provider_id: null, department: b.department! };
  }
  return { street_id: null, house_id: null, provider_id: null, department: null };
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
  const scopeChange = b.streetId !== undefined || b.houseId !== undefined || b.providerId !== undefined || b.department !== undefined;
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

/** The audit log's filter as the API takes it. */
export interface AuditQuery {
  from?: string;
  to?: string;
  action?: AuditAction;
  area?: AuditArea;
  actorId?: string;
  entityType?: AuditEntityType;
  entityId?: string;
  record?: string;
}

/** The most events one export may hold (a larger filter is refused, so an export is never silently cut). */
export const AUDIT_EXPORT_MAX = 5000;

async function auditFilterOf(db: AppContext['db'], f: AuditQuery): Promise<q.AuditFilter> {
  if (f.from && f.to && f.from > f.to) {
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ field: 'query.to', code: 'AUDIT_PERIOD_INVALID', message: '' }]);
  }
  const actions = f.action ? [f.action] : f.area ? auditActionsOf(f.area) : undefined;
  return {
    from: f.from,
    to: f.to,
    actions: f.action && f.area && AUDIT_ACTIONS[f.action].area !== f.area ? [] : actions,
    actorId: f.actorId,
    entityType: f.entityType,
    entityId: f.entityId,
    entityIds: f.record ? await q.recordIdsNamed(db, f.record) : undefined,
  };
}

async function formatted(db: AppContext['db'], rows: q.AuditRow[], viewer: Pick<Actor, 'role'>, locale: Locale) {
  const names = await q.auditNames(db, refsOf(rows));
  const f = new AuditFormatter(locale, names, viewer.role);
  return { items: rows.map((r) => f.item(r)), formatter: f };
}

/** One page of the audit log in plain words: who did what to which record, and the details as labelled fields. */
export async function auditLog(
  ctx: Pick<AppContext, 'db'>,
  viewer: Pick<Actor, 'role'>,
  locale: Locale,
  query: AuditQuery & { page: number; pageSize: number },
) {
  const filter = await auditFilterOf(ctx.db, query);
  const total = await q.auditCount(ctx.db, filter);
  const rows = await q.auditRows(ctx.db, filter, query.pageSize, (query.page - 1) * query.pageSize);
  return { total, items: (await formatted(ctx.db, rows, viewer, locale)).items };
}

/** People who acted in the log, for the person filter. */
export async function auditActors(ctx: Pick<AppContext, 'db'>, locale: Locale, text: string | undefined) {
  const rows = await q.auditActors(ctx.db, text, 50);
  return rows.map((u) => ({
    id: u.id,
    name: u.display_name,
    username: u.username,
    role: u.role,
    roleLabel: translate(locale, `roles.${u.role}`),
  }));
}

/**
 * The filtered events as an .xlsx workbook (Chinese headers, one event a row, newest first). The export is itself an
 * audit event, with the filter and the number of rows, written before the file is answered.
 */
export async function auditExport(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  source: AuditSource & { actor: Actor },
  locale: Locale,
  query: AuditQuery,
) {
  const { db, clock } = ctx;
  const filter = await auditFilterOf(db, query);
  const total = await q.auditCount(db, filter);
  if (total > AUDIT_EXPORT_MAX) throw new AppError(422, 'AUDIT_EXPORT_TOO_LARGE', { n: total, max: AUDIT_EXPORT_MAX });
  const rows = await q.auditRows(db, filter, AUDIT_EXPORT_MAX, 0);
  const { items, formatter } = await formatted(db, rows, source.actor, locale);
  const h = (k: string) => translate(locale, `auditLog.export.${k}`);
  const now = clock.now();
  const file = await xlsxOf(
    {
      name: h('sheet'),
      header: [h('time'), h('actor'), h('role'), h('action'), h('description'), h('recordType'), h('record'), h('details'), h('ip')],
      widths: [24, 16, 14, 18, 48, 12, 36, 60, 16],
      rows: items.map((i) => [
        formatter.dateTime(i.at),
        i.actor?.name ?? translate(locale, i.action.startsWith('auth.') ? 'auditLog.unknownAccount' : 'auditLog.system'),
        i.actor?.roleLabel ?? '',
        i.actionLabel,
        i.description,
        i.record?.typeLabel ?? '',
        i.record?.name ?? '',
        i.details.map((d) => `${d.label}${locale === 'zh-CN' ? ':' : ': '}${d.value}`).join('\n'),
        i.ip ?? '',
      ]),
    },
    now,
  );
  const detail: Record<string, unknown> = { ...query, rows: items.length, format: 'xlsx' };
  for (const k of Object.keys(detail)) if (detail[k] === undefined) delete detail[k];
  await writeAudit(db, clock, source, { action: 'audit.export', detail });
  return { file, fileName: `${h('sheet')}-${localDateOf(now)}.xlsx`, asciiName: `audit-log-${localDateOf(now)}.xlsx` };
}
