// Test records made straight in the database, for the integration tests (test/support/factory.ts) and the
// development-only seeding API that e2e tests use (./seedRoutes.ts). Never used by the platform itself and never
// relies on the demo: each function makes what it names and returns the ids (and, for staff, the credentials).
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  CredentialKind,
  DB,
  Department,
  Facilities,
  GuidanceProviderKind,
  OpeningHours,
  Role,
  ServiceType,
  StaffPosition,
} from '../../../db/schema.ts';
import { HONGKOU_STREETS, type StreetCode } from '../../../db/seed/streets.ts';
import { demoIdNumber } from '../../../db/seed/demoFamilies.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { FieldCipher } from '../../crypto.ts';
import { addDays, districtInstant, localDateOf } from '../../../domain/time.ts';
import { recomputeCapacity } from '../care/service.ts';
import type { FileStore } from '../../files.ts';
import { demoCertificatePng } from '../../../db/seed/demoFiles.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The password of every account the factories make. */
export const FACTORY_PASSWORD = 'Test@2026';

let sequence = 0;
/** A number unique within this process (and, with the pid, across test workers sharing a PostgreSQL). */
export function nextId(): number {
  return ++sequence;
}
const tag = () => `${process.pid % 10000}${String(nextId()).padStart(4, '0')}`;

let passwordHash: Promise<string> | null = null;
/** Argon2id is slow on purpose: the factories hash their one password once. */
function factoryPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  return passwordHash;
}

export async function streetId(db: Db, street: StreetCode | string = 'scbl'): Promise<string> {
  const code = HONGKOU_STREETS.find((s) => s.code === street || s.name === street)?.code ?? street;
  const row = await db.selectFrom('street').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

export const WEEKDAY_HOURS: OpeningHours[] = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '08:30', close: '17:00' }));
const ALL_FACILITIES: Facilities = {
  drinkingWater: true,
  washroom: true,
  nursingRoom: true,
  ageAppropriateFurniture: true,
  outdoorArea: true,
};

export interface HouseOptions {
  street?: StreetCode;
  name?: string;
  /** [name, m²]; by default a 62 m² and a 36 m² room. */
  rooms?: [string, number][];
  hours?: OpeningHours[];
  status?: 'active' | 'suspended';
  /** Facts of R11, R12 and R19; by default all in order (CCTV 30 days, networked alarm, insurance for 2026–2027). */
  facts?: { cctvDays?: number; alarm?: boolean; insurance?: [string, string] | null; facilities?: Facilities };
}

export interface MadeHouse {
  houseId: string;
  streetId: string;
  name: string;
  roomIds: string[];
}

/** A house with its rooms and opening hours (Monday to Saturday 08:30–17:00 unless given). */
export async function makeHouse(db: Db, options: HouseOptions = {}): Promise<MadeHouse> {
  const sid = await streetId(db, options.street ?? 'scbl');
  const short = HONGKOU_STREETS.find((s) => s.code === (options.street ?? 'scbl'))!.short_name;
  const n = tag();
  const name = options.name ?? `${short}测试${n}号‘宝宝屋’`;
  const f = options.facts ?? {};
  const insurance = f.insurance === undefined ? ['2026-01-01', '2027-12-31'] : f.insurance;
  const house = await db
    .insertInto('house')
    .values({
      street_id: sid,
      name,
      address: `虹口区测试路 ${n} 号`,
      phone: '021-6500-9999',
      latitude: 31.2668,
      longitude: 121.4842,
      opening_hours: JSON.stringify(options.hours ?? WEEKDAY_HOURS),
      facilities: JSON.stringify(f.facilities ?? ALL_FACILITIES),
      cctv_retention_days: f.cctvDays ?? 30,
      cctv_networked: true,
      alarm_networked: f.alarm ?? true,
      insurer: insurance ? '测试保险公司' : null,
      insurance_policy_no: insurance ? `T${n}` : null,
      insurance_start: insurance?.[0] ?? null,
      insurance_end: insurance?.[1] ?? null,
      status: options.status ?? 'active',
      suspended_reason: options.status === 'suspended' ? '测试暂停' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rooms = options.rooms ?? [
    ['阳光活动室', 62],
    ['绘本角', 36],
  ];
  const roomIds: string[] = [];
  for (const [roomName, area] of rooms) {
    const r = await db
      .insertInto('room')
      .values({ house_id: house.id, name: roomName, area_m2: area })
      .returning('id')
      .executeTakeFirstOrThrow();
    roomIds.push(r.id);
  }
  return { houseId: house.id, streetId: sid, name, roomIds };
}

export interface AccountOptions {
  street?: StreetCode;
  houseId?: string;
  department?: Department;
  displayName?: string;
  username?: string;
  /** A 指导师's provider: made (四川北路's early-education centre kind) when not given. */
  providerId?: string;
}

export interface MadeAccount {
  userId: string;
  username: string;
  password: string;
  role: Role;
}

/** A staff account (any role but guardian) that signs in with FACTORY_PASSWORD. */
export async function makeAccount(db: Db, role: Exclude<Role, 'guardian'>, options: AccountOptions = {}): Promise<MadeAccount> {
  const username = options.username ?? `${role}.t${tag()}`;
  // A house role needs a house and a street admin a street: made (四川北路) when not given.
  const houseId =
    options.houseId ?? (['carer', 'health_staff', 'house_manager', 'volunteer'].includes(role) ? (await makeHouse(db)).houseId : null);
  const street = options.street ?? (role === 'street_admin' ? 'scbl' : undefined);
  const providerId = options.providerId ?? (role === 'guidance_provider' ? (await makeProvider(db)).providerId : null);
  const row = await db
    .insertInto('app_user')
    .values({
      role,
      username,
      display_name: options.displayName ?? `${role}测试${nextId()}`,
      password_hash: await factoryPasswordHash(),
      status: 'active',
      street_id: street ? await streetId(db, street) : null,
      house_id: houseId,
      department: role === 'inspector' ? (options.department ?? 'education') : (options.department ?? null),
      provider_id: providerId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: row.id, username, password: FACTORY_PASSWORD, role };
}

export interface ProviderOptions {
  street?: StreetCode;
  kind?: GuidanceProviderKind;
  name?: string;
}

/** A guidance provider (an early-education centre unless `kind` says otherwise), in 四川北路 unless given. */
export async function makeProvider(db: Db, options: ProviderOptions = {}): Promise<{ providerId: string; streetId: string; name: string }> {
  const sid = await streetId(db, options.street ?? 'scbl');
  const name = options.name ?? `测试早教指导中心${tag()}`;
  const row = await db
    .insertInto('guidance_provider')
    .values({ kind: options.kind ?? 'early_education_centre', name, street_id: sid, address: `虹口区测试路 ${nextId()} 号` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { providerId: row.id, streetId: sid, name };
}

const POSITION_OF_ROLE: Partial<Record<Role, StaffPosition>> = {
  house_manager: 'manager',
  carer: 'carer',
  health_staff: 'health',
  volunteer: 'volunteer',
};

export interface StaffOptions {
  /** With a console account of this role (house_manager, carer, health_staff, volunteer); none for a guard. */
  role?: 'house_manager' | 'carer' | 'health_staff' | 'volunteer';
  position?: StaffPosition;
  name?: string;
  /** Days until the health certificate runs out (default 180). */
  healthEndsIn?: number;
  /** Days since the yearly training (default 120). */
  trainingDaysAgo?: number;
  /** Leave out these credentials (to make a person who may not be rostered). */
  without?: CredentialKind[];
  hiredOn?: string;
}

export interface MadeStaff {
  staffId: string;
  /** The account, when the person has one. */
  account: MadeAccount | null;
  userId: string | null;
}

/** A staff record with valid credentials as of `now` (R7–R9), and a console account when `role` is given. */
export async function makeStaff(db: Db, houseId: string, now: Date, options: StaffOptions = {}): Promise<MadeStaff> {
  const today = localDateOf(now);
  const account = options.role ? await makeAccount(db, options.role, { houseId, displayName: options.name }) : null;
  const position = options.position ?? (options.role ? POSITION_OF_ROLE[options.role]! : 'security');
  const staff = await db
    .insertInto('staff_member')
    .values({
      house_id: houseId,
      user_id: account?.userId ?? null,
      name: options.name ?? `职工${nextId()}`,
      position,
      employment: position === 'volunteer' ? 'volunteer' : position === 'health' || position === 'security' ? 'part_time' : 'full_time',
      phone: `1391${String(nextId()).padStart(7, '0')}`,
      hired_on: options.hiredOn ?? addDays(today, -400),
      experience_years: position === 'manager' ? 5 : null,
      experience_note: position === 'manager' ? '测试经历' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const recorder =
    account?.userId ??
    (await db.selectFrom('app_user').select('id').where('house_id', '=', houseId).limit(1).executeTakeFirst())?.id ??
    (await makeAccount(db, 'system_admin')).userId;
  const list: { kind: CredentialKind; title: string; issued_on: string; expires_on: string | null; result: 'clear' | null }[] = [];
  if (position === 'manager' || position === 'carer')
    list.push({ kind: 'qualification', title: '育婴员(四级)', issued_on: addDays(today, -900), expires_on: null, result: null });
  if (position === 'health')
    list.push({
      kind: 'qualification',
      title: '托幼机构卫生保健人员培训合格证',
      issued_on: addDays(today, -700),
      expires_on: null,
      result: null,
    });
  const healthEnds = options.healthEndsIn ?? 180;
  list.push({
    kind: 'health_certificate',
    title: '健康证',
    issued_on: addDays(today, healthEnds - 365),
    expires_on: addDays(today, healthEnds),
    result: null,
  });
  if (position !== 'volunteer')
    list.push({
      kind: 'training',
      title: '职业道德与技能培训合格证',
      issued_on: addDays(today, -(options.trainingDaysAgo ?? 120)),
      expires_on: null,
      result: null,
    });
  list.push({ kind: 'background_check', title: '违法犯罪记录查询', issued_on: addDays(today, -150), expires_on: null, result: 'clear' });
  const kept = list.filter((c) => !options.without?.includes(c.kind));
  if (kept.length) {
    await db
      .insertInto('staff_credential')
      .values(kept.map((c) => ({ ...c, number: null, staff_id: staff.id, recorded_by: recorder })))
      .execute();
  }
  return { staffId: staff.id, account, userId: account?.userId ?? null };
}

/** Dated evidence for the house's facts (R11, R12, R19), observed `daysAgo` days before `now`. */
export async function makeEvidence(
  db: Db,
  houseId: string,
  now: Date,
  recordedBy: string,
  daysAgo = 60,
  topics: ('cctv' | 'alarm' | 'insurance' | 'facilities')[] = ['cctv', 'alarm', 'insurance', 'facilities'],
) {
  await db
    .insertInto('house_evidence')
    .values(
      topics.map((topic) => ({
        house_id: houseId,
        topic,
        observed_on: addDays(localDateOf(now), -daysAgo),
        note: '测试证据',
        file_id: null,
        recorded_by: recordedBy,
      })),
    )
    .execute();
}

export interface StaffedHouse extends MadeHouse {
  manager: MadeStaff & { account: MadeAccount };
  carers: (MadeStaff & { account: MadeAccount })[];
  health: MadeStaff & { account: MadeAccount };
  /** The guard (no account). */
  security: MadeStaff;
}

/**
 * A house in order as the demo's 四川北路 is: a manager, `carers` carers (default 2), a health-care staff member and a guard,
 * each with valid credentials, and evidence for the facts. No sessions (see makeSession / makeWeeklySlot).
 */
export async function makeStaffedHouse(db: Db, now: Date, options: HouseOptions & { carers?: number } = {}): Promise<StaffedHouse> {
  const house = await makeHouse(db, options);
  const manager = (await makeStaff(db, house.houseId, now, { role: 'house_manager' })) as StaffedHouse['manager'];
  const carers: StaffedHouse['carers'] = [];
  for (let i = 0; i < (options.carers ?? 2); i++)
    carers.push((await makeStaff(db, house.houseId, now, { role: 'carer' })) as StaffedHouse['carers'][number]);
  const health = (await makeStaff(db, house.houseId, now, { role: 'health_staff' })) as StaffedHouse['health'];
  const security = await makeStaff(db, house.houseId, now, { position: 'security' });
  await makeEvidence(db, house.houseId, now, manager.account.userId);
  return { ...house, manager, carers, health, security };
}

export interface SessionOptions {
  houseId: string;
  roomId: string;
  date: string;
  start?: string;
  end?: string;
  serviceType?: ServiceType;
  offered?: number;
  /** The roster (user ids). */
  carerIds?: string[];
}

/** A single care session (no weekly slot) with its roster; its capacity computed as the platform does. */
export async function makeSession(db: Db, o: SessionOptions): Promise<string> {
  const start = o.start ?? '09:00';
  const end = o.end ?? '11:00';
  const row = await db
    .insertInto('care_session')
    .values({
      house_id: o.houseId,
      room_id: o.roomId,
      template_id: null,
      date: o.date,
      starts_at: districtInstant(o.date, start),
      ends_at: districtInstant(o.date, end),
      service_type: o.serviceType ?? 'temporary',
      offered_capacity: o.offered ?? 10,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.carerIds?.length)
    await db
      .insertInto('session_carer')
      .values(o.carerIds.map((user_id) => ({ session_id: row.id, user_id })))
      .execute();
  // A new session holds no bookings, so the instant its seats are counted at makes no difference.
  await recomputeCapacity(db, [row.id], new Date());
  return row.id;
}

export interface MadeFamily {
  familyId: string;
  guardianId: string;
  phone: string;
  childId: string;
  childName: string;
}

/**
 * An accepted family with one child who may book (about 20 months old, a health certificate of `certificateOn`,
 * consent and agreement signed), living in `street`.
 */
export async function makeFamily(
  db: Db,
  cipher: FieldCipher,
  now: Date,
  options: {
    street?: StreetCode | string;
    phone?: string;
    guardianName?: string;
    birthDate?: string;
    certificateOn?: string;
    status?: 'accepted' | 'submitted' | 'draft';
  } = {},
): Promise<MadeFamily> {
  const sid = await streetId(db, options.street ?? 'scbl');
  const n = nextId();
  const phone = options.phone ?? `1770${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;
  const guardianName = options.guardianName ?? `家长${n}`;
  const user = await db
    .insertInto('app_user')
    .values({ role: 'guardian', phone, display_name: guardianName, status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const gid = demoIdNumber('1990-05-05', 5000 + (n % 4000), 'female');
  const fam = await db
    .insertInto('family')
    .values({
      guardian_user_id: user.id,
      guardian_name: guardianName,
      guardian_id_enc: cipher.encrypt(gid),
      guardian_id_hash: cipher.searchHash(`${gid}:${process.pid}:${n}`),
      street_id: sid,
      address: '虹口区测试路 1 号',
      status: options.status ?? 'accepted',
      consent_version: 1,
      consent_at: now,
      agreement_version: 1,
      agreement_signed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const birth = options.birthDate ?? '2025-04-04';
  const cid = demoIdNumber(birth, n % 499, n % 2 ? 'male' : 'female');
  const childName = `宝宝${n}`;
  const child = await db
    .insertInto('child')
    .values({
      family_id: fam.id,
      name: childName,
      sex: n % 2 ? 'male' : 'female',
      birth_date: birth,
      id_number_enc: cipher.encrypt(cid),
      id_number_hash: crypto.randomBytes(16).toString('hex'),
      residence_street_id: sid,
      health_enc: cipher.encrypt(JSON.stringify({ allergies: '', history: '', declaredTruthfully: true })),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const file = await db
    .insertInto('stored_file')
    .values({
      family_id: fam.id,
      content_type: 'image/png',
      size_bytes: 1,
      sha256: 'x',
      storage_key: crypto.randomUUID(),
      uploaded_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('health_certificate')
    .values({ child_id: child.id, file_id: file.id, exam_date: options.certificateOn ?? '2026-11-20', institution: '虹口区妇幼保健所' })
    .execute();
  return { familyId: fam.id, guardianId: user.id, phone, childId: child.id, childName };
}

export interface HouseholdChild {
  name?: string;
  sex?: 'male' | 'female';
  /** Default 2025-04-04 (about 20 months old on 2026-12-01). */
  birthDate?: string;
  allergies?: string;
  history?: string;
  /** The health-check certificate's exam date (a real PNG picture is stored); null for none. Default 2026-11-20. */
  examDate?: string | null;
}

export interface HouseholdOptions {
  street?: StreetCode | string;
  phone?: string;
  guardianName?: string;
  address?: string;
  status?: 'accepted' | 'submitted' | 'draft';
  /** One child by default. */
  children?: HouseholdChild[];
  /** The authorised pickup persons. */
  pickups?: { name: string; relation: string; phone: string }[];
}

export interface MadeHousehold {
  familyId: string;
  guardianId: string;
  phone: string;
  children: { childId: string; name: string }[];
}

/**
 * A family as a guardian registers it (as makeFamily, with more to choose): named children with allergies and history,
 * each with a health-check certificate whose picture (a real PNG) is in the file store, the authorised pickup persons
 * and an emergency contact; accepted (may book), or submitted (in the street's queue) or a draft. Consent and
 * agreement signed.
 */
export async function makeHousehold(
  db: Db,
  cipher: FieldCipher,
  files: FileStore,
  now: Date,
  options: HouseholdOptions = {},
): Promise<MadeHousehold> {
  const sid = await streetId(db, options.street ?? 'scbl');
  const n = nextId();
  const phone = options.phone ?? `1771${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;
  const guardianName = options.guardianName ?? `家长${n}`;
  const status = options.status ?? 'accepted';
  const user = await db
    .insertInto('app_user')
    .values({ role: 'guardian', phone, display_name: guardianName, status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const gid = demoIdNumber('1990-05-05', 5000 + (n % 4000), 'female');
  const fam = await db
    .insertInto('family')
    .values({
      guardian_user_id: user.id,
      guardian_name: guardianName,
      guardian_id_enc: cipher.encrypt(gid),
      guardian_id_hash: cipher.searchHash(`${gid}:${process.pid}:${n}`),
      street_id: sid,
      address: options.address ?? '虹口区测试路 1 号',
      status,
      consent_version: 1,
      consent_at: now,
      agreement_version: 1,
      agreement_signed_at: now,
      submitted_at: status === 'draft' ? null : now,
      reviewed_at: status === 'accepted' ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const png = demoCertificatePng();
  const picture = cipher.encryptBytes(png);
  const pictureSha = crypto.createHash('sha256').update(png).digest('hex');
  const children: MadeHousehold['children'] = [];
  for (const c of options.children ?? [{}]) {
    const k = nextId();
    const birth = c.birthDate ?? '2025-04-04';
    const sex = c.sex ?? (k % 2 ? 'male' : 'female');
    const name = c.name ?? `宝宝${k}`;
    const cid = demoIdNumber(birth, k % 499, sex);
    const child = await db
      .insertInto('child')
      .values({
        family_id: fam.id,
        name,
        sex,
        birth_date: birth,
        id_number_enc: cipher.encrypt(cid),
        id_number_hash: crypto.randomBytes(16).toString('hex'),
        residence_street_id: sid,
        health_enc: cipher.encrypt(JSON.stringify({ allergies: c.allergies ?? '', history: c.history ?? '', declaredTruthfully: true })),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const examDate = c.examDate === undefined ? '2026-11-20' : c.examDate;
    if (examDate) {
      const key = crypto.randomUUID();
      await files.put(key, picture);
      const file = await db
        .insertInto('stored_file')
        .values({
          family_id: fam.id,
          content_type: 'image/png',
          size_bytes: png.length,
          sha256: pictureSha,
          storage_key: key,
          original_name: '健康检查合格证明.png',
          uploaded_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('health_certificate')
        .values({ child_id: child.id, file_id: file.id, exam_date: examDate, institution: '虹口区妇幼保健所' })
        .execute();
    }
    children.push({ childId: child.id, name });
  }
  const pickups = options.pickups ?? [];
  if (pickups.length)
    await db
      .insertInto('pickup_person')
      .values(pickups.map((p) => ({ family_id: fam.id, name: p.name, relation: p.relation, phone: p.phone })))
      .execute();
  await db
    .insertInto('emergency_contact')
    .values({
      family_id: fam.id,
      name: pickups[0]?.name ?? guardianName,
      relation: pickups[0]?.relation ?? '本人',
      phone: pickups[0]?.phone ?? phone,
    })
    .execute();
  return { familyId: fam.id, guardianId: user.id, phone, children };
}

/**
 * The daily logs of the `days` days before `now` (disinfection and safety check, all in order), recorded by `recordedBy`
 * as a house in order keeps them (the day of `now` is left to the test).
 */
export async function makeDailyLogs(db: Db, houseId: string, now: Date, recordedBy: string, days = 7) {
  const today = localDateOf(now);
  for (let d = days; d >= 1; d--) {
    const date = addDays(today, -d);
    await db
      .insertInto('daily_log')
      .values([
        {
          house_id: houseId,
          date,
          kind: 'disinfection',
          items: JSON.stringify(['toys', 'surfaces', 'bedding', 'washroom', 'air']),
          all_ok: true,
          note: null,
          recorded_by: recordedBy,
          recorded_at: districtInstant(date, '08:20'),
        },
        {
          house_id: houseId,
          date,
          kind: 'safety_check',
          items: JSON.stringify(['exits', 'electrical', 'fireEquipment', 'furniture', 'outdoor', 'cctv', 'alarm']),
          all_ok: true,
          note: null,
          recorded_by: recordedBy,
          recorded_at: districtInstant(date, '08:35'),
        },
      ])
      .execute();
  }
}

/** An incident at the house `daysAgo` days before `now` at 10:15 (minor, with no particular child, unless given). */
export async function makeIncident(
  db: Db,
  cipher: FieldCipher,
  now: Date,
  o: {
    houseId: string;
    reportedBy: string;
    daysAgo?: number;
    severity?: 'minor' | 'serious';
    kind?: 'injury' | 'illness' | 'other';
    childId?: string;
  },
): Promise<string> {
  const date = addDays(localDateOf(now), -(o.daysAgo ?? 4));
  const row = await db
    .insertInto('incident')
    .values({
      house_id: o.houseId,
      child_id: o.childId ?? null,
      kind: o.kind ?? 'injury',
      severity: o.severity ?? 'minor',
      occurred_at: districtInstant(date, '10:15'),
      detail_enc: cipher.encrypt(
        JSON.stringify({
          description: '一名幼儿在攀爬软垫时滑倒,膝盖轻微擦伤',
          actionTaken: '卫生保健人员清洁伤口并贴创可贴,持续观察无异常',
        }),
      ),
      reported_by: o.reportedBy,
      created_at: districtInstant(date, '10:40'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The street of an organiser: its provider's or its house's. */
function organiserStreet(db: Db, o: { providerId?: string; houseId?: string }) {
  return o.providerId
    ? db.selectFrom('guidance_provider').select('street_id').where('id', '=', o.providerId).executeTakeFirstOrThrow()
    : db.selectFrom('house').select('street_id').where('id', '=', o.houseId!).executeTakeFirstOrThrow();
}

export interface GuidanceEventOptions {
  /** The organiser: a provider or a house (one of the two). */
  providerId?: string;
  houseId?: string;
  date: string;
  start?: string;
  end?: string;
  seats?: number;
  mode?: 'offline' | 'online';
  topic?: string;
  title?: string;
  minAgeMonths?: number;
  maxAgeMonths?: number;
  createdBy: string;
}

/** A published guidance event (offline unless asked, 09:30–10:30, 20 seats, for 0–36 months); returns its id. */
export async function makeGuidanceEvent(db: Db, o: GuidanceEventOptions): Promise<string> {
  const owner = await organiserStreet(db, o);
  const mode = o.mode ?? 'offline';
  const row = await db
    .insertInto('guidance_event')
    .values({
      provider_id: o.providerId ?? null,
      house_id: o.providerId ? null : o.houseId!,
      street_id: owner.street_id,
      title: o.title ?? `育儿讲座${nextId()}`,
      topic: o.topic ?? 'feeding',
      min_age_months: o.minAgeMonths ?? 0,
      max_age_months: o.maxAgeMonths ?? 36,
      leader: '测试指导师',
      mode,
      place: mode === 'offline' ? '多功能活动室' : null,
      meeting_url: mode === 'online' ? 'https://meeting.example.cn/j/123456' : null,
      date: o.date,
      starts_at: districtInstant(o.date, o.start ?? '09:30'),
      ends_at: districtInstant(o.date, o.end ?? '10:30'),
      seats: o.seats ?? 20,
      created_by: o.createdBy,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface CourseOptions {
  /** The organiser: a provider or a house (one of the two). */
  providerId?: string;
  houseId?: string;
  createdBy: string;
  status?: 'draft' | 'published' | 'withdrawn';
  title?: string;
  minAgeMonths?: number;
  maxAgeMonths?: number;
  /** An article of one paragraph with a check of one question (answer: the second option). Default true. */
  article?: boolean;
}

/** A guidance course (published with an article and its check unless asked otherwise, for 0–36 months); returns its id. */
export async function makeCourse(db: Db, o: CourseOptions): Promise<string> {
  const owner = await organiserStreet(db, o);
  const withArticle = o.article ?? true;
  const status = o.status ?? 'published';
  const row = await db
    .insertInto('guidance_course')
    .values({
      provider_id: o.providerId ?? null,
      house_id: o.providerId ? null : o.houseId!,
      street_id: owner.street_id,
      title: o.title ?? `线上课程${nextId()}`,
      topic: 'sleep',
      min_age_months: o.minAgeMonths ?? 0,
      max_age_months: o.maxAgeMonths ?? 36,
      leader: '测试指导师',
      summary: '测试用课程',
      article: JSON.stringify(withArticle ? [{ kind: 'text', text: '睡前一小时调暗灯光,固定入睡仪式。' }] : []),
      quiz: JSON.stringify(withArticle ? [{ question: '睡前宜做什么?', options: ['看手机', '固定入睡仪式', '剧烈游戏'], answer: 1 }] : []),
      status,
      published_at: status === 'published' ? new Date() : null,
      created_by: o.createdBy,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface BookingAtDoor {
  sessionId: string;
  childId: string;
  familyId: string;
  guardianId: string;
  /** who checked the child in (and out) */
  carerId: string;
  date: string;
  start?: string;
  end?: string;
  free?: boolean;
  status?: 'confirmed' | 'no_show' | 'cancelled';
  /** admitted (the default: checked in and out), refused at the door (false), or never came to it (null) */
  admitted?: boolean | null;
}

/** A child's booking of a session and what happened at the door, written straight to the tables (for the targets). */
export async function makeBookingAtDoor(db: Db, o: BookingAtDoor): Promise<{ bookingId: string }> {
  const [start, end] = [districtInstant(o.date, o.start ?? '09:00'), districtInstant(o.date, o.end ?? '11:00')];
  const booking = await db
    .insertInto('booking')
    .values({
      session_id: o.sessionId,
      child_id: o.childId,
      family_id: o.familyId,
      status: o.status ?? 'confirmed',
      during: sql`tstzrange(${start}, ${end})` as never,
      free: o.free ?? true,
      created_by: o.guardianId,
      created_at: start,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const admitted = o.admitted === undefined ? true : o.admitted;
  if (admitted !== null) {
    await db
      .insertInto('attendance')
      .values({
        booking_id: booking.id,
        session_id: o.sessionId,
        child_id: o.childId,
        admitted,
        health_enc: 'x',
        brought_by: '妈妈',
        checked_in_at: start,
        checked_in_by: o.carerId,
        checked_out_at: admitted ? end : null,
        checked_out_by: admitted ? o.carerId : null,
        picked_up_by: admitted ? '妈妈' : null,
      })
      .execute();
  }
  return { bookingId: booking.id };
}
