// The three security roles (三员), kept apart: the system admin manages accounts, the security admin watches
// sign-in security (locked accounts, live sessions), the audit admin reads the audit log. None can do another's work.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../../db/schema.ts';
import { AUDIT_ACTION_KEYS, AUDIT_AREA_KEYS, AUDIT_ENTITY_TYPES } from '../../../shared/auditActions.ts';
import { pickLocale } from '../../../shared/i18n/index.ts';
import { actorSourceOf, auditSourceOf } from '../../audit.ts';
import { XLSX_CONTENT_TYPE } from '../../xlsx.ts';
import { idParams, localDate } from '../../schemas.ts';
import {
  AUDIT_EXPORT_MAX,
  auditActors,
  auditExport,
  auditLog,
  createUser,
  listUsers,
  resetPassword,
  securityOverview,
  signOutUser,
  unlockUser,
  updateUser,
} from './service.ts';

const STAFF_ROLES = [
  'carer',
  'health_staff',
  'house_manager',
  'street_admin',
  'district_admin',
  'inspector',
  'volunteer',
  'guidance_provider',
] as const;

const userOutput = z.object({
  id: z.string(),
  role: z.string(),
  username: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  displayName: z.string(),
  streetId: z.string().nullable(),
  streetName: z.string().nullable(),
  houseId: z.string().nullable(),
  houseName: z.string().nullable(),
  providerId: z.string().nullable(),
  providerName: z.string().nullable(),
  department: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
});

const passwordField = z.string().min(1).max(128);

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.get(
    '/api/users',
    {
      config: { action: 'user.list' },
      schema: {
        tags: ['admin'],
        summary: 'Accounts (system admin)',
        querystring: z.strictObject({ role: z.string().optional(), q: z.string().max(40).optional() }),
        response: { 200: z.array(userOutput) },
      },
    },
    async (req) => listUsers(ctx, { role: req.query.role as Role | undefined, q: req.query.q }),
  );

  app.post(
    '/api/users',
    {
      config: { action: 'user.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Create a staff account (not one of the three security roles)',
        body: z.strictObject({
          username: z
            .string()
            .trim()
            .regex(/^[a-z][a-z0-9_.-]{2,31}$/),
          displayName: z.string().trim().min(1).max(40),
          role: z.enum(STAFF_ROLES),
          password: passwordField,
          streetId: z.uuid().nullable().optional(),
          houseId: z.uuid().nullable().optional(),
          providerId: z.uuid().nullable().optional(),
          department: z.enum(['education', 'health', 'police', 'fire', 'market']).nullable().optional(),
          phone: z
            .string()
            .regex(/^1[3-9]\d{9}$/)
            .nullable()
            .optional(),
        }),
        response: { 201: userOutput },
      },
    },
    async (req, res) => res.status(201).send(await createUser(ctx, auditSourceOf(req), req.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { action: 'user.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Change an account’s name, status or scope',
        params: idParams,
        body: z.strictObject({
          displayName: z.string().trim().min(1).max(40).optional(),
          status: z.enum(['active', 'disabled']).optional(),
          streetId: z.uuid().nullable().optional(),
          houseId: z.uuid().nullable().optional(),
          providerId: z.uuid().nullable().optional(),
          department: z.enum(['education', 'health', 'police', 'fire', 'market']).nullable().optional(),
        }),
        response: { 200: userOutput },
      },
    },
    async (req) => updateUser(ctx, auditSourceOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { action: 'user.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Set a new password for a staff account (ends its sessions)',
        params: idParams,
        body: z.strictObject({ password: passwordField }),
        response: { 204: z.null() },
      },
    },
    async (req, res) => {
      await resetPassword(ctx, auditSourceOf(req), req.params.id, req.body.password);
      return res.status(204).send(null);
    },
  );

  app.get(
    '/api/security/overview',
    {
      config: { action: 'security.read' },
      schema: {
        tags: ['admin'],
        summary: 'Sign-in security: the rules in force, locked accounts, live sessions by role (security admin)',
        response: {
          200: z.object({
            rules: z.object({
              minPasswordLength: z.number(),
              passwordClasses: z.number(),
              maxFailedLogins: z.number(),
              lockMinutes: z.number(),
              staffIdleMinutes: z.number(),
              guardianIdleDays: z.number(),
              otpValidMinutes: z.number(),
            }),
            lockedUsers: z.array(userOutput),
            liveSessions: z.array(z.object({ role: z.string(), count: z.number() })),
          }),
        },
      },
    },
    async () => securityOverview(ctx),
  );

  app.post(
    '/api/security/users/:id/unlock',
    {
      config: { action: 'security.manage' },
      schema: { tags: ['admin'], summary: 'Unlock an account locked after failed sign-ins', params: idParams, response: { 204: z.null() } },
    },
    async (req, res) => {
      await unlockUser(ctx, auditSourceOf(req), req.params.id);
      return res.status(204).send(null);
    },
  );

  app.post(
    '/api/security/users/:id/sign-out',
    {
      config: { action: 'security.manage' },
      schema: { tags: ['admin'], summary: 'End every session of an account', params: idParams, response: { 204: z.null() } },
    },
    async (req, res) => {
      await signOutUser(ctx, auditSourceOf(req), req.params.id);
      return res.status(204).send(null);
    },
  );

  // The audit log's filter: person (actorId), action or area, record (type and id, or a name), period (from/to).
  const auditFilter = {
    from: localDate.optional(),
    to: localDate.optional(),
    action: z.enum(AUDIT_ACTION_KEYS).optional(),
    area: z.enum(AUDIT_AREA_KEYS).optional(),
    actorId: z.uuid().optional(),
    entityType: z.enum(AUDIT_ENTITY_TYPES).optional(),
    entityId: z
      .string()
      .max(80)
      .regex(/^[A-Za-z0-9_.:-]+$/)
      .optional(),
    record: z.string().trim().min(1).max(40).optional(),
  };
  const auditField = z.object({ key: z.string(), label: z.string(), value: z.string() });
  const auditItem = z.object({
    id: z.string(),
    at: z.string(),
    actor: z
      .object({ id: z.string().nullable(), name: z.string(), role: z.string().nullable(), roleLabel: z.string().nullable() })
      .nullable(),
    action: z.string(),
    actionLabel: z.string(),
    area: z.string().nullable(),
    areaLabel: z.string().nullable(),
    record: z.object({ type: z.string(), typeLabel: z.string(), id: z.string().nullable(), name: z.string().nullable() }).nullable(),
    description: z.string(),
    details: z.array(auditField),
    ip: z.string().nullable(),
  });

  app.get(
    '/api/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        tags: ['admin'],
        summary: 'The audit log in plain words, newest first (audit admin)',
        querystring: z.strictObject({
          ...auditFilter,
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(auditItem) }) },
      },
    },
    async (req) => auditLog(ctx, req.actor!, pickLocale(req.headers['accept-language']), req.query),
  );

  app.get(
    '/api/audit/actors',
    {
      config: { action: 'audit.read' },
      schema: {
        tags: ['admin'],
        summary: 'People who appear in the audit log, by name or username (the person filter)',
        querystring: z.strictObject({ q: z.string().trim().max(40).optional() }),
        response: {
          200: z.array(
            z.object({ id: z.string(), name: z.string(), username: z.string().nullable(), role: z.string(), roleLabel: z.string() }),
          ),
        },
      },
    },
    async (req) => auditActors(ctx, pickLocale(req.headers['accept-language']), req.query.q || undefined),
  );

  app.get(
    '/api/audit/export',
    {
      config: { action: 'audit.read' },
      schema: {
        tags: ['admin'],
        summary: `The filtered audit log as an .xlsx file (at most ${AUDIT_EXPORT_MAX} events; the export is audited)`,
        querystring: z.strictObject(auditFilter),
      },
    },
    async (req, res) => {
      const out = await auditExport(ctx, actorSourceOf(req), pickLocale(req.headers['accept-language']), req.query);
      return res
        .header('Cache-Control', 'private, no-store')
        .header('Content-Disposition', `attachment; filename="${out.asciiName}"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`)
        .type(XLSX_CONTENT_TYPE)
        .send(out.file);
    },
  );
}
