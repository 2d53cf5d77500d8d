// The house manager's staff records (R7–R10): positions, qualifications, health certificates, yearly training,
// criminal-record checks, the manager's experience; house files (scans, photos) and the evidence for the house's
// facts (R11, R12, R19). Every change re-runs the house's compliance check so the findings follow the records.
// The workflows are in service.ts, the SQL in queries.ts. The compliance re-run is called from here, after the
// change is committed: compliance/service imports staff/service, so staff/service cannot call it back.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../access.ts';
import { auditSourceOf } from '../../audit.ts';
import { idParams, localDate, phone } from '../../schemas.ts';
import { readUpload } from '../../uploads.ts';
import { houseTarget } from '../houses/queries.ts';
import {
  addCredential,
  createStaffRecord,
  evidenceOf,
  fileBytes,
  houseFileToRead,
  houseStaffRecords,
  recordEvidence,
  staffRecordOf,
  staffTarget,
  storeHouseFile,
  touchesInsurance,
  updateStaffRecord,
} from './service.ts';

const position = z.enum(['manager', 'carer', 'health', 'security', 'volunteer']);
const employment = z.enum(['full_time', 'part_time', 'volunteer']);
const credentialKind = z.enum(['qualification', 'health_certificate', 'training', 'background_check']);
const name = z.string().trim().min(2).max(30);

const credentialOutput = z.object({
  id: z.string(),
  kind: credentialKind,
  title: z.string(),
  number: z.string().nullable(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  result: z.enum(['clear', 'hit']).nullable(),
  fileId: z.string().nullable(),
  createdAt: z.string(),
});
const staffOutput = z.object({
  id: z.string(),
  houseId: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  name: z.string(),
  position,
  employment,
  phoneMasked: z.string().nullable(),
  hiredOn: z.string(),
  leftOn: z.string().nullable(),
  experienceYears: z.number().nullable(),
  experienceNote: z.string().nullable(),
  barred: z.boolean(),
  requirements: z.array(
    z.object({ kind: credentialKind, status: z.enum(['valid', 'expiring', 'expired', 'missing', 'hit']), until: z.string().nullable() }),
  ),
  credentials: z.array(credentialOutput),
  rosterBlockers: z.array(z.string()),
  shifts: z.array(z.object({ sessionId: z.string(), date: z.string(), startsAt: z.string(), endsAt: z.string(), roomName: z.string() })),
});
const staffInput = z.strictObject({
  name,
  position,
  employment,
  phone: phone.nullable().optional(),
  hiredOn: localDate,
  userId: z.uuid().nullable().optional(),
  experienceYears: z.number().min(0).max(60).nullable().optional(),
  experienceNote: z.string().trim().max(200).nullable().optional(),
});
const staffPatch = staffInput.partial().extend({ leftOn: localDate.nullable().optional() });
const credentialInput = z.strictObject({
  kind: credentialKind,
  title: z.string().trim().min(2).max(50),
  number: z.string().trim().max(50).nullable().optional(),
  issuedOn: localDate,
  expiresOn: localDate.nullable().optional(),
  result: z.enum(['clear', 'hit']).nullable().optional(),
  fileId: z.uuid().nullable().optional(),
});
const evidenceTopic = z.enum(['cctv', 'alarm', 'insurance', 'facilities']);
const evidenceOutput = z.object({
  id: z.string(),
  topic: evidenceTopic,
  observedOn: z.string(),
  note: z.string(),
  fileId: z.string().nullable(),
  recordedBy: z.string(),
  createdAt: z.string(),
});
const factsInput = z.strictObject({
  cctvRetentionDays: z.number().int().min(0).max(3650).optional(),
  cctvNetworked: z.boolean().optional(),
  alarmNetworked: z.boolean().optional(),
  insurer: z.string().trim().min(2).max(60).nullable().optional(),
  insurancePolicyNo: z.string().trim().min(2).max(60).nullable().optional(),
  insuranceStart: localDate.nullable().optional(),
  insuranceEnd: localDate.nullable().optional(),
  facilities: z
    .strictObject({
      drinkingWater: z.boolean().optional(),
      washroom: z.boolean().optional(),
      nursingRoom: z.boolean().optional(),
      ageAppropriateFurniture: z.boolean().optional(),
      outdoorArea: z.boolean().optional(),
    })
    .optional(),
});

export default async function staffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, cipher, files } = app.ctx;

  app.get(
    '/api/houses/:id/staff-records',
    {
      config: { action: 'staff.read' },
      schema: {
        tags: ['staff'],
        summary: 'The house’s staff records with each required credential’s state today, roster blockers and shifts (R7–R10)',
        params: idParams,
        response: {
          200: z.object({
            records: z.array(staffOutput),
            unlinkedAccounts: z.array(z.object({ id: z.string(), username: z.string(), name: z.string(), role: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      authorize(req.actor!, 'staff.read', await houseTarget(db, req.params.id));
      return houseStaffRecords(db, clock, req.params.id);
    },
  );

  app.post(
    '/api/houses/:id/staff-records',
    {
      config: { action: 'staff.manage' },
      schema: {
        tags: ['staff'],
        summary: 'Add a staff record (optionally linked to the person’s console account)',
        params: idParams,
        body: staffInput,
        response: { 201: staffOutput },
      },
    },
    async (req, res) => {
      authorize(req.actor!, 'staff.manage', await houseTarget(db, req.params.id));
      const id = await createStaffRecord(db, clock, auditSourceOf(req), req.params.id, req.body);
      return res.status(201).send(await staffRecordOf(db, clock, id));
    },
  );

  app.patch(
    '/api/staff-records/:id',
    {
      config: { action: 'staff.manage' },
      schema: {
        tags: ['staff'],
        summary: 'Change a staff record (position, account, leaving date, the manager’s experience…)',
        params: idParams,
        body: staffPatch,
        response: { 200: staffOutput },
      },
    },
    async (req) => {
      const target = await staffTarget(db, req.params.id);
      authorize(req.actor!, 'staff.manage', target);
      await updateStaffRecord(db, clock, auditSourceOf(req), target.houseId, req.params.id, req.body);
      return staffRecordOf(db, clock, req.params.id);
    },
  );

  app.post(
    '/api/staff-records/:id/credentials',
    {
      config: { action: 'staff.manage' },
      schema: {
        tags: ['staff'],
        summary:
          'Record a qualification, health certificate, yearly training or criminal-record check; a hit bars the person from every roster and alerts the street (R9)',
        params: idParams,
        body: credentialInput,
        response: { 201: staffOutput },
      },
    },
    async (req, res) => {
      const target = await staffTarget(db, req.params.id);
      authorize(req.actor!, 'staff.manage', target);
      await addCredential(db, clock, auditSourceOf(req), req.actor!.id, target.houseId, req.params.id, req.body);
      return res.status(201).send(await staffRecordOf(db, clock, req.params.id));
    },
  );

  app.post(
    '/api/houses/:id/files',
    {
      config: { action: 'houseFile.upload' },
      schema: {
        tags: ['staff'],
        summary: 'Upload a scan or photo (multipart: file = JPEG/PNG/PDF ≤ 10 MB) to attach to a credential or to evidence',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string(), contentType: z.string() }) },
      },
    },
    async (req, res) => {
      authorize(req.actor!, 'houseFile.upload', await houseTarget(db, req.params.id));
      const upload = await readUpload(req, 0);
      const id = await storeHouseFile({ db, files, cipher, clock }, auditSourceOf(req), req.actor!.id, req.params.id, upload);
      return res.status(201).send({ id, contentType: upload.contentType });
    },
  );

  app.get(
    '/api/house-files/:id',
    {
      config: { action: 'house.read' },
      schema: {
        tags: ['staff'],
        summary: 'A house file: evidence for anyone who reads the house; a staff credential’s scan only for those who read staff records',
        params: idParams,
      },
    },
    async (req, res) => {
      const f = await houseFileToRead(db, req.params.id);
      authorize(req.actor!, f.readAction, { houseId: f.house_id, streetId: f.street_id });
      const data = await fileBytes({ files, cipher }, f.storage_key);
      return res.header('Cache-Control', 'private, no-store').type(f.content_type).send(data);
    },
  );

  app.get(
    '/api/houses/:id/evidence',
    {
      config: { action: 'house.read' },
      schema: {
        tags: ['staff'],
        summary: 'Dated evidence for the house’s CCTV, alarm, insurance and facilities (R11, R12, R19), newest first',
        params: idParams,
        response: { 200: z.array(evidenceOutput) },
      },
    },
    async (req) => {
      authorize(req.actor!, 'house.read', await houseTarget(db, req.params.id));
      return evidenceOf(db, req.params.id);
    },
  );

  app.post(
    '/api/houses/:id/evidence',
    {
      config: { action: 'houseFacts.manage' },
      schema: {
        tags: ['staff'],
        summary: 'Record dated evidence for a fact of the house, optionally updating those facts at the same time',
        params: idParams,
        body: z.strictObject({
          topic: evidenceTopic,
          observedOn: localDate,
          note: z.string().trim().min(2).max(200),
          fileId: z.uuid().nullable().optional(),
          facts: factsInput.optional(),
        }),
        response: { 201: evidenceOutput },
      },
    },
    async (req, res) => {
      const target = await houseTarget(db, req.params.id);
      authorize(req.actor!, 'houseFacts.manage', target);
      // The street buys the insurance (R12): only those who edit the house's record change its policy dates.
      if (touchesInsurance(req.body.facts ?? {})) authorize(req.actor!, 'house.update', target);
      const row = await recordEvidence(db, clock, auditSourceOf(req), req.actor!.id, req.params.id, req.body);
      return res.status(201).send({
        id: row.id,
        topic: row.topic,
        observedOn: row.observed_on,
        note: row.note,
        fileId: row.file_id,
        recordedBy: req.actor!.displayName,
        createdAt: new Date(row.created_at).toISOString(),
      });
    },
  );
}
