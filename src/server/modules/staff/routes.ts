// The house manager's staff records (R7–R10): positions, qualifications, health certificates, yearly training,
// criminal-record checks, the manager's experience; house files (scans, photos) and the evidence for the house's
// facts (R11, R12, R19). Every change re-runs the house's compliance check so the findings follow the records.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { complianceRulesFrom, credentialState, REQUIRED_CREDENTIALS, rosterBlockers, validUntil } from '../../../domain/compliance.ts';
import { addDays, districtInstant, localDateOf } from '../../../domain/time.ts';
import { maskPhone } from '../../../shared/format.ts';
import { authorize } from '../../access.ts';
import { auditSourceOf, writeAudit } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { idParams, localDate, phone } from '../../schemas.ts';
import { readUpload, storeUpload } from '../../uploads.ts';
import { policyOn } from '../policy/service.ts';
import { runCompliance } from '../compliance/service.ts';
import { isUniqueViolation, validInsurancePeriod, houseTarget } from '../houses/service.ts';
import { barStaffMember, loadStaffFacts, lockStaffForRosterChange, takeOffRosters } from './service.ts';
import { lockHouse } from '../../locks.ts';

const position = z.enum(['manager', 'carer', 'health', 'security', 'volunteer']);
const employment = z.enum(['full_time', 'part_time', 'volunteer']);
const credentialKind = z.enum(['qualification', 'health_certificate', 'training', 'background_check']);
const name = z.string().trim().min(2).max(30);

const credentialOutput = z.object({
  id: z.string(), kind: credentialKind, title: z.string(), number: z.string().nullable(), issuedOn: z.string(), expiresOn: z.string().nullable(),
  validUntil: z.string().nullable(), result: z.enum(['clear', 'hit']).nullable(), fileId: z.string().nullable(), createdAt: z.string(),
});
const staffOutput = z.object({
  id: z.string(), houseId: z.string(), userId: z.string().nullable(), username: z.string().nullable(), name: z.string(), position, employment,
  phoneMasked: z.string().nullable(), hiredOn: z.string(), leftOn: z.string().nullable(), experienceYears: z.number().nullable(),
  experienceNote: z.string().nullable(), barred: z.boolean(),
  requirements: z.array(z.object({ kind: credentialKind, status: z.enum(['valid', 'expiring', 'expired', 'missing', 'hit']), until: z.string().nullable() })),
  credentials: z.array(credentialOutput),
  rosterBlockers: z.array(z.string()),
  shifts: z.array(z.object({ sessionId: z.string(), date: z.string(), startsAt: z.string(), endsAt: z.string(), roomName: z.string() })),
});
const staffInput = z.strictObject({
  name, position, employment, phone: phone.nullable().optional(), hiredOn: localDate, userId: z.uuid().nullable().optional(),
  experienceYears: z.number().min(0).max(60).nullable().optional(), experienceNote: z.string().trim().max(200).nullable().optional(),
});
const staffPatch = staffInput.partial().extend({ leftOn: localDate.nullable().optional() });
const credentialInput = z.strictObject({
  kind: credentialKind, title: z.string().trim().min(2).max(50), number: z.string().trim().max(50).nullable().optional(),
  issuedOn: localDate, expiresOn: localDate.nullable().optional(), result: z.enum(['clear', 'hit']).nullable().optional(), fileId: z.uuid().nullable().optional(),
});
const evidenceTopic = z.enum(['cctv', 'alarm', 'insurance', 'facilities']);
const evidenceOutput = z.object({
  id: z.string(), topic: evidenceTopic, observedOn: z.string(), note: z.string(), fileId: z.string().nullable(), recordedBy: z.string(), createdAt: z.string(),
});
const factsInput = z.strictObject({
  cctvRetentionDays: z.number().int().min(0).max(3650).optional(), cctvNetworked: z.boolean().optional(), alarmNetworked: z.boolean().optional(),
  insurer: z.string().trim().min(2).max(60).nullable().optional(), insurancePolicyNo: z.string().trim().min(2).max(60).nullable().optional(),
  insuranceStart: localDate.nullable().optional(), insuranceEnd: localDate.nullable().optional(),
  facilities: z.strictObject({
    drinkingWater: z.boolean().optional(), washroom: z.boolean().optional(), nursingRoom: z.boolean().optional(),
    ageAppropriateFurniture: z.boolean().optional(), outdoorArea: z.boolean().optional(),
  }).optional(),
});

export default async function staffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, cipher, files } = app.ctx;
  const today = () => localDateOf(clock.now());

  async function staffTarget(staffId: string) {
    const s = await db.selectFrom('staff_member as s').innerJoin('house as h', 'h.id', 's.house_id').select(['s.id', 's.house_id', 'h.street_id'])
      .where('s.id', '=', staffId).executeTakeFirst();
    if (!s) throw new AppError(404, 'STAFF_NOT_FOUND');
    return { houseId: s.house_id, streetId: s.street_id };
  }

  /** The house's staff records as the manager sees them: each requirement's state today and why they cannot be rostered. */
  async function recordsOf(houseId: string) {
    const day = today();
    const rules = complianceRulesFrom(await policyOn(db, day));
    const [facts, rows, creds, shifts] = await Promise.all([
      loadStaffFacts(db, [houseId]),
      db.selectFrom('staff_member as s').leftJoin('app_user as u', 'u.id', 's.user_id').selectAll('s').select('u.username')
        .where('s.house_id', '=', houseId).execute(),
      db.selectFrom('staff_credential as c').innerJoin('staff_member as s', 's.id', 'c.staff_id').selectAll('c')
        .where('s.house_id', '=', houseId).orderBy('c.issued_on', 'desc').orderBy('c.created_at', 'desc').execute(),
      db.selectFrom('session_carer as sc').innerJoin('care_session as cs', 'cs.id', 'sc.session_id').innerJoin('room as r', 'r.id', 'cs.room_id')
        .select(['sc.user_id', 'cs.id', 'cs.date', 'cs.starts_at', 'cs.ends_at', 'r.name as room_name'])
        .where('cs.house_id', '=', houseId).where('cs.status', '=', 'scheduled').where('cs.date', '>=', day).where('cs.date', '<=', addDays(day, 13))
        .orderBy('cs.starts_at').execute(),
    ]);
    const order = ['manager', 'health', 'carer', 'volunteer', 'security'];
    const collator = new Intl.Collator('zh-CN');
    rows.sort((a, b) => Number(a.left_on !== null) - Number(b.left_on !== null) || order.indexOf(a.position) - order.indexOf(b.position) || collator.compare(a.name, b.name));
    return rows.map((s) => {
      const fact = facts.find((f) => f.id === s.id)!;
      return {
        id: s.id, houseId: s.house_id, userId: s.user_id, username: s.username, name: s.name, position: s.position, employment: s.employment,
        phoneMasked: s.phone ? maskPhone(s.phone) : null, hiredOn: s.hired_on, leftOn: s.left_on,
        experienceYears: fact.experienceYears, experienceNote: s.experience_note, barred: fact.barred,
        requirements: REQUIRED_CREDENTIALS[s.position].map((kind) => {
          const state = credentialState(fact, kind, day, rules);
          return { kind, status: state.status, until: 'until' in state ? state.until : state.status === 'hit' ? state.on : null };
        }),
        credentials: creds.filter((c) => c.staff_id === s.id).map((c) => ({
          id: c.id, kind: c.kind, title: c.title, number: c.number, issuedOn: c.issued_on, expiresOn: c.expires_on,
          validUntil: validUntil({ kind: c.kind, issuedOn: c.issued_on, expiresOn: c.expires_on, result: c.result }, rules),
          result: c.result, fileId: c.file_id, createdAt: new Date(c.created_at).toISOString(),
        })),
        rosterBlockers: rosterBlockers(fact, day, rules),
        shifts: s.user_id ? shifts.filter((x) => x.user_id === s.user_id).map((x) => ({
          sessionId: x.id, date: x.date, startsAt: new Date(x.starts_at).toISOString(), endsAt: new Date(x.ends_at).toISOString(), roomName: x.room_name,
        })) : [],
      };
    });
  }

  async function recordOf(staffId: string) {
    const t = await staffTarget(staffId);
    return (await recordsOf(t.houseId)).find((r) => r.id === staffId)!;
  }

  /** An account may be linked when it is an active staff account of this house with no record yet. */
  async function checkLinkable(houseId: string, userId: string, exceptStaffId?: string) {
    const u = await db.selectFrom('app_user as u').leftJoin('staff_member as s', 's.user_id', 'u.id').select(['u.id', 's.id as staff_id'])
      .where('u.id', '=', userId).where('u.house_id', '=', houseId).where('u.role', 'in', ['house_manager', 'carer', 'health_staff', 'volunteer'])
      .executeTakeFirst();
    if (!u || (u.staff_id && u.staff_id !== exceptStaffId)) {
      throw new AppError(422, 'ACCOUNT_NOT_LINKABLE', undefined, [{ field: 'body.userId', code: 'ACCOUNT_NOT_LINKABLE', message: '' }]);
    }
  }

  /** Two requests linking one account at once: the unique index decides, and the loser hears why. */
  function accountTaken(err: unknown): never {
    if (isUniqueViolation(err, 'user_id')) {
      throw new AppError(422, 'ACCOUNT_NOT_LINKABLE', undefined, [{ field: 'body.userId', code: 'ACCOUNT_NOT_LINKABLE', message: '' }]);
    }
    throw err;
  }

  /** A file uploaded to this house and not attached yet (a credential's scan must never become readable as evidence). */
  async function checkFile(houseId: string, fileId: string | null | undefined) {
    if (!fileId) return;
    const f = await db.selectFrom('stored_file as f').select('f.id').where('f.id', '=', fileId).where('f.house_id', '=', houseId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('staff_credential as c').select('c.id').whereRef('c.file_id', '=', 'f.id'))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('house_evidence as e').select('e.id').whereRef('e.file_id', '=', 'f.id'))))
      .executeTakeFirst();
    if (!f) throw new AppError(422, 'FILE_NOT_OF_HOUSE', undefined, [{ field: 'body.fileId', code: 'FILE_NOT_OF_HOUSE', message: '' }]);
  }

  app.get('/api/houses/:id/staff-records', {
    config: { action: 'staff.read' },
    schema: {
      tags: ['staff'], summary: 'The house’s staff records with each required credential’s state today, roster blockers and shifts (R7–R10)',
      params: idParams,
      response: { 200: z.object({ records: z.array(staffOutput), unlinkedAccounts: z.array(z.object({ id: z.string(), username: z.string(), name: z.string(), role: z.string() })) }) },
    },
  }, async (req) => {
    authorize(req.actor!, 'staff.read', await houseTarget(db, req.params.id));
    const [records, accounts] = await Promise.all([
      recordsOf(req.params.id),
      db.selectFrom('app_user as u').leftJoin('staff_member as s', 's.user_id', 'u.id').select(['u.id', 'u.username', 'u.display_name', 'u.role'])
        .where('u.house_id', '=', req.params.id).where('u.status', '=', 'active').where('s.id', 'is', null)
        .where('u.role', 'in', ['house_manager', 'carer', 'health_staff', 'volunteer']).execute(),
    ]);
    return { records, unlinkedAccounts: accounts.map((a) => ({ id: a.id, username: a.username ?? '', name: a.display_name, role: a.role })) };
  });

  app.post('/api/houses/:id/staff-records', {
    config: { action: 'staff.manage' },
    schema: { tags: ['staff'], summary: 'Add a staff record (optionally linked to the person’s console account)', params: idParams, body: staffInput, response: { 201: staffOutput } },
  }, async (req, res) => {
    const target = await houseTarget(db, req.params.id);
    authorize(req.actor!, 'staff.manage', target);
    const b = req.body;
    if (b.userId) await checkLinkable(req.params.id, b.userId);
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('staff_member').values({
        house_id: req.params.id, user_id: b.userId ?? null, name: b.name, position: b.position, employment: b.employment, phone: b.phone ?? null,
        hired_on: b.hiredOn, experience_years: b.experienceYears ?? null, experience_note: b.experienceNote || null,
      }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'staff.create', entityType: 'staff_member', entityId: row.id, detail: { ...b, phone: undefined } });
      return row.id;
    }).catch(accountTaken);
    await runCompliance(db, clock, { houseIds: [req.params.id], triggeredBy: req.actor!.id });
    return res.status(201).send(await recordOf(id));
  });

  app.patch('/api/staff-records/:id', {
    config: { action: 'staff.manage' },
    schema: { tags: ['staff'], summary: 'Change a staff record (position, account, leaving date, the manager’s experience…)', params: idParams, body: staffPatch, response: { 200: staffOutput } },
  }, async (req) => {
    const target = await staffTarget(req.params.id);
    authorize(req.actor!, 'staff.manage', target);
    const b = req.body;
    if (b.userId) await checkLinkable(target.houseId, b.userId, req.params.id);
    await db.transaction().execute(async (trx) => {
      await lockStaffForRosterChange(trx, req.params.id, clock.now());
      const current = await trx.selectFrom('staff_member').select(['hired_on', 'left_on']).where('id', '=', req.params.id).executeTakeFirstOrThrow();
      const hiredOn = b.hiredOn ?? current.hired_on;
      const leftOn = b.leftOn === undefined ? current.left_on : b.leftOn;
      if (leftOn && leftOn < hiredOn) throw new AppError(422, 'VALIDATION_FAILED', undefined, [{ field: 'body.leftOn', code: 'VALIDATION_FAILED', message: '' }]);
      await trx.updateTable('staff_member').set({
        ...(b.name !== undefined && { name: b.name }), ...(b.position !== undefined && { position: b.position }),
        ...(b.employment !== undefined && { employment: b.employment }), ...(b.phone !== undefined && { phone: b.phone }),
        ...(b.hiredOn !== undefined && { hired_on: b.hiredOn }), ...(b.userId !== undefined && { user_id: b.userId }),
        ...(b.experienceYears !== undefined && { experience_years: b.experienceYears }),
        ...(b.experienceNote !== undefined && { experience_note: b.experienceNote || null }),
        ...(b.leftOn !== undefined && { left_on: b.leftOn }), updated_at: clock.now(),
      }).where('id', '=', req.params.id).execute();
      // Leaving, or moving to a post that is never rostered: off the rosters after the last day.
      const after = await trx.selectFrom('staff_member').select(['user_id', 'left_on', 'position']).where('id', '=', req.params.id).executeTakeFirstOrThrow();
      if (after.user_id && (b.leftOn || b.position === 'security')) {
        const from = after.left_on ? districtInstant(addDays(after.left_on, 1)) : clock.now();
        await takeOffRosters(trx, clock, after.user_id, from < clock.now() ? clock.now() : from);
      }
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'staff.update', entityType: 'staff_member', entityId: req.params.id, detail: { ...b, phone: undefined } });
    }).catch(accountTaken);
    await runCompliance(db, clock, { houseIds: [target.houseId], triggeredBy: req.actor!.id });
    return recordOf(req.params.id);
  });

  app.post('/api/staff-records/:id/credentials', {
    config: { action: 'staff.manage' },
    schema: {
      tags: ['staff'],
      summary: 'Record a qualification, health certificate, yearly training or criminal-record check; a hit bars the person from every roster and alerts the street (R9)',
      params: idParams, body: credentialInput, response: { 201: staffOutput },
    },
  }, async (req, res) => {
    const target = await staffTarget(req.params.id);
    authorize(req.actor!, 'staff.manage', target);
    const b = req.body;
    const invalid = (field: string, reason: string) =>
      new AppError(422, 'CREDENTIAL_INVALID', { reason }, [{ field: `body.${field}`, code: 'CREDENTIAL_INVALID', message: '' }]);
    if (b.issuedOn > today()) throw invalid('issuedOn', '签发或查询日期不能晚于今天');
    if (b.expiresOn && b.expiresOn < b.issuedOn) throw invalid('expiresOn', '有效期至不能早于签发日期');
    if (b.kind === 'health_certificate' && !b.expiresOn) throw invalid('expiresOn', '健康证须填写有效期');
    if ((b.kind === 'background_check') !== !!b.result) throw invalid('result', '只有违法犯罪记录查询须填写查询结果');
    await checkFile(target.houseId, b.fileId);
    await db.transaction().execute(async (trx) => {
      // A hit takes the person off every coming roster: those sessions first, then the record (the lock order).
      if (b.result === 'hit') await lockStaffForRosterChange(trx, req.params.id, clock.now());
      const row = await trx.insertInto('staff_credential').values({
        staff_id: req.params.id, kind: b.kind, title: b.title, number: b.number || null, issued_on: b.issuedOn, expires_on: b.expiresOn ?? null,
        result: b.kind === 'background_check' ? b.result! : null, file_id: b.fileId ?? null, recorded_by: req.actor!.id,
        created_at: clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      const barred = b.result === 'hit' ? await barStaffMember(trx, clock, req.params.id) : null;
      await writeAudit(trx, clock, auditSourceOf(req), {
        action: 'staff.credential', entityType: 'staff_member', entityId: req.params.id, detail: { credentialId: row.id, kind: b.kind, issuedOn: b.issuedOn, expiresOn: b.expiresOn, result: b.result, barred },
      });
    });
    await runCompliance(db, clock, { houseIds: [target.houseId], triggeredBy: req.actor!.id });
    return res.status(201).send(await recordOf(req.params.id));
  });

  app.post('/api/houses/:id/files', {
    config: { action: 'houseFile.upload' },
    schema: {
      tags: ['staff'], summary: 'Upload a scan or photo (multipart: file = JPEG/PNG/PDF ≤ 10 MB) to attach to a credential or to evidence',
      params: idParams, consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.string(), contentType: z.string() }) },
    },
  }, async (req, res) => {
    authorize(req.actor!, 'houseFile.upload', await houseTarget(db, req.params.id));
    const upload = await readUpload(req, 0);
    const id = await storeUpload({ db, files, cipher, clock }, upload, { houseId: req.params.id }, req.actor!.id, async (trx, fileId) => {
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'houseFile.upload', entityType: 'stored_file', entityId: fileId, detail: { houseId: req.params.id } });
      return fileId;
    });
    return res.status(201).send({ id, contentType: upload.contentType });
  });

  app.get('/api/house-files/:id', {
    config: { action: 'house.read' },
    schema: { tags: ['staff'], summary: 'A house file: evidence for anyone who reads the house; a staff credential’s scan only for those who read staff records', params: idParams },
  }, async (req, res) => {
    const f = await db.selectFrom('stored_file as f').innerJoin('house as h', 'h.id', 'f.house_id')
      .select(['f.storage_key', 'f.content_type', 'f.house_id', 'h.street_id',
        (eb) => eb.exists(eb.selectFrom('house_evidence as e').select('e.id').whereRef('e.file_id', '=', 'f.id')).as('is_evidence'),
        (eb) => eb.exists(eb.selectFrom('staff_credential as c').select('c.id').whereRef('c.file_id', '=', 'f.id')).as('is_credential')])
      .where('f.id', '=', req.params.id).executeTakeFirst();
    if (!f || !f.house_id) throw new AppError(404, 'FILE_NOT_FOUND');
    authorize(req.actor!, f.is_evidence && !f.is_credential ? 'house.read' : 'staff.read', { houseId: f.house_id, streetId: f.street_id });
    const data = cipher.decryptBytes(await files.get(f.storage_key));
    return res.header('Cache-Control', 'private, no-store').type(f.content_type).send(data);
  });

  app.get('/api/houses/:id/evidence', {
    config: { action: 'house.read' },
    schema: { tags: ['staff'], summary: 'Dated evidence for the house’s CCTV, alarm, insurance and facilities (R11, R12, R19), newest first', params: idParams, response: { 200: z.array(evidenceOutput) } },
  }, async (req) => {
    authorize(req.actor!, 'house.read', await houseTarget(db, req.params.id));
    const rows = await db.selectFrom('house_evidence as e').innerJoin('app_user as u', 'u.id', 'e.recorded_by').selectAll('e').select('u.display_name')
      .where('e.house_id', '=', req.params.id).orderBy('e.observed_on', 'desc').orderBy('e.created_at', 'desc').execute();
    return rows.map((e) => ({
      id: e.id, topic: e.topic, observedOn: e.observed_on, note: e.note, fileId: e.file_id, recordedBy: e.display_name, createdAt: new Date(e.created_at).toISOString(),
    }));
  });

  app.post('/api/houses/:id/evidence', {
    config: { action: 'houseFacts.manage' },
    schema: {
      tags: ['staff'], summary: 'Record dated evidence for a fact of the house, optionally updating those facts at the same time',
      params: idParams,
      body: z.strictObject({ topic: evidenceTopic, observedOn: localDate, note: z.string().trim().min(2).max(200), fileId: z.uuid().nullable().optional(), facts: factsInput.optional() }),
      response: { 201: evidenceOutput },
    },
  }, async (req, res) => {
    const target = await houseTarget(db, req.params.id);
    authorize(req.actor!, 'houseFacts.manage', target);
    const b = req.body;
    // The street buys the insurance (R12): only those who edit the house's record change its policy dates.
    const f = b.facts ?? {};
    if (f.insurer !== undefined || f.insurancePolicyNo !== undefined || f.insuranceStart !== undefined || f.insuranceEnd !== undefined) {
      authorize(req.actor!, 'house.update', target);
    }
    if (b.observedOn > today()) throw new AppError(422, 'VALIDATION_FAILED', undefined, [{ field: 'body.observedOn', code: 'VALIDATION_FAILED', message: '' }]);
    await checkFile(req.params.id, b.fileId);
    const row = await db.transaction().execute(async (trx) => {
      await lockHouse(trx, req.params.id);
      const house = await trx.selectFrom('house').select(['insurance_start', 'insurance_end', 'facilities']).where('id', '=', req.params.id).executeTakeFirstOrThrow();
      validInsurancePeriod(f.insuranceStart === undefined ? house.insurance_start : f.insuranceStart, f.insuranceEnd === undefined ? house.insurance_end : f.insuranceEnd);
      if (Object.keys(f).length) {
        await trx.updateTable('house').set({
          ...(f.cctvRetentionDays !== undefined && { cctv_retention_days: f.cctvRetentionDays }),
          ...(f.cctvNetworked !== undefined && { cctv_networked: f.cctvNetworked }), ...(f.alarmNetworked !== undefined && { alarm_networked: f.alarmNetworked }),
          ...(f.insurer !== undefined && { insurer: f.insurer }), ...(f.insurancePolicyNo !== undefined && { insurance_policy_no: f.insurancePolicyNo }),
          ...(f.insuranceStart !== undefined && { insurance_start: f.insuranceStart }), ...(f.insuranceEnd !== undefined && { insurance_end: f.insuranceEnd }),
          ...(f.facilities !== undefined && { facilities: JSON.stringify({ ...(house.facilities ?? {}), ...f.facilities }) }),
          updated_at: clock.now(),
        }).where('id', '=', req.params.id).execute();
      }
      const e = await trx.insertInto('house_evidence').values({
        house_id: req.params.id, topic: b.topic, observed_on: b.observedOn, note: b.note, file_id: b.fileId ?? null, recorded_by: req.actor!.id,
        created_at: clock.now(),
      }).returningAll().executeTakeFirstOrThrow();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'house.evidence', entityType: 'house', entityId: req.params.id, detail: { evidenceId: e.id, topic: b.topic, facts: f } });
      return e;
    });
    await runCompliance(db, clock, { houseIds: [req.params.id], triggeredBy: req.actor!.id });
    return res.status(201).send({
      id: row.id, topic: row.topic, observedOn: row.observed_on, note: row.note, fileId: row.file_id, recordedBy: req.actor!.displayName,
      createdAt: new Date(row.created_at).toISOString(),
    });
  });
}
