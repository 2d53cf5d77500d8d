// A year of demo history for Hongkou (issue 12), so that 目标总览 is alive on the first start: in every street more
// accepted families with children aged 1–3, the year's past care sessions at its houses with the free bookings and
// the attendance they had (most came, some did not show, some cancelled in time), a year of guidance events the
// families attended, and the year's newborns on the street's register with their home visits. The streets differ on
// purpose (some on course, some behind). Invented people: names drawn from common characters, ID numbers of the
// right form, phones in the reserved 138-0000 and 139-0000 ranges, addresses only roads and numbers.
// Everything is drawn from a seeded pseudo-random sequence (the same demo for the same day) and inserted set-wise.
import crypto from 'node:crypto';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, NewbornTable } from '../schema.ts';
import { addDays, addMonths, districtInstant, isoWeekday, localDateOf, type LocalDate } from '../../domain/time.ts';
import { sessionPriceFen } from '../../domain/booking.ts';
import type { FieldCipher } from '../../server/crypto.ts';
import type { FileStore } from '../../server/files.ts';
import { policyOn } from '../../server/modules/policy/service.ts';
import { chunks, type DemoFamily, type InsertedFamily, insertDemoFamilies } from './demoFamilies.ts';
import { WEEK, demoEventRow, demoOrganisers } from './demoGuidance.ts';
import type { StreetCode } from './streets.ts';

type Trx = Transaction<DB>;
type Level = 'high' | 'mid' | 'low';

/** How each street's year went: families registered, how much care and guidance they took, visits overdue. */
const STREETS: Record<StreetCode, { families: number; care: Level; guidance: Level; overdueShare: number; roads: string[] }> = {
  scbl: { families: 56, care: 'mid', guidance: 'high', overdueShare: 0, roads: ['山阴路', '四川北路', '多伦路', '甜爱路', '溧阳路'] },
  bwt: { families: 44, care: 'high', guidance: 'mid', overdueShare: 0.02, roads: ['东长治路', '海宁路', '塘沽路', '峨眉路', '高阳路'] },
  jxl: { families: 48, care: 'low', guidance: 'low', overdueShare: 0.06, roads: ['嘉兴路', '周家嘴路', '海拉尔路', '安国路', '梧州路'] },
  oyl: { families: 36, care: 'high', guidance: 'high', overdueShare: 0, roads: ['欧阳路', '四平路', '大连西路', '赤峰路', '祥德路'] },
  gzl: { families: 40, care: 'high', guidance: 'mid', overdueShare: 0, roads: ['广中路', '西江湾路', '花园路', '同心路', '水电路'] },
  qyl: {
    families: 60,
    care: 'mid',
    guidance: 'high',
    overdueShare: 0.03,
    roads: ['曲阳路', '玉田路', '东体育会路', '赤峰路', '中山北一路'],
  },
  lcxc: { families: 42, care: 'low', guidance: 'mid', overdueShare: 0, roads: ['凉城路', '车站北路', '汶水东路', '广粤路', '丰镇路'] },
  jwz: { families: 50, care: 'mid', guidance: 'high', overdueShare: 0, roads: ['场中路', '纪念路', '奎照路', '新市北路', '江湾路'] },
};

/** The weights of the bands 0 / a few / more than half / the whole year's target, by how a street did. */
const BANDS: Record<Level, [number, number, number, number]> = {
  high: [0.01, 0.02, 0.04, 0.93],
  mid: [0.08, 0.14, 0.22, 0.56],
  low: [0.16, 0.26, 0.26, 0.32],
};

/** Days the houses were closed (public holidays): month-day ranges. */
const HOLIDAYS: [string, string][] = [
  ['01-01', '01-03'],
  ['02-15', '02-23'],
  ['04-04', '04-06'],
  ['05-01', '05-05'],
  ['06-19', '06-21'],
  ['09-25', '09-27'],
  ['10-01', '10-08'],
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_BOY = '子宇浩然轩睿博文俊杰泽晨皓宸铭辰景逸煜瑞航昊霖彦昕天乐安言佑朗旭';
const GIVEN_GIRL = '梓涵欣怡诗雨可馨若汐语桐佳悦思琪一诺嘉依晴沐瑶心妍芷萱雅婉清禾';
const GIVEN_ADULT = '丽娟敏静燕芳婷慧颖倩琳雪洁晶秀莉蕾霞红艳萍琴华英玲';
const GIVEN_MAN = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆';

/** A small seeded generator (mulberry32): the same sequence on every start. */
class Rand {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[] | string): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
  /** A date between two dates, inclusive. */
  date(from: LocalDate, to: LocalDate): LocalDate {
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    return plusDays(from, this.int(0, Math.max(0, days)));
  }
  band(level: Level): number {
    const w = BANDS[level];
    let x = this.next();
    for (let i = 0; i < w.length; i++) {
      if (x < w[i]) return i;
      x -= w[i];
    }
    return w.length - 1;
  }
}

/** The district's midnight of each date, computed once per date (thousands of rows share a few hundred dates). */
const midnights = new Map<LocalDate, number>();
const at = (date: LocalDate, minutes: number) => {
  if (!midnights.has(date)) midnights.set(date, districtInstant(date, '00:00').getTime());
  return new Date(midnights.get(date)! + minutes * 60_000);
};
const atTime = (date: LocalDate, hhmm: string) => at(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)));
/** `addDays` for the hot loops: plain calendar arithmetic on UTC dates. */
const plusDays = (date: LocalDate, days: number): LocalDate => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
const plusMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const twoChars = (r: Rand, chars: string) => r.pick<string>(chars) + (r.chance(0.75) ? r.pick<string>(chars) : '');

interface Family extends InsertedFamily {
  street: StreetCode;
  streetId: string;
  acceptedOn: LocalDate;
}

/** Seeds the year up to yesterday; run once after the rest of the demo (it needs its houses, people and schedules). */
export async function seedDemoHistory(db: Kysely<DB>, cipher: FieldCipher, files: FileStore, now: Date): Promise<void> {
  const today = localDateOf(now);
  const year = Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const last = addDays(today, -1);
  if (last < from) return; // the year has not begun: nothing to remember yet
  const r = new Rand(20260101 + year);
  await db.transaction().execute(async (trx) => {
    const streets = new Map((await trx.selectFrom('street').select(['id', 'code']).execute()).map((s) => [s.code as StreetCode, s.id]));
    const families = await seedFamilies(trx, cipher, files, r, streets, from, today, now);
    const policy = await policyOn(trx, today);
    await seedCare(trx, cipher, r, families, from, last, today, policy['care.freeSessionsPerYear']);
    await seedGuidanceYear(trx, r, families, from, now);
    await seedNewbornYear(trx, cipher, r, streets, from, last, today, now);
  });
}

async function seedFamilies(
  trx: Trx,
  cipher: FieldCipher,
  files: FileStore,
  r: Rand,
  streets: Map<StreetCode, string>,
  from: LocalDate,
  today: LocalDate,
  now: Date,
): Promise<Family[]> {
  const year = Number(from.slice(0, 4));
  const plans: { fam: DemoFamily; street: StreetCode; acceptedOn: LocalDate }[] = [];
  let k = 0;
  for (const [street, p] of Object.entries(STREETS) as [StreetCode, (typeof STREETS)[StreetCode]][]) {
    for (let i = 0; i < p.families; i++, k++) {
      const surname = r.pick<string>(SURNAMES);
      const mother = r.pick<string>(SURNAMES) + twoChars(r, GIVEN_ADULT);
      const father = surname + twoChars(r, GIVEN_MAN);
      // Most children are 1–3 all year; some turned three during it, some turned one.
      const x = r.next();
      const birth =
        x < 0.1
          ? r.date(`${year - 3}-03-01`, `${year - 3}-11-30`)
          : x < 0.9
            ? r.date(`${year - 3}-12-10`, `${year - 1}-01-01`)
            : r.date(`${year - 1}-01-02`, `${year - 1}-09-30`);
      const sex = r.chance(0.5) ? 'male' : 'female';
      // Registered and accepted before the child turned three (R1), mostly last year.
      const drawn = r.chance(0.7) ? r.date(`${year - 1}-03-01`, `${year - 1}-12-20`) : r.date(`${year}-01-05`, addDays(today, -30));
      const latest = addDays(addMonths(birth, 36), -45);
      const accepted = drawn < latest ? drawn : r.date(addMonths(birth, 14), latest);
      const children: DemoFamily['children'] = [
        {
          name: surname + twoChars(r, sex === 'male' ? GIVEN_BOY : GIVEN_GIRL),
          sex,
          birthDate: birth,
          allergies: r.chance(0.08) ? r.pick(['鸡蛋过敏', '牛奶蛋白过敏', '花生过敏', '尘螨过敏']) : undefined,
          examDate: r.date(addDays(today, -80), addDays(today, -5)),
        },
      ];
      // Some have a baby too (a family with need for guidance, not yet for care).
      if (r.chance(0.12)) {
        const babySex = r.chance(0.5) ? 'male' : 'female';
        children.push({
          name: surname + twoChars(r, babySex === 'male' ? GIVEN_BOY : GIVEN_GIRL),
          sex: babySex,
          birthDate: r.date(`${year}-01-01`, addDays(today, -60)),
        });
      }
      const road = r.pick(p.roads);
      plans.push({
        street,
        acceptedOn: accepted,
        fam: {
          phone: `1380000${2000 + k}`,
          guardian: mother,
          guardianBirth: r.date('1986-01-01', '1997-12-31'),
          street,
          address: `虹口区${road} ${r.int(10, 1800)} 弄 ${r.int(1, 40)} 号`,
          status: 'accepted',
          agreement: true,
          acceptedAt: at(accepted, r.int(9 * 60, 17 * 60)),
          children,
          pickups: [
            [father, '父亲', `1380000${3000 + 2 * k}`],
            [r.pick(SURNAMES) + twoChars(r, GIVEN_ADULT), r.pick(['外婆', '奶奶']), `1380000${3001 + 2 * k}`],
          ],
        },
      });
    }
  }
  const inserted = await insertDemoFamilies(
    trx,
    cipher,
    files,
    (code) => streets.get(code as StreetCode)!,
    now,
    plans.map((p) => p.fam),
    300,
  );
  return inserted.map((f, i) => ({
    ...f,
    street: plans[i].street,
    streetId: streets.get(plans[i].street)!,
    acceptedOn: plans[i].acceptedOn,
  }));
}

interface PastSession {
  id: string;
  houseId: string;
  date: LocalDate;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  priceFen: number;
  carers: string[];
  taken: number;
}

/** The year's past sessions of every operating house, from its weekly schedule, with its usual roster. */
async function seedSessions(trx: Trx, from: LocalDate, last: LocalDate, today: LocalDate) {
  const year = from.slice(0, 4);
  const holidays = HOLIDAYS.map(([a, b]) => [`${year}-${a}`, `${year}-${b}`]);
  const houses = await trx
    .selectFrom('house')
    .select(['id', 'street_id', 'hourly_price_fen', 'approved_places'])
    .where('status', '=', 'active')
    .orderBy('approved_places', 'desc')
    .orderBy('name')
    .execute();
  const templates = await trx
    .selectFrom('schedule_template')
    .selectAll()
    .where('active', '=', true)
    .where(
      'house_id',
      'in',
      houses.map((h) => h.id),
    )
    .execute();
  const carers = await trx.selectFrom('template_carer').select(['template_id', 'user_id']).execute();
  const closures = await trx.selectFrom('house_closure').select(['house_id', 'from_date', 'to_date']).execute();
  // The capacity the server worked out for each weekly slot (its next session's, computed by generateSessions).
  const capacities = new Map(
    (
      await sql<{ template_id: string; capacity: number; capacity_binding: string }>`
        SELECT DISTINCT ON (template_id) template_id, capacity, capacity_binding FROM care_session
        WHERE template_id IS NOT NULL AND date >= ${today} AND status = 'scheduled' ORDER BY template_id, date`.execute(trx)
    ).rows.map((c) => [c.template_id, c]),
  );
  const rows = [];
  const sessions: PastSession[] = [];
  for (let date = from; date <= last; date = plusDays(date, 1)) {
    if (holidays.some(([a, b]) => a <= date && date <= b)) continue;
    const weekday = isoWeekday(date);
    for (const t of templates.filter((x) => x.weekday === weekday)) {
      const house = houses.find((h) => h.id === t.house_id)!;
      if (closures.some((c) => c.house_id === house.id && c.from_date <= date && date <= c.to_date)) continue;
      const cap = capacities.get(t.id);
      const startsAt = atTime(date, t.start_time);
      const endsAt = atTime(date, t.end_time);
      const id = crypto.randomUUID();
      const created = new Date(startsAt.getTime() - 28 * 86_400_000);
      rows.push({
        id,
        house_id: house.id,
        room_id: t.room_id,
        template_id: t.id,
        date,
        starts_at: startsAt,
        ends_at: endsAt,
        service_type: t.service_type,
        offered_capacity: t.offered_capacity,
        capacity: cap?.capacity ?? t.offered_capacity,
        capacity_binding: cap?.capacity_binding ?? 'offered',
        created_at: created,
        updated_at: created,
      });
      sessions.push({
        id,
        houseId: house.id,
        date,
        startsAt,
        endsAt,
        capacity: cap?.capacity ?? t.offered_capacity,
        priceFen: sessionPriceFen(house.hourly_price_fen, startsAt, endsAt),
        carers: carers.filter((c) => c.template_id === t.id).map((c) => c.user_id),
        taken: 0,
      });
    }
  }
  for (const chunk of chunks(rows, 1000)) await trx.insertInto('care_session').values(chunk).execute();
  // The usual roster of each slot (one statement: the roster's trigger gives each row its session's time range).
  await sql`
    INSERT INTO session_carer (session_id, user_id, created_at)
    SELECT s.id, tc.user_id, s.created_at FROM care_session s JOIN template_carer tc ON tc.template_id = s.template_id
    WHERE s.date BETWEEN ${from} AND ${last} AND s.house_id IN (${sql.join(houses.map((h) => h.id))})`.execute(trx);
  return { houses, sessions };
}

/** The year's care: each child booked free sessions (paid ones once the year's free sessions were used) and came. */
async function seedCare(
  trx: Trx,
  cipher: FieldCipher,
  r: Rand,
  families: Family[],
  from: LocalDate,
  last: LocalDate,
  today: LocalDate,
  freePerYear: number,
) {
  const year = Number(from.slice(0, 4));
  const { houses, sessions } = await seedSessions(trx, from, last, today);
  const byHouseDate = new Map<string, Map<LocalDate, PastSession[]>>();
  for (const s of sessions) {
    const dates = byHouseDate.get(s.houseId) ?? new Map<LocalDate, PastSession[]>();
    byHouseDate.set(s.houseId, dates);
    dates.set(s.date, [...(dates.get(s.date) ?? []), s]);
  }
  const bookings = [];
  const ledger: Insertable<DB['entitlement_entry']>[] = [];
  const attendance = [];
  const fine = ['精神好', '精神好,咽部无红肿', '情绪稳定', '精神好,手口无异常'];
  for (const f of families) {
    const streetHouses = houses.filter((h) => h.street_id === f.streetId && byHouseDate.has(h.id));
    if (!streetHouses.length) continue;
    const level = STREETS[f.street].care;
    for (const c of f.children) {
      const start = [from, addDays(f.acceptedOn, 1), addMonths(c.birthDate, 12)].sort().at(-1)!;
      const end = [last, addDays(addMonths(c.birthDate, 36), -1)].sort()[0];
      if (start > end) continue;
      const band = r.band(level);
      const wanted = [0, r.int(1, 5), r.int(6, 11), r.int(freePerYear, freePerYear + 8)][band];
      if (!wanted) continue;
      // Mostly at the street's larger house; the days spread through the child's months in the band.
      const house = streetHouses.length > 1 && r.chance(0.3) ? streetHouses[1] : streetHouses[0];
      const dates = r.shuffle([...byHouseDate.get(house.id)!.keys()].filter((d) => d >= start && d <= end));
      const missed = level === 'high' ? 0.04 : 0.1;
      const tries = Math.round(wanted * 1.5) + 4;
      const chosen: PastSession[] = [];
      for (const d of dates) {
        if (chosen.length >= tries) break;
        const open = byHouseDate
          .get(house.id)!
          .get(d)!
          .filter((s) => s.taken < s.capacity);
        if (open.length) chosen.push(r.pick(open));
      }
      chosen.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      let remaining = freePerYear;
      let came = 0;
      let noShows = 0;
      for (const s of chosen) {
        if (came >= wanted) break;
        const x = r.next();
        // A child who used the whole year's free sessions missed none of them (a no-show uses one up).
        const mayMiss = band < 3 || remaining === 0;
        const outcome =
          x < 0.08 ? 'cancelled' : mayMiss && x < 0.08 + missed && noShows < 2 ? 'noShow' : mayMiss && x > 0.985 ? 'refused' : 'came';
        const free = remaining > 0;
        const id = crypto.randomUUID();
        const cancelledAt = plusMinutes(s.startsAt, -r.int(3 * 60, 40 * 60));
        const createdAt =
          outcome === 'cancelled'
            ? plusMinutes(cancelledAt, -r.int(12 * 60, 96 * 60))
            : plusMinutes(s.startsAt, -r.int(18 * 60, 6 * 24 * 60));
        bookings.push({
          id,
          session_id: s.id,
          child_id: c.id,
          family_id: f.id,
          status: outcome === 'cancelled' ? ('cancelled' as const) : outcome === 'noShow' ? ('no_show' as const) : ('confirmed' as const),
          during: sql<string>`tstzrange(${s.startsAt}, ${s.endsAt}, '[)')`,
          free,
          price_fen: free ? 0 : s.priceFen,
          created_by: f.guardianUserId,
          created_at: createdAt,
          confirmed_at: createdAt,
          cancelled_at: outcome === 'cancelled' ? cancelledAt : null,
          cancelled_by: outcome === 'cancelled' ? f.guardianUserId : null,
          no_show_at: outcome === 'noShow' ? plusMinutes(s.startsAt, 30) : null,
          updated_at: outcome === 'cancelled' ? cancelledAt : outcome === 'noShow' ? plusMinutes(s.startsAt, 30) : s.endsAt,
        });
        if (free) {
          remaining--;
          ledger.push({ child_id: c.id, year, booking_id: id, amount: -1, reason: 'booking' as const, created_at: createdAt });
          // Cancelled hours ahead (well before the deadline): the free session came back.
          if (outcome === 'cancelled') {
            remaining++;
            ledger.push({ child_id: c.id, year, booking_id: id, amount: 1, reason: 'cancellation' as const, created_at: cancelledAt });
          }
        }
        if (outcome === 'cancelled') continue;
        if (outcome === 'noShow') {
          noShows++;
          s.taken++;
          continue;
        }
        s.taken++;
        const carer = r.pick(s.carers.length ? s.carers : [f.guardianUserId]);
        const inAt = plusMinutes(s.startsAt, r.int(0, 15));
        const admitted = outcome === 'came';
        if (admitted) came++;
        attendance.push({
          booking_id: id,
          session_id: s.id,
          child_id: c.id,
          admitted,
          health_enc: cipher.encrypt(
            JSON.stringify(
              admitted
                ? { temperature: r.pick([36.4, 36.5, 36.6, 36.7, 36.8]), observations: r.pick(fine), refusalReason: null }
                : {
                    temperature: r.pick([37.5, 37.8, 38.1]),
                    observations: '体温偏高,精神欠佳',
                    refusalReason: '晨检体温偏高,建议回家观察',
                  },
            ),
          ),
          brought_by: r.chance(0.6) ? f.guardianName : r.chance(0.5) ? '父亲' : '外婆',
          checked_in_at: inAt,
          checked_in_by: carer,
          checked_out_at: admitted ? plusMinutes(s.endsAt, -r.int(0, 20)) : null,
          checked_out_by: admitted ? carer : null,
          picked_up_by: admitted ? f.guardianName : null,
          pickup_method: admitted ? r.pick(['code', 'list'] as const) : null,
        });
      }
    }
  }
  for (const chunk of chunks(bookings, 1000)) await trx.insertInto('booking').values(chunk).execute();
  for (const chunk of chunks(ledger, 2000)) await trx.insertInto('entitlement_entry').values(chunk).execute();
  for (const chunk of chunks(attendance, 1000)) await trx.insertInto('attendance').values(chunk).execute();
}

/** The year's guidance: the weekly programme before the demo's own month of events, and who attended each. */
async function seedGuidanceYear(trx: Trx, r: Rand, families: Family[], from: LocalDate, now: Date) {
  const year = Number(from.slice(0, 4));
  const org = await demoOrganisers(trx);
  const first = await trx
    .selectFrom('guidance_event')
    .select((eb) => eb.fn.min('date').as('d'))
    .executeTakeFirst();
  const until = first?.d ? String(first.d) : localDateOf(now);
  const holidays = HOLIDAYS.map(([a, b]) => [`${year}-${a}`, `${year}-${b}`]);
  const rows = [];
  let n = 500;
  for (let monday = addDays(from, (8 - isoWeekday(from)) % 7); monday < until; monday = addDays(monday, 7)) {
    for (const plan of WEEK) {
      const date = addDays(monday, plan.weekday - 1);
      if (date >= until || holidays.some(([a, b]) => a <= date && date <= b)) continue;
      const row = demoEventRow(org, plan, date, n++, new Date(atTime(date, plan.start).getTime() - 21 * 86_400_000));
      if (row) rows.push(row);
    }
  }
  for (const chunk of chunks(rows, 500)) await trx.insertInto('guidance_event').values(chunk).execute();
  // Every past event of the year (the demo's own month too), with the seats and door codes already taken.
  const events = (
    await sql<{
      id: string;
      date: string;
      starts_at: Date;
      seats: number;
      min_age_months: number;
      max_age_months: number;
      created_by: string;
      taken: number;
      codes: string[] | null;
    }>`
      SELECT e.id, to_char(e.date, 'YYYY-MM-DD') AS date, e.starts_at, e.seats, e.min_age_months, e.max_age_months, e.created_by,
        count(g.id)::int AS taken, array_agg(g.door_code) FILTER (WHERE g.id IS NOT NULL) AS codes
      FROM guidance_event e
      LEFT JOIN guidance_enrolment g ON g.event_id = e.id AND g.status IN ('confirmed', 'waitlisted', 'offered')
      WHERE e.status = 'published' AND e.starts_at < ${now} AND e.date >= ${from}
      GROUP BY e.id ORDER BY e.starts_at`.execute(trx)
  ).rows.map((e) => ({ ...e, starts_at: new Date(e.starts_at), codes: new Set(e.codes ?? []) }));
  const enrolments = [];
  for (const f of families) {
    const band = r.band(STREETS[f.street].guidance);
    const wanted = [0, r.int(1, 4), r.int(5, 9), r.int(10, 16)][band];
    if (!wanted) continue;
    // An event fits when one of the family's children is of its ages that day.
    const ages = new Map<string, [LocalDate, LocalDate][]>();
    const agesFor = (min: number, max: number) => {
      const key = `${min}-${max}`;
      if (!ages.has(key))
        ages.set(
          key,
          f.children.map((c) => [addMonths(c.birthDate, min), addMonths(c.birthDate, max + 1)]),
        );
      return ages.get(key)!;
    };
    const fits = (e: (typeof events)[number]) =>
      e.date > f.acceptedOn && agesFor(e.min_age_months, e.max_age_months).some(([a, b]) => e.date >= a && e.date < b);
    const pool = r.shuffle(events.filter((e) => e.taken < e.seats && fits(e)));
    let came = 0;
    for (const e of pool) {
      if (came >= wanted) break;
      const x = r.next();
      const status = x < 0.06 ? 'cancelled' : 'confirmed';
      const attended = status === 'confirmed' && x > 0.14;
      let code = String(r.int(100000, 999999));
      while (e.codes.has(code)) code = String(r.int(100000, 999999));
      const createdAt = plusMinutes(e.starts_at, -r.int(24 * 60, 10 * 24 * 60));
      if (status === 'confirmed') {
        e.codes.add(code);
        e.taken++;
      }
      if (attended) came++;
      enrolments.push({
        event_id: e.id,
        family_id: f.id,
        status: status as 'cancelled' | 'confirmed',
        door_code: code,
        attended_at: attended ? plusMinutes(e.starts_at, r.int(-10, 10)) : null,
        attended_by: attended ? e.created_by : null,
        attendance_method: attended ? r.pick(['code', 'list'] as const) : null,
        created_by: f.guardianUserId,
        created_at: createdAt,
        cancelled_at: status === 'cancelled' ? plusMinutes(e.starts_at, -r.int(2 * 60, 20 * 60)) : null,
        updated_at: e.starts_at,
      });
    }
  }
  for (const chunk of chunks(enrolments, 1000)) await trx.insertInto('guidance_enrolment').values(chunk).execute();
}

/** The year's newborns on each street's register (the health system's list) and their home visits. */
async function seedNewbornYear(
  trx: Trx,
  cipher: FieldCipher,
  r: Rand,
  streets: Map<StreetCode, string>,
  from: LocalDate,
  last: LocalDate,
  today: LocalDate,
  now: Date,
) {
  const year = Number(from.slice(0, 4));
  const population = (
    await sql<{ street_id: string; newborns: number }>`
      SELECT DISTINCT ON (street_id) street_id, newborns FROM street_population
      WHERE year = ${year} AND recorded_at <= ${now} ORDER BY street_id, recorded_at DESC, id DESC`.execute(trx)
  ).rows;
  const registered = await trx
    .selectFrom('newborn')
    .select(['street_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('birth_date', '>=', from)
    .groupBy('street_id')
    .execute();
  const staff = await trx
    .selectFrom('app_user as u')
    .innerJoin('house as h', 'h.id', 'u.house_id')
    .select(['u.id', 'u.role', 'h.street_id'])
    .where('u.role', 'in', ['carer', 'health_staff'])
    .where('u.status', '=', 'active')
    .orderBy('u.username')
    .execute();
  const admins = await trx.selectFrom('app_user').select(['id', 'street_id']).where('role', '=', 'street_admin').execute();
  const shareSoFar = (Date.parse(last) - Date.parse(from)) / 86_400_000 / 365;
  const babies: Insertable<NewbornTable>[] = [];
  const visits: { baby: number; days: number; state: 'confirmed' | 'awaiting' | 'scheduled' }[] = [];
  let k = 0;
  for (const [code, streetId] of streets) {
    const plan = STREETS[code];
    const figure = population.find((p) => p.street_id === streetId)?.newborns ?? 0;
    const already = Number(registered.find((x) => x.street_id === streetId)?.n ?? 0);
    const count = Math.max(0, Math.round(figure * shareSoFar) - already);
    // The visitors: the street's health staff and carers (四川北路's 指导师 keeps only the demo's own families).
    const visitors = staff.filter((s) => s.street_id === streetId).map((s) => s.id);
    const admin = admins.find((a) => a.street_id === streetId)?.id;
    if (!admin) continue;
    for (let i = 0; i < count; i++, k++) {
      const birth = r.date(from, addDays(last, -2));
      const days = Math.round((Date.parse(today) - Date.parse(birth)) / 86_400_000);
      const sex = r.chance(0.51) ? 'male' : 'female';
      const surname = r.pick<string>(SURNAMES);
      const phone = `1390000${String(1000 + k).padStart(4, '0')}`;
      const listedAt = new Date(Math.min(now.getTime(), at(plusDays(birth, r.int(3, 10)), r.int(9 * 60, 17 * 60)).getTime()));
      // Overdue: past the visit's 60 days with none recorded (a share of the older babies in some streets).
      const overdue = days > 60 && r.chance(plan.overdueShare);
      const assigned = visitors.length && !(overdue && r.chance(0.5)) && (days > 14 || r.chance(0.5));
      babies.push({
        street_id: streetId,
        child_name: surname + twoChars(r, sex === 'male' ? GIVEN_BOY : GIVEN_GIRL),
        sex: sex as 'male' | 'female',
        birth_date: birth,
        guardian_name: r.pick<string>(SURNAMES) + twoChars(r, GIVEN_ADULT),
        phone_enc: cipher.encrypt(phone),
        phone_hash: cipher.searchHash(phone),
        address_enc: cipher.encrypt(`虹口区${r.pick(plan.roads)} ${r.int(10, 1800)} 弄 ${r.int(1, 40)} 号`),
        source: 'import' as const,
        visitor_user_id: assigned ? r.pick(visitors) : null,
        created_by: admin,
        created_at: listedAt,
        updated_at: listedAt,
      });
      if (!assigned || overdue) continue;
      const x = r.next();
      const state =
        days > 60
          ? x < 0.96
            ? 'confirmed'
            : 'awaiting'
          : days > 35
            ? x < 0.55
              ? 'confirmed'
              : x < 0.75
                ? 'awaiting'
                : 'scheduled'
            : days > 14 && x < 0.6
              ? 'scheduled'
              : null;
      if (state) visits.push({ baby: babies.length - 1, days, state });
    }
  }
  const ids: string[] = [];
  for (const chunk of chunks(babies, 1000))
    ids.push(...(await trx.insertInto('newborn').values(chunk).returning('id').execute()).map((x) => x.id));
  const topics = ['feeding', 'sleep', 'illness', 'language', 'movement', 'emotion'];
  const rows = visits.map((v) => {
    const b = babies[v.baby];
    if (v.state === 'scheduled') {
      const when = at(addDays(today, r.int(1, 10)), r.pick([10 * 60, 14 * 60 + 30]));
      return {
        newborn_id: ids[v.baby],
        visitor_user_id: b.visitor_user_id!,
        status: 'scheduled' as const,
        scheduled_at: when,
        created_at: now,
        updated_at: now,
      };
    }
    const visitedOn = plusDays(b.birth_date, r.int(14, Math.min(50, v.days - 1)));
    const recorded = at(visitedOn, r.int(12 * 60, 18 * 60));
    const confirmed =
      v.state === 'confirmed' ? new Date(Math.min(now.getTime(), plusMinutes(recorded, r.int(60, 3 * 24 * 60)).getTime())) : null;
    const picked = r.shuffle([...topics]).slice(0, r.int(2, 3));
    return {
      newborn_id: ids[v.baby],
      visitor_user_id: b.visitor_user_id!,
      status: 'done' as const,
      scheduled_at: at(visitedOn, 10 * 60),
      visited_on: visitedOn,
      duration_minutes: r.pick([40, 45, 50, 60]),
      met: r.pick(['母亲', '母亲、外婆', '父母', '母亲、奶奶']),
      topics: picked,
      observations: r.pick([
        '母乳喂养为主,睡眠规律,家庭照护得当。',
        '混合喂养,体重增长良好,家中环境整洁。',
        '宝宝精神好,母亲产后恢复良好。',
      ]),
      advice: r.pick(['按需喂养,注意补充维生素D。', '建立固定的睡前程序,注意室内通风。', '多与宝宝说话、抚触,按时接种疫苗。']),
      referral: 'none' as const,
      recorded_at: recorded,
      family_confirmed_at: confirmed,
      created_at: at(visitedOn, 9 * 60),
      updated_at: confirmed ?? recorded,
    };
  });
  for (const chunk of chunks(rows, 1000)) await trx.insertInto('home_visit').values(chunk).execute();
}
