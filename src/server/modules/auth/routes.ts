// Signing in and out: staff with username + password, guardians with phone + one-time code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { actionsOf, allActions } from '../../access.ts';
import { writeAudit, auditSourceOf } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { SESSION_COOKIE, createSession, revokeSession, type NewSession } from '../../auth/sessions.ts';
import { consumeOtp, requestOtp } from '../../auth/otp.ts';
import { phone } from '../../schemas.ts';
import { formatDateTimeZh, maskPhone } from '../../../shared/format.ts';
import { localDateOf } from '../../../domain/time.ts';
import { isStrongPassword } from '../../../domain/password.ts';
import type { AppUser } from '../../../db/schema.ts';

const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 30;

const me = z.object({
  user: z.object({
    id: z.string(),
    role: z.string(),
    displayName: z.string(),
    streetId: z.string().nullable(),
    houseId: z.string().nullable(),
    department: z.string().nullable(),
    /** The account's phone, masked (guardians sign in with it). */
    phoneMasked: z.string().nullable(),
  }),
  csrfToken: z.string(),
  /** The server's date in the district (the clock tests can move), for "today" on screens. */
  today: z.string(),
  /** The server's current time (ISO), for countdowns that must agree with the server. */
  now: z.string(),
  actions: z.array(z.enum(allActions as [string, ...string[]])),
});

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;

  function setSessionCookie(reply: FastifyReply, session: NewSession) {
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      expires: session.expiresAt,
    });
  }

  async function meOf(userId: string, csrfToken: string): Promise<z.infer<typeof me>> {
    const u = await db.selectFrom('app_user as u').leftJoin('house as h', 'h.id', 'u.house_id')
      .select(['u.id', 'u.role', 'u.display_name', 'u.street_id', 'u.house_id', 'u.department', 'u.phone', 'h.street_id as hs'])
      .where('u.id', '=', userId).executeTakeFirstOrThrow();
    return {
      user: {
        id: u.id, role: u.role, displayName: u.display_name, streetId: u.street_id ?? u.hs ?? null,
        houseId: u.house_id, department: u.department, phoneMasked: u.phone ? maskPhone(u.phone) : null,
      },
      csrfToken,
      today: localDateOf(clock.now()),
      now: clock.now().toISOString(),
      actions: actionsOf(u.role),
    };
  }

  async function signIn(req: FastifyRequest, reply: FastifyReply, user: Pick<AppUser, 'id' | 'role'>, how: string) {
    const now = clock.now();
    const session = await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ failed_login_count: 0, locked_until: null, last_login_at: now })
        .where('id', '=', user.id).execute();
      const s = await createSession(trx, user, now, { ip: req.ip, userAgent: req.headers['user-agent'] });
      await writeAudit(trx, clock, { actor: user, ip: req.ip }, { action: 'auth.signIn', entityType: 'app_user', entityId: user.id, detail: { how } });
      return s;
    });
    setSessionCookie(reply, session);
    return meOf(user.id, session.csrfToken);
  }

  app.post('/api/auth/login', {
    config: { action: 'auth.signIn' },
    schema: {
      tags: ['auth'],
      summary: 'Staff sign-in with username and password',
      body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) }),
      response: { 200: me },
    },
  }, async (req, reply) => {
    const now = clock.now();
    const user = await db.selectFrom('app_user').selectAll()
      .where('username', '=', req.body.username).where('role', '<>', 'guardian').executeTakeFirst();
    if (user?.locked_until && new Date(user.locked_until) > now) {
      await verifyPassword(null, req.body.password);
      throw new AppError(423, 'ACCOUNT_LOCKED', { until: formatDateTimeZh(user.locked_until) });
    }
    const valid = await verifyPassword(user?.password_hash ?? null, req.body.password);
    if (!user || !valid) {
      if (user) {
        const failed = user.failed_login_count + 1;
        const lock = failed >= MAX_FAILED_LOGINS;
        const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('app_user')
            .set({ failed_login_count: lock ? 0 : failed, locked_until: lock ? lockedUntil : null })
            .where('id', '=', user.id).execute();
          await writeAudit(trx, clock, { actor: null, ip: req.ip }, {
            action: lock ? 'auth.locked' : 'auth.failed', entityType: 'app_user', entityId: user.id, detail: { failed, username: user.username },
          });
        });
        if (lock) throw new AppError(423, 'ACCOUNT_LOCKED', { until: formatDateTimeZh(lockedUntil) });
      }
      throw new AppError(401, 'INVALID_CREDENTIALS');
    }
    if (user.status !== 'active') throw new AppError(403, 'ACCOUNT_DISABLED');
    return signIn(req, reply, user, 'password');
  });

  app.post('/api/auth/otp/request', {
    config: { action: 'auth.signIn' },
    schema: {
      tags: ['auth'],
      summary: 'Send a one-time sign-in code to a guardian’s phone',
      body: z.strictObject({ phone }),
      response: { 202: z.object({ expiresInSeconds: z.number(), resendAfterSeconds: z.number() }) },
    },
  }, async (req, reply) => {
    const result = await requestOtp(db, clock, req.body.phone, req.ip);
    return reply.status(202).send(result);
  });

  app.post('/api/auth/otp/verify', {
    config: { action: 'auth.signIn' },
    schema: {
      tags: ['auth'],
      summary: 'Guardian sign-in with the one-time code (creates the guardian’s account on first use)',
      body: z.strictObject({ phone, code: z.string().regex(/^\d{6}$/) }),
      response: { 200: me },
    },
  }, async (req, reply) => {
    await consumeOtp(db, clock, req.body.phone, req.body.code, req.ip);
    await db.insertInto('app_user')
      .values({ role: 'guardian', phone: req.body.phone, display_name: `家长${req.body.phone.slice(-4)}`, status: 'active' })
      .onConflict((oc) => oc.column('phone').where(sql<boolean>`role = 'guardian'`).doNothing())
      .execute();
    const user = await db.selectFrom('app_user').select(['id', 'role', 'status'])
      .where('phone', '=', req.body.phone).where('role', '=', 'guardian').executeTakeFirstOrThrow();
    if (user.status !== 'active') throw new AppError(403, 'ACCOUNT_DISABLED');
    return signIn(req, reply, user, 'otp');
  });

  app.post('/api/auth/logout', {
    config: { action: 'session.self' },
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
  }, async (req, reply) => {
    const actor = req.actor!;
    await db.transaction().execute(async (trx) => {
      await revokeSession(trx, actor.sessionId, clock.now());
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'auth.signOut', entityType: 'app_user', entityId: actor.id });
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { action: 'session.self' },
    schema: { tags: ['auth'], summary: 'The signed-in user, their CSRF token and the actions they may perform', response: { 200: me } },
  }, async (req) => {
    const token = await db.selectFrom('user_session').select('csrf_token').where('id', '=', req.actor!.sessionId)
      .executeTakeFirstOrThrow();
    return meOf(req.actor!.id, token.csrf_token);
  });

  app.post('/api/auth/password', {
    config: { action: 'session.self' },
    schema: {
      tags: ['auth'],
      summary: 'Change one’s own password (staff)',
      body: z.strictObject({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
      response: { 204: z.null() },
    },
  }, async (req, reply) => {
    const actor = req.actor!;
    const user = await db.selectFrom('app_user').select(['password_hash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, req.body.currentPassword))) {
      throw new AppError(422, 'INVALID_CREDENTIALS', undefined, [{ field: 'body.currentPassword', code: 'INVALID_CREDENTIALS', message: '' }]);
    }
    if (!isStrongPassword(req.body.newPassword)) {
      throw new AppError(422, 'PASSWORD_WEAK', undefined, [{ field: 'body.newPassword', code: 'PASSWORD_WEAK', message: '' }]);
    }
    const hash = await hashPassword(req.body.newPassword);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ password_hash: hash, updated_at: clock.now() }).where('id', '=', actor.id).execute();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'auth.passwordChanged', entityType: 'app_user', entityId: actor.id });
    });
    return reply.status(204).send(null);
  });
}
