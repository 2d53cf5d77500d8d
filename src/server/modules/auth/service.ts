// Signing in (staff with a password, guardians with a one-time code), locking after failed attempts, signing out
// and changing one's password. Cookies are the routes' business; sessions are created here.
import type { AppUser } from '../../../db/schema.ts';
import { isStrongPassword } from '../../../domain/password.ts';
import { localDateOf } from '../../../domain/time.ts';
import { formatDateTimeZh, maskPhone } from '../../../shared/format.ts';
import { actionsOf } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { consumeOtp } from '../../auth/otp.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { createSession, revokeSession } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { AppError, unprocessable } from '../../errors.ts';
import * as q from './queries.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** Failed password sign-ins in a row that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 30;

/** The signed-in user, their CSRF token, the server's day and time, and the actions they may perform. */
export async function meOf(ctx: Ctx, userId: string, csrfToken: string) {
  const u = await q.meRow(ctx.db, userId);
  return {
    user: {
      id: u.id,
      role: u.role,
      displayName: u.display_name,
      streetId: u.street_id ?? u.hs ?? null,
      houseId: u.house_id,
      department: u.department,
      phoneMasked: u.phone ? maskPhone(u.phone) : null,
    },
    csrfToken,
    today: localDateOf(ctx.clock.now()),
    now: ctx.clock.now().toISOString(),
    actions: actionsOf(u.role),
  };
}

export interface Client {
  ip: string;
  userAgent?: string;
}

/** Opens a session for a user who has proved who they are (failed count and lock cleared, audited). */
export async function startSession(ctx: Ctx, user: Pick<AppUser, 'id' | 'role'>, how: string, client: Client) {
  const { db, clock } = ctx;
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ failed_login_count: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute();
    const s = await createSession(trx, user, now, { ip: client.ip, userAgent: client.userAgent });
    await writeAudit(
      trx,
      clock,
      { actor: user, ip: client.ip },
      { action: 'auth.signIn', entityType: 'app_user', entityId: user.id, detail: { how } },
    );
    return s;
  });
}

/**
 * A staff account whose password is right (423 while locked, 401 otherwise; the fifth failure in a row locks it
 * for LOCK_MINUTES; 403 when disabled). A password is checked even for an unknown or locked account (same timing).
 */
export async function checkPassword(ctx: Ctx, ip: string, username: string, password: string) {
  const { db, clock } = ctx;
  const now = clock.now();
  const user = await q.staffByUsername(db, username);
  if (user?.locked_until && new Date(user.locked_until) > now) {
    await verifyPassword(null, password);
    throw new AppError(423, 'ACCOUNT_LOCKED', { until: formatDateTimeZh(user.locked_until) });
  }
  const valid = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !valid) {
    if (user) {
      const failed = user.failed_login_count + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({ failed_login_count: lock ? 0 : failed, locked_until: lock ? lockedUntil : null })
          .where('id', '=', user.id)
          .execute();
        await writeAudit(
          trx,
          clock,
          { actor: null, ip },
          {
            action: lock ? 'auth.locked' : 'auth.failed',
            entityType: 'app_user',
            entityId: user.id,
            detail: { failed, username: user.username },
          },
        );
      });
      if (lock) throw new AppError(423, 'ACCOUNT_LOCKED', { until: formatDateTimeZh(lockedUntil) });
    }
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') throw new AppError(403, 'ACCOUNT_DISABLED');
  return user;
}

/** The guardian of a phone whose one-time code is right (the account is created on first use; 403 when disabled). */
export async function checkOtp(ctx: Ctx, ip: string, phone: string, code: string) {
  await consumeOtp(ctx.db, ctx.clock, phone, code, ip);
  const user = await q.guardianOfPhone(ctx.db, phone);
  if (user.status !== 'active') throw new AppError(403, 'ACCOUNT_DISABLED');
  return user;
}

export async function endSession(ctx: Ctx, source: AuditSource, actor: { id: string; sessionId: string }) {
  await ctx.db.transaction().execute(async (trx) => {
    await revokeSession(trx, actor.sessionId, ctx.clock.now());
    await writeAudit(trx, ctx.clock, source, { action: 'auth.signOut', entityType: 'app_user', entityId: actor.id });
  });
}

export async function currentMe(ctx: Ctx, actor: { id: string; sessionId: string }) {
  return meOf(ctx, actor.id, await q.csrfTokenOf(ctx.db, actor.sessionId));
}

/** Changes one's own password (the current one must be right, the new one strong). */
export async function changeOwnPassword(ctx: Ctx, source: AuditSource, userId: string, current: string, next: string) {
  const { db, clock } = ctx;
  if (!(await verifyPassword(await q.passwordHashOf(db, userId), current)))
    throw unprocessable('INVALID_CREDENTIALS', 'body.currentPassword');
  if (!isStrongPassword(next)) throw unprocessable('PASSWORD_WEAK', 'body.newPassword');
  const hash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: hash, updated_at: clock.now() }).where('id', '=', userId).execute();
    await writeAudit(trx, clock, source, { action: 'auth.passwordChanged', entityType: 'app_user', entityId: userId });
  });
}
