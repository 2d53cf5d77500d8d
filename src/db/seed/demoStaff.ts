// The demo's staff records (R7–R10) and evidence for the houses' facts (R11, R12, R19), dated from the start day so
// that the compliance page shows a believable mix: most records in order, a health certificate about to expire, a
// guard whose yearly training lapsed, one house without evidence for its facilities. Also a few days of daily logs
// and one minor incident at 四川北路. No real person's data.
import type { Kysely, Transaction } from 'kysely';
import type { CredentialKind, DB, StaffPosition } from '../schema.ts';
import { addDays, districtInstant, localDateOf } from '../../domain/time.ts';
import type { FieldCipher } from '../../server/crypto.ts';

type Trx = Transaction<DB> | Kysely<DB>;

const POSITION_OF_ROLE: Record<string, StaffPosition> = {
  house_manager: 'manager',
  carer: 'carer',
  health_staff: 'health',
  volunteer: 'volunteer',
};

/** People of houses that have no console account for the role (a health-care staff member, a manager, a guard). */
const MANAGERS = ['周丽华', '陈美玲', '吴秀英', '郑晓红', '王春燕', '冯雅琴', '褚慧敏', '卫晓婷', '蒋玉兰'];
const HEALTH = ['孙秀芳', '钱雪梅', '沈玉洁', '韩丽萍', '杨慧君', '朱晓霞', '秦淑华', '尤美华', '许丽娜'];
const GUARDS = ['张建国', '李志强', '王德明', '刘振华', '陈卫东', '杨永庆', '赵国平', '黄建军', '周宏伟', '吴立新', '徐海林'];

function credentialsFor(position: StaffPosition, today: string, variant: { healthEndsIn?: number; trainingDaysAgo?: number }) {
  const list: {
    kind: CredentialKind;
    title: string;
    number: string | null;
    issued_on: string;
    expires_on: string | null;
    result: 'clear' | null;
  }[] = [];
  if (position === 'manager' || position === 'carer')
    list.push({
      kind: 'qualification',
      title: '育婴员(四级)',
      number: null,
      issued_on: addDays(today, -900),
      expires_on: null,
      result: null,
    });
  if (position === 'health')
    list.push({
      kind: 'qualification',
      title: '托幼机构卫生保健人员培训合格证',
      number: null,
      issued_on: addDays(today, -700),
      expires_on: null,
      result: null,
    });
  const healthEnds = variant.healthEndsIn ?? 180;
  list.push({
    kind: 'health_certificate',
    title: '健康证',
    number: null,
    issued_on: addDays(today, healthEnds - 365),
    expires_on: addDays(today, healthEnds),
    result: null,
  });
  if (position !== 'volunteer') {
    list.push({
      kind: 'training',
      title: '职业道德与技能培训合格证',
      number: null,
      issued_on: addDays(today, -(variant.trainingDaysAgo ?? 120)),
      expires_on: null,
      result: null,
    });
  }
  list.push({
    kind: 'background_check',
    title: '违法犯罪记录查询',
    number: null,
    issued_on: addDays(today, -150),
    expires_on: null,
    result: 'clear',
  });
  return list;
}

export async function seedDemoStaff(db: Trx, cipher: FieldCipher, now: Date): Promise<void> {
  const today = localDateOf(now);
  const houses = await db.selectFrom('house').select(['id', 'name', 'status']).orderBy('name').execute();
  const recorder = await db.selectFrom('app_user').select('id').where('username', '=', 'sysadmin').executeTakeFirstOrThrow();
  let n = 0;
  for (const [i, house] of houses.entries()) {
    const accounts = await db
      .selectFrom('app_user')
      .select(['id', 'role', 'display_name', 'username'])
      .where('house_id', '=', house.id)
      .orderBy('username')
      .execute();
    const people: { name: string; position: StaffPosition; userId: string | null; username: string | null }[] = accounts
      .filter((a) => POSITION_OF_ROLE[a.role])
      .map((a) => ({ name: a.display_name, position: POSITION_OF_ROLE[a.role], userId: a.id, username: a.username }));
    if (!people.some((p) => p.position === 'manager'))
      people.push({ name: MANAGERS[i % MANAGERS.length], position: 'manager', userId: null, username: null });
    if (!people.some((p) => p.position === 'health'))
      people.push({ name: HEALTH[i % HEALTH.length], position: 'health', userId: null, username: null });
    people.push({ name: GUARDS[i % GUARDS.length], position: 'security', userId: null, username: null });
    for (const p of people) {
      n++;
      const staff = await db
        .insertInto('staff_member')
        .values({
          house_id: house.id,
          user_id: p.userId,
          name: p.name,
          position: p.position,
          employment:
            p.position === 'volunteer' ? 'volunteer' : p.position === 'health' || p.position === 'security' ? 'part_time' : 'full_time',
          phone: `1391${String(6000000 + n * 7919).slice(-7)}`,
          hired_on: addDays(today, -400 - (n % 5) * 90),
          experience_years: p.position === 'manager' ? 5 + (n % 4) : null,
          experience_note: p.position === 'manager' ? '曾任社区早教指导中心保育员,持育婴员证' : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const variant = {
        // 四川北路's second carer renews her health certificate within the month; 北外滩's guard missed this year's training.
        healthEndsIn: p.username === 'carer2.scbl' ? 18 : undefined,
        trainingDaysAgo: p.position === 'security' && house.name.startsWith('北外滩') ? 400 : undefined,
      };
      await db
        .insertInto('staff_credential')
        .values(credentialsFor(p.position, today, variant).map((c) => ({ ...c, staff_id: staff.id, recorded_by: recorder.id })))
        .execute();
    }
    // Evidence for the facts, checked two months ago (江湾镇 has not photographed its facilities yet).
    const topics = (['cctv', 'alarm', 'insurance', 'facilities'] as const).filter(
      (t) => !(t === 'facilities' && house.name.startsWith('江湾镇')),
    );
    const notes = {
      cctv: '监控覆盖出入口及活动区,录像机存储天数现场核验',
      alarm: '一键报警装置联网测试正常',
      insurance: '责任保险保单扫描件',
      facilities: '饮水、盥洗、母婴室、适龄家具现场照片',
    };
    await db
      .insertInto('house_evidence')
      .values(
        topics.map((topic) => ({
          house_id: house.id,
          topic,
          observed_on: addDays(today, -60),
          note: notes[topic],
          file_id: null,
          recorded_by: recorder.id,
        })),
      )
      .execute();
  }
  await seedDemoLogs(db, cipher, now);
}

/** A week of daily logs and one minor incident at 四川北路 (the house whose accounts the demo lists). */
async function seedDemoLogs(db: Trx, cipher: FieldCipher, now: Date) {
  const today = localDateOf(now);
  const house = await db.selectFrom('house').select('id').where('name', 'like', '四川北路%').executeTakeFirst();
  const carer = await db.selectFrom('app_user').select('id').where('username', '=', 'carer.scbl').executeTakeFirst();
  const health = await db.selectFrom('app_user').select('id').where('username', '=', 'health.scbl').executeTakeFirst();
  if (!house || !carer || !health) return;
  for (let d = 7; d >= 1; d--) {
    const date = addDays(today, -d);
    await db
      .insertInto('daily_log')
      .values([
        {
          house_id: house.id,
          date,
          kind: 'disinfection',
          items: JSON.stringify(['toys', 'surfaces', 'bedding', 'washroom', 'air']),
          all_ok: true,
          note: null,
          recorded_by: health.id,
          recorded_at: districtInstant(date, '08:20'),
        },
        {
          house_id: house.id,
          date,
          kind: 'safety_check',
          items: JSON.stringify(['exits', 'electrical', 'fireEquipment', 'furniture', 'outdoor', 'cctv', 'alarm']),
          all_ok: d !== 3,
          note: d === 3 ? '户外场地一处地垫翘起,已用胶带临时固定并报修' : null,
          recorded_by: carer.id,
          recorded_at: districtInstant(date, '08:35'),
        },
      ])
      .execute();
  }
  await db
    .insertInto('incident')
    .values({
      house_id: house.id,
      kind: 'injury',
      severity: 'minor',
      occurred_at: districtInstant(addDays(today, -4), '10:15'),
      detail_enc: cipher.encrypt(
        JSON.stringify({
          description: '一名幼儿在攀爬软垫时滑倒,膝盖轻微擦伤',
          actionTaken: '卫生保健人员清洁伤口并贴创可贴,持续观察无异常',
        }),
      ),
      reported_by: carer.id,
      created_at: districtInstant(addDays(today, -4), '10:40'),
    })
    .execute();
}
