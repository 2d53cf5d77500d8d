// Demo families for Hongkou: accepted ones whose children can book, registrations waiting in 四川北路's queue,
// one returned with a reason, one still a draft. Invented people; phone numbers in the reserved 138-0000 range.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, FamilyStatus } from '../schema.ts';
import { idCheckCharacter } from '../../domain/idNumber.ts';
import type { FieldCipher } from '../../server/crypto.ts';
import type { FileStore } from '../../server/files.ts';
import { demoCertificatePng } from './demoFiles.ts';
import type { StreetCode } from './streets.ts';

/** A syntactically valid ID number (Hongkou's area code, the birth date, a sequence, the check character). */
export function demoIdNumber(birthDate: string, sequence: number, sex: 'male' | 'female'): string {
  const seq = String(sequence * 2 + (sex === 'male' ? 1 : 0))
    .padStart(3, '0')
    .slice(-3);
  const first17 = `310109${birthDate.replaceAll('-', '')}${seq}`;
  return first17 + idCheckCharacter(first17);
}

interface DemoChild {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  allergies?: string;
  history?: string;
  examDate?: string;
}
interface DemoFamily {
  phone: string;
  guardian: string;
  guardianBirth: string;
  street: StreetCode;
  address: string;
  status: FamilyStatus;
  returnReason?: string;
  agreement: boolean;
  children: DemoChild[];
  pickups: [string, string, string][];
}

export const DEMO_FAMILIES: DemoFamily[] = [
  {
    phone: '13800000001',
    guardian: '张雨桐',
    guardianBirth: '1992-04-16',
    street: 'scbl',
    address: '虹口区山阴路 132 弄 3 号',
    status: 'accepted',
    agreement: true,
    children: [
      { name: '李沐阳', sex: 'male', birthDate: '2024-05-12', allergies: '芒果过敏', examDate: '2026-11-10' },
      { name: '李沐晴', sex: 'female', birthDate: '2025-10-15', examDate: '2026-11-10' },
    ],
    pickups: [
      ['李建华', '父亲', '13800000011'],
      ['张秀英', '外婆', '13800000012'],
    ],
  },
  {
    phone: '13800000002',
    guardian: '王思琪',
    guardianBirth: '1994-09-02',
    street: 'scbl',
    address: '虹口区四川北路 1688 弄 12 号',
    status: 'submitted',
    agreement: true,
    children: [{ name: '王一诺', sex: 'female', birthDate: '2025-03-20', history: '曾患幼儿急疹,已痊愈', examDate: '2026-11-20' }],
    pickups: [['王磊', '父亲', '13800000021']],
  },
  {
    phone: '13800000003',
    guardian: '刘晓东',
    guardianBirth: '1990-12-24',
    street: 'scbl',
    address: '虹口区多伦路 236 号',
    status: 'submitted',
    agreement: true,
    children: [{ name: '刘子墨', sex: 'male', birthDate: '2024-08-02', examDate: '2026-11-18' }],
    pickups: [['周婷', '母亲', '13800000031']],
  },
  {
    phone: '13800000004',
    guardian: '陈佳怡',
    guardianBirth: '1993-06-30',
    street: 'bwt',
    address: '虹口区东长治路 505 弄 8 号',
    status: 'accepted',
    agreement: true,
    children: [{ name: '陈安安', sex: 'female', birthDate: '2024-12-01', examDate: '2026-10-30' }],
    pickups: [['陈志远', '父亲', '13800000041']],
  },
  {
    phone: '13800000005',
    guardian: '赵明',
    guardianBirth: '1989-03-11',
    street: 'scbl',
    address: '虹口区山阴路 240 弄 5 号',
    status: 'returned',
    returnReason: '健康检查合格证明照片不清晰,请重新拍摄上传',
    agreement: true,
    children: [{ name: '赵小满', sex: 'male', birthDate: '2025-06-18', examDate: '2026-11-05' }],
    pickups: [['钱芳', '母亲', '13800000051']],
  },
  {
    phone: '13800000006',
    guardian: '孙悦',
    guardianBirth: '1995-01-27',
    street: 'jxl',
    address: '虹口区嘉兴路 316 弄 21 号',
    status: 'draft',
    agreement: false,
    children: [{ name: '孙可乐', sex: 'female', birthDate: '2025-01-09' }],
    pickups: [],
  },
];

export async function seedDemoFamilies(
  trx: Transaction<DB>,
  cipher: FieldCipher,
  files: FileStore,
  streetId: (code: string) => string,
  now: Date,
): Promise<void> {
  const picture = cipher.encryptBytes(demoCertificatePng());
  const pictureSha = crypto.createHash('sha256').update(demoCertificatePng()).digest('hex');
  let seq = 100;
  for (const fam of DEMO_FAMILIES) {
    const user =
      (await trx.selectFrom('app_user').select('id').where('phone', '=', fam.phone).where('role', '=', 'guardian').executeTakeFirst()) ??
      (await trx
        .insertInto('app_user')
        .values({ role: 'guardian', phone: fam.phone, display_name: fam.guardian, status: 'active' })
        .returning('id')
        .executeTakeFirstOrThrow());
    await trx.updateTable('app_user').set({ display_name: fam.guardian }).where('id', '=', user.id).execute();
    const guardianId = demoIdNumber(fam.guardianBirth, seq++, 'female');
    const family = await trx
      .insertInto('family')
      .values({
        guardian_user_id: user.id,
        guardian_name: fam.guardian,
        guardian_id_enc: cipher.encrypt(guardianId),
        guardian_id_hash: cipher.searchHash(guardianId),
        street_id: streetId(fam.street),
        address: fam.address,
        status: fam.status,
        return_reason: fam.returnReason ?? null,
        consent_version: 1,
        consent_at: now,
        agreement_version: fam.agreement ? 1 : null,
        agreement_signed_at: fam.agreement ? now : null,
        submitted_at: fam.status === 'draft' ? null : now,
        reviewed_at: fam.status === 'accepted' || fam.status === 'returned' ? now : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const c of fam.children) {
      const id = demoIdNumber(c.birthDate, seq++, c.sex);
      const child = await trx
        .insertInto('child')
        .values({
          family_id: family.id,
          name: c.name,
          sex: c.sex,
          birth_date: c.birthDate,
          id_number_enc: cipher.encrypt(id),
          id_number_hash: cipher.searchHash(id),
          residence_street_id: streetId(fam.street),
          health_enc: cipher.encrypt(JSON.stringify({ allergies: c.allergies ?? '', history: c.history ?? '', declaredTruthfully: true })),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (c.examDate) {
        const key = crypto.randomUUID();
        await files.put(key, picture);
        const file = await trx
          .insertInto('stored_file')
          .values({
            family_id: family.id,
            content_type: 'image/png',
            size_bytes: demoCertificatePng().length,
            sha256: pictureSha,
            storage_key: key,
            original_name: '健康检查合格证明.png',
            uploaded_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('health_certificate')
          .values({
            child_id: child.id,
            file_id: file.id,
            exam_date: c.examDate,
            institution: '虹口区妇幼保健所',
          })
          .execute();
      }
    }
    if (fam.pickups.length) {
      await trx
        .insertInto('pickup_person')
        .values(fam.pickups.map(([name, relation, phone]) => ({ family_id: family.id, name, relation, phone })))
        .execute();
    }
    await trx
      .insertInto('emergency_contact')
      .values({
        family_id: family.id,
        name: fam.pickups[0]?.[0] ?? fam.guardian,
        relation: fam.pickups[0]?.[1] ?? '本人',
        phone: fam.pickups[0]?.[2] ?? fam.phone,
      })
      .execute();
  }
}
