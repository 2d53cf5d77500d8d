// Demo parenting guidance for Hongkou (issue 11): the district early-education centre, two kindergartens'
// early-education points and a community health centre, each with a 指导师 account; a month of past events the demo
// families attended (their year's progress is not empty) and four weeks of coming events, some of them enrolled.
// Invented names, addresses and links.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, GuidanceEventTable, GuidanceProviderKind, OpeningHours } from '../schema.ts';
import { addDays, districtInstant, localDateOf, type Clock } from '../../domain/time.ts';
import { enrol } from '../../server/modules/guidance/engine.ts';
import type { StreetCode } from './streets.ts';

interface DemoProvider {
  key: string;
  kind: GuidanceProviderKind;
  name: string;
  street: StreetCode;
  address: string;
  phone: string;
}

export const DEMO_PROVIDERS: DemoProvider[] = [
  {
    key: 'zjzx',
    kind: 'early_education_centre',
    name: '虹口区早期教育指导中心',
    street: 'oyl',
    address: '虹口区欧阳路 218 号',
    phone: '021-65550101',
  },
  {
    key: 'yey1',
    kind: 'kindergarten_point',
    name: '虹口区实验幼儿园早教点',
    street: 'scbl',
    address: '虹口区多伦路 86 号',
    phone: '021-65550202',
  },
  {
    key: 'yey2',
    kind: 'kindergarten_point',
    name: '虹口区北外滩幼儿园早教点',
    street: 'bwt',
    address: '虹口区东长治路 505 号',
    phone: '021-65550303',
  },
  {
    key: 'wsfw',
    kind: 'health_centre',
    name: '四川北路街道社区卫生服务中心',
    street: 'scbl',
    address: '虹口区四川北路 1788 号',
    phone: '021-65550404',
  },
];

const WEEKDAYS: OpeningHours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:30', close: '17:00' }));

/** The providers, before the accounts (a 指导师 names hers); returns their ids by key. */
export async function seedDemoProviders(trx: Transaction<DB>, streetId: (code: StreetCode) => string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const p of DEMO_PROVIDERS) {
    const row = await trx
      .insertInto('guidance_provider')
      .values({
        kind: p.kind,
        name: p.name,
        street_id: streetId(p.street),
        address: p.address,
        phone: p.phone,
        opening_hours: JSON.stringify(WEEKDAYS),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(p.key, row.id);
  }
  return ids;
}

export interface EventPlan {
  organiser: string; // a provider key, or 'house' for 四川北路's 宝宝屋
  title: string;
  topic: string;
  leader: string;
  ages: [number, number];
  mode: 'offline' | 'online';
  place: string | null;
  start: string;
  end: string;
  seats: number;
  childComes: boolean;
}

/** One week's programme; repeated over the weeks with the week's own dates (and through the year by demoHistory). */
export const WEEK: (EventPlan & { weekday: number })[] = [
  {
    weekday: 1,
    organiser: 'zjzx',
    title: '1–3岁幼儿营养与辅食',
    topic: 'feeding',
    leader: '顾晓雯',
    ages: [12, 36],
    mode: 'offline',
    place: '中心二楼多功能厅',
    start: '09:30',
    end: '10:30',
    seats: 30,
    childComes: false,
  },
  {
    weekday: 2,
    organiser: 'wsfw',
    title: '秋冬季幼儿常见病预防',
    topic: 'illness',
    leader: '陆医生',
    ages: [0, 36],
    mode: 'online',
    place: null,
    start: '19:30',
    end: '20:30',
    seats: 200,
    childComes: false,
  },
  {
    weekday: 3,
    organiser: 'yey1',
    title: '亲子绘本共读:学说话',
    topic: 'language',
    leader: '沈老师',
    ages: [18, 36],
    mode: 'offline',
    place: '早教点绘本室',
    start: '10:00',
    end: '11:00',
    seats: 12,
    childComes: true,
  },
  {
    weekday: 4,
    organiser: 'house',
    title: '宝宝屋开放日:大运动游戏',
    topic: 'movement',
    leader: '林婉清',
    ages: [12, 36],
    mode: 'offline',
    place: '阳光活动室',
    start: '15:00',
    end: '16:00',
    seats: 10,
    childComes: true,
  },
  {
    weekday: 5,
    organiser: 'yey2',
    title: '入园前的情绪准备',
    topic: 'emotion',
    leader: '蒋老师',
    ages: [24, 36],
    mode: 'offline',
    place: '早教点活动室',
    start: '09:30',
    end: '10:30',
    seats: 15,
    childComes: false,
  },
  {
    weekday: 6,
    organiser: 'zjzx',
    title: '规律作息与睡眠引导',
    topic: 'sleep',
    leader: '顾晓雯',
    ages: [0, 36],
    mode: 'online',
    place: null,
    start: '10:00',
    end: '11:00',
    seats: 300,
    childComes: false,
  },
];

/** Mondays from four weeks before `today` to four weeks after. */
function mondays(today: string): string[] {
  const weekday = new Date(`${today}T12:00:00+08:00`).getUTCDay() || 7;
  const thisMonday = addDays(today, 1 - weekday);
  return [-4, -3, -2, -1, 0, 1, 2, 3].map((w) => addDays(thisMonday, w * 7));
}

/** Who runs the demo's events: the providers by key with their 指导师, and 四川北路's 宝宝屋 with its manager. */
export async function demoOrganisers(db: Kysely<DB> | Transaction<DB>) {
  const providers = new Map(
    (await db.selectFrom('guidance_provider').select(['id', 'name', 'street_id']).execute()).map((p) => [
      DEMO_PROVIDERS.find((d) => d.name === p.name)?.key ?? p.id,
      p,
    ]),
  );
  const guides = new Map(
    (await db.selectFrom('app_user').select(['id', 'provider_id']).where('role', '=', 'guidance_provider').execute()).map((u) => [
      u.provider_id,
      u.id,
    ]),
  );
  const house = await db
    .selectFrom('house as h')
    .innerJoin('app_user as u', (j) => j.onRef('u.house_id', '=', 'h.id').on('u.role', '=', 'house_manager'))
    .select(['h.id', 'h.street_id', 'u.id as manager_id'])
    .where('u.username', '=', 'manager.scbl')
    .executeTakeFirst();
  return { providers, guides, house };
}

/** The row of one event of the programme on `date` (null when its organiser is not in the database). */
export function demoEventRow(
  org: Awaited<ReturnType<typeof demoOrganisers>>,
  plan: EventPlan,
  date: string,
  n: number,
  createdAt: Date,
): Insertable<GuidanceEventTable> | null {
  const p = plan.organiser === 'house' ? null : org.providers.get(plan.organiser);
  if (!p && !org.house) return null;
  const createdBy = p ? org.guides.get(p.id) : org.house?.manager_id;
  if (!createdBy) return null;
  return {
    provider_id: p?.id ?? null,
    house_id: p ? null : org.house!.id,
    street_id: p ? p.street_id : org.house!.street_id,
    title: plan.title,
    topic: plan.topic,
    min_age_months: plan.ages[0],
    max_age_months: plan.ages[1],
    leader: plan.leader,
    description: '面向辖区1–3岁幼儿家庭的免费育儿指导,教养医结合,欢迎报名。',
    mode: plan.mode,
    place: plan.place,
    meeting_url: plan.mode === 'online' ? `https://meeting.example.cn/hk/${100200 + n}` : null,
    date,
    starts_at: districtInstant(date, plan.start),
    ends_at: districtInstant(date, plan.end),
    seats: plan.seats,
    child_comes: plan.childComes,
    created_by: createdBy,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

/** The events, the past ones attended by the accepted demo families, the coming ones with a few enrolments. */
export async function seedDemoGuidance(db: Kysely<DB>, now: Date): Promise<void> {
  const clock: Clock = { now: () => now };
  const org = await demoOrganisers(db);
  const families = await db
    .selectFrom('family as f')
    .select(['f.id', 'f.guardian_user_id'])
    .where('f.status', '=', 'accepted')
    .orderBy('f.created_at')
    .execute();
  const today = localDateOf(now);
  let n = 0;
  for (const monday of mondays(today)) {
    for (const plan of WEEK) {
      const date = addDays(monday, plan.weekday - 1);
      const startsAt = districtInstant(date, plan.start);
      const row = demoEventRow(org, plan, date, n, new Date(now.getTime() - 40 * 86_400_000));
      if (!row) continue;
      const createdBy = row.created_by;
      const past = startsAt <= now;
      const event = await db.insertInto('guidance_event').values(row).returning('id').executeTakeFirstOrThrow();
      n++;
      if (past) {
        // Each past event had some of the families; most of them came.
        for (const [i, f] of families.entries()) {
          if ((i + n) % 3 === 0) continue;
          const attended = (i + n) % 5 !== 0;
          await db
            .insertInto('guidance_enrolment')
            .values({
              event_id: event.id,
              family_id: f.id,
              status: 'confirmed',
              door_code: String(100000 + ((n * 37 + i * 101) % 900000)).slice(0, 6),
              attended_at: attended ? new Date(startsAt.getTime() + 5 * 60_000) : null,
              attended_by: attended ? createdBy : null,
              attendance_method: attended ? (i % 2 ? 'code' : 'list') : null,
              created_by: f.guardian_user_id,
              created_at: new Date(startsAt.getTime() - 3 * 86_400_000),
              updated_at: startsAt,
            })
            .execute();
        }
      } else if (date <= addDays(today, 14)) {
        // The coming fortnight: a few families have enrolled already (the demo guardian in every other event).
        for (const [i, f] of families.entries()) {
          if ((i + n) % 2 !== 0) continue;
          await enrol(db, clock, {
            eventId: event.id,
            actor: {
              id: f.guardian_user_id,
              role: 'guardian',
              displayName: '',
              streetId: null,
              houseId: null,
              department: null,
              providerId: null,
              sessionId: '',
            },
            idempotencyKey: null,
            source: { actor: { id: f.guardian_user_id, role: 'guardian' } },
          }).catch(() => undefined); // no child of the event's age: that family simply is not enrolled
        }
      }
    }
  }
}
