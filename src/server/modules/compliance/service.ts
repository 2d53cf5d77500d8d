// The compliance engine: gathers each operating house's facts, asks the pure rules of domain/compliance.ts what
// they find today, and keeps the findings over time — a new one is opened with its first-seen date, one still seen
// is touched, one no longer seen is resolved. Runs daily (workers.ts), on demand, and after a record changes.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { complianceRulesFrom, houseFindings, type EvidenceTopic, type Finding, type SessionFact } from '../../../domain/compliance.ts';
import { addDays, inDistrict, localDateOf, type Clock } from '../../../domain/time.ts';
import { policyOn } from '../policy/service.ts';
import { loadStaffFacts } from '../staff/service.ts';

/** How many days of coming sessions the roster rules (R3–R5, R7) look at. */
export const ROSTER_LOOKAHEAD_DAYS = 7;

const NO_SUBJECT = '00000000-0000-0000-0000-000000000000';

/** Where in the console the record behind a finding is fixed. */
export function fixPathOf(f: { subject_type: string; subject_id: string | null; house_id: string; code: string }): string {
  if (f.subject_type === 'staff') return `/staff?houseId=${f.house_id}&focus=${f.subject_id}`;
  if (f.subject_type === 'session') return `/schedule?houseId=${f.house_id}&session=${f.subject_id}`;
  if (f.code === 'HEALTH_STAFF_MISSING' || f.code === 'MANAGER_MISSING') return `/staff?houseId=${f.house_id}`;
  return `/houses/${f.house_id}`;
}

async function findingsOfHouses(db: Kysely<DB> | Transaction<DB>, houseIds: string[], day: string) {
  const rules = complianceRulesFrom(await policyOn(db, day));
  const [houses, evidence, staff, sessions] = await Promise.all([
    db.selectFrom('house').selectAll().where('id', 'in', houseIds).execute(),
    db.selectFrom('house_evidence').select(['house_id', 'topic', (eb) => eb.fn.max('observed_on').as('last')])
      .where('house_id', 'in', houseIds).groupBy(['house_id', 'topic']).execute(),
    loadStaffFacts(db, houseIds),
    db.selectFrom('care_session as s').innerJoin('room as r', 'r.id', 's.room_id')
      .select(['s.id', 's.house_id', 's.date', 's.starts_at', 's.offered_capacity', 'r.area_m2', 'r.name as room_name',
        (eb) => eb.selectFrom('booking as b').select(eb.fn.countAll<number>().as('n')).whereRef('b.session_id', '=', 's.id')
          .where('b.status', 'in', ['confirmed', 'offered']).as('taken')])
      .where('s.house_id', 'in', houseIds).where('s.status', '=', 'scheduled').where('s.date', '>=', day).where('s.date', '<', addDays(day, ROSTER_LOOKAHEAD_DAYS))
      .execute(),
  ]);
  const roster = sessions.length
    ? await db.selectFrom('session_carer as sc').innerJoin('app_user as u', 'u.id', 'sc.user_id').select(['sc.session_id', 'sc.user_id', 'u.display_name'])
      .where('sc.session_id', 'in', sessions.map((s) => s.id)).execute()
    : [];
  return houses.map((h) => {
    const houseStaff = staff.filter((s) => s.houseId === h.id);
    const sessionFacts: SessionFact[] = sessions.filter((s) => s.house_id === h.id).map((s) => ({
      id: s.id, date: s.date, areaM2: s.area_m2, offeredCapacity: s.offered_capacity, seatsTaken: Number(s.taken ?? 0),
      label: `${inDistrict(s.starts_at).format('M月D日 HH:mm')} ${s.room_name}`,
      roster: roster.filter((r) => r.session_id === s.id).map((r) => ({ name: r.display_name, staff: houseStaff.find((f) => f.userId === r.user_id) })),
    }));
    const findings = houseFindings({
      house: {
        label: h.name, cctvRetentionDays: h.cctv_retention_days, cctvNetworked: h.cctv_networked, alarmNetworked: h.alarm_networked,
        insuranceStart: h.insurance_start, insuranceEnd: h.insurance_end, facilities: (h.facilities ?? {}) as Record<string, boolean | undefined>,
        evidence: Object.fromEntries(evidence.filter((e) => e.house_id === h.id).map((e) => [e.topic, String(e.last)])) as Partial<Record<EvidenceTopic, string>>,
      },
      staff: houseStaff, sessions: sessionFacts,
    }, day, rules);
    return { houseId: h.id, findings };
  });
}

const keyOf = (code: string, subjectId: string | null) => `${code}|${subjectId ?? NO_SUBJECT}`;

/**
 * Brings one house's open findings in line with what the rules see today. The facts are read after the house row is
 * locked, so a run that started earlier cannot write back a state that a later change (and its run) has fixed. A house
 * that is not operating (suspended) has nothing to find: its open findings are resolved.
 */
async function syncHouse(db: Kysely<DB>, houseId: string, day: string) {
  return db.transaction().execute(async (trx) => {
    const house = await trx.selectFrom('house').select(['id', 'status']).where('id', '=', houseId).forUpdate().executeTakeFirstOrThrow();
    const findings: Finding[] = house.status === 'active' ? (await findingsOfHouses(trx, [houseId], day))[0].findings : [];
    const open = await trx.selectFrom('compliance_finding').select(['id', 'code', 'subject_id']).where('house_id', '=', houseId)
      .where('resolved_on', 'is', null).execute();
    const seen = new Map(findings.map((f) => [keyOf(f.code, f.subject.id), f]));
    let opened = 0;
    const resolvedIds = open.filter((o) => !seen.has(keyOf(o.code, o.subject_id))).map((o) => o.id);
    if (resolvedIds.length) {
      await trx.updateTable('compliance_finding').set({ resolved_on: day, updated_at: sql`now()` }).where('id', 'in', resolvedIds).execute();
    }
    for (const f of seen.values()) {
      const existing = open.find((o) => keyOf(o.code, o.subject_id) === keyOf(f.code, f.subject.id));
      const values = { rule: f.rule, severity: f.severity, owner_role: f.owner, subject_label: f.subject.label, detail: JSON.stringify(f.detail), last_seen_on: day };
      if (existing) {
        await trx.updateTable('compliance_finding').set({ ...values, updated_at: sql`now()` }).where('id', '=', existing.id).execute();
      } else {
        await trx.insertInto('compliance_finding').values({
          ...values, house_id: houseId, code: f.code, subject_type: f.subject.type, subject_id: f.subject.id, first_seen_on: day,
        }).execute();
        opened++;
      }
    }
    return { opened, resolved: resolvedIds.length };
  });
}

/** Runs the rules for the given houses (default: all) and records the run (counting the operating houses checked). */
export async function runCompliance(db: Kysely<DB>, clock: Clock, options: { houseIds?: string[]; triggeredBy?: string } = {}) {
  const startedAt = clock.now();
  const day = localDateOf(startedAt);
  let q = db.selectFrom('house').select(['id', 'status']).orderBy('id');
  if (options.houseIds) q = options.houseIds.length ? q.where('id', 'in', options.houseIds) : q.where('id', 'is', null);
  const houses = await q.execute();
  let opened = 0;
  let resolved = 0;
  for (const h of houses) {
    const r = await syncHouse(db, h.id, day);
    opened += r.opened;
    resolved += r.resolved;
  }
  const checked = houses.filter((h) => h.status === 'active').length;
  await db.insertInto('compliance_run').values({
    run_on: day, started_at: startedAt, finished_at: clock.now(), houses: checked, opened, resolved, triggered_by: options.triggeredBy ?? null,
  }).execute();
  return { houses: checked, opened, resolved };
}

/** The daily job: one district-wide run per local day (the workers call this often; it does nothing after the first). */
export async function runDailyCompliance(db: Kysely<DB>, clock: Clock): Promise<boolean> {
  const day = localDateOf(clock.now());
  const done = await db.selectFrom('compliance_run').select('id').where('run_on', '=', day).where('triggered_by', 'is', null).executeTakeFirst();
  if (done) return false;
  await runCompliance(db, clock);
  return true;
}
