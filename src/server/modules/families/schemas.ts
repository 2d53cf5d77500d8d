// Shapes of the family registration API.
import { z } from 'zod';
import { localDate, phone } from '../../schemas.ts';

const personName = z.string().trim().min(1).max(30);
export const idNumberField = z.string().trim().min(15).max(20);

export const personInput = z.strictObject({
  name: personName,
  relation: z.string().trim().min(1).max(20),
  phone,
});

/** In a replacement list an existing person may keep the stored number: send its id and leave the phone out. */
export const personUpdate = z.strictObject({
  id: z.uuid().optional(),
  name: personName,
  relation: z.string().trim().min(1).max(20),
  phone: phone.optional(),
});

export const childInput = z.strictObject({
  name: personName,
  sex: z.enum(['male', 'female']),
  birthDate: localDate,
  idNumber: idNumberField,
  residenceStreetId: z.uuid(),
  allergies: z.string().trim().max(500).default(''),
  history: z.string().trim().max(1000).default(''),
  /** The family confirms the health declaration is true (A2 §8). */
  declaredTruthfully: z.literal(true),
});

export const childUpdate = childInput.partial().extend({ declaredTruthfully: z.literal(true) });

export const guardianInput = z.strictObject({
  realName: personName,
  idNumber: idNumberField,
  streetId: z.uuid(),
  address: z.string().trim().min(4).max(100),
});

export const registrationInput = z.strictObject({
  /** The consent version the guardian read and accepted on this screen. */
  consentVersion: z.number().int().positive(),
  guardian: guardianInput,
  children: z.array(childInput).min(1).max(6),
  pickupPersons: z.array(personInput).max(6).default([]),
  emergencyContacts: z.array(personInput).max(4).default([]),
});

export const requirement = z.enum([
  'consent',
  'agreement',
  'certificate',
  'certificateExpired',
  'certificateAfterAbsence',
  'tooYoung',
  'tooOld',
  'notSubmitted',
  'underReview',
  'returned',
]);

export const eligibilityOutput = z.object({
  date: z.string(),
  bookable: z.boolean(),
  missing: z.array(requirement),
  certificateValidUntil: z.string().nullable(),
  ageMonths: z.number(),
  returnReason: z.string().nullable(),
});

export const certificateOutput = z.object({
  id: z.string(),
  examDate: z.string(),
  institution: z.string(),
  fileId: z.string(),
  contentType: z.string(),
  uploadedAt: z.string(),
});

export const childOutput = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  idNumberMasked: z.string(),
  residenceStreetId: z.string(),
  residenceStreetName: z.string(),
  allergies: z.string(),
  history: z.string(),
  certificates: z.array(certificateOutput),
  eligibility: eligibilityOutput,
});

export const personOutput = z.object({ id: z.string(), name: z.string(), relation: z.string(), phoneMasked: z.string() });

export const familyOutput = z.object({
  id: z.string(),
  status: z.enum(['draft', 'submitted', 'accepted', 'returned']),
  returnReason: z.string().nullable(),
  guardianName: z.string(),
  guardianIdNumberMasked: z.string(),
  guardianPhoneMasked: z.string(),
  streetId: z.string(),
  streetName: z.string(),
  address: z.string(),
  consentVersion: z.number(),
  consentAt: z.string(),
  agreementVersion: z.number().nullable(),
  agreementSignedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  children: z.array(childOutput),
  pickupPersons: z.array(personOutput),
  emergencyContacts: z.array(personOutput),
});

export const familyEnvelope = z.object({
  family: familyOutput.nullable(),
  currentConsentVersion: z.number(),
  currentAgreementVersion: z.number(),
  /** What the family as a whole still has to do before it can be submitted or book. */
  todo: z.array(requirement),
  /** The rules in force today that the screens explain (R1, R13). */
  rules: z.object({ certificateValidityDays: z.number(), minAgeMonths: z.number(), maxAgeMonths: z.number() }),
});

export type FamilyOutput = z.infer<typeof familyOutput>;
export type RegistrationInput = z.infer<typeof registrationInput>;
export type GuardianInput = z.infer<typeof guardianInput>;
export type ChildInput = z.infer<typeof childInput>;
export type ChildUpdate = z.infer<typeof childUpdate>;
export type PersonUpdate = z.infer<typeof personUpdate>;
