// A demo newborn register (issue 11, T4): this year's babies of 四川北路 and 北外滩, as the health system's list would
// bring them, and one a demo family reported itself in the H5 (家庭申报, not yet on the list). Invented names; phones
// in the reserved 139-0000 range, the reporting family's the demo's own 138-0000.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { addDays, districtInstant, localDateOf } from '../../domain/time.ts';
import type { FieldCipher } from '../../server/crypto.ts';

const BABIES: [street: string, name: string, sex: 'male' | 'female', daysOld: number, guardian: string, address: string][] = [
  ['scbl', '林小禾', 'female', 12, '林晓', '虹口区四川北路 1318 弄 12 号'],
  ['scbl', '周子墨', 'male', 25, '周敏', '虹口区山阴路 69 弄 3 号'],
  ['scbl', '陈悦悦', 'female', 41, '陈思', '虹口区多伦路 210 号'],
  ['scbl', '黄一鸣', 'male', 58, '黄蕾', '虹口区甜爱路 45 号'],
  ['scbl', '吴可欣', 'female', 76, '吴倩', '虹口区溧阳路 1156 号'],
  ['scbl', '赵乐天', 'male', 103, '赵静', '虹口区四川北路 2023 弄 7 号'],
  ['scbl', '孙语桐', 'female', 150, '孙琳', '虹口区长春路 350 号'],
  ['scbl', '马俊熙', 'male', 214, '马丽', '虹口区宝安路 18 号'],
  ['bwt', '郭安然', 'female', 20, '郭燕', '虹口区东长治路 888 弄 2 号'],
  ['bwt', '何子轩', 'male', 66, '何婷', '虹口区海宁路 1399 号'],
  ['bwt', '罗诗涵', 'female', 120, '罗芳', '虹口区塘沽路 563 号'],
];

export async function seedDemoNewborns(db: Kysely<DB>, cipher: FieldCipher, now: Date): Promise<void> {
  const streets = new Map((await db.selectFrom('street').select(['id', 'code']).execute()).map((s) => [s.code, s.id]));
  const admins = new Map(
    (await db.selectFrom('app_user').select(['id', 'street_id']).where('role', '=', 'street_admin').execute()).map((u) => [
      u.street_id,
      u.id,
    ]),
  );
  const today = localDateOf(now);
  const rows = BABIES.map(([street, name, sex, daysOld, guardian, address], i) => {
    const streetId = streets.get(street)!;
    const phone = `1390000${String(8000 + i).padStart(4, '0')}`;
    return {
      street_id: streetId,
      child_name: name,
      sex,
      birth_date: addDays(today, -daysOld),
      guardian_name: guardian,
      phone_enc: cipher.encrypt(phone),
      phone_hash: cipher.searchHash(phone),
      address_enc: cipher.encrypt(address),
      source: 'import' as const,
      created_by: admins.get(streetId)!,
      created_at: now,
      updated_at: now,
    };
  });
  const ids = await db.insertInto('newborn').values(rows).returning(['id', 'birth_date']).execute();
  await seedReportedNewborn(db, cipher, now);
  // Visits: the health centre's 指导师 has 四川北路's families — the older babies visited and confirmed, one visited
  // and awaiting the family's word, one booked for next week; the two youngest not yet arranged, and one left overdue.
  const visitor = await db.selectFrom('app_user').select('id').where('username', '=', 'guide.wsfw').executeTakeFirst();
  if (!visitor) return;
  const at = (days: number, time = '10:00') => districtInstant(addDays(today, days), time);
  for (const [i, n] of ids.entries()) {
    if (BABIES[i][0] !== 'scbl' || i === 4) continue; // 吴可欣 (76 days) has no visitor yet: overdue
    await db.updateTable('newborn').set({ visitor_user_id: visitor.id }).where('id', '=', n.id).execute();
    const daysOld = BABIES[i][3];
    if (daysOld < 30) continue; // the youngest: due
    if (daysOld < 50) {
      await db
        .insertInto('home_visit')
        .values({
          newborn_id: n.id,
          visitor_user_id: visitor.id,
          status: 'scheduled',
          scheduled_at: at(5),
          created_at: now,
          updated_at: now,
        })
        .execute();
      continue;
    }
    const visitedOn = addDays(n.birth_date, 30);
    await db
      .insertInto('home_visit')
      .values({
        newborn_id: n.id,
        visitor_user_id: visitor.id,
        status: 'done',
        scheduled_at: districtInstant(visitedOn, '10:00'),
        visited_on: visitedOn,
        duration_minutes: 50,
        met: '母亲、外婆',
        topics: ['feeding', 'sleep'],
        observations: '母乳喂养为主,睡眠规律,家庭照护得当。',
        advice: '按需喂养,注意补充维生素D;建立固定的睡前程序。',
        referral: daysOld > 200 ? 'care' : 'none',
        recorded_at: districtInstant(visitedOn, '12:00'),
        family_confirmed_at: daysOld < 70 ? null : districtInstant(addDays(visitedOn, 1), '20:00'),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

/** 陈佳怡 of 北外滩 (a demo family) reported her second baby, born last week, herself: waiting for a visitor. */
async function seedReportedNewborn(db: Kysely<DB>, cipher: FieldCipher, now: Date) {
  const family = await db
    .selectFrom('family as f')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .select(['f.id', 'f.street_id', 'f.guardian_name', 'f.address', 'u.id as user_id', 'u.phone'])
    .where('u.phone', '=', '13800000004')
    .executeTakeFirst();
  if (!family?.phone) return;
  await db
    .insertInto('newborn')
    .values({
      street_id: family.street_id,
      child_name: '陈小溪',
      sex: 'female',
      birth_date: addDays(localDateOf(now), -8),
      guardian_name: family.guardian_name,
      phone_enc: cipher.encrypt(family.phone),
      phone_hash: cipher.searchHash(family.phone),
      address_enc: cipher.encrypt(family.address),
      source: 'family',
      family_id: family.id,
      created_by: family.user_id,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
