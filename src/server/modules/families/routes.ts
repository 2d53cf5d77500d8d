// The guardian's side of registration (DOMAIN.md §5.1): consent first, then the family, children, pickup persons
// and emergency contacts in one transaction; certificates; the agreement; submission to the street.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { localDateOf, isValidLocalDate } from '../../../domain/time.ts';
import { authorize } from '../../access.ts';
import { auditSourceOf, writeAudit } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { readUpload, storeUpload } from '../../uploads.ts';
import { idParams } from '../../schemas.ts';
import { policyOn } from '../policy/service.ts';
import {
  certificateOutput, childInput, childUpdate, eligibilityOutput, familyEnvelope, guardianInput, personInput, personUpdate,
  registrationInput,
} from './schemas.ts';
import {
  checkChildBirthDate, currentDocumentVersions, eligibilityOfChild, eligibilityRules, familyTodo, isUniqueViolationOn,
  loadFamily, validIdNumber, type HealthDeclaration,
} from './service.ts';

export default async function familyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, cipher, files } = app.ctx;
  const today = () => localDateOf(clock.now());

  async function ownFamily(req: FastifyRequest) {
    const f = await db.selectFrom('family').select(['id', 'status', 'consent_version', 'street_id'])
      .where('guardian_user_id', '=', req.actor!.id).executeTakeFirst();
    if (!f) throw new AppError(404, 'FAMILY_NOT_FOUND');
    return f;
  }

  /** Changes are refused while the street is reviewing (the reviewer must see what they decide on). */
  function assertEditable(status: string) {
    if (status === 'submitted') throw new AppError(409, 'FAMILY_NOT_EDITABLE');
  }

  /** The child must belong to the signed-in guardian's family. */
  async function ownChild(req: FastifyRequest, childId: string) {
    const c = await db.selectFrom('child as c').innerJoin('family as f', 'f.id', 'c.family_id')
      .select(['c.id', 'c.family_id', 'f.guardian_user_id', 'f.status', 'c.birth_date', 'c.id_number_enc', 'c.health_enc'])
      .where('c.id', '=', childId).executeTakeFirst();
    if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
    authorize(req.actor!, 'family.manageOwn', { userId: c.guardian_user_id });
    return c;
  }

  const encryptHealth = (h: HealthDeclaration) => cipher.encrypt(JSON.stringify(h));
  const idTaken = (field: string) => new AppError(409, 'ID_NUMBER_TAKEN', undefined, [{ field, code: 'ID_NUMBER_TAKEN', message: '' }]);

  async function envelope(familyId: string | null) {
    const date = today();
    const [family, rules] = await Promise.all([
      familyId ? loadFamily(db, cipher, familyId, date) : Promise.resolve(null),
      eligibilityRules(db, date),
    ]);
    return {
      family,
      currentConsentVersion: rules.currentConsentVersion,
      currentAgreementVersion: rules.currentAgreementVersion,
      todo: familyTodo(family, rules),
      rules: { certificateValidityDays: rules.certificateValidityDays, minAgeMonths: rules.minAgeMonths, maxAgeMonths: rules.maxAgeMonths },
    };
  }

  async function replacePeople(trx: Transaction<DB>, table: 'pickup_person' | 'emergency_contact', familyId: string, people: z.infer<typeof personInput>[]) {
    await trx.deleteFrom(table).where('family_id', '=', familyId).execute();
    if (people.length) await trx.insertInto(table).values(people.map((p) => ({ family_id: familyId, ...p }))).execute();
  }

  async function assertStreet(id: string, field: string) {
    if (!(await db.selectFrom('street').select('id').where('id', '=', id).executeTakeFirst())) {
      throw new AppError(422, 'STREET_NOT_FOUND', undefined, [{ field, code: 'STREET_NOT_FOUND', message: '' }]);
    }
  }

  app.get('/api/family', {
    config: { action: 'family.readOwn' },
    schema: { tags: ['families'], summary: 'The guardian’s family, children with their booking checklist, and what is left to do', response: { 200: familyEnvelope } },
  }, async (req) => {
    const f = await db.selectFrom('family').select('id').where('guardian_user_id', '=', req.actor!.id).executeTakeFirst();
    return envelope(f?.id ?? null);
  });

  app.post('/api/family', {
    config: { action: 'family.manageOwn' },
    schema: {
      tags: ['families'],
      summary: 'Register the family: the consent, the guardian, children, pickup persons and contacts in one transaction',
      body: registrationInput, response: { 201: familyEnvelope },
    },
  }, async (req, res) => {
    const b = req.body;
    const date = today();
    const [versions, policy] = await Promise.all([currentDocumentVersions(db, date), policyOn(db, date)]);
    if (b.consentVersion !== versions.consent) {
      throw new AppError(409, 'CONSENT_VERSION_OUTDATED', undefined, [{ field: 'body.consentVersion', code: 'CONSENT_VERSION_OUTDATED', message: '' }]);
    }
    const guardianId = validIdNumber(b.guardian.idNumber, 'body.guardian.idNumber');
    await assertStreet(b.guardian.streetId, 'body.guardian.streetId');
    const childIds = b.children.map((c, i) => {
      const id = validIdNumber(c.idNumber, `body.children.${i}.idNumber`);
      checkChildBirthDate(c.birthDate, id, date, policy, `body.children.${i}`);
      return id;
    });
    for (const [i, c] of b.children.entries()) await assertStreet(c.residenceStreetId, `body.children.${i}.residenceStreetId`);
    if (new Set(childIds).size !== childIds.length) throw idTaken('body.children');
    const now = clock.now();
    let familyId: string;
    try {
      familyId = await db.transaction().execute(async (trx) => {
        const f = await trx.insertInto('family').values({
          guardian_user_id: req.actor!.id, guardian_name: b.guardian.realName,
          guardian_id_enc: cipher.encrypt(guardianId), guardian_id_hash: cipher.searchHash(guardianId),
          street_id: b.guardian.streetId, address: b.guardian.address,
          consent_version: b.consentVersion, consent_at: now, created_at: now, updated_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('consent_record').values({ family_id: f.id, kind: 'consent', version: b.consentVersion, given_at: now, given_by: req.actor!.id, ip: req.ip }).execute();
        await trx.insertInto('child').values(b.children.map((c, i) => ({
          family_id: f.id, name: c.name, sex: c.sex, birth_date: c.birthDate,
          id_number_enc: cipher.encrypt(childIds[i]), id_number_hash: cipher.searchHash(childIds[i]),
          residence_street_id: c.residenceStreetId,
          health_enc: encryptHealth({ allergies: c.allergies, history: c.history, declaredTruthfully: true }),
          created_at: now, updated_at: now,
        }))).execute();
        await replacePeople(trx, 'pickup_person', f.id, b.pickupPersons);
        await replacePeople(trx, 'emergency_contact', f.id, b.emergencyContacts);
        await trx.updateTable('app_user').set({ display_name: b.guardian.realName, updated_at: now }).where('id', '=', req.actor!.id).execute();
        await writeAudit(trx, clock, auditSourceOf(req), { action: 'consent.give', entityType: 'family', entityId: f.id, detail: { version: b.consentVersion } });
        await writeAudit(trx, clock, auditSourceOf(req), { action: 'family.register', entityType: 'family', entityId: f.id, detail: { children: b.children.length } });
        return f.id;
      });
    } catch (err) {
      if (isUniqueViolationOn(err, 'guardian_user_id')) throw new AppError(409, 'FAMILY_EXISTS');
      if (isUniqueViolationOn(err, 'id_number_hash')) throw idTaken('body.children');
      throw err;
    }
    return res.status(201).send(await envelope(familyId));
  });

  app.patch('/api/family', {
    config: { action: 'family.manageOwn' },
    schema: { tags: ['families'], summary: 'Correct the guardian’s details (identity changes send an accepted family back to review)', body: guardianInput.partial(), response: { 200: familyEnvelope } },
  }, async (req) => {
    const f = await ownFamily(req);
    assertEditable(f.status);
    const b = req.body;
    const set: Record<string, unknown> = { updated_at: clock.now() };
    if (b.realName !== undefined) set.guardian_name = b.realName;
    if (b.address !== undefined) set.address = b.address;
    if (b.streetId !== undefined) {
      await assertStreet(b.streetId, 'body.streetId');
      set.street_id = b.streetId;
    }
    if (b.idNumber !== undefined) {
      const id = validIdNumber(b.idNumber, 'body.idNumber');
      set.guardian_id_enc = cipher.encrypt(id);
      set.guardian_id_hash = cipher.searchHash(id);
    }
    const identityChanged = b.realName !== undefined || b.idNumber !== undefined || b.streetId !== undefined;
    if (identityChanged && f.status === 'accepted') set.status = 'draft';
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('family').set(set).where('id', '=', f.id).execute();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'family.update', entityType: 'family', entityId: f.id, detail: { changed: Object.keys(b) } });
    });
    return envelope(f.id);
  });

  app.post('/api/family/children', {
    config: { action: 'family.manageOwn' },
    schema: { tags: ['families'], summary: 'Add a child to the registered family', body: childInput, response: { 201: familyEnvelope } },
  }, async (req, res) => {
    const f = await ownFamily(req);
    assertEditable(f.status);
    const date = today();
    const [versions, policy] = await Promise.all([currentDocumentVersions(db, date), policyOn(db, date)]);
    if (f.consent_version < versions.consent) throw new AppError(409, 'CONSENT_REQUIRED');
    const c = req.body;
    const id = validIdNumber(c.idNumber, 'body.idNumber');
    checkChildBirthDate(c.birthDate, id, date, policy, 'body');
    await assertStreet(c.residenceStreetId, 'body.residenceStreetId');
    try {
      await db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('child').values({
          family_id: f.id, name: c.name, sex: c.sex, birth_date: c.birthDate,
          id_number_enc: cipher.encrypt(id), id_number_hash: cipher.searchHash(id), residence_street_id: c.residenceStreetId,
          health_enc: encryptHealth({ allergies: c.allergies, history: c.history, declaredTruthfully: true }),
          created_at: clock.now(), updated_at: clock.now(),
        }).returning('id').executeTakeFirstOrThrow();
        await writeAudit(trx, clock, auditSourceOf(req), { action: 'child.create', entityType: 'child', entityId: row.id });
      });
    } catch (err) {
      if (isUniqueViolationOn(err, 'id_number_hash')) throw idTaken('body.idNumber');
      throw err;
    }
    return res.status(201).send(await envelope(f.id));
  });

  app.patch('/api/children/:id', {
    config: { action: 'family.manageOwn' },
    schema: { tags: ['families'], summary: 'Correct a child’s details or health declaration', params: idParams, body: childUpdate, response: { 200: familyEnvelope } },
  }, async (req) => {
    const c = await ownChild(req, req.params.id);
    assertEditable(c.status);
    const b = req.body;
    const date = today();
    const policy = await policyOn(db, date);
    const idNumber = b.idNumber !== undefined ? validIdNumber(b.idNumber, 'body.idNumber') : cipher.decrypt(c.id_number_enc);
    const birthDate = b.birthDate ?? c.birth_date;
    if (b.idNumber !== undefined || b.birthDate !== undefined) checkChildBirthDate(birthDate, idNumber, date, policy, 'body');
    if (b.residenceStreetId !== undefined) await assertStreet(b.residenceStreetId, 'body.residenceStreetId');
    const health = JSON.parse(cipher.decrypt(c.health_enc)) as HealthDeclaration;
    const set: Record<string, unknown> = {
      updated_at: clock.now(),
      health_enc: encryptHealth({ allergies: b.allergies ?? health.allergies, history: b.history ?? health.history, declaredTruthfully: true }),
    };
    if (b.name !== undefined) set.name = b.name;
    if (b.sex !== undefined) set.sex = b.sex;
    if (b.birthDate !== undefined) set.birth_date = b.birthDate;
    if (b.residenceStreetId !== undefined) set.residence_street_id = b.residenceStreetId;
    if (b.idNumber !== undefined) {
      set.id_number_enc = cipher.encrypt(idNumber);
      set.id_number_hash = cipher.searchHash(idNumber);
    }
    const identityChanged = b.idNumber !== undefined || b.birthDate !== undefined || b.name !== undefined;
    try {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('child').set(set).where('id', '=', c.id).execute();
        if (identityChanged && c.status === 'accepted') {
          await trx.updateTable('family').set({ status: 'draft', updated_at: clock.now() }).where('id', '=', c.family_id).execute();
        }
        await writeAudit(trx, clock, auditSourceOf(req), { action: 'child.update', entityType: 'child', entityId: c.id, detail: { changed: Object.keys(b) } });
      });
    } catch (err) {
      if (isUniqueViolationOn(err, 'id_number_hash')) throw idTaken('body.idNumber');
      throw err;
    }
    return envelope(c.family_id);
  });

  for (const [path, table, max] of [['pickup-persons', 'pickup_person', 6], ['emergency-contacts', 'emergency_contact', 4]] as const) {
    app.put(`/api/family/${path}`, {
      config: { action: 'family.manageOwn' },
      schema: {
        tags: ['families'], summary: path === 'pickup-persons' ? 'Replace the list of authorised pickup persons' : 'Replace the list of emergency contacts',
        body: z.strictObject({ people: z.array(personUpdate).max(max) }), response: { 200: familyEnvelope },
      },
    }, async (req) => {
      const f = await ownFamily(req);
      assertEditable(f.status);
      const stored = await db.selectFrom(table).select(['id', 'phone']).where('family_id', '=', f.id).execute();
      const people = req.body.people.map((p, i) => {
        const phoneNumber = p.phone ?? stored.find((x) => x.id === p.id)?.phone;
        if (!phoneNumber) throw new AppError(400, 'PHONE_INVALID', undefined, [{ field: `body.people.${i}.phone`, code: 'PHONE_INVALID', message: '' }]);
        return { name: p.name, relation: p.relation, phone: phoneNumber };
      });
      await db.transaction().execute(async (trx) => {
        await replacePeople(trx, table, f.id, people);
        await writeAudit(trx, clock, auditSourceOf(req), { action: `family.${table}.replace`, entityType: 'family', entityId: f.id, detail: { count: req.body.people.length } });
      });
      return envelope(f.id);
    });
  }

  for (const kind of ['consent', 'agreement'] as const) {
    app.post(`/api/family/${kind}`, {
      config: { action: 'family.manageOwn' },
      schema: {
        tags: ['families'],
        summary: kind === 'consent' ? 'Accept the current children’s-data rules (after a new version)' : 'Sign the current service agreement (R14)',
        body: z.strictObject({ version: z.number().int().positive() }), response: { 200: familyEnvelope },
      },
    }, async (req) => {
      const f = await ownFamily(req);
      const versions = await currentDocumentVersions(db, today());
      if (req.body.version !== versions[kind]) {
        throw new AppError(409, kind === 'consent' ? 'CONSENT_VERSION_OUTDATED' : 'AGREEMENT_VERSION_OUTDATED');
      }
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('family').set(kind === 'consent'
          ? { consent_version: req.body.version, consent_at: now, updated_at: now }
          : { agreement_version: req.body.version, agreement_signed_at: now, updated_at: now }).where('id', '=', f.id).execute();
        await trx.insertInto('consent_record').values({ family_id: f.id, kind, version: req.body.version, given_at: now, given_by: req.actor!.id, ip: req.ip }).execute();
        await writeAudit(trx, clock, auditSourceOf(req), { action: kind === 'consent' ? 'consent.give' : 'agreement.sign', entityType: 'family', entityId: f.id, detail: { version: req.body.version } });
      });
      return envelope(f.id);
    });
  }

  app.post('/api/family/submit', {
    config: { action: 'family.manageOwn' },
    schema: { tags: ['families'], summary: 'Send the registration to the street for acceptance (社区统一受理)', response: { 200: familyEnvelope } },
  }, async (req) => {
    const f = await ownFamily(req);
    if (f.status === 'submitted' || f.status === 'accepted') throw new AppError(409, 'REGISTRATION_NOT_PENDING');
    const before = await envelope(f.id);
    const blocking = before.todo.filter((r) => r === 'consent' || r === 'agreement' || r === 'certificate');
    if (blocking.length) {
      throw new AppError(422, 'REGISTRATION_INCOMPLETE', undefined,
        blocking.map((r) => ({ field: r, code: r, message: '' })), { missing: blocking });
    }
    await db.transaction().execute(async (trx) => {
      const moved = await trx.updateTable('family').set({ status: 'submitted', submitted_at: clock.now(), return_reason: null, updated_at: clock.now() })
        .where('id', '=', f.id).where('status', 'in', ['draft', 'returned']).executeTakeFirst();
      if (!moved.numUpdatedRows) throw new AppError(409, 'REGISTRATION_NOT_PENDING');
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'family.submit', entityType: 'family', entityId: f.id });
    });
    return envelope(f.id);
  });

  app.post('/api/children/:id/certificates', {
    config: { action: 'family.manageOwn' },
    schema: {
      tags: ['families'],
      summary: 'Upload a health-check certificate (multipart: file = JPEG/PNG/PDF ≤ 10 MB, examDate, institution)',
      params: idParams, consumes: ['multipart/form-data'], response: { 201: certificateOutput },
    },
  }, async (req, res) => {
    const c = await ownChild(req, req.params.id);
    assertEditable(c.status);
    const upload = await readUpload(req);
    const fieldError = (field: string, code: 'EXAM_DATE_INVALID' | 'VALIDATION_FAILED') => new AppError(422, code, undefined, [{ field, code, message: '' }]);
    const examDate = upload.fields.examDate ?? '';
    if (!isValidLocalDate(examDate) || examDate > today()) throw fieldError('examDate', 'EXAM_DATE_INVALID');
    const institution = (upload.fields.institution ?? '').trim();
    if (institution.length < 2 || institution.length > 60) throw fieldError('institution', 'VALIDATION_FAILED');
    const cert = await storeUpload(app.ctx, upload, { familyId: c.family_id }, req.actor!.id, async (trx, fileId) => {
      const row = await trx.insertInto('health_certificate').values({ child_id: c.id, file_id: fileId, exam_date: examDate, institution, created_at: clock.now() })
        .returning(['id', 'created_at']).executeTakeFirstOrThrow();
      await writeAudit(trx, clock, auditSourceOf(req), { action: 'certificate.upload', entityType: 'child', entityId: c.id, detail: { certificateId: row.id, examDate, institution } });
      return { id: row.id, fileId, createdAt: row.created_at };
    });
    return res.status(201).send({ id: cert.id, examDate, institution, fileId: cert.fileId, contentType: upload.contentType, uploadedAt: new Date(cert.createdAt).toISOString() });
  });

  app.get('/api/family/files/:id', {
    config: { action: 'family.readOwn' },
    schema: { tags: ['families'], summary: 'One of the family’s own uploaded files', params: idParams },
  }, async (req, res) => {
    const file = await db.selectFrom('stored_file as sf').innerJoin('family as f', 'f.id', 'sf.family_id')
      .select(['sf.storage_key', 'sf.content_type', 'f.guardian_user_id']).where('sf.id', '=', req.params.id).executeTakeFirst();
    if (!file) throw new AppError(404, 'FILE_NOT_FOUND');
    authorize(req.actor!, 'family.readOwn', { userId: file.guardian_user_id });
    const data = cipher.decryptBytes(await files.get(file.storage_key));
    return res.header('Cache-Control', 'private, no-store').type(file.content_type).send(data);
  });

  app.get('/api/children/:id/eligibility', {
    config: { action: 'family.readOwn' },
    schema: {
      tags: ['families'], summary: 'Whether the child can book on a date, and what is missing (R1, R13, R14, R16, consent)',
      params: idParams, querystring: z.strictObject({ date: z.string().optional() }), response: { 200: eligibilityOutput },
    },
  }, async (req) => {
    const c = await db.selectFrom('child as c').innerJoin('family as f', 'f.id', 'c.family_id').select('f.guardian_user_id')
      .where('c.id', '=', req.params.id).executeTakeFirst();
    if (!c) throw new AppError(404, 'CHILD_NOT_FOUND');
    authorize(req.actor!, 'family.readOwn', { userId: c.guardian_user_id });
    const date = req.query.date && isValidLocalDate(req.query.date) ? req.query.date : today();
    const { eligibility } = await eligibilityOfChild(db, req.params.id, date);
    return { date, ...eligibility };
  });
}
