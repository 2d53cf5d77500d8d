// A house's day as the carers see it (sessions, who is on duty, the live R3–R5 ratio, the booked children with
// their attendance and flags), and the ratio alarm that tells the manager the moment the standard is broken.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AttendanceTable, DB } from '../../../db/schema.ts';
import { attendanceFlags, careMinutes, checkInOpen } from '../../../domain/attendance.ts';
import { liveRatio } from '../../../domain/capacity.ts';
import { ageInMonths, districtInstant, addDays, inDistrict, type Clock, type LocalDate } from '../../../domain/time.ts';
import { maskPhone } from '../../../shared/format.ts';
import type { FieldCipher } from '../../crypto.ts';
import { policyOn } from '../policy/service.ts';
import { capacityRules } from '../houses/service.ts';
import { RATIO_ROLES } from '../care/service.ts';
import { notifyHouseManagers } from '../../notify.ts';
import { complianceRulesFrom, rosterBlockers } from '../../../domain/compliance.ts';
import { loadStaffFacts } from '../staff/service.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface HealthCheck {
  temperature: number;
  observations: string | null;
  refusalReason: string | null;
}

/** An attendance row as the API returns it (the health check decrypted, staff as names). */
export function attendanceRecordOf(a: Selectable<AttendanceTable>, cipher: FieldCipher, names: Map<string, string>) {
  const health = JSON.parse(cipher.decrypt(a.health_enc)) as HealthCheck;
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: a.id, admitted: a.admitted, temperature: health.temperature, observations: health.observations, refusalReason: health.refusalReason,
    broughtBy: a.brought_by, checkedInAt: new Date(a.checked_in_at).toISOString(), checkedInBy: names.get(a.checked_in_by) ?? '',
    checkedOutAt: iso(a.checked_out_at), checkedOutBy: a.checked_out_by ? names.get(a.checked_out_by) ?? '' : null,
    pickedUpBy: a.picked_up_by, pickupMethod: a.pickup_method,
  };
}

/**
 * Who of a house's rostered people counts as a carer for R5 on a date: a ratio role, and a staff record with nothing
 * that bars them then (R7–R9) — someone whose certificate has lapsed since the roster was made does not count.
 */
export async function ratioCarers(db: Db, houseId: string, date: LocalDate, roster: { userId: string; role: string }[]): Promise<Set<string>> {
  const candidates = roster.filter((r) => (RATIO_ROLES as readonly string[]).includes(r.role));
  if (!candidates.length) return new Set();
  const [facts, policy] = await Promise.all([loadStaffFacts(db, [houseId]), policyOn(db, date)]);
  const rules = complianceRulesFrom(policy);
  return new Set(candidates.filter((r) => rosterBlockers(facts.find((f) => f.userId === r.userId), date, rules).length === 0).map((r) => r.userId));
}

/** Qualified carers on duty and children present in a session, with the live check against R3–R5 on its date. */
export async function sessionRatio(db: Db, sessionId: string) {
  const s = await db.selectFrom('care_session as s').innerJoin('room as r', 'r.id', 's.room_id')
    .select(['s.date', 's.house_id', 'r.area_m2',
      (eb) => eb.selectFrom('attendance as a').select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.session_id', '=', 's.id').where('a.admitted', '=', true).where('a.checked_out_at', 'is', null).as('present')])
    .where('s.id', '=', sessionId).executeTakeFirstOrThrow();
  const onDuty = await db.selectFrom('session_carer as sc').innerJoin('app_user as u', 'u.id', 'sc.user_id').select(['sc.user_id as userId', 'u.role'])
    .where('sc.session_id', '=', sessionId).where('sc.off_duty_at', 'is', null).execute();
  const rules = capacityRules(await policyOn(db, s.date));
  const present = Number(s.present ?? 0);
  const carersOnDuty = (await ratioCarers(db, s.house_id, s.date, onDuty)).size;
  return { present, carersOnDuty, ...liveRatio({ present, carersOnDuty, areaM2: s.area_m2 }, rules), childrenPerCarer: rules.childrenPerCarer };
}

export type RatioCause = 'carer_left' | 'child_arrived' | 'roster_changed';

/**
 * After anything that changes who is present or on duty: raises the session's ratio alarm (and tells the house's
 * managers) when R3–R5 are broken and no alarm is open; clears it when the session is within the standard again.
 */
export async function evaluateRatio(trx: Transaction<DB>, clock: Clock, sessionId: string, cause: RatioCause | null) {
  const ratio = await sessionRatio(trx, sessionId);
  const open = await trx.selectFrom('ratio_alarm').select('id').where('session_id', '=', sessionId).where('cleared_at', 'is', null).executeTakeFirst();
  // cause null: a change that can only make things better (a child leaving) — it may clear, never raise.
  if (!ratio.ok && !open && cause) {
    await trx.insertInto('ratio_alarm').values({
      session_id: sessionId, cause, present: ratio.present, carers: ratio.carersOnDuty, max_children: ratio.maxChildren, raised_at: clock.now(),
    }).execute();
    const s = await trx.selectFrom('care_session as s').innerJoin('house as h', 'h.id', 's.house_id').select(['s.house_id', 'h.name', 's.starts_at'])
      .where('s.id', '=', sessionId).executeTakeFirstOrThrow();
    await notifyHouseManagers(trx, clock, s.house_id, 'ratioAlarm', {
      house: s.name, time: inDistrict(s.starts_at).format('HH:mm'), present: ratio.present, carers: ratio.carersOnDuty, max: ratio.maxChildren,
    });
  }
  if (ratio.ok && open) await trx.updateTable('ratio_alarm').set({ cleared_at: clock.now() }).where('id', '=', open.id).execute();
  return ratio;
}

/** Everything the carer's screen shows for one house and day (reads child data: the caller audits it). */
export async function attendanceDay(db: Db, cipher: FieldCipher, clock: Clock, houseId: string, date: LocalDate, onlySessionId?: string) {
  const now = clock.now();
  const policy = await policyOn(db, date);
  let sq = db.selectFrom('care_session as s').innerJoin('room as r', 'r.id', 's.room_id')
    .select(['s.id', 'r.name as room_name', 'r.area_m2', 's.starts_at', 's.ends_at', 's.service_type', 's.status'])
    .where('s.house_id', '=', houseId).where('s.date', '=', date).where('s.status', '=', 'scheduled');
  if (onlySessionId) sq = sq.where('s.id', '=', onlySessionId);
  const sessions = await sq.orderBy('s.starts_at').orderBy('r.name').execute();
  const ids = sessions.map((s) => s.id);
  if (!ids.length) return [];
  const [carers, bookings, alarms] = await Promise.all([
    db.selectFrom('session_carer as sc').innerJoin('app_user as u', 'u.id', 'sc.user_id').select(['sc.session_id', 'sc.off_duty_at', 'u.id', 'u.display_name', 'u.role'])
      .where('sc.session_id', 'in', ids).orderBy('u.display_name').execute(),
    db.selectFrom('booking as b').innerJoin('child as c', 'c.id', 'b.child_id').innerJoin('family as f', 'f.id', 'b.family_id')
      .innerJoin('app_user as g', 'g.id', 'f.guardian_user_id')
      .select(['b.id', 'b.session_id', 'b.status', 'c.id as child_id', 'c.name', 'c.sex', 'c.birth_date', 'c.health_enc', 'f.id as family_id',
        'f.guardian_name', 'f.guardian_user_id', 'g.phone as guardian_phone'])
      .where('b.session_id', 'in', ids).where('b.status', 'in', ['confirmed', 'no_show']).execute(),
    db.selectFrom('ratio_alarm').select(['session_id', 'raised_at', 'cause']).where('session_id', 'in', ids).where('cleared_at', 'is', null).execute(),
  ]);
  const childIds = [...new Set(bookings.map((b) => b.child_id))];
  const familyIds = [...new Set(bookings.map((b) => b.family_id))];
  const dayStart = districtInstant(date);
  const [attendance, pickups] = await Promise.all([
    childIds.length
      ? db.selectFrom('attendance').selectAll().where('child_id', 'in', childIds)
        .where('checked_in_at', '>=', dayStart).where('checked_in_at', '<', districtInstant(addDays(date, 1))).execute()
      : [],
    familyIds.length ? db.selectFrom('pickup_person').selectAll().where('family_id', 'in', familyIds).orderBy('created_at').execute() : [],
  ]);
  const staffIds = [...new Set(attendance.flatMap((a) => [a.checked_in_by, a.checked_out_by]).filter((x): x is string => !!x))];
  const names = new Map((staffIds.length ? await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', staffIds).execute() : [])
    .map((u) => [u.id, u.display_name]));
  const rules = capacityRules(policy);
  const counting = await ratioCarers(db, houseId, date, carers.map((c) => ({ userId: c.id, role: c.role })));
  const collator = new Intl.Collator('zh-CN');
  return sessions.map((s) => {
    const roster = carers.filter((c) => c.session_id === s.id);
    const own = attendance.filter((a) => a.session_id === s.id);
    const present = own.filter((a) => a.admitted && !a.checked_out_at).length;
    const carersOnDuty = roster.filter((c) => !c.off_duty_at && counting.has(c.id)).length;
    const alarm = alarms.find((a) => a.session_id === s.id);
    const endsAt = new Date(s.ends_at);
    return {
      id: s.id, roomName: s.room_name, areaM2: s.area_m2, startsAt: new Date(s.starts_at).toISOString(), endsAt: endsAt.toISOString(),
      serviceType: s.service_type, status: s.status, feverCelsius: policy['healthCheck.feverCelsius'], checkInOpen: checkInOpen({ startsAt: new Date(s.starts_at), endsAt }, now),
      carers: roster.map((c) => ({
        userId: c.id, name: c.display_name, role: c.role, countsForRatio: counting.has(c.id),
        onDuty: !c.off_duty_at, offDutyAt: c.off_duty_at ? new Date(c.off_duty_at).toISOString() : null,
      })),
      ratio: { present, carersOnDuty, ...liveRatio({ present, carersOnDuty, areaM2: s.area_m2 }, rules), childrenPerCarer: rules.childrenPerCarer },
      alarm: alarm ? { raisedAt: new Date(alarm.raised_at).toISOString(), cause: alarm.cause } : null,
      children: bookings.filter((b) => b.session_id === s.id).sort((a, b) => collator.compare(a.name, b.name)).map((b) => {
        const record = own.find((a) => a.booking_id === b.id);
        const stays = attendance.filter((a) => a.child_id === b.child_id && a.admitted)
          .map((a) => ({ inAt: new Date(a.checked_in_at), outAt: a.checked_out_at ? new Date(a.checked_out_at) : null }));
        const health = JSON.parse(cipher.decrypt(b.health_enc)) as { allergies?: string };
        return {
          bookingId: b.id, childId: b.child_id, childName: b.name, sex: b.sex, ageMonths: ageInMonths(b.birth_date, date),
          allergies: health.allergies?.trim() || null,
          pickupList: [
            { id: b.guardian_user_id, name: b.guardian_name, relation: '家长', phoneMasked: maskPhone(b.guardian_phone ?? ''), isGuardian: true },
            ...pickups.filter((p) => p.family_id === b.family_id)
              .map((p) => ({ id: p.id, name: p.name, relation: p.relation, phoneMasked: maskPhone(p.phone), isGuardian: false })),
          ],
          attendance: record ? attendanceRecordOf(record, cipher, names) : null,
          flags: attendanceFlags({
            checkedIn: !!record?.admitted, checkedOut: !!record?.checked_out_at, sessionEndsAt: endsAt,
            minutesToday: careMinutes(stays, now), maxHoursPerDay: policy['child.maxCareHoursPerDay'],
          }, now),
        };
      }),
    };
  });
}
