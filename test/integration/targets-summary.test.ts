// Issue 12 at city size, on PGlite and PostgreSQL: the summaries the targets read (migration 017) stay equal to the
// raw counts they stand for, whatever happens to the rows below them — care_delivered (free sessions delivered per
// child, year and month) as bookings are admitted, refused, cancelled, marked no-show, corrected (admitted or not,
// free or paid, the session moved to another month or year), deleted, and written many at a time or at once; and
// guidance_taken (events attended per family and year) as enrolments are attended, corrected and deleted and events
// cancelled, reinstated and moved. The demo's bookings and enrolments are in the comparison too.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthWindow } from '../../src/domain/targets.ts';
import { districtInstant } from '../../src/domain/time.ts';
import { targetsOverview } from '../../src/server/modules/targets/service.ts';
import * as f from '../../src/server/modules/testing/factories.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { makeGuidanceEvent, makeProvider, makeSession, makeStaffedHouse, type StaffedHouse } from '../support/factory.ts';

describe.each(drivers)('targets summaries on %s', (driver) => {
  let t: TestApp;
  let house: StaffedHouse;
  type Child = { childId: string; familyId: string; guardianId: string };
  let hour = 0;

  /** The free sessions delivered, counted from the attendance itself (as the targets did before 017). */
  async function rawCare() {
    const r = await sql<{ k: string }>`
      SELECT a.child_id || ' ' || extract(year FROM s.date) || '-' || extract(month FROM s.date) || ' ' || count(*) AS k
      FROM attendance a JOIN booking b ON b.id = a.booking_id JOIN care_session s ON s.id = a.session_id
      WHERE a.admitted AND b.free
      GROUP BY a.child_id, extract(year FROM s.date), extract(month FROM s.date)`.execute(t.database.db);
    return r.rows.map((x) => x.k).sort();
  }

  /** The same from care_delivered; each row's total is the sum of its months. */
  async function summaryCare() {
    const db = t.database.db;
    const bad = await sql<{ n: string }>`
      SELECT count(*) AS n FROM care_delivered
      WHERE sessions <> (SELECT sum(m) FROM unnest(months) m) OR cardinality(months) <> 12`.execute(db);
    expect(Number(bad.rows[0].n)).toBe(0);
    const r = await sql<{ k: string }>`
      SELECT d.child_id || ' ' || d.year || '-' || m.i || ' ' || m.n AS k
      FROM care_delivered d CROSS JOIN LATERAL unnest(d.months) WITH ORDINALITY AS m(n, i)
      WHERE m.n <> 0`.execute(db);
    return r.rows.map((x) => x.k).sort();
  }

  async function careInSync() {
    const raw = await rawCare();
    expect(await summaryCare()).toEqual(raw);
    return raw;
  }

  const mine = (rows: string[], who: Child) => rows.filter((k) => k.startsWith(who.childId));

  /** Twins of a new family (each test its own: the tests run in any order). */
  async function twins(): Promise<[Child, Child]> {
    const h = await f.makeHousehold(t.database.db, t.app.ctx.cipher, t.app.ctx.files, t.clock.now(), {
      street: 'scbl',
      children: [
        { name: '测试甲宝', birthDate: '2024-06-01' },
        { name: '测试乙宝', birthDate: '2024-06-01' },
      ],
    });
    const [a, b] = h.children.map((c) => ({ childId: c.childId, familyId: h.familyId, guardianId: h.guardianId }));
    return [a, b];
  }

  async function rawGuidance() {
    const r = await sql<{ k: string }>`
      SELECT g.family_id || ' ' || extract(year FROM e.date) || ' ' || count(DISTINCT g.event_id) AS k
      FROM guidance_enrolment g JOIN guidance_event e ON e.id = g.event_id
      WHERE g.attended_at IS NOT NULL AND e.status <> 'cancelled'
      GROUP BY g.family_id, extract(year FROM e.date)`.execute(t.database.db);
    return r.rows.map((x) => x.k).sort();
  }

  async function guidanceInSync() {
    const raw = await rawGuidance();
    const r = await sql<{ k: string }>`
      SELECT family_id || ' ' || year || ' ' || events AS k FROM guidance_taken WHERE events <> 0`.execute(t.database.db);
    expect(r.rows.map((x) => x.k).sort()).toEqual(raw);
    return raw;
  }

  /** A session of its own hour (a child is never in two places at once) on `date`. */
  async function newSession(date: string) {
    hour += 1;
    const start = `${String(7 + (hour % 12)).padStart(2, '0')}:00`;
    const end = `${String(7 + (hour % 12)).padStart(2, '0')}:50`;
    const id = await makeSession(t, {
      houseId: house.houseId,
      roomId: house.roomIds[0],
      date: date,
      start,
      end,
      carerIds: [house.carers[0].userId],
    });
    return { id, start: districtInstant(date, start), end: districtInstant(date, end) };
  }

  async function book(who: Child, date: string, o: { free?: boolean; status?: 'confirmed' | 'no_show' | 'cancelled' } = {}) {
    const s = await newSession(date);
    const b = await t.database.db
      .insertInto('booking')
      .values({
        session_id: s.id,
        child_id: who.childId,
        family_id: who.familyId,
        status: o.status ?? 'confirmed',
        during: sql`tstzrange(${s.start}, ${s.end})` as never,
        free: o.free ?? true,
        created_by: who.guardianId,
        created_at: s.start,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { bookingId: b.id, sessionId: s.id, start: s.start, end: s.end, who };
  }

  function attendanceRow(b: Awaited<ReturnType<typeof book>>, admitted: boolean) {
    return {
      booking_id: b.bookingId,
      session_id: b.sessionId,
      child_id: b.who.childId,
      admitted,
      health_enc: 'x',
      brought_by: '妈妈',
      checked_in_at: b.start,
      checked_in_by: house.carers[0].userId,
      checked_out_at: admitted ? b.end : null,
      checked_out_by: admitted ? house.carers[0].userId : null,
      picked_up_by: admitted ? '妈妈' : null,
    };
  }

  async function attend(b: Awaited<ReturnType<typeof book>>, admitted = true) {
    await t.database.db.insertInto('attendance').values(attendanceRow(b, admitted)).execute();
  }

  beforeAll(async () => {
    t = await createTestApp(driver, { demo: true, now: '2026-12-01T09:00:00+08:00' });
    house = await makeStaffedHouse(t, { street: 'scbl', carers: 1 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('holds the demo and the migration back-fill', async () => {
    await careInSync();
    await guidanceInSync();
  });

  it('counts a free session once the child is admitted, and not before, nor a paid one, a no-show or a cancelled one', async () => {
    const [child] = await twins();
    const jan = await book(child, '2026-01-12');
    expect(mine(await careInSync(), child)).toEqual([]);
    await attend(jan);
    expect(mine(await careInSync(), child)).toEqual([`${child.childId} 2026-1 1`]);
    await attend(await book(child, '2026-01-13', { free: false }));
    await book(child, '2026-01-14', { status: 'no_show' });
    await book(child, '2026-01-15', { status: 'cancelled' });
    await attend(await book(child, '2026-01-16'), false);
    expect(mine(await careInSync(), child)).toEqual([`${child.childId} 2026-1 1`]);
    // the year the session is in: December 2025 counts for 2025
    await attend(await book(child, '2025-12-30'));
    expect(mine(await careInSync(), child)).toEqual([`${child.childId} 2025-12 1`, `${child.childId} 2026-1 1`]);
  });

  it('follows corrections: refused then admitted, admitted then not, paid made free and back, the session moved', async () => {
    const [child, twin] = await twins();
    await attend(await book(child, '2026-01-19'));
    const b = await book(child, '2026-02-02');
    await attend(b, false);
    const db = t.database.db;
    const before = mine(await careInSync(), child);
    // a second check at the door admits the child turned away
    await db.updateTable('attendance').set({ admitted: true }).where('booking_id', '=', b.bookingId).execute();
    expect(mine(await careInSync(), child)).toEqual([...before, `${child.childId} 2026-2 1`].sort());
    // checking out changes nothing
    await db
      .updateTable('attendance')
      .set({ checked_out_at: b.end, checked_out_by: house.carers[0].userId, picked_up_by: '妈妈' })
      .where('booking_id', '=', b.bookingId)
      .execute();
    expect(mine(await careInSync(), child)).toContain(`${child.childId} 2026-2 1`);
    // the booking corrected to paid, then free again
    await db.updateTable('booking').set({ free: false }).where('id', '=', b.bookingId).execute();
    expect(mine(await careInSync(), child)).toEqual(before);
    await db.updateTable('booking').set({ free: true }).where('id', '=', b.bookingId).execute();
    expect(mine(await careInSync(), child)).toContain(`${child.childId} 2026-2 1`);
    // the session moved to March, then into 2027
    await db.updateTable('care_session').set({ date: '2026-03-02' }).where('id', '=', b.sessionId).execute();
    expect(mine(await careInSync(), child)).toContain(`${child.childId} 2026-3 1`);
    expect(mine(await careInSync(), child)).not.toContain(`${child.childId} 2026-2 1`);
    await db.updateTable('care_session').set({ date: '2027-01-04' }).where('id', '=', b.sessionId).execute();
    expect(mine(await careInSync(), child)).toContain(`${child.childId} 2027-1 1`);
    // the record corrected to "not admitted" (a mistake at the door): the session no longer counts
    await db
      .updateTable('attendance')
      .set({ admitted: false, checked_out_at: null, checked_out_by: null, picked_up_by: null })
      .where('booking_id', '=', b.bookingId)
      .execute();
    expect(mine(await careInSync(), child)).toEqual(before);
    // the attendance moved to the other child (recorded against the wrong twin), then deleted with its booking
    await db.updateTable('attendance').set({ admitted: true }).where('booking_id', '=', b.bookingId).execute();
    await db.updateTable('attendance').set({ child_id: twin.childId }).where('booking_id', '=', b.bookingId).execute();
    expect(mine(await careInSync(), twin)).toEqual([`${twin.childId} 2027-1 1`]);
    expect(mine(await careInSync(), child)).toEqual(before);
    await db.deleteFrom('attendance').where('booking_id', '=', b.bookingId).execute();
    await db.deleteFrom('booking').where('id', '=', b.bookingId).execute();
    expect(mine(await careInSync(), twin)).toEqual([]);
  });

  it('follows statements of many rows and transactions at the same time', async () => {
    const [, twin] = await twins();
    const db = t.database.db;
    const bookings = [];
    for (let d = 0; d < 6; d++) bookings.push(await book(twin, `2026-04-${String(6 + d).padStart(2, '0')}`));
    // one INSERT of six records, one UPDATE of three, one DELETE of two
    await db
      .insertInto('attendance')
      .values(bookings.map((b) => attendanceRow(b, true)))
      .execute();
    expect(mine(await careInSync(), twin)).toEqual([`${twin.childId} 2026-4 6`]);
    await db
      .updateTable('booking')
      .set({ free: false })
      .where(
        'id',
        'in',
        bookings.slice(0, 3).map((b) => b.bookingId),
      )
      .execute();
    expect(mine(await careInSync(), twin)).toEqual([`${twin.childId} 2026-4 3`]);
    await db
      .deleteFrom('attendance')
      .where(
        'booking_id',
        'in',
        bookings.slice(3, 5).map((b) => b.bookingId),
      )
      .execute();
    expect(mine(await careInSync(), twin)).toEqual([`${twin.childId} 2026-4 1`]);
    // ten admissions of one child committed at once, each in its own transaction
    const more = [];
    for (let d = 0; d < 10; d++) more.push(await book(twin, `2026-05-${String(4 + d).padStart(2, '0')}`));
    await Promise.all(
      more.map((b) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('attendance').values(attendanceRow(b, true)).execute();
        }),
      ),
    );
    expect(mine(await careInSync(), twin)).toEqual([`${twin.childId} 2026-4 1`, `${twin.childId} 2026-5 10`]);
  });

  it('keeps the guidance events attended per family and year as enrolments and events change', async () => {
    const [child] = await twins();
    const db = t.database.db;
    const provider = await makeProvider(t, { street: 'scbl' });
    const admin = house.carers[0].userId;
    const events = [];
    for (const date of ['2026-03-03', '2026-03-10', '2026-03-17']) {
      events.push(await makeGuidanceEvent(t, { providerId: provider.providerId, date, createdBy: admin }));
    }
    const enrol = (eventId: string, code: string) =>
      db
        .insertInto('guidance_enrolment')
        .values({
          event_id: eventId,
          family_id: child.familyId,
          status: 'confirmed',
          door_code: code,
          created_by: child.guardianId,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const attended = { attended_at: new Date(), attended_by: admin, attendance_method: 'list' as const };
    const e = [];
    for (const [i, ev] of events.entries()) e.push((await enrol(ev, `00000${i}`)).id);
    const mineG = (rows: string[]) => rows.filter((k) => k.startsWith(child.familyId));
    expect(mineG(await guidanceInSync())).toEqual([]);
    await db.updateTable('guidance_enrolment').set(attended).where('id', 'in', e).execute();
    expect(mineG(await guidanceInSync())).toEqual([`${child.familyId} 2026 3`]);
    // attendance taken back (marked by mistake)
    await db
      .updateTable('guidance_enrolment')
      .set({ attended_at: null, attended_by: null, attendance_method: null })
      .where('id', '=', e[0])
      .execute();
    expect(mineG(await guidanceInSync())).toEqual([`${child.familyId} 2026 2`]);
    // an event cancelled, then reinstated; another moved into 2027
    await db.updateTable('guidance_event').set({ status: 'cancelled', cancel_reason: '停电' }).where('id', '=', events[1]).execute();
    expect(mineG(await guidanceInSync())).toEqual([`${child.familyId} 2026 1`]);
    await db.updateTable('guidance_event').set({ status: 'published', cancel_reason: null }).where('id', '=', events[1]).execute();
    expect(mineG(await guidanceInSync())).toEqual([`${child.familyId} 2026 2`]);
    await db.updateTable('guidance_event').set({ date: '2027-01-05' }).where('id', '=', events[2]).execute();
    expect(mineG(await guidanceInSync())).toEqual([`${child.familyId} 2026 1`, `${child.familyId} 2027 1`].sort());
    // a cancelled event moved: still nothing
    await db.updateTable('guidance_event').set({ status: 'cancelled', cancel_reason: '停电' }).where('id', '=', events[1]).execute();
    await db.updateTable('guidance_event').set({ date: '2026-04-07' }).where('id', '=', events[1]).execute();
    expect(mineG(await guidanceInSync())).toEqual([`${child.familyId} 2027 1`]);
    await db.deleteFrom('guidance_enrolment').where('id', '=', e[2]).execute();
    expect(mineG(await guidanceInSync())).toEqual([]);
  });

  it('gives the targets the same T3 figures as the raw rows', async () => {
    const o = await targetsOverview(t.database.db, t.clock, 2026, { kind: 'all' });
    const [min, max] = o.parameters.careAgeMonths;
    const birth = birthWindow(2026, min, max);
    const raw = await sql<{ capped: string; delivered: string }>`
      SELECT coalesce(sum(least(n, ${o.parameters.careSessions})), 0) AS capped, coalesce(sum(n), 0) AS delivered FROM (
        SELECT a.child_id, count(*) AS n
        FROM attendance a JOIN booking b ON b.id = a.booking_id JOIN care_session s ON s.id = a.session_id
        JOIN child c ON c.id = a.child_id JOIN family fa ON fa.id = c.family_id
        WHERE a.admitted AND b.free AND s.date BETWEEN '2026-01-01' AND '2026-12-31' AND fa.status = 'accepted'
          AND c.birth_date BETWEEN ${birth.from} AND ${birth.to}
        GROUP BY 1) x`.execute(t.database.db);
    expect(o.district.T3.delivered).toBe(Number(raw.rows[0].capped));
    expect(o.trend.at(-1)?.T3delivered).toBe(Number(raw.rows[0].delivered));
  });
});
