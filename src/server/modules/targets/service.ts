// The five targets for a year, per street and for the district (DOMAIN.md §2): the grouped counts of queries.ts turned
// into figures by the rules of src/domain/targets.ts, each with its target, its status and the parameters it used, and
// a monthly trend. The dashboard, the export and the street's page all read this.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { overdueIfBornBefore } from '../../../domain/homeVisits.ts';
import { populationInForce } from '../../../domain/population.ts';
import {
  belowHalf,
  birthWindow,
  distribution,
  monthEnds,
  placesFigure,
  shareOfYear,
  streetTodo,
  targetStatus,
  targetsOf,
} from '../../../domain/targets.ts';
import { addDays, districtInstant, localDateOf, type Clock } from '../../../domain/time.ts';
import { formatDateTimeZh, maskName } from '../../../shared/format.ts';
import { translate } from '../../../shared/i18n/index.ts';
import { xlsxOfSheets, type Sheet } from '../../xlsx.ts';
import { authorize, type Actor, type ScopeFilter } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { policyOn } from '../policy/service.ts';
import * as q from './queries.ts';

/** A share, or null when there is nothing to share (no children, no newborns): shown as —, not as 100 %. */
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const sumBy = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

/** The figures of one street (or of the district, the streets added up). */
function figures(
  input: {
    houses: number;
    places: number;
    children: number | null;
    care: { sessions: number; children: number }[];
    /** free sessions delivered in the street the child lived in on their dates */
    careDelivered: number;
    visits: { registered: number; visited: number; recorded: number; overdue: number };
    guidance: { sessions: number; families: number }[];
    streetsWithHouse?: number;
    streets?: number;
  },
  t: ReturnType<typeof targetsOf>,
  share: number,
) {
  const t1 = placesFigure(input.places, input.children, t.placesShare);
  const careCounts = input.care.flatMap((c) => Array<number>(c.children).fill(c.sessions));
  const careChildren = careCounts.length;
  const careReached = careCounts.filter((n) => n >= t.careSessions).length;
  const guidanceCounts = input.guidance.flatMap((g) => Array<number>(g.families).fill(g.sessions));
  const guidanceReached = guidanceCounts.filter((n) => n >= t.guidanceSessions).length;
  const guidanceTaken = sumBy(guidanceCounts, (n) => n);
  const v = input.visits;
  const streets = input.streets ?? 1;
  const withHouse = input.streetsWithHouse ?? (input.houses > 0 ? 1 : 0);
  return {
    T1: { ...t1, status: t1.ratio === null ? ('notMet' as const) : targetStatus(t1.ratio, 1, share, false) },
    T2: {
      houses: input.houses,
      streetsWithHouse: withHouse,
      streets,
      ratio: ratio(withHouse, streets),
      status: targetStatus(withHouse, streets, share, false),
    },
    T3: {
      children: careChildren,
      reached: careReached,
      ratio: ratio(careReached, careChildren),
      delivered: input.careDelivered,
      due: careChildren * t.careSessions,
      distribution: distribution(careCounts, t.careSessions),
      status: targetStatus(ratio(input.careDelivered, careChildren * t.careSessions) ?? 1, 1, share, true),
    },
    T4: {
      ...v,
      ratio: ratio(v.visited, v.registered),
      status:
        v.visited >= v.registered
          ? ('met' as const)
          : v.overdue === 0
            ? ('met' as const)
            : share < 1
              ? ('atRisk' as const)
              : ('notMet' as const),
    },
    T5: {
      families: guidanceCounts.length,
      reached: guidanceReached,
      ratio: ratio(guidanceReached, guidanceCounts.length),
      taken: guidanceTaken,
      due: guidanceCounts.length * t.guidanceSessions,
      distribution: distribution(guidanceCounts, t.guidanceSessions),
      status: targetStatus(ratio(guidanceTaken, guidanceCounts.length * t.guidanceSessions) ?? 1, 1, share, true),
    },
  };
}
export type Figures = ReturnType<typeof figures>;

/** The overview of a year as seen at `clock.now()`: the district and each street in scope, with the trend. */
export async function targetsOverview(db: Kysely<DB>, clock: Clock, year: number, scope: ScopeFilter) {
  const { asOf, policy, w } = await yearOf(db, clock, year);
  const t = targetsOf(policy);
  const share = shareOfYear(year, localDateOf(clock.now()));
  const careBirths = birthWindow(year, policy['child.minAgeMonths'], policy['child.maxAgeMonths']);
  const guidanceBirths = birthWindow(year, 0, policy['child.maxAgeMonths']);
  const [streets, places, care, visits, guidance, versions] = await Promise.all([
    q.streets(db),
    q.placesByStreet(db, w),
    q.careByStreet(db, w, careBirths, t.careSessions),
    q.visitsByStreet(db, w, overdueIfBornBefore(asOf, policy)),
    q.guidanceByStreet(db, w, guidanceBirths, t.guidanceSessions),
    q.populationVersions(db, w),
  ]);
  const perStreet = streets.map((s) => {
    const h = places.houses.find((x) => x.street_id === s.id);
    const pop = places.population.find((x) => x.street_id === s.id);
    const v = visits.filter((x) => x.street_id === s.id);
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      population: pop ? { children: pop.children_1_3, newborns: pop.newborns, source: pop.source, asOf: pop.as_of } : null,
      input: {
        houses: Number(h?.houses ?? 0),
        places: Number(h?.places ?? 0),
        children: pop ? pop.children_1_3 : null,
        care: care.counts.filter((c) => c.street_id === s.id).map((c) => ({ sessions: c.sessions, children: Number(c.children) })),
        careDelivered: sumBy(
          care.monthly.filter((m) => m.street_id === s.id),
          (m) => Number(m.delivered),
        ),
        visits: {
          registered: sumBy(v, (x) => Number(x.registered)),
          visited: sumBy(v, (x) => Number(x.visited)),
          recorded: sumBy(v, (x) => Number(x.recorded)),
          overdue: sumBy(v, (x) => Number(x.overdue)),
        },
        guidance: guidance.counts.filter((g) => g.street_id === s.id).map((g) => ({ sessions: g.sessions, families: Number(g.families) })),
      },
    };
  });
  const inScope = perStreet.filter((s) => scope.kind === 'all' || (scope.kind === 'street' && s.id === scope.streetId));
  const all = perStreet.map((s) => s.input);
  const knownPopulation = all.filter((s) => s.children !== null);
  const district = figures(
    {
      houses: sumBy(all, (s) => s.houses),
      places: sumBy(all, (s) => s.places),
      children: knownPopulation.length ? sumBy(knownPopulation, (s) => s.children ?? 0) : null,
      care: all.flatMap((s) => s.care),
      careDelivered: sumBy(all, (s) => s.careDelivered),
      visits: {
        registered: sumBy(all, (s) => s.visits.registered),
        visited: sumBy(all, (s) => s.visits.visited),
        recorded: sumBy(all, (s) => s.visits.recorded),
        overdue: sumBy(all, (s) => s.visits.overdue),
      },
      guidance: all.flatMap((s) => s.guidance),
      streetsWithHouse: all.filter((s) => s.houses > 0).length,
      streets: all.length,
    },
    t,
    share,
  );
  return {
    year,
    asOf,
    shareOfYear: share,
    parameters: {
      placesShare: t.placesShare,
      careSessions: t.careSessions,
      guidanceSessions: t.guidanceSessions,
      visitWithinDays: policy['visit.withinDays'],
      careAgeMonths: [policy['child.minAgeMonths'], policy['child.maxAgeMonths']] as [number, number],
    },
    district,
    streets: inScope.map((s) => ({ id: s.id, code: s.code, name: s.name, population: s.population, ...figures(s.input, t, share) })),
    trend: trendOf(year, asOf, {
      streetIds: inScope.length === perStreet.length ? null : inScope.map((s) => s.id),
      places: inScope.length === perStreet.length ? district.T1.places : sumBy(inScope, (s) => s.input.places),
      versions,
      care,
      visits,
      guidance,
      careChildren: sumBy(
        inScope.flatMap((s) => s.input.care),
        (c) => c.children,
      ),
      guidanceFamilies: sumBy(
        inScope.flatMap((s) => s.input.guidance),
        (g) => g.families,
      ),
      placesShare: t.placesShare,
    }),
  };
}
export type TargetsOverview = Awaited<ReturnType<typeof targetsOverview>>;

/** The month-end points of the year: T1 with the population in force then, T3 children reached, T4 visited, T5 families reached. */
function trendOf(
  year: number,
  asOf: string,
  d: {
    streetIds: string[] | null;
    places: number;
    versions: Awaited<ReturnType<typeof q.populationVersions>>;
    care: Awaited<ReturnType<typeof q.careByStreet>>;
    visits: Awaited<ReturnType<typeof q.visitsByStreet>>;
    guidance: Awaited<ReturnType<typeof q.guidanceByStreet>>;
    careChildren: number;
    guidanceFamilies: number;
    placesShare: number;
  },
) {
  const inScope = (streetId: string) => !d.streetIds || d.streetIds.includes(streetId);
  const mine = <T extends { street_id: string }>(rows: readonly T[]) => rows.filter((r) => inScope(r.street_id));
  const versions = mine(d.versions).map((v) => ({
    streetId: v.street_id,
    year: v.year,
    children1to3: v.children_1_3,
    newborns: v.newborns,
    recordedAt: new Date(v.recorded_at),
  }));
  return monthEnds(year, asOf).map((end, i) => {
    const month = i + 1;
    // The figure each street had in force at the month's last moment.
    const at = new Date(districtInstant(addDays(end, 1)).getTime() - 1);
    const inForce = [...new Set(versions.map((v) => v.streetId))]
      .map((street) => populationInForce(versions, street, year, at))
      .filter((v) => v !== null);
    const children = inForce.length ? inForce.reduce((sum, v) => sum + v.children1to3, 0) : null;
    const t1 = placesFigure(d.places, children, d.placesShare);
    const care = d.care.monthly.filter((r) => r.month <= month);
    const visits = mine(d.visits).filter((r) => r.month <= month);
    const guidance = mine(d.guidance.monthly).filter((r) => r.month <= month);
    return {
      month,
      date: end,
      T1: t1.ratio,
      // a child reaches the target in the street it counts in; a session is delivered where the child lived then
      T3: ratio(
        sumBy(
          care.filter((r) => inScope(r.need_street_id)),
          (r) => Number(r.reached),
        ),
        d.careChildren,
      ),
      T3delivered: sumBy(
        care.filter((r) => inScope(r.street_id)),
        (r) => Number(r.delivered),
      ),
      T4: ratio(
        sumBy(visits, (r) => Number(r.visited)),
        sumBy(visits, (r) => Number(r.registered)),
      ),
      T5: ratio(
        sumBy(guidance, (r) => Number(r.reached)),
        d.guidanceFamilies,
      ),
      T5taken: sumBy(guidance, (r) => Number(r.taken)),
    };
  });
}

/**
 * The year's window and policy: a past year is read as it stood at its end, with its last day's policy; the current
 * one as it stands now.
 */
export async function yearOf(db: Kysely<DB>, clock: Clock, year: number) {
  const now = clock.now();
  const today = localDateOf(now);
  const yearEnd = `${year}-12-31`;
  const asOf = today < yearEnd ? today : yearEnd;
  const policy = await policyOn(db, asOf);
  const w: q.YearWindow = {
    year,
    asOf,
    current: today < yearEnd,
    from: `${year}-01-01`,
    to: yearEnd,
    at: today < yearEnd ? now : districtInstant(addDays(yearEnd, 1)),
    fromAt: districtInstant(`${year}-01-01`),
    toAt: districtInstant(addDays(yearEnd, 1)),
  };
  return { asOf, policy, w };
}

/** One street's figures and trend, with its houses (places, free sessions delivered there). */
export async function streetTargets(db: Kysely<DB>, clock: Clock, actor: Actor, streetId: string, year: number) {
  authorize(actor, 'targets.read', { streetId });
  const overview = await targetsOverview(db, clock, year, { kind: 'street', streetId });
  const street = overview.streets[0];
  if (!street) throw new AppError(404, 'STREET_NOT_FOUND');
  const { w } = await yearOf(db, clock, year);
  const [houses, registrations] = await Promise.all([q.housesOfStreet(db, w, streetId), q.registrationsWaiting(db, streetId)]);
  const p = overview.parameters;
  return {
    ...overview,
    street,
    todo: streetTodo({
      registrations,
      visitsOverdue: street.T4.overdue,
      careNone: street.T3.distribution[0]?.n ?? 0,
      guidanceBehind: belowHalf(street.T5.distribution, p.guidanceSessions),
      populationMissing: street.T1.children === null ? 1 : 0,
      placesUnset: houses.filter((h) => h.status === 'active' && h.approved_places === null).length,
      placesGap: street.T1.gap,
    }),
    houses: houses.map((h) => ({
      id: h.id,
      name: h.name,
      status: h.status,
      approvedPlaces: h.approved_places,
      delivered: Number(h.delivered ?? 0),
      // not `children`: a table row's `children` are its sub-rows
      childrenServed: Number(h.children ?? 0),
    })),
  };
}

export type ListTarget = 'T3' | 'T4' | 'T5';

/**
 * The children (T3), newborn families (T4) or families (T5) behind a street's figure, names masked: an audited read
 * of child data, for the street and the district (inspectors see the figures, not the lists).
 */
export async function targetList(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource & { actor: Actor },
  p: { target: ListTarget; streetId: string; houseId?: string; year: number },
) {
  authorize(source.actor, 'targets.people', { streetId: p.streetId });
  const { asOf, policy, w } = await yearOf(db, clock, p.year);
  const t = targetsOf(policy);
  let rows: { id: string; name: string; detail: Record<string, string | number | boolean | null>; reached: boolean }[];
  if (p.target === 'T3') {
    const birth = birthWindow(p.year, policy['child.minAgeMonths'], policy['child.maxAgeMonths']);
    rows = (await q.careChildren(db, w, birth, p.streetId, p.houseId)).map((c) => ({
      id: c.id,
      name: maskName(c.name),
      detail: { birthMonth: c.birth_date.slice(0, 7), sessions: Number(c.sessions), lastOn: c.last_on },
      reached: Number(c.sessions) >= t.careSessions,
    }));
  } else if (p.target === 'T5') {
    const birth = birthWindow(p.year, 0, policy['child.maxAgeMonths']);
    rows = (await q.guidanceFamilies(db, w, birth, p.streetId)).map((f) => ({
      id: f.id,
      name: maskName(f.guardian_name),
      detail: {
        children: Number(f.children),
        events: Number(f.events),
        courses: Number(f.courses),
        sessions: Number(f.events) + Number(f.courses),
      },
      reached: Number(f.events) + Number(f.courses) >= t.guidanceSessions,
    }));
  } else {
    const overdueBefore = overdueIfBornBefore(asOf, policy);
    rows = (await q.newbornVisits(db, w, p.streetId)).map((n) => ({
      id: n.id,
      name: maskName(n.child_name),
      detail: {
        birthDate: n.birth_date,
        visitor: n.visitor,
        state: n.confirmed ? 'confirmed' : n.recorded ? 'awaitingConfirmation' : n.birth_date < overdueBefore ? 'overdue' : 'due',
      },
      reached: !!n.confirmed,
    }));
  }
  await writeAudit(db, clock, source, {
    action: 'targets.list.read',
    entityType: 'street',
    entityId: p.streetId,
    detail: {
      target: p.target,
      year: p.year,
      ...(p.houseId ? { houseId: p.houseId } : {}),
      [p.target === 'T3' ? 'children' : p.target === 'T5' ? 'familyIds' : 'newbornIds']: rows.map((r) => r.id),
    },
  });
  return { target: p.target, year: p.year, streetId: p.streetId, rows };
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The overview as an .xlsx for reporting upward: a cover sheet (year, time, parameters), then one sheet per target. */
export async function exportTargets(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource & { actor: Actor },
  year: number,
  scope: ScopeFilter,
) {
  const o = await targetsOverview(db, clock, year, scope);
  const status = (s: string) => translate('zh-CN', `targetStatus.${s}`);
  const p = o.parameters;
  const rows = (f: (s: TargetsOverview['streets'][number] | (Figures & { name: string })) => string[]) => [
    ...o.streets.map(f),
    f({ ...o.district, name: '全区合计' }),
  ];
  const sheets: Sheet[] = [
    {
      name: '说明',
      header: ['项目', '内容'],
      widths: [24, 60],
      rows: [
        ['年度', String(year)],
        ['数据截至', o.asOf],
        ['导出时间', formatDateTimeZh(clock.now())],
        ['T1 托额比例目标', `${p.placesShare}% × 常住1–3岁幼儿数`],
        [
          'T3 每名幼儿免费照护次数',
          `${p.careSessions} 次(${p.careAgeMonths[0]}–${p.careAgeMonths[1]} 个月、已通过社区审核的家庭;以实际入托签到计)`,
        ],
        ['T4 新生儿家庭入户指导', `每户 1 次,出生后 ${p.visitWithinDays} 天内;以家庭确认为准`],
        ['T5 每户育儿指导次数', `${p.guidanceSessions} 次(活动签到或线上课程完成,各计一次)`],
      ],
    },
    {
      name: 'T1 托额',
      header: ['街道', '核定托额', '常住1–3岁幼儿', '应有托额', '达成率', '缺口', '状态'],
      rows: rows((s) => [
        s.name,
        String(s.T1.places),
        String(s.T1.children ?? '—'),
        String(s.T1.needed ?? '—'),
        pct(s.T1.ratio),
        String(s.T1.gap ?? '—'),
        status(s.T1.status),
      ]),
    },
    {
      name: 'T2 覆盖',
      header: ['街道', '运营中的宝宝屋', '状态'],
      rows: rows((s) => [s.name, String(s.T2.houses), status(s.T2.status)]),
    },
    {
      name: 'T3 免费照护',
      header: [
        '街道',
        '有需求幼儿',
        `达到${p.careSessions}次`,
        '达成率',
        '已提供次数',
        '应提供次数',
        ...o.district.T3.distribution.map((d) => `${d.band}次`),
        '状态',
      ],
      rows: rows((s) => [
        s.name,
        String(s.T3.children),
        String(s.T3.reached),
        pct(s.T3.ratio),
        String(s.T3.delivered),
        String(s.T3.due),
        ...s.T3.distribution.map((d) => String(d.n)),
        status(s.T3.status),
      ]),
    },
    {
      name: 'T4 入户指导',
      header: ['街道', '新生儿家庭', '已入户(家庭确认)', '已记录待确认', '逾期未入户', '达成率', '状态'],
      rows: rows((s) => [
        s.name,
        String(s.T4.registered),
        String(s.T4.visited),
        String(s.T4.recorded - s.T4.visited),
        String(s.T4.overdue),
        pct(s.T4.ratio),
        status(s.T4.status),
      ]),
    },
    {
      name: 'T5 育儿指导',
      header: [
        '街道',
        '有需求家庭',
        `达到${p.guidanceSessions}次`,
        '达成率',
        '已参加次数',
        ...o.district.T5.distribution.map((d) => `${d.band}次`),
        '状态',
      ],
      rows: rows((s) => [
        s.name,
        String(s.T5.families),
        String(s.T5.reached),
        pct(s.T5.ratio),
        String(s.T5.taken),
        ...s.T5.distribution.map((d) => String(d.n)),
        status(s.T5.status),
      ]),
    },
  ];
  const file = await xlsxOfSheets(sheets, clock.now());
  await writeAudit(db, clock, source, { action: 'targets.export', detail: { year, format: 'xlsx', rows: o.streets.length } });
  return file;
}
