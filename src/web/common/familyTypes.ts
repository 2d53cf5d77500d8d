// The family registration API's shapes as the front ends name them: aliases of the generated wire types (wire.ts).
import type { Item, ReqBody, Res } from './wire.ts';

/** GET /api/family and every change to the family answer with this. */
export type FamilyEnvelope = Res<'/api/family', 'get'>;
export type Family = NonNullable<FamilyEnvelope['family']>;
export type FamilyStatus = Family['status'];
export type FamilyChild = Item<Family['children']>;
export type Sex = FamilyChild['sex'];
export type Certificate = Item<FamilyChild['certificates']>;
export type Eligibility = FamilyChild['eligibility'];
/** What still stands between a child and a booking (src/domain/eligibility.ts), texts in requirements.*. */
export type Requirement = Item<Eligibility['missing']>;
export type FamilyPerson = Item<Family['pickupPersons']>;

/** GET /api/documents/current */
export type CurrentDocuments = Res<'/api/documents/current', 'get'>;
export type LegalDocument = CurrentDocuments['consent'];
export type DocumentKind = LegalDocument['kind'];

// ---- request bodies ----

/** POST /api/family */
export type RegistrationInput = ReqBody<'/api/family', 'post'>;
export type GuardianInput = RegistrationInput['guardian'];
export type ChildInput = Item<RegistrationInput['children']>;
export type PersonInput = Item<RegistrationInput['pickupPersons']>;
