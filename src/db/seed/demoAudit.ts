// The demo's audit log: the past few days of 四川北路 as the platform would have recorded them (sign-ins, the street
// accepting a registration after reading it, a health check read, a locked-out carer unlocked, a roster change, the
// check-ins of the day), so the audit admin's page shows believable events on first start. Written through
// writeAudit with the moment each happened; the demo's bookings record themselves.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { addDays, districtInstant, localDateOf } from '../../domain/time.ts';
import { writeAudit, type AuditEntry } from '../../server/audit.ts';

export async function seedDemoAudit(db: Kysely<DB>, now: Date): Promise<void> {
  const users = await db.selectFrom('app_user').select(['id', 'username', 'role']).where('username', 'is not', null).execute();
  const user = (username: string) => users.find((u) => u.username === username);
  const house = await db.selectFrom('house').select('id').where('name', 'like', '四川北路%').executeTakeFirst();
  const family = await db
    .selectFrom('family as f')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .select(['f.id'])
    .where('u.phone', '=', '13800000001')
    .executeTakeFirst();
  const district = user('district');
  const street = user('street.scbl');
  const manager = user('manager.scbl');
  const carer = user('carer.scbl');
  const carer2 = user('carer2.scbl');
  const health = user('health.scbl');
  const sysadmin = user('sysadmin');
  const secadmin = user('secadmin');
  const market = user('inspector.market');
  if (!house || !family || !district || !street || !manager || !carer || !carer2 || !health || !sysadmin || !secadmin || !market) return;
  const children = await db.selectFrom('child').select(['id']).where('family_id', '=', family.id).orderBy('birth_date').execute();
  const childIds = children.map((c) => c.id);
  const training = await db
    .selectFrom('staff_member as s')
    .innerJoin('staff_credential as c', 'c.staff_id', 's.id')
    .select(['s.id', 'c.id as credential_id', 'c.issued_on', 'c.expires_on'])
    .where('s.user_id', '=', carer2.id)
    .where('c.kind', '=', 'training')
    .executeTakeFirst();
  const session = await db
    .selectFrom('care_session')
    .select('id')
    .where('house_id', '=', house.id)
    .where('starts_at', '>', now)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();

  const today = localDateOf(now);
  const events: [number, string, (typeof users)[number] | null, AuditEntry][] = [];
  const at = (daysAgo: number, time: string, who: (typeof users)[number] | null, entry: AuditEntry) =>
    events.push([daysAgo, time, who, entry]);
  const signIn = (who: (typeof users)[number]) =>
    ({ action: 'auth.signIn', entityType: 'app_user', entityId: who.id, detail: { how: 'password' } }) as const;

  at(4, '08:52', district, signIn(district));
  at(4, '09:06', district, {
    action: 'house.update',
    entityType: 'house',
    entityId: house.id,
    detail: { changed: ['openingHours', 'phone'] },
  });
  at(4, '10:30', street, signIn(street));
  at(4, '10:34', street, {
    action: 'child.list',
    entityType: 'family',
    detail: { purpose: 'registration.queue', familyIds: [family.id], children: childIds.length },
  });
  for (const id of childIds) {
    at(4, '10:36', street, {
      action: 'child.read',
      entityType: 'child',
      entityId: id,
      detail: { purpose: 'registration.review', familyId: family.id },
    });
  }
  if (childIds[0]) {
    at(4, '10:39', street, {
      action: 'idNumber.unmask',
      entityType: 'child',
      entityId: childIds[0],
      detail: { reason: '与户口簿核对出生日期', familyId: family.id },
    });
  }
  at(4, '10:44', street, { action: 'registration.accept', entityType: 'family', entityId: family.id });
  at(3, '08:01', null, {
    action: 'auth.failed',
    entityType: 'app_user',
    entityId: carer2.id,
    detail: { failed: 1, username: carer2.username },
  });
  at(3, '08:02', null, {
    action: 'auth.failed',
    entityType: 'app_user',
    entityId: carer2.id,
    detail: { failed: 2, username: carer2.username },
  });
  at(3, '09:10', secadmin, signIn(secadmin));
  at(3, '09:12', secadmin, { action: 'security.unlock', entityType: 'app_user', entityId: carer2.id });
  at(3, '09:20', carer2, signIn(carer2));
  at(3, '13:40', manager, signIn(manager));
  if (training) {
    at(3, '13:52', manager, {
      action: 'staff.credential',
      entityType: 'staff_member',
      entityId: training.id,
      detail: {
        credentialId: training.credential_id,
        kind: 'training',
        issuedOn: training.issued_on,
        expiresOn: training.expires_on,
        barred: false,
      },
    });
  }
  if (session) {
    at(3, '14:05', manager, {
      action: 'session.roster',
      entityType: 'care_session',
      entityId: session.id,
      detail: { userIds: [carer.id, carer2.id], flagged: false },
    });
  }
  at(2, '09:30', sysadmin, signIn(sysadmin));
  at(2, '09:41', sysadmin, {
    action: 'user.update',
    entityType: 'app_user',
    entityId: market.id,
    detail: { displayName: '曹丽华(市场监管)', department: 'market' },
  });
  at(1, '08:45', carer, signIn(carer));
  at(1, '14:05', health, signIn(health));
  at(1, '14:08', health, {
    action: 'attendance.read',
    entityType: 'house',
    entityId: house.id,
    detail: { date: addDays(today, -1), children: childIds },
  });
  at(1, '17:30', carer, { action: 'auth.signOut', entityType: 'app_user', entityId: carer.id });

  for (const [daysAgo, time, who, entry] of events) {
    const when = districtInstant(addDays(today, -daysAgo), time);
    if (when > now) continue;
    await writeAudit(
      db,
      { now: () => when },
      { actor: who && { id: who.id, role: who.role }, ip: who ? '10.86.12.31' : '10.86.40.7' },
      entry,
    );
  }

  // The check-ins the demo day made (seedDemoBookings), each by the carer who did it.
  const arrivals = await db
    .selectFrom('attendance')
    .innerJoin('app_user as u', 'u.id', 'attendance.checked_in_by')
    .select(['attendance.id', 'attendance.booking_id', 'attendance.child_id', 'attendance.checked_in_at', 'u.id as user_id', 'u.role'])
    .execute();
  for (const a of arrivals) {
    await writeAudit(
      db,
      { now: () => new Date(a.checked_in_at) },
      { actor: { id: a.user_id, role: a.role }, ip: '10.86.12.40' },
      { action: 'attendance.checkIn', entityType: 'child', entityId: a.child_id, detail: { attendanceId: a.id, bookingId: a.booking_id } },
    );
  }
}
