// The family registration API's response shapes as the front ends use them (mirrors the zod schemas in
// src/server/modules/families/schemas.ts and src/server/modules/documents/routes.ts).

/** What still stands between a child and a booking (src/domain/eligibility.ts), texts in requirements.*. */
export type Requirement =
  | 'consent'
  | 'agreement'
  | 'certificate'
  | 'certificateExpired'
  | 'certificateAfterAbsence'
  | 'tooYoung'
  | 'tooOld'
  | 'notSubmitted'
  | 'underReview'
  | 'returned';

export type FamilyStatus = 'draft' | 'submitted' | 'accepted' | 'returned';
export type Sex = 'male' | 'female';

export interface Eligibility {
  /** The date the answer is for ('YYYY-MM-DD', the district's today unless asked otherwise). */
  date: string;
  bookable: boolean;
  missing: Requirement[];
  /** Last day the newest certificate is valid, when there is one. */
  certificateValidUntil: string | null;
  ageMonths: number;
  returnReason: string | null;
}

export interface Certificate {
  id: string;
  examDate: string;
  institution: string;
  fileId: string;
  contentType: string;
  uploadedAt: string;
}

export interface FamilyChild {
  id: string;
  name: string;
  sex: Sex;
  birthDate: string;
  idNumberMasked: string;
  residenceStreetId: string;
  residenceStreetName: string;
  allergies: string;
  history: string;
  /** Newest exam date first. */
  certificates: Certificate[];
  eligibility: Eligibility;
}

export interface FamilyPerson {
  id: string;
  name: string;
  relation: string;
  phoneMasked: string;
}

export interface Family {
  id: string;
  status: FamilyStatus;
  returnReason: string | null;
  guardianName: string;
  guardianIdNumberMasked: string;
  guardianPhoneMasked: string;
  streetId: string;
  streetName: string;
  address: string;
  consentVersion: number;
  consentAt: string;
  agreementVersion: number | null;
  agreementSignedAt: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  children: FamilyChild[];
  pickupPersons: FamilyPerson[];
  emergencyContacts: FamilyPerson[];
}

/** GET /api/family and every change to the family answer with this. */
export interface FamilyEnvelope {
  family: Family | null;
  currentConsentVersion: number;
  currentAgreementVersion: number;
  /** What the family as a whole still has to do. */
  todo: Requirement[];
}

export type DocumentKind = 'consent' | 'agreement';

export interface LegalDocument {
  kind: DocumentKind;
  version: number;
  title: string;
  body: string;
  effectiveFrom: string;
}

/** GET /api/documents/current */
export interface CurrentDocuments {
  consent: LegalDocument;
  agreement: LegalDocument;
}

// ---- request bodies ----

export interface GuardianInput {
  realName: string;
  idNumber: string;
  streetId: string;
  address: string;
}

export interface ChildInput {
  name: string;
  sex: Sex;
  birthDate: string;
  idNumber: string;
  residenceStreetId: string;
  allergies: string;
  history: string;
  declaredTruthfully: true;
}

export interface PersonInput {
  name: string;
  relation: string;
  phone: string;
}

/** POST /api/family */
export interface RegistrationInput {
  consentVersion: number;
  guardian: GuardianInput;
  children: ChildInput[];
  pickupPersons: PersonInput[];
  emergencyContacts: PersonInput[];
}
