// The compliance engine: gathers each operating house's facts, asks the pure rules of domain/compliance.ts what
// they find today, and keeps the findings over time — a new one is opened with its first-seen date, one still seen
// is touched, one no longer seen is resolved. Runs daily (workers.ts), on demand, and after a record changes.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { complianceRulesFrom, houseFindings, type EvidenceTopic, type Finding, type SessionFact } from '../../../domain/compliance.ts';
import { inDistrict, localDateOf, type Clock } from '../../../domain/time.ts';
import { lockHouse } from '../../locks.ts';
import { policyOn } from '../policy/service.ts';
import { loadStaffFacts } from '../staff/queries.ts';
import * as q from './queries.ts';

type Db = Kysely<DB> | Transaction<DB>;

const NO_SUBJECT = '00000000-0000-0000-0000-000000000000';

/** Where in the console the record behind a finding is fixed. */
export function fixPathOf(f: { subject_type: string; subject_id: string | null; house_id: string; code: string }): string {
  if (f.subject_type === 'staff') return `/staff?houseId=${f.house_id}&focus=${f.subject_id}`;
  if (f.subject_type === 'session') return `/schedule?houseId=${f.house_id}&session=${f.subject_id}`;
  if (f.code === 'HEALTH_STAFF_MISSING' || f.code === 'MANAGER_MISSING') return `/staff?houseId=${f.house_id}`;
  return `/houses/${f.house_id}`;
}

/** The findings of the houses (open or resolved) and the latest run, as the API returns them. */
export async function findingsOf(db: Db, houseIds: string[], status: 'open' | 'resolved') {
  if (!houseIds.length) return { lastRun: null, findings: [] };
  const [rows, run] = await Promise.all([q.findingRows(db, houseIds, status), q.lastRunOf(db, houseIds)]);
  return {
    lastRun: run ? { ...run, finishedAt: new Date(run.finishedAt).toISOString() } : null,
    findings: rows.map((f) => ({
      id: f.id,
      houseId: f.house_id,
      houseName: f.house_name,
      streetName: f.street_name,
      rule: f.rule,
      code: f.code,
      severity: f.severity,
      owner: f.owner_role,
      subjectType: f.subject_type,
      subjectId: f.subject_id,
      subjectLabel: f.subject_label,
      detail: (f.detail ?? {}) as Record<string, string | number | null>,
      firstSeenOn: f.first_seen_on,
      lastSeenOn: f.last_seen_on,
      resolvedOn: f.resolved_on,
      fixPath: fixPathOf(f),
    })),
  };
}

async function findingsOfHouses(db: Db, houseIds: string[], day: string, now: Date) {
  const rules = complianceRulesFrom(await policyOn(db, day));
  const [{ houses, evidence }, staff, { sessions, roster }] = await Promise.all([
    q.houseFactRows(db, houseIds),
    loadStaffFacts(db, houseIds),
    q.comingSessionRows(db, houseIds, day, now),
  ]);
  return houses.map((h) => {
    const houseStaff = staff.filter((s) => s.houseId === h.id);
    const sessionFacts: SessionFact[] = sessions
      .filter((s) => s.house_id === h.id)
      .map((s) => ({
        id: s.id,
        date: s.date,
        areaM2: s.area_m2,
        offeredCapacity: s.offered_capacity,
        seatsTaken: Number(s.taken ?? 0),
        label: `${inDistrict(s.starts_at).format('M月D日 HH:mm')} ${s.room_name}`,
        roster: roster
          .filter((r) => r.session_id === s.id)
          .map((r) => ({ name: r.display_name, staff: houseStaff.find((f) => f.userId === r.user_id) })),
      }));
    const findings = houseFindings(
      {
        house: {
          label: h.name,
          cctvRetentionDays: h.cctv_retention_days,
          cctvNetworked: h.cctv_networked,
          alarmNetworked: h.alarm_networked,
          insuranceStart: h.insurance_start,
          insuranceEnd: h.insurance_end,
          facilities: (h.facilities ?? {}) as Record<string, boolean | undefined>,
          evidence: Object.fromEntries(evidence.filter((e) => e.house_id === h.id).map((e) => [e.topic, String(e.last)])) as Partial<
            Record<EvidenceTopic, string>
          >,
        },
        staff: houseStaff,
        sessions: sessionFacts,
      },
      day,
      rules,
    );
    return { houseId: h.id, findings };
  });
}

const keyOf = (code: string, subjectId: string | null) => `${code}|${subjectId ?? NO_SUBJECT}`;

/**
 * Brings one house's open findings in line with what the rules see today. The house row is locked first (through
 * locks.ts) and every fact is read in statements after it, so a run that started earlier cannot write back a state
 * that a later change (and its run) has fixed. A house that is not operating (suspended) has nothing to find: its
 * open findings are resolved.
 */
async function syncHouse(db: Kysely<DB>, houseId: string, day: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    if (!(await lockHouse(trx, houseId))) return { opened: 0, resolved: 0 };
    const house = await q.houseStatus(trx, houseId);
    const findings: Finding[] = house?.status === 'active' ? (await findingsOfHouses(trx, [houseId], day, now))[0].findings : [];
    const open = await q.openFindingKeys(trx, houseId);
    const seen = new Map(findings.map((f) => [keyOf(f.code, f.subject.id), f]));
    let opened = 0;
    const resolvedIds = open.filter((o) => !seen.has(keyOf(o.code, o.subject_id))).map((o) => o.id);
    await q.resolveFindings(trx, resolvedIds, day);
    for (const f of seen.values()) {
      const existing = open.find((o) => keyOf(o.code, o.subject_id) === keyOf(f.code, f.subject.id));
      const values = {
        rule: f.rule,
        severity: f.severity,
        owner_role: f.owner,
        subject_label: f.subject.label,
        detail: JSON.stringify(f.detail),
        last_seen_on: day,
      };
      if (existing) {
        await q.touchFinding(trx, existing.id, values);
      } else {
        await q.openFinding(trx, {
          ...values,
          house_id: houseId,
          code: f.code,
          subject_type: f.subject.type,
          subject_id: f.subject.id,
          first_seen_on: day,
        });
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
  const houses = await q.housesToRun(db, options.houseIds);
  let opened = 0;
  let resolved = 0;
  for (const h of houses) {
    const r = await syncHouse(db, h.id, day, startedAt);
    opened += r.opened;
    resolved += r.resolved;
  }
  const checked = houses.filter((h) => h.status === 'active').length;
  await q.recordRun(db, {
    run_on: day,
    started_at: startedAt,
    finished_at: clock.now(),
    houses: checked,
    opened,
    resolved,
    triggered_by: options.triggeredBy ?? null,
    house_ids: options.houseIds ? houses.map((h) => h.id) : null,
  });
  return { houses: checked, opened, resolved };
}

/** The daily job: one district-wide run per local day (the workers call this often; it does nothing after the first). */
export async function runDailyCompliance(db: Kysely<DB>, clock: Clock): Promise<boolean> {
  if (await q.dailyRunDone(db, localDateOf(clock.now()))) return false;
  await runCompliance(db, clock);
  return true;
}
