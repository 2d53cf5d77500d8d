// Incidents (injury, illness, other) with the guardian told through the outbox and the street alerted for serious
// ones; and the daily disinfection and safety-check logs.
import type { Selectable } from 'kysely';
import type { DailyLogTable } from '../../../db/schema.ts';
import { houseTarget } from '../houses/service.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, districtInstant, inDistrict, localDateOf } from '../../../domain/time.ts';
import { translate } from '../../../shared/i18n/index.ts';
import { authorize, scopeOf } from '../../access.ts';
import { auditSourceOf, writeAudit } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { enqueueMessage } from '../../outbox.ts';
import { idParams, localDate } from '../../schemas.ts';
import { notifyStreetAdmins } from '../../notify.ts';

/** The checklist of each daily log (the keys the console labels). */
export const DAILY_LOG_ITEMS = {
  disinfection: ['toys', 'surfaces', 'bedding', 'washroom', 'air'],
  safety_check: ['exits', 'electrical', 'fireEquipment', 'furniture', 'outdoor', 'cctv', 'alarm'],
} as const;

const incidentOutput = z.object({
  id: z.string(), houseId: z.string(), houseName: z.string(), sessionId: z.string().nullable(), childId: z.string().nullable(), childName: z.string().nullable(),
  kind: z.enum(['injury', 'illness', 'other']), severity: z.enum(['minor', 'serious']), occurredAt: z.string(), description: z.string(), actionTaken: z.string(),
  reportedBy: z.string(), createdAt: z.string(), guardianNotifiedAt: z.string().nullable(), streetAlertedAt: z.string().nullable(),
});
const dailyLogOutput = z.object({
  id: z.string(), date: z.string(), kind: z.enum(['disinfection', 'safety_check']), items: z.array(z.string()), allOk: z.boolean(),
  note: z.string().nullable(), recordedBy: z.string(), recordedAt: z.string(),
});
/** A daily log as the API returns it. */
function dailyLogOf(l: Selectable<DailyLogTable>, recordedBy: string) {
  return {
    id: l.id, date: l.date, kind: l.kind, items: l.items as string[], allOk: l.all_ok, note: l.note, recordedBy,
    recordedAt: new Date(l.recorded_at).toISOString(),
  };
}

const range = { from: localDate.optional(), to: localDate.optional() };

/** How far back a child's session in the house may be for an incident to name the child. */
const INCIDENT_CHILD_DAYS = 7;

export default async function incidentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, cipher } = app.ctx;
  const today = () => localDateOf(clock.now());

  async function incidents(where: { ids?: string[]; houseIds?: string[]; streetId?: string; from: string; to: string }) {
    let q = db.selectFrom('incident as i').innerJoin('house as h', 'h.id', 'i.house_id').innerJoin('app_user as u', 'u.id', 'i.reported_by')
      .leftJoin('child as c', 'c.id', 'i.child_id')
      .selectAll('i').select(['h.name as house_name', 'u.display_name as reporter', 'c.name as child_name'])
      .where('i.occurred_at', '>=', districtInstant(where.from)).where('i.occurred_at', '<', districtInstant(addDays(where.to, 1)));
    if (where.ids) q = q.where('i.id', 'in', where.ids);
    if (where.houseIds) q = q.where('i.house_id', 'in', where.houseIds);
    if (where.streetId) q = q.where('h.street_id', '=', where.streetId);
    const rows = await q.orderBy('i.occurred_at', 'desc').limit(500).execute();
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return rows.map((i) => {
      const detail = JSON.parse(cipher.decrypt(i.detail_enc)) as { description: string; actionTaken: string };
      return {
        id: i.id, houseId: i.house_id, houseName: i.house_name, sessionId: i.session_id, childId: i.child_id, childName: i.child_name, kind: i.kind,
        severity: i.severity, occurredAt: new Date(i.occurred_at).toISOString(), description: detail.description, actionTaken: detail.actionTaken,
        reportedBy: i.reporter, createdAt: new Date(i.created_at).toISOString(), guardianNotifiedAt: iso(i.guardian_notified_at), streetAlertedAt: iso(i.street_alerted_at),
      };
    });
  }

  app.get('/api/incidents', {
    config: { action: 'incident.read' },
    schema: {
      tags: ['incidents'], summary: 'Incidents of the caller’s scope, newest first (default: the last 30 days)',
      querystring: z.strictObject({ houseId: z.uuid().optional(), ...range }), response: { 200: z.array(incidentOutput) },
    },
  }, async (req) => {
    const to = req.query.to ?? today();
    const from = req.query.from ?? addDays(to, -29);
    const scope = scopeOf(req.actor!, 'incident.read');
    if (req.query.houseId) authorize(req.actor!, 'incident.read', await houseTarget(db, req.query.houseId));
    if (scope.kind === 'none') return [];
    const list = await incidents({
      from, to,
      houseIds: req.query.houseId ? [req.query.houseId] : scope.kind === 'house' ? [scope.houseId] : undefined,
      streetId: scope.kind === 'street' ? scope.streetId : undefined,
    });
    const children = list.filter((i) => i.childId).map((i) => i.childId);
    if (children.length) await writeAudit(db, clock, auditSourceOf(req), { action: 'incident.read', entityType: 'incident', detail: { from, to, children } });
    return list;
  });

  app.post('/api/houses/:id/incidents', {
    config: { action: 'incident.record' },
    schema: {
      tags: ['incidents'], summary: 'Record an incident; the child’s guardian is told, the street admin alerted when it is serious',
      params: idParams,
      body: z.strictObject({
        kind: z.enum(['injury', 'illness', 'other']), severity: z.enum(['minor', 'serious']), occurredAt: z.iso.datetime({ offset: true }),
        sessionId: z.uuid().nullable().optional(), childId: z.uuid().nullable().optional(),
        description: z.string().trim().min(4).max(500), actionTaken: z.string().trim().min(2).max(500),
      }),
      response: { 201: incidentOutput },
    },
  }, async (req, res) => {
    const house = await houseTarget(db, req.params.id);
    authorize(req.actor!, 'incident.record', house);
    const b = req.body;
    const occurredAt = new Date(b.occurredAt);
    if (occurredAt > clock.now()) throw new AppError(422, 'VALIDATION_FAILED', undefined, [{ field: 'body.occurredAt', code: 'VALIDATION_FAILED', message: '' }]);
    if (b.sessionId) {
      const s = await db.selectFrom('care_session').select('id').where('id', '=', b.sessionId).where('house_id', '=', house.houseId).executeTakeFirst();
      if (!s) throw new AppError(422, 'SESSION_NOT_FOUND', undefined, [{ field: 'body.sessionId', code: 'SESSION_NOT_FOUND', message: '' }]);
    }
    // A child concerned must have had a session in this house lately — the one named, if one is (staff never reach
    // other families' children, nor children long gone).
    const child = b.childId
      ? await db.selectFrom('child as c').innerJoin('family as f', 'f.id', 'c.family_id').innerJoin('app_user as g', 'g.id', 'f.guardian_user_id')
        .select(['c.id', 'c.name', 'g.phone'])
        .where('c.id', '=', b.childId)
        .where((eb) => {
          let q = eb.selectFrom('booking as bk').innerJoin('care_session as s', 's.id', 'bk.session_id').select('bk.id')
            .whereRef('bk.child_id', '=', 'c.id').where('s.house_id', '=', house.houseId).where('bk.status', 'in', ['confirmed', 'no_show'])
            .where('s.date', '>=', addDays(localDateOf(occurredAt), -INCIDENT_CHILD_DAYS)).where('s.date', '<=', localDateOf(occurredAt));
          if (b.sessionId) q = q.where('s.id', '=', b.sessionId);
          return eb.exists(q);
        })
        .executeTakeFirst()
      : null;
    if (b.childId && !child) throw new AppError(422, 'CHILD_NOT_IN_HOUSE', undefined, [{ field: 'body.childId', code: 'CHILD_NOT_IN_HOUSE', message: '' }]);
    const now = clock.now();
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('incident').values({
        house_id: house.houseId, session_id: b.sessionId ?? null, child_id: child?.id ?? null, kind: b.kind, severity: b.severity, occurred_at: occurredAt,
        detail_enc: cipher.encrypt(JSON.stringify({ description: b.description, actionTaken: b.actionTaken })), reported_by: req.actor!.id, created_at: now,
        guardian_notified_at: child?.phone ? now : null, street_alerted_at: b.severity === 'serious' ? now : null,
      }).returning('id').executeTakeFirstOrThrow();
      const kind = translate('zh-CN', `incidentKinds.${b.kind}`);
      const time = inDistrict(occurredAt).format('M月D日 HH:mm');
      if (child?.phone) {
        await enqueueMessage(trx, clock, { channel: 'sms', recipient: child.phone, template: 'incidentGuardian', params: { house: house.name, child: child.name, time, kind, action: b.actionTaken } });
      }
      if (b.severity === 'serious') {
        await notifyStreetAdmins(trx, clock, house.streetId, 'incidentStreetAlert', { house: house.name, time, kind, description: b.description });
      }
      await writeAudit(trx, clock, auditSourceOf(req), {
        action: 'incident.create', entityType: 'incident', entityId: row.id, detail: { kind: b.kind, severity: b.severity, childId: child?.id ?? null },
      });
      return row.id;
    });
    const [created] = await incidents({ ids: [id], from: localDateOf(occurredAt), to: localDateOf(occurredAt) });
    return res.status(201).send(created);
  });

  app.get('/api/houses/:id/daily-logs', {
    config: { action: 'dailyLog.read' },
    schema: {
      tags: ['incidents'], summary: 'The house’s daily disinfection and safety-check logs (default: the last 14 days), newest first',
      params: idParams, querystring: z.strictObject(range), response: { 200: z.array(dailyLogOutput) },
    },
  }, async (req) => {
    authorize(req.actor!, 'dailyLog.read', await houseTarget(db, req.params.id));
    const to = req.query.to ?? today();
    const from = req.query.from ?? addDays(to, -13);
    const rows = await db.selectFrom('daily_log as l').innerJoin('app_user as u', 'u.id', 'l.recorded_by').selectAll('l').select('u.display_name')
      .where('l.house_id', '=', req.params.id).where('l.date', '>=', from).where('l.date', '<=', to)
      .orderBy('l.date', 'desc').orderBy('l.recorded_at', 'desc').limit(500).execute();
    return rows.map((l) => dailyLogOf(l, l.display_name));
  });

  app.post('/api/houses/:id/daily-logs', {
    config: { action: 'dailyLog.record' },
    schema: {
      tags: ['incidents'], summary: 'Record a disinfection or safety-check log for a day (today or earlier); problems need a note',
      params: idParams,
      body: z.strictObject({
        date: localDate, kind: z.enum(['disinfection', 'safety_check']), items: z.array(z.string()).max(20), allOk: z.boolean(),
        note: z.string().trim().max(300).nullable().optional(),
      }),
      response: { 201: dailyLogOutput },
    },
  }, async (req, res) => {
    authorize(req.actor!, 'dailyLog.record', await houseTarget(db, req.params.id));
    const b = req.body;
    if (b.date > today() || b.date < addDays(today(), -7)) throw new AppError(422, 'VALIDATION_FAILED', undefined, [{ field: 'body.date', code: 'VALIDATION_FAILED', message: '' }]);
    const allowed: readonly string[] = DAILY_LOG_ITEMS[b.kind];
    // "All in order" means every item of the checklist was done.
    if (!b.items.every((i) => allowed.includes(i)) || (b.allOk && !allowed.every((i) => b.items.includes(i)))) throw new AppError(422, 'DAILY_LOG_ITEMS_INVALID', undefined, [{ field: 'body.items', code: 'DAILY_LOG_ITEMS_INVALID', message: '' }]);
    if (!b.allOk && !b.note) throw new AppError(422, 'DAILY_LOG_NOTE_REQUIRED', undefined, [{ field: 'body.note', code: 'DAILY_LOG_NOTE_REQUIRED', message: '' }]);
    const row = await db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('daily_log').values({
        house_id: req.params.id, date: b.date, kind: b.kind, items: JSON.stringify([...new Set(b.items)]), all_ok: b.allOk, note: b.note || null,
        recorded_by: req.actor!.id, recorded_at: clock.now(),
      }).returningAll().executeTakeFirstOrThrow();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'dailyLog.create', entityType: 'daily_log', entityId: r.id, detail: { date: b.date, kind: b.kind, allOk: b.allOk } });
      return r;
    });
    return res.status(201).send(dailyLogOf(row, req.actor!.displayName));
  });
}
