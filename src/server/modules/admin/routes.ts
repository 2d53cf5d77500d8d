// The three security roles (三员), kept apart: the system admin manages accounts, the security admin watches
// sign-in security (locked accounts, live sessions), the audit admin reads the audit log. None can do another's work.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../../db/schema.ts';
import { auditSourceOf } from '../../audit.ts';
import { idParams, localDate } from '../../schemas.ts';
import { auditLog, createUser, listUsers, resetPassword, securityOverview, signOutUser, unlockUser, updateUser } from './service.ts';

const STAFF_ROLES = ['carer', 'health_staff', 'house_manager', 'street_admin', 'district_admin', 'inspector', 'volunteer'] as const;

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

  app.get(
    '/api/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first (audit admin)',
        querystring: z.strictObject({
          from: localDate.optional(),
          to: localDate.optional(),
          action: z.string().max(60).optional(),
          actorId: z.uuid().optional(),
          entityId: z.string().max(60).optional(),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                id: z.string(),
                at: z.string(),
                actorUserId: z.string().nullable(),
                actorName: z.string().nullable(),
                actorRole: z.string().nullable(),
                action: z.string(),
                entityType: z.string().nullable(),
                entityId: z.string().nullable(),
                detail: z.record(z.string(), z.unknown()),
                ip: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => auditLog(ctx, req.query),
  );
}
