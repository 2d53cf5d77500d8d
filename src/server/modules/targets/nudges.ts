// Nudges (issue 12): from the middle of the year a street reminds the families behind on their free care (T3) or
// guidance (T5) sessions, by SMS through the outbox, at most once a month for each kind (the rules are
// src/domain/nudges.ts; the counts are T3's and T5's lists, the same queries as the street's page).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { careBehind, careUsage, guidanceBehind, monthOf, nudgeWindow, planNudges, type NudgeKind } from '../../../domain/nudges.ts';
import { birthWindow, shareOfYear, targetsOf } from '../../../domain/targets.ts';
import { localDateOf, type Clock } from '../../../domain/time.ts';
import { maskName } from '../../../shared/format.ts';
import { authorize, type Actor } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { notifyGuardians, reachableGuardians } from '../../notify.ts';
import * as q from './queries.ts';
import { yearOf } from './service.ts';

const NOTICE = { care: 'careNudge', guidance: 'guidanceNudge' } as const;

interface Params {
  streetId: string;
  year: number;
  kind: NudgeKind;
}

/** The street's families behind on the kind of session in the year, with their guardians. */
async function familiesBehind(db: Kysely<DB>, clock: Clock, p: Params) {
  const street = await db.selectFrom('street').select('id').where('id', '=', p.streetId).executeTakeFirst();
  if (!street) throw new AppError(404, 'STREET_NOT_FOUND');
  const { policy, w } = await yearOf(db, clock, p.year);
  const t = targetsOf(policy);
  const today = localDateOf(clock.now());
  let due: number;
  let behind: ReturnType<typeof careBehind>;
  if (p.kind === 'care') {
    due = t.careSessions;
    const birth = birthWindow(p.year, policy['child.minAgeMonths'], policy['child.maxAgeMonths']);
    const children = await q.careChildren(db, w, birth, p.streetId);
    behind = careBehind(
      children.map((c) => ({ familyId: c.family_id, childId: c.id, name: c.name, sessions: Number(c.sessions) })),
      due,
    );
  } else {
    due = t.guidanceSessions;
    const birth = birthWindow(p.year, 0, policy['child.maxAgeMonths']);
    const families = await q.guidanceFamilies(db, w, birth, p.streetId);
    behind = guidanceBehind(
      families.map((f) => ({ familyId: f.id, sessions: Number(f.events) + Number(f.courses) })),
      due,
    );
  }
  const ids = behind.map((f) => f.familyId);
  const month = monthOf(today);
  const [guardians, reminded] = await Promise.all([q.familyGuardians(db, ids), q.nudgesInMonth(db, ids, p.kind, month)]);
  const guardianOf = new Map(guardians.map((g) => [g.id, g]));
  const reachable = await reachableGuardians(
    db,
    NOTICE[p.kind],
    guardians.map((g) => g.guardian_user_id),
  );
  return {
    due,
    month,
    window: nudgeWindow(p.year, today),
    shareOfYear: shareOfYear(p.year, today),
    behind: behind.map((f) => ({ ...f, guardian: guardianOf.get(f.familyId)! })),
    remindedAt: new Map(reminded.map((r) => [r.family_id, new Date(r.sent_at)])),
    reachable: new Set(guardians.filter((g) => reachable.has(g.guardian_user_id)).map((g) => g.id)),
  };
}

/**
 * The families a street may remind (names masked, sessions used, whether reminded this month): an audited read of
 * family data, like the lists behind the figures.
 */
export async function nudgeCandidates(db: Kysely<DB>, clock: Clock, source: AuditSource & { actor: Actor }, p: Params) {
  authorize(source.actor, 'targets.nudge', { streetId: p.streetId });
  const b = await familiesBehind(db, clock, p);
  const families = b.behind.map((f) => ({
    id: f.familyId,
    name: maskName(f.guardian.guardian_name),
    used: f.used,
    behindChildren: f.children.map((c) => ({ name: maskName(c.name), sessions: c.sessions })),
    remindedAt: b.remindedAt.get(f.familyId)?.toISOString() ?? null,
    reachable: b.reachable.has(f.familyId),
  }));
  await writeAudit(db, clock, source, {
    action: 'targets.list.read',
    entityType: 'street',
    entityId: p.streetId,
    detail: { target: p.kind === 'care' ? 'T3' : 'T5', kind: p.kind, year: p.year, familyIds: families.map((f) => f.id) },
  });
  return {
    streetId: p.streetId,
    year: p.year,
    kind: p.kind,
    window: b.window,
    shareOfYear: b.shareOfYear,
    month: b.month,
    due: b.due,
    families,
  };
}

/**
 * Sends the reminder to those of the asked families who are behind, not yet reminded of the kind this month and
 * reachable; says why the others were not. Two sends at once for the same family leave one reminder and one message
 * (the unique key of target_nudge, in the transaction that enqueues the message).
 */
export async function sendNudges(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource & { actor: Actor },
  p: Params & { familyIds: string[] },
) {
  authorize(source.actor, 'targets.nudge', { streetId: p.streetId });
  const b = await familiesBehind(db, clock, p);
  if (b.window === 'tooEarly') throw new AppError(422, 'NUDGE_TOO_EARLY');
  if (b.window === 'over') throw new AppError(422, 'NUDGE_YEAR_OVER');
  const byFamily = new Map(b.behind.map((f) => [f.familyId, f]));
  const plan = planNudges(p.familyIds, new Set(byFamily.keys()), new Set(b.remindedAt.keys()), b.reachable);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    // In one order (by id), so that two sends over the same families wait for each other instead of deadlocking.
    const recorded = await q.recordNudges(
      trx,
      [...plan.send].sort().map((id) => ({
        family_id: id,
        kind: p.kind,
        month: b.month,
        year: p.year,
        street_id: p.streetId,
        used: byFamily.get(id)!.used,
        due: b.due,
        sent_by: source.actor.id,
        sent_at: now,
      })),
    );
    const sent = plan.send.filter((id) => recorded.has(id));
    const skipped = [
      ...plan.skipped,
      ...plan.send.filter((id) => !recorded.has(id)).map((familyId) => ({ familyId, reason: 'alreadyReminded' as const })),
    ];
    await notifyGuardians(
      trx,
      clock,
      NOTICE[p.kind],
      sent.map((id) => {
        const f = byFamily.get(id)!;
        const params: Record<string, string | number> =
          p.kind === 'care' ? { usage: careUsage(f.children, b.due) } : { used: f.used, due: b.due };
        return { guardianUserId: f.guardian.guardian_user_id, params };
      }),
    );
    await writeAudit(trx, clock, source, {
      action: 'targets.nudge',
      entityType: 'street',
      entityId: p.streetId,
      detail: { kind: p.kind, year: p.year, month: b.month.slice(0, 7), familyIds: sent, skipped: skipped.length },
    });
    return { kind: p.kind, month: b.month, sent: sent.length, familyIds: sent, skipped };
  });
}
