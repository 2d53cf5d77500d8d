// The Hongkou demo: believable houses, rooms and an account for every role (DOMAIN.md §1). No real person's data:
// names are invented, phone numbers are in the reserved 138-0000 range, addresses are only streets and numbers, no people.
import type { Kysely } from 'kysely';
import type { DB, Department, Facilities, OpeningHours, Role } from '../schema.ts';
import type { StreetCode } from './streets.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import type { FieldCipher } from '../../server/crypto.ts';
import type { FileStore } from '../../server/files.ts';
import { seedDemoStaff } from './demoStaff.ts';
import { seedDemoFamilies } from './demoFamilies.ts';
import { seedDemoProviders } from './demoGuidance.ts';

export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_GUARDIAN_PHONE = '13800000001';

const WEEKDAYS: OpeningHours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:30', close: '17:00' }));
const WEEKDAYS_AND_SATURDAY: OpeningHours[] = [...WEEKDAYS, { weekday: 6, open: '09:00', close: '12:00' }];
const FULL_FACILITIES: Facilities = {
  drinkingWater: true,
  washroom: true,
  nursingRoom: true,
  ageAppropriateFurniture: true,
  outdoorArea: false,
};

interface DemoHouse {
  key: string;
  street: StreetCode;
  name: string;
  address: string;
  phone: string;
  lat: number;
  lng: number;
  hours: OpeningHours[];
  facilities: Facilities;
  cctvDays: number;
  alarm: boolean;
  insurance: [string, string] | null;
  rooms: [string, number][];
  suspended?: string;
}

export const DEMO_HOUSES: DemoHouse[] = [
  {
    key: 'scbl',
    street: 'scbl',
    name: '四川北路街道‘宝宝屋’',
    address: '虹口区山阴路 128 号 四川北路市民驿站二楼',
    phone: '021-6500-0101',
    lat: 31.2668,
    lng: 121.4842,
    hours: WEEKDAYS_AND_SATURDAY,
    facilities: { ...FULL_FACILITIES, outdoorArea: true },
    cctvDays: 30,
    alarm: true,
    insurance: ['2026-01-01', '2026-12-31'],
    rooms: [
      ['阳光活动室', 62],
      ['绘本角', 36],
    ],
  },
  {
    key: 'duolun',
    street: 'scbl',
    name: '多伦社区‘宝宝屋’',
    address: '虹口区多伦路 216 号 社区党群服务站一楼',
    phone: '021-6500-0102',
    lat: 31.2621,
    lng: 121.4807,
    hours: WEEKDAYS,
    facilities: FULL_FACILITIES,
    cctvDays: 30,
    alarm: true,
    insurance: ['2026-03-01', '2027-02-28'],
    rooms: [['游戏探索室', 45]],
  },
  {
    key: 'bwt',
    street: 'bwt',
    name: '北外滩街道‘宝宝屋’',
    address: '虹口区东长治路 588 号 北外滩党群服务中心一楼',
    phone: '021-6500-0201',
    lat: 31.2527,
    lng: 121.4995,
    hours: WEEKDAYS_AND_SATURDAY,
    facilities: FULL_FACILITIES,
    cctvDays: 90,
    alarm: true,
    insurance: ['2026-01-01', '2026-12-31'],
    rooms: [
      ['滨江活动室', 70],
      ['感统训练室', 40],
    ],
  },
  {
    key: 'jxl',
    street: 'jxl',
    name: '嘉兴路街道‘宝宝屋’',
    address: '虹口区嘉兴路 260 号 嘉兴路市民驿站三楼',
    phone: '021-6500-0301',
    lat: 31.2626,
    lng: 121.4932,
    hours: WEEKDAYS,
    facilities: FULL_FACILITIES,
    cctvDays: 30,
    alarm: true,
    insurance: ['2026-01-01', '2026-12-31'],
    rooms: [['亲子活动室', 54]],
  },
  {
    key: 'oyl',
    street: 'oyl',
    name: '欧阳路街道‘宝宝屋’',
    address: '虹口区欧阳路 218 弄 欧阳路为老服务中心一楼(“一老一小”共享空间)',
    phone: '021-6500-0401',
    lat: 31.2733,
    lng: 121.4873,
    hours: WEEKDAYS,
    facilities: FULL_FACILITIES,
    cctvDays: 15,
    alarm: true,
    insurance: ['2026-01-01', '2026-12-31'],
    rooms: [['彩虹活动室', 48]],
  },
  {
    key: 'gzl',
    street: 'gzl',
    name: '广中路街道‘宝宝屋’',
    address: '虹口区广中路 650 号 社区文化活动中心二楼',
    phone: '021-6500-0501',
    lat: 31.2776,
    lng: 121.4718,
    hours: WEEKDAYS_AND_SATURDAY,
    facilities: FULL_FACILITIES,
    cctvDays: 30,
    alarm: true,
    insurance: ['2026-01-01', '2026-12-31'],
    rooms: [
      ['大活动室', 75],
      ['小活动室', 27],
    ],
  },
  {
    key: 'qyl',
    street: 'qyl',
    name: '曲阳路街道‘宝宝屋’',
    address: '虹口区玉田路 333 号 曲阳路市民驿站一楼',
    phone: '021-6500-0601',
    lat: 31.2851,
    lng: 121.4918,
    hours: WEEKDAYS,
    facilities: FULL_FACILITIES,
    cctvDays: 30,
    alarm: false,
    insurance: ['2025-07-01', '2026-06-30'],
    rooms: [['童趣活动室', 42]],
  },
  {
    key: 'dongti',
    street: 'qyl',
    name: '东体社区‘宝宝屋’',
    address: '虹口区东体育会路 466 号 居民区活动中心一楼',
    phone: '021-6500-0602',
    lat: 31.289,
    lng: 121.4839,
    hours: WEEKDAYS,
    facilities: { ...FULL_FACILITIES, nursingRoom: false },
    cctvDays: 30,
    alarm: true,
    insurance: ['2026-01-01', '2026-12-31'],
    rooms: [['成长活动室', 33]],
  },
  {
    key: 'lcxc',
    street: 'lcxc',
    name: '凉城新村街道‘宝宝屋’',
    address: '虹口区凉城路 818 号 凉城新村市民驿站二楼',
    phone: '021-6500-0701',
    lat: 31.2963,
    lng: 121.4759,
    hours: WEEKDAYS,
    facilities: FULL_FACILITIES,
    cctvDays: 30,
    alarm: true,
    insurance: ['2026-01-01', '2026-12-31'],
    rooms: [['快乐活动室', 58]],
  },
  {
    key: 'jinyuan',
    street: 'lcxc',
    name: '锦苑社区‘宝宝屋’',
    address: '虹口区车站北路 520 弄 锦苑居民区综合服务站',
    phone: '021-6500-0702',
    lat: 31.2991,
    lng: 121.4712,
    hours: WEEKDAYS,
    facilities: FULL_FACILITIES,
    cctvDays: 30,
    alarm: true,
    insurance: ['2026-01-01', '2026-12-31'],
    rooms: [['活动室', 30]],
    suspended: '场地装修改造,预计2027年1月恢复服务',
  },
  {
    key: 'jwz',
    street: 'jwz',
    name: '江湾镇街道‘宝宝屋’',
    address: '虹口区场中路 236 号 江湾镇市民驿站一楼',
    phone: '021-6500-0801',
    lat: 31.2877,
    lng: 121.4812,
    hours: WEEKDAYS_AND_SATURDAY,
    facilities: { ...FULL_FACILITIES, outdoorArea: true },
    cctvDays: 30,
    alarm: true,
    insurance: ['2026-01-01', '2026-12-31'],
    rooms: [
      ['星星活动室', 50],
      ['月亮活动室', 38],
    ],
  },
];

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  street?: StreetCode;
  house?: string;
  department?: Department;
  /** A 指导师's provider (a key of DEMO_PROVIDERS). */
  provider?: string;
}

const STREET_ADMINS: [StreetCode, string][] = [
  ['scbl', '陈晓岚'],
  ['bwt', '周立新'],
  ['jxl', '吴佳颖'],
  ['oyl', '郑海峰'],
  ['gzl', '孙丽萍'],
  ['qyl', '钱志刚'],
  ['lcxc', '冯雅婷'],
  ['jwz', '褚建国'],
];

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'district', role: 'district_admin', displayName: '王慧敏(区教育局)' },
  ...STREET_ADMINS.map(
    ([street, name]): DemoAccount => ({ username: `street.${street}`, role: 'street_admin', displayName: name, street }),
  ),
  { username: 'manager.scbl', role: 'house_manager', displayName: '林婉清', house: 'scbl' },
  { username: 'carer.scbl', role: 'carer', displayName: '徐静怡', house: 'scbl' },
  { username: 'carer2.scbl', role: 'carer', displayName: '何雨桐', house: 'scbl' },
  { username: 'health.scbl', role: 'health_staff', displayName: '高晓燕', house: 'scbl' },
  { username: 'volunteer.scbl', role: 'volunteer', displayName: '罗思远', house: 'scbl' },
  { username: 'manager.bwt', role: 'house_manager', displayName: '梁秀娟', house: 'bwt' },
  { username: 'inspector.edu', role: 'inspector', displayName: '谢文博(教育)', department: 'education' },
  { username: 'inspector.health', role: 'inspector', displayName: '宋佳琪(卫健)', department: 'health' },
  { username: 'inspector.police', role: 'inspector', displayName: '唐振华(公安)', department: 'police' },
  { username: 'inspector.fire', role: 'inspector', displayName: '韩志强(消防)', department: 'fire' },
  { username: 'inspector.market', role: 'inspector', displayName: '曹丽华(市场监管)', department: 'market' },
  { username: 'guide.zjzx', role: 'guidance_provider', displayName: '顾晓雯(区早教中心)', provider: 'zjzx' },
  { username: 'guide.yey1', role: 'guidance_provider', displayName: '沈佳怡(实验幼儿园早教点)', provider: 'yey1' },
  { username: 'guide.yey2', role: 'guidance_provider', displayName: '蒋文洁(北外滩幼儿园早教点)', provider: 'yey2' },
  { username: 'guide.wsfw', role: 'guidance_provider', displayName: '陆海燕(社区卫生服务中心)', provider: 'wsfw' },
  { username: 'sysadmin', role: 'system_admin', displayName: '系统管理员' },
  { username: 'secadmin', role: 'security_admin', displayName: '安全管理员' },
  { username: 'auditadmin', role: 'audit_admin', displayName: '审计管理员' },
];

/** Carers of the other houses (not printed at start-up: one account per role is listed). */
const MORE_CARERS = [
  '邵文静',
  '汤晓梅',
  '殷雪芳',
  '罗佳琪',
  '毕雯雯',
  '郝婷婷',
  '邬佳慧',
  '安晓丽',
  '常艳红',
  '乐倩倩',
  '于海燕',
  '时晓琳',
  '傅丹丹',
  '皮玉婷',
  '卞慧琴',
  '齐秀兰',
  '康晶晶',
  '伍丽娟',
  '余静雯',
  '元美玲',
];

/** The weekly slots every operating house starts with: mornings for 临时托, afternoons for 计时托. */
function demoSlots(h: DemoHouse) {
  const slots: { weekday: number; start: string; end: string; type: 'temporary' | 'hourly' }[] = [];
  for (const { weekday } of h.hours) {
    slots.push({ weekday, start: '09:00', end: '11:00', type: 'temporary' });
    if (weekday <= 5) slots.push({ weekday, start: '14:00', end: '16:30', type: 'hourly' });
  }
  return slots;
}

/** Seeds the demo into a database that has no houses yet; returns false when there was something already. */
export async function seedDemo(db: Kysely<DB>, cipher: FieldCipher, files: FileStore, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('house').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const streets = await db.selectFrom('street').select(['id', 'code']).execute();
  const streetId = (code: string) => streets.find((s) => s.code === code)!.id;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const houseIds = new Map<string, string>();
    for (const h of DEMO_HOUSES) {
      const row = await trx
        .insertInto('house')
        .values({
          street_id: streetId(h.street),
          name: h.name,
          address: h.address,
          phone: h.phone,
          latitude: h.lat,
          longitude: h.lng,
          opening_hours: JSON.stringify(h.hours),
          facilities: JSON.stringify(h.facilities),
          cctv_retention_days: h.cctvDays,
          cctv_networked: true,
          alarm_networked: h.alarm,
          insurer: h.insurance ? '中国人民财产保险股份有限公司上海市分公司' : null,
          insurance_policy_no: h.insurance ? `PZHL2026${h.key.toUpperCase().padEnd(6, '0')}` : null,
          insurance_start: h.insurance?.[0] ?? null,
          insurance_end: h.insurance?.[1] ?? null,
          status: h.suspended ? 'suspended' : 'active',
          suspended_reason: h.suspended ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      houseIds.set(h.key, row.id);
      await trx
        .insertInto('room')
        .values(h.rooms.map(([name, area]) => ({ house_id: row.id, name, area_m2: area })))
        .execute();
    }
    const providerIds = await seedDemoProviders(trx, streetId);
    await trx
      .insertInto('app_user')
      .values(
        DEMO_ACCOUNTS.map((a) => ({
          username: a.username,
          role: a.role,
          display_name: a.displayName,
          password_hash: passwordHash,
          status: 'active' as const,
          street_id: a.street ? streetId(a.street) : null,
          house_id: a.house ? houseIds.get(a.house)! : null,
          department: a.department ?? null,
          provider_id: a.provider ? providerIds.get(a.provider)! : null,
        })),
      )
      .execute();
    await seedDemoFamilies(trx, cipher, files, streetId, now);

    // Two carers per house and the weekly schedule, with those carers as the usual roster.
    let next = 0;
    for (const h of DEMO_HOUSES) {
      const houseId = houseIds.get(h.key)!;
      const carerIds = (
        await trx.selectFrom('app_user').select('id').where('house_id', '=', houseId).where('role', '=', 'carer').execute()
      ).map((c) => c.id);
      while (carerIds.length < 2) {
        const name = MORE_CARERS[next++ % MORE_CARERS.length];
        const row = await trx
          .insertInto('app_user')
          .values({
            username: `carer${carerIds.length + 1}.${h.key}`,
            role: 'carer',
            display_name: name,
            password_hash: passwordHash,
            status: 'active',
            house_id: houseId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        carerIds.push(row.id);
      }
      const room = await trx
        .selectFrom('room')
        .select('id')
        .where('house_id', '=', houseId)
        .orderBy('area_m2', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      for (const slot of demoSlots(h)) {
        const t = await trx
          .insertInto('schedule_template')
          .values({
            house_id: houseId,
            room_id: room.id,
            weekday: slot.weekday,
            start_time: slot.start,
            end_time: slot.end,
            service_type: slot.type,
            offered_capacity: 10,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('template_carer')
          .values(carerIds.map((user_id) => ({ template_id: t.id, user_id })))
          .execute();
      }
    }
    await seedDemoStaff(trx, cipher, now);
  });
  return true;
}
