// The guardian's message settings: which SMS she gets about her child (check-in, check-out, the morning check,
// reminders, waiting-list offers; incidents always).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GUARDIAN_NOTICE_KINDS, type GuardianNotice } from '../../../domain/guardianNotices.ts';
import { authorize } from '../../access.ts';
import { auditSourceOf } from '../../audit.ts';
import { noticeSettings, setNotice } from './service.ts';

const notice = z.enum(GUARDIAN_NOTICE_KINDS as [GuardianNotice, ...GuardianNotice[]]);
const settingsOutput = z.array(z.object({ notice, enabled: z.boolean(), optional: z.boolean() }));

export default async function noticeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  app.get(
    '/api/family/notices',
    {
      config: { action: 'family.readOwn' },
      schema: {
        tags: ['families'],
        summary: 'The messages the guardian gets about her child, each on or off, and whether she may switch it off',
        response: { 200: settingsOutput },
      },
    },
    async (req) => {
      authorize(req.actor!, 'family.readOwn', { userId: req.actor!.id });
      return noticeSettings(db, req.actor!.id);
    },
  );

  app.put(
    '/api/family/notices',
    {
      config: { action: 'family.manageOwn' },
      schema: {
        tags: ['families'],
        summary: 'Switch one message on or off (an incident is always told: 422)',
        body: z.strictObject({ notice, enabled: z.boolean() }),
        response: { 200: settingsOutput },
      },
    },
    async (req) => {
      authorize(req.actor!, 'family.manageOwn', { userId: req.actor!.id });
      return setNotice(db, clock, auditSourceOf(req), req.actor!.id, req.body.notice, req.body.enabled);
    },
  );
}
