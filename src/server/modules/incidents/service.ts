// Incidents (injury, illness, other) with the guardian told through the outbox and the street alerted for serious
// ones; and the daily disinfection and safety-check logs.
import type { Selectable } from 'kysely';
import type { DailyLogTable } from '../../../db/schema.ts';
import { addDays, inDistrict, localDateOf } from '../../../domain/time.ts';
import { translate } from '../../../shared/i18n/index.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { AppContext } from '../../context.ts';
import { unprocessable } from '../../errors.ts';
import { notifyGuardian, notifyStreetAdmins } from '../../notify.ts';
import * as q from './queries.ts';

/** The checklist of each daily log (the keys the console labels). */
export const DAILY_LOG_ITEMS = {
  disinfection: ['toys', 'surfaces', 'bedding', 'washroom', 'air'],
  safety_check: ['exits', 'electrical', 'fireEquipment', 'furniture', 'outdoor', 'cctv', 'alarm'],
} as const;

/** How far back a child's session in the house may be for an incident to name the child. */
const INCIDENT_CHILD_DAYS = 7;

/** How many days back a daily log may be recorded for. */
const DAILY_LOG_BACKDATE_DAYS = 7;

/** Incidents as the API returns them (their description and action decrypted). */
export async function incidentsOf(ctx: Pick<AppContext, 'db' | 'cipher'>, where: q.IncidentFilter) {
  const rows = await q.incidentRows(ctx.db, where);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return rows.map((i) => {
    const detail = JSON.parse(ctx.cipher.decrypt(i.detail_enc)) as { description: string; actionTaken: string };
    return {
      id: i.id,
      houseId: i.house_id,
      houseName: i.house_name,
      sessionId: i.session_id,
      childId: i.child_id,
      childName: i.child_name,
      kind: i.kind,
      severity: i.severity,
      occurredAt: new Date(i.occurred_at).toISOString(),
      description: detail.description,
      actionTaken: detail.actionTaken,
      reportedBy: i.reporter,
      createdAt: new Date(i.created_at).toISOString(),
      guardianNotifiedAt: iso(i.guardian_notified_at),
      streetAlertedAt: iso(i.street_alerted_at),
    };
  });
}

/** Incidents of a scope; reading ones that name children is audited (which children, which days). */
export async function readIncidents(ctx: AppContext, source: AuditSource, where: q.IncidentFilter) {
  const list = await incidentsOf(ctx, where);
  const children = list.filter((i) => i.childId).map((i) => i.childId);
  if (children.length) {
    await writeAudit(ctx.db, ctx.clock, source, {
      action: 'incident.read',
      entityType: 'incident',
      detail: { from: where.from, to: where.to, children },
    });
  }
  return list;
}

export interface IncidentInput {
  kind: 'injury' | 'illness' | 'other';
  severity: 'minor' | 'serious';
  occurredAt: string;
  sessionId?: string | null;
  childId?: string | null;
  description: string;
  actionTaken: string;
}

/**
 * Records an incident of a house (not in the future; a session of the house; a child who had a session there lately —
 * the one named, if one is — so staff never reach other families' children, nor children long gone). The guardian is
 * told by SMS and, when it is serious, the street admins alerted, in the same transaction.
 */
export async function recordIncident(
  ctx: AppContext,
  source: AuditSource & { actor: { id: string } },
  house: { houseId: string; streetId: string; name: string },
  b: IncidentInput,
) {
  const { db, clock, cipher } = ctx;
  const occurredAt = new Date(b.occurredAt);
  if (occurredAt > clock.now()) throw unprocessable('VALIDATION_FAILED', 'body.occurredAt');
  if (b.sessionId && !(await q.sessionInHouse(db, b.sessionId, house.houseId))) throw unprocessable('SESSION_NOT_FOUND', 'body.sessionId');
  const child = b.childId ? await q.childSeenInHouse(db, b.childId, house.houseId, occurredAt, INCIDENT_CHILD_DAYS, b.sessionId) : null;
  if (b.childId && !child) throw unprocessable('CHILD_NOT_IN_HOUSE', 'body.childId');
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const incidentId = await q.insertIncident(trx, {
      house_id: house.houseId,
      session_id: b.sessionId ?? null,
      child_id: child?.id ?? null,
      kind: b.kind,
      severity: b.severity,
      occurred_at: occurredAt,
      detail_enc: cipher.encrypt(JSON.stringify({ description: b.description, actionTaken: b.actionTaken })),
      reported_by: source.actor.id,
      created_at: now,
      guardian_notified_at: child?.phone ? now : null,
      street_alerted_at: b.severity === 'serious' ? now : null,
    });
    const kind = translate('zh-CN', `incidentKinds.${b.kind}`);
    const time = inDistrict(occurredAt).format('M月D日 HH:mm');
    if (child) {
      await notifyGuardian(trx, clock, child.guardian_user_id, 'incident', {
        house: house.name,
        child: child.name,
        time,
        kind,
        action: b.actionTaken,
      });
    }
    if (b.severity === 'serious') {
      await notifyStreetAdmins(trx, clock, house.streetId, 'incidentStreetAlert', {
        house: house.name,
        time,
        kind,
        description: b.description,
      });
    }
    await writeAudit(trx, clock, source, {
      action: 'incident.create',
      entityType: 'incident',
      entityId: incidentId,
      detail: { kind: b.kind, severity: b.severity, childId: child?.id ?? null },
    });
    return incidentId;
  });
  const [created] = await incidentsOf(ctx, { ids: [id], from: localDateOf(occurredAt), to: localDateOf(occurredAt) });
  return created;
}

/** A daily log as the API returns it. */
function dailyLogOf(l: Selectable<DailyLogTable>, recordedBy: string) {
  return {
    id: l.id,
    date: l.date,
    kind: l.kind,
    items: l.items as string[],
    allOk: l.all_ok,
    note: l.note,
    recordedBy,
    recordedAt: new Date(l.recorded_at).toISOString(),
  };
}

export async function dailyLogsOf(ctx: Pick<AppContext, 'db'>, houseId: string, from: string, to: string) {
  return (await q.dailyLogRows(ctx.db, houseId, from, to)).map((l) => dailyLogOf(l, l.display_name));
}

export interface DailyLogInput {
  date: string;
  kind: 'disinfection' | 'safety_check';
  items: string[];
  allOk: boolean;
  note?: string | null;
}

/**
 * Records a daily log for a day (today or up to a week before). Its items are of the kind's checklist; "all in
 * order" means every item of the checklist was done; problems need a note.
 */
export async function recordDailyLog(
  ctx: AppContext,
  source: AuditSource & { actor: { id: string; displayName: string } },
  houseId: string,
  b: DailyLogInput,
) {
  const { db, clock } = ctx;
  const today = localDateOf(clock.now());
  if (b.date > today || b.date < addDays(today, -DAILY_LOG_BACKDATE_DAYS)) throw unprocessable('VALIDATION_FAILED', 'body.date');
  const allowed: readonly string[] = DAILY_LOG_ITEMS[b.kind];
  if (!b.items.every((i) => allowed.includes(i)) || (b.allOk && !allowed.every((i) => b.items.includes(i))))
    throw unprocessable('DAILY_LOG_ITEMS_INVALID', 'body.items');
  if (!b.allOk && !b.note) throw unprocessable('DAILY_LOG_NOTE_REQUIRED', 'body.note');
  const row = await db.transaction().execute(async (trx) => {
    const r = await q.insertDailyLog(trx, {
      house_id: houseId,
      date: b.date,
      kind: b.kind,
      items: JSON.stringify([...new Set(b.items)]),
      all_ok: b.allOk,
      note: b.note || null,
      recorded_by: source.actor.id,
      recorded_at: clock.now(),
    });
    await writeAudit(trx, clock, source, {
      action: 'dailyLog.create',
      entityType: 'daily_log',
      entityId: r.id,
      detail: { date: b.date, kind: b.kind, allOk: b.allOk },
    });
    return r;
  });
  return dailyLogOf(row, source.actor.displayName);
}
