// The texts guardians agree to, in versions: reading the ones in force and publishing a new one.
import { localDateOf } from '../../../domain/time.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { AppContext } from '../../context.ts';
import { AppError, unprocessable } from '../../errors.ts';
import * as q from './queries.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'>;
type Kind = 'consent' | 'agreement';

const toOutput = (d: { kind: Kind; version: number; title: string; body: string; effective_from: string }) => ({
  kind: d.kind,
  version: d.version,
  title: d.title,
  body: d.body,
  effectiveFrom: d.effective_from,
});

/** The consent text and the agreement in force today. */
export async function currentDocuments(ctx: Ctx) {
  const rows = await q.versionsInForce(ctx.db, localDateOf(ctx.clock.now()));
  const consent = rows.find((r) => r.kind === 'consent');
  const agreement = rows.find((r) => r.kind === 'agreement');
  if (!consent || !agreement) throw new AppError(404, 'DOCUMENT_NOT_FOUND');
  return { consent: toOutput(consent), agreement: toOutput(agreement) };
}

export async function allDocuments(ctx: Pick<AppContext, 'db'>) {
  return (await q.allVersions(ctx.db)).map(toOutput);
}

/** Publishes the next version of a text, in force from today or later (families are asked again). */
export async function publishDocument(
  ctx: Ctx,
  source: AuditSource & { actor: { id: string } },
  b: { kind: Kind; title: string; body: string; effectiveFrom: string },
) {
  const { db, clock } = ctx;
  if (b.effectiveFrom < localDateOf(clock.now())) throw unprocessable('POLICY_PARAMETER_INVALID', 'body.effectiveFrom');
  const row = await db.transaction().execute(async (trx) => {
    await q.lockKind(trx, b.kind);
    const version = (await q.lastVersion(trx, b.kind)) + 1;
    const inserted = await q.insertVersion(trx, {
      kind: b.kind,
      version,
      title: b.title,
      body: b.body,
      effective_from: b.effectiveFrom,
      created_by: source.actor.id,
    });
    await writeAudit(trx, clock, source, {
      action: 'document.publish',
      entityType: 'document_version',
      entityId: `${b.kind}:${version}`,
      detail: { effectiveFrom: b.effectiveFrom },
    });
    return inserted;
  });
  return toOutput(row);
}
