// SQL of the guidance module: providers, topics, events with their seat counts, enrolments and a family's year.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB, OpeningHours } from '../../../db/schema.ts';
import type { ScopeFilter } from '../../access.ts';
import { holdsSeatSql } from '../bookings/queries.ts';
import { LIVE_ENROLMENT_STATUSES } from '../../../domain/guidance.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function providerList(db: Db, scope: ScopeFilter) {
  let q = db
    .selectFrom('guidance_provider as p')
    .innerJoin('street as s', 's.id', 'p.street_id')
    .select(['p.id', 'p.kind', 'p.name', 'p.street_id', 's.name as street_name', 'p.address', 'p.phone', 'p.opening_hours', 'p.status'])
    .select((eb) =>
      eb
        .selectFrom('app_user as u')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('u.provider_id', '=', 'p.id')
        .where('u.status', '=', 'active')
        .as('staff_count'),
    );
  if (scope.kind === 'provider') q = q.where('p.id', '=', scope.providerId);
  else if (scope.kind !== 'all') return Promise.resolve([]);
  return q.orderBy('s.sort_order').orderBy('p.name').execute();
}

export function providerById(db: Db, id: string) {
  return db.selectFrom('guidance_provider').selectAll().where('id', '=', id).executeTakeFirst();
}

export function activeTopics(db: Db) {
  return db.selectFrom('guidance_topic').select(['code', 'name']).where('active', '=', true).orderBy('sort_order').execute();
}

/** Events with who runs them, where, and their seats held and queue at `now`. */
export function eventsQuery(db: Db, now: Date) {
  return db
    .selectFrom('guidance_event as e')
    .leftJoin('guidance_provider as p', 'p.id', 'e.provider_id')
    .leftJoin('house as h', 'h.id', 'e.house_id')
    .innerJoin('street as st', 'st.id', 'e.street_id')
    .innerJoin('guidance_topic as t', 't.code', 'e.topic')
    .select([
      'e.id',
      'e.provider_id',
      'e.house_id',
      'e.street_id',
      'st.name as street_name',
      sql<string>`coalesce(p.name, h.name)`.as('organiser'),
      sql<string>`coalesce(p.address, h.address)`.as('organiser_address'),
      sql<OpeningHours[] | null>`coalesce(p.opening_hours, h.opening_hours)`.as('organiser_hours'),
      'e.title',
      'e.topic',
      't.name as topic_name',
      'e.min_age_months',
      'e.max_age_months',
      'e.leader',
      'e.description',
      'e.mode',
      'e.place',
      'e.date',
      'e.starts_at',
      'e.ends_at',
      'e.seats',
      'e.child_comes',
      'e.status',
      'e.cancel_reason',
    ])
    .select((eb) => [
      eb
        .selectFrom('guidance_enrolment as g')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('g.event_id', '=', 'e.id')
        .where(holdsSeatSql('g', now))
        .as('held'),
      eb
        .selectFrom('guidance_enrolment as g')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('g.event_id', '=', 'e.id')
        .where('g.status', '=', 'waitlisted')
        .as('waiting'),
      eb
        .selectFrom('guidance_enrolment as g')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('g.event_id', '=', 'e.id')
        .where('g.attended_at', 'is not', null)
        .as('attended'),
    ]);
}
export type EventRow = Awaited<ReturnType<ReturnType<typeof eventsQuery>['execute']>>[number];

export interface EventFilter {
  from: string;
  to: string;
  streetId?: string;
  topic?: string;
  mode?: 'offline' | 'online';
}

/** Published events between two dates that have not ended (the families' list). */
export function publicEvents(db: Db, now: Date, f: EventFilter) {
  let q = eventsQuery(db, now)
    .where('e.status', '=', 'published')
    .where('e.date', '>=', f.from)
    .where('e.date', '<=', f.to)
    .where('e.ends_at', '>', now);
  if (f.streetId) q = q.where('e.street_id', '=', f.streetId);
  if (f.topic) q = q.where('e.topic', '=', f.topic);
  if (f.mode) q = q.where('e.mode', '=', f.mode);
  return q.orderBy('e.starts_at').orderBy('e.id').limit(300).execute();
}

/** The events an organiser (or a street, or the district) sees in the console, between two dates. */
export function managedEvents(db: Db, now: Date, scope: ScopeFilter, from: string, to: string) {
  const inScope = organiserInScope('e', scope);
  if (!inScope) return Promise.resolve([]);
  return eventsQuery(db, now)
    .where('e.date', '>=', from)
    .where('e.date', '<=', to)
    .where(inScope)
    .orderBy('e.starts_at')
    .orderBy('e.id')
    .limit(500)
    .execute();
}

/**
 * What of an organiser's records (events `e`, courses `c`: their provider_id, house_id, street_id) a scope reaches,
 * as a condition; null when it reaches none.
 */
export function organiserInScope(alias: 'e' | 'c', scope: ScopeFilter): RawBuilder<boolean> | null {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'provider':
      return sql<boolean>`${col('provider_id')} = ${scope.providerId}`;
    case 'house':
      return sql<boolean>`${col('house_id')} = ${scope.houseId}`;
    case 'street':
      return sql<boolean>`${col('street_id')} = ${scope.streetId}`;
    default:
      return null;
  }
}

/** The name of an active topic of the catalogue (undefined when there is none by that code). */
export async function activeTopicName(db: Db, code: string): Promise<string | undefined> {
  const row = await db.selectFrom('guidance_topic').select('name').where('code', '=', code).where('active', '=', true).executeTakeFirst();
  return row?.name;
}

export function eventById(db: Db, now: Date, id: string) {
  return eventsQuery(db, now).where('e.id', '=', id).executeTakeFirst();
}

/** The enrolments of one event with their family (the roster at the door), in queue order. */
export function eventRoster(db: Db, eventId: string) {
  return db
    .selectFrom('guidance_enrolment as g')
    .innerJoin('family as f', 'f.id', 'g.family_id')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .select([
      'g.id',
      'g.family_id',
      'g.status',
      'g.offered_until',
      'g.attended_at',
      'g.attendance_method',
      'f.guardian_name',
      'u.phone',
      sql<string[]>`(SELECT coalesce(array_agg(c.name ORDER BY c.birth_date), '{}') FROM child c WHERE c.family_id = f.id)`.as('children'),
    ])
    .where('g.event_id', '=', eventId)
    .where('g.status', 'in', ['confirmed', 'offered', 'waitlisted'])
    .orderBy(sql`CASE g.status WHEN 'confirmed' THEN 0 WHEN 'offered' THEN 1 ELSE 2 END`)
    .orderBy('g.queue_position')
    .execute();
}

/** The live enrolments of an event with their guardian: the families a change is told to. */
export function liveEnrolments(db: Db, eventId: string) {
  return db
    .selectFrom('guidance_enrolment as g')
    .innerJoin('family as f', 'f.id', 'g.family_id')
    .select(['g.id', 'f.guardian_user_id'])
    .where('g.event_id', '=', eventId)
    .where('g.status', 'in', [...LIVE_ENROLMENT_STATUSES])
    .execute();
}

/** A family's enrolments with their events, newest event first (the H5's 育儿指导 page). */
export function familyEnrolments(db: Db, now: Date, familyId: string, fromDate: string) {
  return eventsQuery(db, now)
    .innerJoin('guidance_enrolment as g', 'g.event_id', 'e.id')
    .select([
      'g.id as enrolment_id',
      'g.status as enrolment_status',
      'g.offered_until',
      'g.door_code',
      'g.attended_at',
      'g.queue_position',
      'e.meeting_url',
      // Where a waiting family stands: 1 for the first in line (a correlated count on the event's queue, one query).
      sql<number | null>`CASE WHEN g.status = 'waitlisted' THEN (
        SELECT count(*) FROM guidance_enrolment w
        WHERE w.event_id = g.event_id AND w.status = 'waitlisted' AND w.queue_position <= g.queue_position
      ) END`.as('waiting_rank'),
    ])
    .where('g.family_id', '=', familyId)
    .where('e.date', '>=', fromDate)
    .orderBy('e.starts_at', 'desc')
    .limit(200)
    .execute();
}

/** What counts for the family's T5 year: the events it attended, from a date on. */
export function attendedEvents(db: Db, familyId: string, fromDate: string) {
  return db
    .selectFrom('guidance_enrolment as g')
    .innerJoin('guidance_event as e', 'e.id', 'g.event_id')
    .select(['e.id', 'e.starts_at', 'e.status'])
    .where('g.family_id', '=', familyId)
    .where('g.attended_at', 'is not', null)
    .where('e.date', '>=', fromDate)
    .execute();
}

/** The guardian's family with its children's birth dates. */
export function familyOfGuardian(db: Db, guardianUserId: string) {
  return db
    .selectFrom('family as f')
    .select([
      'f.id',
      'f.status',
      sql<string[]>`(SELECT coalesce(array_agg(to_char(c.birth_date, 'YYYY-MM-DD')), '{}') FROM child c WHERE c.family_id = f.id)`.as(
        'birth_dates',
      ),
    ])
    .where('f.guardian_user_id', '=', guardianUserId)
    .executeTakeFirst();
}
