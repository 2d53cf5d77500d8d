// SQL of the care module that the roster rules need: a person's other sessions and weekly slots at the same time.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Role } from '../../../db/schema.ts';
import { inDistrict, type LocalDate } from '../../../domain/time.ts';
import type { ScopeFilter } from '../../access.ts';
import { holdsSeatSql } from '../bookings/queries.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface RosterClash {
  userId: string;
  name: string;
  /** The other session or weekly slot, as the manager knows it: '四川北路街道‘宝宝屋’ 活动室 2026-12-01 11:30–13:30'. */
  other: string;
}

const hhmm = (d: Date | string) => inDistrict(d).format('HH:mm');

/** People of `userIds` already on the roster of another scheduled session overlapping `sessionId` in time. */
export async function sessionRosterClashes(db: Db, sessionId: string, userIds: readonly string[]): Promise<RosterClash[]> {
  if (!userIds.length) return [];
  const rows = await db
    .selectFrom('session_carer as sc')
    .innerJoin('care_session as o', 'o.id', 'sc.session_id')
    .innerJoin('care_session as s', (j) => j.on('s.id', '=', sessionId))
    .innerJoin('house as h', 'h.id', 'o.house_id')
    .innerJoin('room as r', 'r.id', 'o.room_id')
    .innerJoin('app_user as u', 'u.id', 'sc.user_id')
    .select(['sc.user_id', 'u.display_name', 'h.name as house', 'r.name as room', 'o.date', 'o.starts_at', 'o.ends_at'])
    .where('sc.user_id', 'in', [...userIds])
    .where('o.id', '<>', sessionId)
    .where('o.status', '=', 'scheduled')
    .where('o.starts_at', '<', sql<Date>`s.ends_at`)
    .where('o.ends_at', '>', sql<Date>`s.starts_at`)
    .orderBy('u.display_name')
    .orderBy('o.starts_at')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.display_name,
    other: `${r.house} ${r.room} ${r.date} ${hhmm(r.starts_at)}–${hhmm(r.ends_at)}`,
  }));
}

const WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** People of `userIds` on another active weekly slot (any house) on the same weekday whose hours overlap. */
export async function slotRosterClashes(
  db: Db,
  slot: { weekday: number; startTime: string; endTime: string; exceptTemplateId?: string },
  userIds: readonly string[],
): Promise<RosterClash[]> {
  if (!userIds.length) return [];
  let q = db
    .selectFrom('template_carer as tc')
    .innerJoin('schedule_template as t', 't.id', 'tc.template_id')
    .innerJoin('house as h', 'h.id', 't.house_id')
    .innerJoin('room as r', 'r.id', 't.room_id')
    .innerJoin('app_user as u', 'u.id', 'tc.user_id')
    .select(['tc.user_id', 'u.display_name', 'h.name as house', 'r.name as room', 't.weekday', 't.start_time', 't.end_time'])
    .where('tc.user_id', 'in', [...userIds])
    .where('t.active', '=', true)
    .where('t.weekday', '=', slot.weekday)
    .where('t.start_time', '<', slot.endTime)
    .where('t.end_time', '>', slot.startTime);
  if (slot.exceptTemplateId) q = q.where('t.id', '<>', slot.exceptTemplateId);
  const rows = await q.orderBy('u.display_name').execute();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.display_name,
    other: `${r.house} ${r.room} 每${WEEKDAY[r.weekday]} ${r.start_time.slice(0, 5)}–${r.end_time.slice(0, 5)}`,
  }));
}

/** A house's weekly slots with the people on each, as the schedule API answers them. */
export async function weeklySlotsOf(db: Db, houseId: string) {
  const [rows, carers] = await Promise.all([
    db
      .selectFrom('schedule_template as t')
      .innerJoin('room as r', 'r.id', 't.room_id')
      .selectAll('t')
      .select('r.name as room_name')
      .where('t.house_id', '=', houseId)
      .orderBy('t.weekday')
      .orderBy('t.start_time')
      .execute(),
    db
      .selectFrom('template_carer as tc')
      .innerJoin('schedule_template as t', 't.id', 'tc.template_id')
      .select(['tc.template_id', 'tc.user_id'])
      .where('t.house_id', '=', houseId)
      .execute(),
  ]);
  return rows.map((t) => ({
    id: t.id,
    roomId: t.room_id,
    roomName: t.room_name,
    weekday: t.weekday,
    startTime: t.start_time,
    endTime: t.end_time,
    serviceType: t.service_type,
    offeredCapacity: t.offered_capacity,
    active: t.active,
    carerIds: carers.filter((c) => c.template_id === t.id).map((c) => c.user_id),
  }));
}

/** A weekly slot's id and house (undefined: no such slot). */
export function weeklySlotHouse(db: Db, templateId: string) {
  return db.selectFrom('schedule_template').select(['id', 'house_id']).where('id', '=', templateId).executeTakeFirst();
}

/** Sessions in a scope and date range (at most 2000, in time order), with their house, street, room and area. */
export async function sessionsInScope(
  db: Db,
  scope: ScopeFilter,
  q: { houseId?: string; from: LocalDate; to: LocalDate; flaggedOnly?: boolean },
) {
  if (scope.kind === 'none') return [];
  let query = db
    .selectFrom('care_session as s')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .innerJoin('street as st', 'st.id', 'h.street_id')
    .innerJoin('room as r', 'r.id', 's.room_id')
    .select([
      's.id',
      's.house_id',
      'h.name as house_name',
      'st.name as street_name',
      's.room_id',
      'r.name as room_name',
      's.date',
      's.starts_at',
      's.ends_at',
      's.service_type',
      's.status',
      's.cancel_reason',
      's.offered_capacity',
      's.capacity',
      's.capacity_binding',
      's.over_capacity',
      'r.area_m2',
    ])
    .where('s.date', '>=', q.from)
    .where('s.date', '<=', q.to);
  if (scope.kind === 'house') query = query.where('s.house_id', '=', scope.houseId);
  if (scope.kind === 'street') query = query.where('h.street_id', '=', scope.streetId);
  if (q.houseId) query = query.where('s.house_id', '=', q.houseId);
  if (q.flaggedOnly) query = query.where('s.over_capacity', '=', true);
  return query.orderBy('s.starts_at').orderBy('r.name').limit(2000).execute();
}

/** Bookings counted per session and status at `now`: confirmed, offered (offers not yet run out) and waitlisted. */
export async function bookingCountsOf(db: Db, sessionIds: string[], now: Date) {
  return db
    .selectFrom('booking as b')
    .select(['b.session_id', 'b.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('b.session_id', 'in', sessionIds)
    .where((eb) => eb.or([eb('b.status', '=', 'waitlisted'), holdsSeatSql('b', now)]))
    .groupBy(['b.session_id', 'b.status'])
    .execute();
}

/** A session with its house's street (undefined: no such session). */
export async function sessionWithHouse(db: Db, sessionId: string) {
  return db
    .selectFrom('care_session as s')
    .innerJoin('house as h', 'h.id', 's.house_id')
    .select(['s.id', 's.house_id', 'h.street_id', 's.status', 's.starts_at', 's.ends_at', 's.date'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** The house's active accounts of the given roles. */
export async function activeAccountsOfHouse(db: Db, houseId: string, roles: readonly Role[]) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'role'])
    .where('house_id', '=', houseId)
    .where('status', '=', 'active')
    .where('role', 'in', [...roles])
    .execute();
}

/** The house's closures, latest first. */
export async function closuresOf(db: Db, houseId: string) {
  return db.selectFrom('house_closure').selectAll().where('house_id', '=', houseId).orderBy('from_date', 'desc').execute();
}
