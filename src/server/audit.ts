// The append-only audit log: written in the same transaction as the change it records.
import type { Kysely, Transaction } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../domain/time.ts';
import type { Actor } from './access.ts';
import type { AuditAction, AuditEntityType } from '../shared/auditActions.ts';

export interface AuditEntry {
  action: AuditAction;
  entityType?: AuditEntityType;
  entityId?: string;
  detail?: Record<string, unknown>;
}

export interface AuditSource {
  actor: Pick<Actor, 'id' | 'role'> | null;
  ip?: string | null;
}

export function auditSourceOf(req: FastifyRequest): AuditSource {
  return { actor: req.actor, ip: req.ip };
}

/** The source of a signed-in request (its route's action requires a session), for services that record who acted. */
export function actorSourceOf(req: FastifyRequest): AuditSource & { actor: Actor } {
  if (!req.actor) throw new Error('actorSourceOf: the request has no signed-in actor');
  return { actor: req.actor, ip: req.ip };
}

export async function writeAudit(db: Kysely<DB> | Transaction<DB>, clock: Clock, source: AuditSource, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      at: clock.now(),
      actor_user_id: source.actor?.id ?? null,
      actor_role: source.actor?.role ?? null,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: source.ip ?? null,
    })
    .execute();
}
