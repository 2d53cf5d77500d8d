// Home visits (DOMAIN.md §5.5, T4): the street assigns a newborn family its visitor; the visitor sees her caseload,
// schedules the visit (the family is told by SMS and may ask for another time), records it; the family confirms in the
// H5 that it happened. A newborn row is locked while its visits change, so a visit is scheduled or recorded once.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { visitDueBy, visitState } from '../../../domain/homeVisits.ts';
import { localDateOf, type Clock, type LocalDate } from '../../../domain/time.ts';
import { formatDateTimeZh } from '../../../shared/format.ts';
import type { Actor } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { FieldCipher } from '../../crypto.ts';
import { AppError, unprocessable } from '../../errors.ts';
import { lockNewborn } from '../../locks.ts';
import { enqueueMessage } from '../../outbox.ts';
import { policyOn } from '../policy/service.ts';

type Trx = Transaction<DB>;

/** The newborn row, locked (its visits change under it). */
async function lockedNewborn(trx: Trx, id: string) {
  if (!(await lockNewborn(trx, id))) throw new AppError(404, 'NEWBORN_NOT_FOUND');
  return trx.selectFrom('newborn').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The street assigns a visitor: a 指导师 of any provider, or a carer or health-care worker of one of its houses. */
export async function assignVisitor(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource & { actor: Actor },
  newbornId: string,
  userId: string,
) {
  return db.transaction().execute(async (trx) => {
    const n = await lockedNewborn(trx, newbornId);
    if (n.street_id !== source.actor.streetId) throw new AppError(403, 'FORBIDDEN_SCOPE');
    const v = await trx
      .selectFrom('app_user as u')
      .leftJoin('house as h', 'h.id', 'u.house_id')
      .select(['u.id', 'u.role', 'u.status', 'h.street_id as house_street'])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    const fits =
      v &&
      v.status === 'active' &&
      (v.role === 'guidance_provider' || ((v.role === 'carer' || v.role === 'health_staff') && v.house_street === n.street_id));
    if (!fits) throw unprocessable('VISITOR_NOT_ELIGIBLE', 'body.userId');
    await trx.updateTable('newborn').set({ visitor_user_id: userId, updated_at: clock.now() }).where('id', '=', n.id).execute();
    await writeAudit(trx, clock, source, { action: 'newborn.assign', entityType: 'newborn', entityId: n.id, detail: { userId } });
  });
}

/** Who may be assigned in a street (the assignment's picker). */
export function visitorsFor(db: Kysely<DB>, streetId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('house as h', 'h.id', 'u.house_id')
    .leftJoin('guidance_provider as p', 'p.id', 'u.provider_id')
    .select(['u.id', 'u.display_name', 'u.role', sql<string>`coalesce(p.name, h.name)`.as('organisation')])
    .where('u.status', '=', 'active')
    .where((w) =>
      w.or([w('u.role', '=', 'guidance_provider'), w.and([w('u.role', 'in', ['carer', 'health_staff']), w('h.street_id', '=', streetId)])]),
    )
    .orderBy('u.role')
    .orderBy('u.display_name')
    .execute();
}

async function visitsOf(db: Kysely<DB> | Trx, newbornIds: string[]) {
  if (!newbornIds.length) return [];
  return db.selectFrom('home_visit').selectAll().where('newborn_id', 'in', newbornIds).orderBy('created_at').execute();
}

const visitOut = (v: Awaited<ReturnType<typeof visitsOf>>[number]) => ({
  id: v.id,
  status: v.status,
  scheduledAt: new Date(v.scheduled_at).toISOString(),
  changeRequested: v.change_requested,
  visitedOn: v.visited_on,
  durationMinutes: v.duration_minutes,
  topics: v.topics,
  followUp: v.follow_up,
  referral: v.referral,
  familyConfirmedAt: v.family_confirmed_at ? new Date(v.family_confirmed_at).toISOString() : null,
});

/** The state of each newborn's visit (for the street's register and the caseload). */
export async function visitStates(db: Kysely<DB>, newborns: { id: string; birth_date: LocalDate }[], today: LocalDate) {
  const policy = await policyOn(db, today);
  const visits = await visitsOf(
    db,
    newborns.map((n) => n.id),
  );
  return new Map(
    newborns.map((n) => {
      const own = visits.filter((v) => v.newborn_id === n.id);
      const state = visitState(
        { birthDate: n.birth_date, visits: own.map((v) => ({ status: v.status, familyConfirmed: !!v.family_confirmed_at })) },
        today,
        policy,
      );
      return [n.id, { visitState: state, dueBy: visitDueBy(n.birth_date, policy), visits: own.map(visitOut) }];
    }),
  );
}

/** The visitor's caseload: her newborn families with the full phone and address (to arrange the visit); audited. */
export async function caseload(db: Kysely<DB>, cipher: FieldCipher, clock: Clock, source: AuditSource & { actor: Actor }) {
  const rows = await db
    .selectFrom('newborn as n')
    .innerJoin('street as s', 's.id', 'n.street_id')
    .select(['n.id', 'n.child_name', 'n.sex', 'n.birth_date', 'n.guardian_name', 'n.phone_enc', 'n.address_enc', 's.name as street_name'])
    .where('n.visitor_user_id', '=', source.actor.id)
    .orderBy('n.birth_date')
    .execute();
  const states = await visitStates(db, rows, localDateOf(clock.now()));
  await writeAudit(db, clock, source, { action: 'visit.caseload.read', entityType: 'newborn', detail: { count: rows.length } });
  return rows.map((r) => ({
    id: r.id,
    childName: r.child_name,
    sex: r.sex,
    birthDate: r.birth_date,
    guardianName: r.guardian_name,
    phone: cipher.decrypt(r.phone_enc),
    address: cipher.decrypt(r.address_enc),
    streetName: r.street_name,
    ...states.get(r.id)!,
  }));
}

/** The visitor schedules the visit (or moves it); the family is told by SMS. */
export async function scheduleVisit(
  db: Kysely<DB>,
  cipher: FieldCipher,
  clock: Clock,
  source: AuditSource & { actor: Actor },
  newbornId: string,
  at: Date,
) {
  const now = clock.now();
  if (at <= now) throw unprocessable('VISIT_TIME_INVALID', 'body.scheduledAt');
  return db.transaction().execute(async (trx) => {
    const n = await lockedNewborn(trx, newbornId);
    if (n.visitor_user_id !== source.actor.id) throw new AppError(403, 'FORBIDDEN_SCOPE');
    const open = await trx
      .selectFrom('home_visit')
      .select('id')
      .where('newborn_id', '=', n.id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    const id = open
      ? (
          await trx
            .updateTable('home_visit')
            .set({ scheduled_at: at, change_requested: null, updated_at: now })
            .where('id', '=', open.id)
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      : (
          await trx
            .insertInto('home_visit')
            .values({
              newborn_id: n.id,
              visitor_user_id: source.actor.id,
              status: 'scheduled',
              scheduled_at: at,
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    await enqueueMessage(trx, clock, {
      channel: 'sms',
      recipient: cipher.decrypt(n.phone_enc),
      template: 'homeVisitScheduled',
      params: { visitor: source.actor.displayName, time: formatDateTimeZh(at), child: n.child_name },
    });
    await writeAudit(trx, clock, source, {
      action: 'visit.schedule',
      entityType: 'newborn',
      entityId: n.id,
      detail: { at: at.toISOString() },
    });
    return id;
  });
}

export interface VisitRecord {
  visitedOn: LocalDate;
  durationMinutes: number;
  met: string;
  topics: string[];
  observations: string;
  advice: string;
  followUp: boolean;
  referral: 'none' | 'care' | 'health';
}

/** The visitor records the visit that took place (the scheduled one, or one made without an appointment). */
export async function recordVisit(db: Kysely<DB>, clock: Clock, source: AuditSource & { actor: Actor }, newbornId: string, r: VisitRecord) {
  const now = clock.now();
  if (r.visitedOn > localDateOf(now)) throw unprocessable('VISIT_TIME_INVALID', 'body.visitedOn');
  return db.transaction().execute(async (trx) => {
    const n = await lockedNewborn(trx, newbornId);
    if (n.visitor_user_id !== source.actor.id) throw new AppError(403, 'FORBIDDEN_SCOPE');
    if (r.visitedOn < n.birth_date) throw unprocessable('VISIT_TIME_INVALID', 'body.visitedOn');
    const known = await trx
      .selectFrom('guidance_topic')
      .select('name')
      .where('code', 'in', r.topics.length ? r.topics : [''])
      .execute();
    if (known.length !== new Set(r.topics).size) throw unprocessable('TOPIC_NOT_FOUND', 'body.topics');
    const values = {
      status: 'done' as const,
      visited_on: r.visitedOn,
      duration_minutes: r.durationMinutes,
      met: r.met,
      topics: r.topics,
      observations: r.observations,
      advice: r.advice,
      follow_up: r.followUp,
      referral: r.referral,
      recorded_at: now,
      change_requested: null,
      updated_at: now,
    };
    const open = await trx
      .selectFrom('home_visit')
      .select('id')
      .where('newborn_id', '=', n.id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    const id = open
      ? (await trx.updateTable('home_visit').set(values).where('id', '=', open.id).returning('id').executeTakeFirstOrThrow()).id
      : (
          await trx
            .insertInto('home_visit')
            .values({ ...values, newborn_id: n.id, visitor_user_id: source.actor.id, scheduled_at: now, created_at: now })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    await writeAudit(trx, clock, source, {
      action: 'visit.record',
      entityType: 'newborn',
      entityId: n.id,
      detail: { visitedOn: r.visitedOn, topicNames: known.map((k) => k.name), followUp: r.followUp, referral: r.referral },
    });
    return id;
  });
}

/** The guardian's phone hash and family, by which the register knows her newborns. */
async function ownerOf(db: Kysely<DB>, cipher: FieldCipher, userId: string) {
  const g = await db
    .selectFrom('app_user as u')
    .leftJoin('family as f', 'f.guardian_user_id', 'u.id')
    .select(['u.phone', 'f.id as family_id'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return { phoneHash: g?.phone ? cipher.searchHash(g.phone) : null, familyId: g?.family_id ?? null };
}

/** The family's newborns (matched by the guardian's phone, or reported by or linked to the family) with their visits. */
export async function familyVisits(db: Kysely<DB>, cipher: FieldCipher, clock: Clock, source: AuditSource & { actor: Actor }) {
  const { phoneHash, familyId } = await ownerOf(db, cipher, source.actor.id);
  if (!phoneHash && !familyId) return [];
  const rows = await db
    .selectFrom('newborn as n')
    .leftJoin('app_user as v', 'v.id', 'n.visitor_user_id')
    .select(['n.id', 'n.child_name', 'n.birth_date', 'v.display_name as visitor_name'])
    .where((w) => w.or([...(phoneHash ? [w('n.phone_hash', '=', phoneHash)] : []), ...(familyId ? [w('n.family_id', '=', familyId)] : [])]))
    .orderBy('n.birth_date', 'desc')
    .execute();
  const states = await visitStates(db, rows, localDateOf(clock.now()));
  if (rows.length)
    await writeAudit(db, clock, source, { action: 'newborn.readOwn', entityType: 'newborn', detail: { familyId, count: rows.length } });
  return rows.map((r) => ({
    id: r.id,
    childName: r.child_name,
    birthDate: r.birth_date,
    visitorName: r.visitor_name,
    ...states.get(r.id)!,
  }));
}

/** The family confirms a recorded visit happened, or asks for another time for a scheduled one. */
export async function answerVisit(
  db: Kysely<DB>,
  cipher: FieldCipher,
  clock: Clock,
  source: AuditSource & { actor: Actor },
  visitId: string,
  answer: { confirm: true } | { reschedule: string },
) {
  const owner = await ownerOf(db, cipher, source.actor.id);
  const head = await db.selectFrom('home_visit').select('newborn_id').where('id', '=', visitId).executeTakeFirst();
  if (!head) throw new AppError(404, 'VISIT_NOT_FOUND');
  return db.transaction().execute(async (trx) => {
    const n = await lockedNewborn(trx, head.newborn_id);
    const own = (owner.phoneHash && n.phone_hash === owner.phoneHash) || (owner.familyId && n.family_id === owner.familyId);
    if (!own) throw new AppError(404, 'VISIT_NOT_FOUND');
    const v = await trx.selectFrom('home_visit').selectAll().where('id', '=', visitId).executeTakeFirstOrThrow();
    const now = clock.now();
    if ('confirm' in answer) {
      if (v.status !== 'done') throw new AppError(409, 'VISIT_NOT_RECORDED');
      if (!v.family_confirmed_at)
        await trx.updateTable('home_visit').set({ family_confirmed_at: now, updated_at: now }).where('id', '=', v.id).execute();
      await writeAudit(trx, clock, source, { action: 'visit.confirm', entityType: 'newborn', entityId: n.id });
    } else {
      if (v.status !== 'scheduled') throw new AppError(409, 'VISIT_NOT_SCHEDULED');
      await trx.updateTable('home_visit').set({ change_requested: answer.reschedule, updated_at: now }).where('id', '=', v.id).execute();
      await writeAudit(trx, clock, source, {
        action: 'visit.reschedule',
        entityType: 'newborn',
        entityId: n.id,
        detail: { note: answer.reschedule },
      });
    }
  });
}
