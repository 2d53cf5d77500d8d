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

export interface DemoChild {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  allergies?: string;
  history?: string;
  examDate?: string;
}
export interface DemoFamily {
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
  /** When the family registered and was accepted (the demo's start when not given). */
  acceptedAt?: Date;
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
  await insertDemoFamilies(trx, cipher, files, streetId, now, DEMO_FAMILIES, 100);
}

/** What insertDemoFamilies made, in the order of the families given. */
export interface InsertedFamily {
  id: string;
  guardianUserId: string;
  guardianName: string;
  children: { id: string; name: string; birthDate: string }[];
}

/**
 * Inserts demo families set-wise (a statement per table): the guardian's account (found by phone when it exists),
 * the family with its encrypted ID number, the children with their certificate picture (encrypted in the store),
 * pickup people and the emergency contact. ID numbers take their sequence from `firstSeq` on, guardian then children.
 */
export async function insertDemoFamilies(
  trx: Transaction<DB>,
  cipher: FieldCipher,
  files: FileStore,
  streetId: (code: string) => string,
  now: Date,
  families: readonly DemoFamily[],
  firstSeq: number,
): Promise<InsertedFamily[]> {
  if (!families.length) return [];
  const png = demoCertificatePng();
  const picture = cipher.encryptBytes(png);
  const pictureSha = crypto.createHash('sha256').update(png).digest('hex');
  const phones = families.map((f) => f.phone);
  const users = new Map<string, string>();
  for (const chunk of chunks(phones, 1000)) {
    const found = await trx
      .selectFrom('app_user')
      .select(['id', 'phone'])
      .where('phone', 'in', chunk)
      .where('role', '=', 'guardian')
      .execute();
    for (const u of found) users.set(u.phone!, u.id);
  }
  const existing = families.filter((f) => users.has(f.phone));
  for (const f of existing)
    await trx.updateTable('app_user').set({ display_name: f.guardian }).where('id', '=', users.get(f.phone)!).execute();
  const missing = families.filter((f) => !users.has(f.phone));
  for (const chunk of chunks(missing, 1000)) {
    const rows = await trx
      .insertInto('app_user')
      .values(chunk.map((f) => ({ role: 'guardian' as const, phone: f.phone, display_name: f.guardian, status: 'active' as const })))
      .returning(['id', 'phone'])
      .execute();
    for (const u of rows) users.set(u.phone!, u.id);
  }
  let seq = firstSeq;
  const planned = families.map((fam) => {
    const familyId = crypto.randomUUID();
    const guardianId = demoIdNumber(fam.guardianBirth, seq++, 'female');
    const at = fam.acceptedAt ?? now;
    return {
      fam,
      family: {
        id: familyId,
        guardian_user_id: users.get(fam.phone)!,
        guardian_name: fam.guardian,
        guardian_id_enc: cipher.encrypt(guardianId),
        guardian_id_hash: cipher.searchHash(guardianId),
        street_id: streetId(fam.street),
        address: fam.address,
        status: fam.status,
        return_reason: fam.returnReason ?? null,
        consent_version: 1,
        consent_at: at,
        agreement_version: fam.agreement ? 1 : null,
        agreement_signed_at: fam.agreement ? at : null,
        submitted_at: fam.status === 'draft' ? null : at,
        reviewed_at: fam.status === 'accepted' || fam.status === 'returned' ? at : null,
        ...(fam.acceptedAt ? { created_at: at, updated_at: at } : {}),
      },
      children: fam.children.map((c) => {
        const id = demoIdNumber(c.birthDate, seq++, c.sex);
        return {
          c,
          row: {
            id: crypto.randomUUID(),
            family_id: familyId,
            name: c.name,
            sex: c.sex,
            birth_date: c.birthDate,
            id_number_enc: cipher.encrypt(id),
            id_number_hash: cipher.searchHash(id),
            residence_street_id: streetId(fam.street),
            health_enc: cipher.encrypt(
              JSON.stringify({ allergies: c.allergies ?? '', history: c.history ?? '', declaredTruthfully: true }),
            ),
          },
        };
      }),
    };
  });
  for (const chunk of chunks(planned, 500))
    await trx
      .insertInto('family')
      .values(chunk.map((p) => p.family))
      .execute();
  const children = planned.flatMap((p) => p.children);
  for (const chunk of chunks(children, 500))
    await trx
      .insertInto('child')
      .values(chunk.map((c) => c.row))
      .execute();
  const certified = planned.flatMap((p) => p.children.filter((c) => c.c.examDate).map((c) => ({ p, c, key: crypto.randomUUID() })));
  for (const x of certified) await files.put(x.key, picture);
  const fileRows = certified.map((x) => ({
    id: crypto.randomUUID(),
    family_id: x.p.family.id,
    content_type: 'image/png' as const,
    size_bytes: png.length,
    sha256: pictureSha,
    storage_key: x.key,
    original_name: '健康检查合格证明.png',
    uploaded_by: x.p.family.guardian_user_id,
  }));
  for (const chunk of chunks(fileRows, 500)) await trx.insertInto('stored_file').values(chunk).execute();
  const certificates = certified.map((x, i) => ({
    child_id: x.c.row.id,
    file_id: fileRows[i].id,
    exam_date: x.c.c.examDate!,
    institution: '虹口区妇幼保健所',
  }));
  for (const chunk of chunks(certificates, 1000)) await trx.insertInto('health_certificate').values(chunk).execute();
  const pickups = planned.flatMap((p) =>
    p.fam.pickups.map(([name, relation, phone]) => ({ family_id: p.family.id, name, relation, phone })),
  );
  for (const chunk of chunks(pickups, 1000)) await trx.insertInto('pickup_person').values(chunk).execute();
  const contacts = planned.map(({ fam, family }) => ({
    family_id: family.id,
    name: fam.pickups[0]?.[0] ?? fam.guardian,
    relation: fam.pickups[0]?.[1] ?? '本人',
    phone: fam.pickups[0]?.[2] ?? fam.phone,
  }));
  for (const chunk of chunks(contacts, 1000)) await trx.insertInto('emergency_contact').values(chunk).execute();
  return planned.map((p) => ({
    id: p.family.id,
    guardianUserId: p.family.guardian_user_id,
    guardianName: p.fam.guardian,
    children: p.children.map((c) => ({ id: c.row.id, name: c.c.name, birthDate: c.c.birthDate })),
  }));
}

/** Rows in slices of `size` (a statement's parameters are limited). */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
