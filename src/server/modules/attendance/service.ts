// A house's day as the carers see it (sessions, who is on duty, the live R3–R5 ratio, the booked children with
// their attendance and flags), and the ratio alarm that tells the manager the moment the standard is broken.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AttendanceTable, DB } from '../../../db/schema.ts';
import { attendanceFlags, careMinutes, checkInOpen } from '../../../domain/attendance.ts';
import { liveRatio } from '../../../domain/capacity.ts';
import { ageInMonths, districtInstant, addDays, type Clock, type LocalDate } from '../../../domain/time.ts';
import { maskPhone } from '../../../shared/format.ts';
import type { FieldCipher } from '../../crypto.ts';
import { policyOn } from '../policy/service.ts';
import { capacityRules } from '../houses/service.ts';
import { rostersOf } from '../staffing/service.ts';

export { evaluateRatio, sessionRatio, type RatioCause } from '../staffing/service.ts';

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
    rostersOf(db, ids),
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
  const collator = new Intl.Collator('zh-CN');
  return sessions.map((s) => {
    const roster = carers.get(s.id) ?? [];
    const own = attendance.filter((a) => a.session_id === s.id);
    const present = own.filter((a) => a.admitted && !a.checked_out_at).length;
    const carersOnDuty = roster.filter((c) => c.counts).length;
    const alarm = alarms.find((a) => a.session_id === s.id);
    const endsAt = new Date(s.ends_at);
    return {
      id: s.id, roomName: s.room_name, areaM2: s.area_m2, startsAt: new Date(s.starts_at).toISOString(), endsAt: endsAt.toISOString(),
      serviceType: s.service_type, status: s.status, feverCelsius: policy['healthCheck.feverCelsius'], checkInOpen: checkInOpen({ startsAt: new Date(s.starts_at), endsAt }, now),
      carers: roster.map((c) => ({
        userId: c.userId, name: c.name, role: c.role, countsForRatio: c.eligible,
        onDuty: !c.offDutyAt, offDutyAt: c.offDutyAt ? c.offDutyAt.toISOString() : null,
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
