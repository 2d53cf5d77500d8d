// The three security roles (三员), kept apart: the system admin manages accounts, the security admin watches
// sign-in security (locked accounts, live sessions), the audit admin reads the audit log. None can do another's work.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Department, Role } from '../../../db/schema.ts';
import { isStrongPassword } from '../../../domain/password.ts';
import { maskPhone } from '../../../shared/format.ts';
import { auditSourceOf, writeAudit } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { sessionLimits } from '../../auth/sessions.ts';
import { idParams, localDate } from '../../schemas.ts';
import { isUniqueViolation } from '../houses/service.ts';

const SECURITY_ROLES: Role[] = ['system_admin', 'security_admin', 'audit_admin'];
const STAFF_ROLES = ['carer', 'health_staff', 'house_manager', 'street_admin', 'district_admin', 'inspector', 'volunteer'] as const;
const HOUSE_ROLES: Role[] = ['carer', 'health_staff', 'house_manager', 'volunteer'];

const userOutput = z.object({
  id: z.string(), role: z.string(), username: z.string().nullable(), phoneMasked: z.string().nullable(),
  displayName: z.string(), streetId: z.string().nullable(), streetName: z.string().nullable(),
  houseId: z.string().nullable(), houseName: z.string().nullable(), department: z.string().nullable(),
  status: z.enum(['active', 'disabled']), lockedUntil: z.string().nullable(), lastLoginAt: z.string().nullable(),
});

const passwordField = z.string().min(1).max(128);

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  function baseUserQuery() {
    return db.selectFrom('app_user as u')
      .leftJoin('house as h', 'h.id', 'u.house_id')
      .leftJoin('street as s', (j) => j.on(sql<boolean>`s.id = coalesce(u.street_id, h.street_id)`))
      .select(['u.id', 'u.role', 'u.username', 'u.phone', 'u.display_name', 'u.street_id', 'h.street_id as house_street_id',
        's.name as street_name', 'u.house_id', 'h.name as house_name', 'u.department', 'u.status', 'u.locked_until', 'u.last_login_at']);
  }
  type UserRow = Awaited<ReturnType<ReturnType<typeof baseUserQuery>['execute']>>[number];
  const toOutput = (u: UserRow) => ({
    id: u.id, role: u.role, username: u.username, phoneMasked: u.phone ? maskPhone(u.phone) : null,
    displayName: u.display_name, streetId: u.street_id ?? u.house_street_id, streetName: u.street_name,
    houseId: u.house_id, houseName: u.house_name, department: u.department, status: u.status,
    lockedUntil: u.locked_until && new Date(u.locked_until) > clock.now() ? new Date(u.locked_until).toISOString() : null,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
  });

  /** A role's scope must be given and must exist: street admins a street, house staff a house, inspectors a department. */
  async function scopeFor(role: Role, b: { streetId?: string | null; houseId?: string | null; department?: Department | null }) {
    const need = (ok: boolean, field: string) => {
      if (!ok) throw new AppError(422, 'ROLE_SCOPE_REQUIRED', undefined, [{ field, code: 'ROLE_SCOPE_REQUIRED', message: '' }]);
    };
    if (role === 'street_admin') {
      need(!!b.streetId && !!(await db.selectFrom('street').select('id').where('id', '=', b.streetId).executeTakeFirst()), 'body.streetId');
      return { street_id: b.streetId!, house_id: null, department: null };
    }
    if (HOUSE_ROLES.includes(role)) {
      need(!!b.houseId && !!(await db.selectFrom('house').select('id').where('id', '=', b.houseId).executeTakeFirst()), 'body.houseId');
      return { street_id: null, house_id: b.houseId!, department: null };
    }
    if (role === 'inspector') {
      need(!!b.department, 'body.department');
      return { street_id: null, house_id: null, department: b.department! };
    }
    return { street_id: null, house_id: null, department: null };
  }

  app.get('/api/users', {
    config: { action: 'user.list' },
    schema: {
      tags: ['admin'], summary: 'Accounts (system admin)',
      querystring: z.strictObject({ role: z.string().optional(), q: z.string().max(40).optional() }),
      response: { 200: z.array(userOutput) },
    },
  }, async (req) => {
    let q = baseUserQuery();
    if (req.query.role) q = q.where('u.role', '=', req.query.role as Role);
    if (req.query.q) q = q.where((eb) => eb.or([eb('u.username', 'ilike', `%${req.query.q}%`), eb('u.display_name', 'ilike', `%${req.query.q}%`)]));
    const rows = await q.orderBy('u.role').orderBy('u.username').limit(500).execute();
    return rows.map(toOutput);
  });

  app.post('/api/users', {
    config: { action: 'user.manage' },
    schema: {
      tags: ['admin'], summary: 'Create a staff account (not one of the three security roles)',
      body: z.strictObject({
        username: z.string().trim().regex(/^[a-z][a-z0-9_.-]{2,31}$/), displayName: z.string().trim().min(1).max(40),
        role: z.enum(STAFF_ROLES), password: passwordField,
        streetId: z.uuid().nullable().optional(), houseId: z.uuid().nullable().optional(),
        department: z.enum(['education', 'health', 'police', 'fire', 'market']).nullable().optional(),
        phone: z.string().regex(/^1[3-9]\d{9}$/).nullable().optional(),
      }),
      response: { 201: userOutput },
    },
  }, async (req, res) => {
    const b = req.body;
    if (!isStrongPassword(b.password)) throw new AppError(422, 'PASSWORD_WEAK', undefined, [{ field: 'body.password', code: 'PASSWORD_WEAK', message: '' }]);
    const scope = await scopeFor(b.role, b);
    const hash = await hashPassword(b.password);
    try {
      const id = await db.transaction().execute(async (trx) => {
        const u = await trx.insertInto('app_user').values({
          role: b.role, username: b.username, display_name: b.displayName, password_hash: hash, phone: b.phone ?? null,
          status: 'active', ...scope, created_at: clock.now(), updated_at: clock.now(),
        }).returning('id').executeTakeFirstOrThrow();
        await writeAudit(trx, clock, auditSourceOf(req), { action: 'user.create', entityType: 'app_user', entityId: u.id, detail: { role: b.role, ...scope } });
        return u.id;
      });
      return res.status(201).send(toOutput(await baseUserQuery().where('u.id', '=', id).executeTakeFirstOrThrow()));
    } catch (err) {
      if (isUniqueViolation(err, 'username')) throw new AppError(409, 'USERNAME_TAKEN', undefined, [{ field: 'body.username', code: 'USERNAME_TAKEN', message: '' }]);
      throw err;
    }
  });

  async function manageableUser(id: string) {
    const u = await db.selectFrom('app_user').select(['id', 'role']).where('id', '=', id).executeTakeFirst();
    if (!u) throw new AppError(404, 'USER_NOT_FOUND');
    if (SECURITY_ROLES.includes(u.role)) throw new AppError(403, 'SEPARATION_OF_DUTIES');
    return u;
  }

  app.patch('/api/users/:id', {
    config: { action: 'user.manage' },
    schema: {
      tags: ['admin'], summary: 'Change an account’s name, status or scope',
      params: idParams,
      body: z.strictObject({
        displayName: z.string().trim().min(1).max(40).optional(), status: z.enum(['active', 'disabled']).optional(),
        streetId: z.uuid().nullable().optional(), houseId: z.uuid().nullable().optional(),
        department: z.enum(['education', 'health', 'police', 'fire', 'market']).nullable().optional(),
      }),
      response: { 200: userOutput },
    },
  }, async (req) => {
    const u = await manageableUser(req.params.id);
    const b = req.body;
    const scopeChange = b.streetId !== undefined || b.houseId !== undefined || b.department !== undefined;
    const scope = scopeChange && u.role !== 'guardian' ? await scopeFor(u.role, b) : {};
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({
        ...(b.displayName ? { display_name: b.displayName } : {}), ...(b.status ? { status: b.status } : {}),
        ...scope, updated_at: clock.now(),
      }).where('id', '=', u.id).execute();
      if (b.status === 'disabled') {
        await trx.updateTable('user_session').set({ revoked_at: clock.now() }).where('user_id', '=', u.id).where('revoked_at', 'is', null).execute();
      }
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'user.update', entityType: 'app_user', entityId: u.id, detail: b });
    });
    return toOutput(await baseUserQuery().where('u.id', '=', u.id).executeTakeFirstOrThrow());
  });

  app.post('/api/users/:id/password', {
    config: { action: 'user.manage' },
    schema: {
      tags: ['admin'], summary: 'Set a new password for a staff account (ends its sessions)',
      params: idParams, body: z.strictObject({ password: passwordField }), response: { 204: z.null() },
    },
  }, async (req, res) => {
    const u = await manageableUser(req.params.id);
    if (u.role === 'guardian') throw new AppError(422, 'ROLE_SCOPE_REQUIRED');
    if (!isStrongPassword(req.body.password)) throw new AppError(422, 'PASSWORD_WEAK', undefined, [{ field: 'body.password', code: 'PASSWORD_WEAK', message: '' }]);
    const hash = await hashPassword(req.body.password);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ password_hash: hash, updated_at: clock.now() }).where('id', '=', u.id).execute();
      await trx.updateTable('user_session').set({ revoked_at: clock.now() }).where('user_id', '=', u.id).where('revoked_at', 'is', null).execute();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'user.passwordReset', entityType: 'app_user', entityId: u.id });
    });
    return res.status(204).send(null);
  });

  app.get('/api/security/overview', {
    config: { action: 'security.read' },
    schema: {
      tags: ['admin'], summary: 'Sign-in security: the rules in force, locked accounts, live sessions by role (security admin)',
      response: {
        200: z.object({
          rules: z.object({
            minPasswordLength: z.number(), passwordClasses: z.number(), maxFailedLogins: z.number(), lockMinutes: z.number(),
            staffIdleMinutes: z.number(), guardianIdleDays: z.number(), otpValidMinutes: z.number(),
          }),
          lockedUsers: z.array(userOutput),
          liveSessions: z.array(z.object({ role: z.string(), count: z.number() })),
        }),
      },
    },
  }, async () => {
    const now = clock.now();
    const locked = await baseUserQuery().where('u.locked_until', '>', now).orderBy('u.locked_until', 'desc').execute();
    const live = await db.selectFrom('user_session as s').innerJoin('app_user as u', 'u.id', 's.user_id')
      .select(({ fn }) => ['u.role', fn.countAll<number>().as('count')])
      .where('s.revoked_at', 'is', null).where('s.expires_at', '>', now)
      .where(sql<boolean>`s.last_seen_at + make_interval(secs => s.idle_timeout_s) > ${now}`)
      .groupBy('u.role').execute();
    return {
      rules: {
        minPasswordLength: 8, passwordClasses: 3, maxFailedLogins: 5, lockMinutes: 30,
        staffIdleMinutes: sessionLimits('carer').idleSeconds / 60, guardianIdleDays: sessionLimits('guardian').idleSeconds / 86400,
        otpValidMinutes: 5,
      },
      lockedUsers: locked.map(toOutput),
      liveSessions: live.map((r) => ({ role: r.role, count: Number(r.count) })),
    };
  });

  app.post('/api/security/users/:id/unlock', {
    config: { action: 'security.manage' },
    schema: { tags: ['admin'], summary: 'Unlock an account locked after failed sign-ins', params: idParams, response: { 204: z.null() } },
  }, async (req, res) => {
    const u = await db.selectFrom('app_user').select('id').where('id', '=', req.params.id).executeTakeFirst();
    if (!u) throw new AppError(404, 'USER_NOT_FOUND');
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ locked_until: null, failed_login_count: 0 }).where('id', '=', u.id).execute();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'security.unlock', entityType: 'app_user', entityId: u.id });
    });
    return res.status(204).send(null);
  });

  app.post('/api/security/users/:id/sign-out', {
    config: { action: 'security.manage' },
    schema: { tags: ['admin'], summary: 'End every session of an account', params: idParams, response: { 204: z.null() } },
  }, async (req, res) => {
    const u = await db.selectFrom('app_user').select('id').where('id', '=', req.params.id).executeTakeFirst();
    if (!u) throw new AppError(404, 'USER_NOT_FOUND');
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('user_session').set({ revoked_at: clock.now() }).where('user_id', '=', u.id).where('revoked_at', 'is', null).execute();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'security.signOut', entityType: 'app_user', entityId: u.id });
    });
    return res.status(204).send(null);
  });

  app.get('/api/audit', {
    config: { action: 'audit.read' },
    schema: {
      tags: ['admin'], summary: 'The audit log, newest first (audit admin)',
      querystring: z.strictObject({
        from: localDate.optional(), to: localDate.optional(), action: z.string().max(60).optional(),
        actorId: z.uuid().optional(), entityId: z.string().max(60).optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: {
        200: z.object({
          total: z.number(),
          items: z.array(z.object({
            id: z.string(), at: z.string(), actorUserId: z.string().nullable(), actorName: z.string().nullable(),
            actorRole: z.string().nullable(), action: z.string(), entityType: z.string().nullable(),
            entityId: z.string().nullable(), detail: z.record(z.string(), z.unknown()), ip: z.string().nullable(),
          })),
        }),
      },
    },
  }, async (req) => {
    const q = req.query;
    let base = db.selectFrom('audit_event as a').leftJoin('app_user as u', 'u.id', 'a.actor_user_id');
    if (q.from) base = base.where('a.at', '>=', sql<Date>`(${q.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    if (q.to) base = base.where('a.at', '<', sql<Date>`((${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    if (q.action) base = base.where('a.action', 'like', `${q.action}%`);
    if (q.actorId) base = base.where('a.actor_user_id', '=', q.actorId);
    if (q.entityId) base = base.where('a.entity_id', '=', q.entityId);
    const [{ total }] = await base.select(({ fn }) => fn.countAll<number>().as('total')).execute();
    const rows = await base.select(['a.id', 'a.at', 'a.actor_user_id', 'u.display_name', 'a.actor_role', 'a.action', 'a.entity_type', 'a.entity_id', 'a.detail', 'a.ip'])
      .orderBy('a.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return {
      total: Number(total),
      items: rows.map((r) => ({
        id: String(r.id), at: new Date(r.at).toISOString(), actorUserId: r.actor_user_id, actorName: r.display_name,
        actorRole: r.actor_role, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
        detail: r.detail as Record<string, unknown>, ip: r.ip,
      })),
    };
  });
}
