// Signing in and out: staff with username + password, guardians with phone + one-time code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allActions } from '../../access.ts';
import { auditSourceOf } from '../../audit.ts';
import { SESSION_COOKIE, type NewSession } from '../../auth/sessions.ts';
import { requestOtp } from '../../auth/otp.ts';
import { phone } from '../../schemas.ts';
import type { AppUser } from '../../../db/schema.ts';
import { changeOwnPassword, checkOtp, checkPassword, currentMe, endSession, meOf, startSession } from './service.ts';

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
  const { ctx } = app;
  const { db, clock, config } = ctx;

  function setSessionCookie(reply: FastifyReply, session: NewSession) {
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      // Max-Age, not Expires: the browser counts it from its own clock, so a clock that differs from the server's
      // (a phone set wrong, or a test that moves the server's clock) cannot make the cookie expire on arrival.
      maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - clock.now().getTime()) / 1000)),
    });
  }

  async function signIn(
    req: FastifyRequest,
    reply: FastifyReply,
    user: { id: string; role: AppUser['role'] },
    how: string,
  ): Promise<z.infer<typeof me>> {
    const session = await startSession(ctx, user, how, { ip: req.ip, userAgent: req.headers['user-agent'] });
    setSessionCookie(reply, session);
    return meOf(ctx, user.id, session.csrfToken);
  }

  app.post(
    '/api/auth/login',
    {
      config: { action: 'auth.signIn' },
      schema: {
        tags: ['auth'],
        summary: 'Staff sign-in with username and password',
        body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) }),
        response: { 200: me },
      },
    },
    async (req, reply) => signIn(req, reply, await checkPassword(ctx, req.ip, req.body.username, req.body.password), 'password'),
  );

  app.post(
    '/api/auth/otp/request',
    {
      config: { action: 'auth.signIn' },
      schema: {
        tags: ['auth'],
        summary: 'Send a one-time sign-in code to a guardian’s phone',
        body: z.strictObject({ phone }),
        response: { 202: z.object({ expiresInSeconds: z.number(), resendAfterSeconds: z.number() }) },
      },
    },
    async (req, reply) => {
      const result = await requestOtp(db, clock, req.body.phone, req.ip);
      return reply.status(202).send(result);
    },
  );

  app.post(
    '/api/auth/otp/verify',
    {
      config: { action: 'auth.signIn' },
      schema: {
        tags: ['auth'],
        summary: 'Guardian sign-in with the one-time code (creates the guardian’s account on first use)',
        body: z.strictObject({ phone, code: z.string().regex(/^\d{6}$/) }),
        response: { 200: me },
      },
    },
    async (req, reply) => signIn(req, reply, await checkOtp(ctx, req.ip, req.body.phone, req.body.code), 'otp'),
  );

  app.post(
    '/api/auth/logout',
    {
      config: { action: 'session.self' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await endSession(ctx, auditSourceOf(req), req.actor!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { action: 'session.self' },
      schema: { tags: ['auth'], summary: 'The signed-in user, their CSRF token and the actions they may perform', response: { 200: me } },
    },
    async (req) => currentMe(ctx, req.actor!),
  );

  // What a page asks on loading: signed out is an answer (200), not an error a browser logs.
  app.get(
    '/api/auth/session',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['auth'],
        summary: 'Whether the caller is signed in (and if so, as /api/auth/me answers), or their session has expired',
        response: { 200: z.object({ signedIn: z.boolean(), expired: z.boolean(), me: me.nullable() }) },
      },
    },
    async (req) =>
      req.actor
        ? { signedIn: true, expired: false, me: await currentMe(ctx, req.actor) }
        : { signedIn: false, expired: !!req.sessionExpired, me: null },
  );

  app.post(
    '/api/auth/password',
    {
      config: { action: 'session.self' },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password (staff)',
        body: z.strictObject({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await changeOwnPassword(ctx, auditSourceOf(req), req.actor!.id, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );
}
