// Running a house (issue 5): the API's response shapes as the front ends use them (mirrors the zod schemas in
// src/server/modules/{staff,attendance,incidents,compliance}/routes.ts).

export type StaffPosition = 'manager' | 'carer' | 'health' | 'security' | 'volunteer';
export type Employment = 'full_time' | 'part_time' | 'volunteer';
export type CredentialKind = 'qualification' | 'health_certificate' | 'training' | 'background_check';
export type CredentialStatus = 'valid' | 'expiring' | 'expired' | 'missing' | 'hit';

export interface Credential {
  id: string;
  kind: CredentialKind;
  title: string;
  number: string | null;
  issuedOn: string;
  expiresOn: string | null;
  /** The last valid day (training and checks: the policy's months after issue); null: does not expire. */
  validUntil: string | null;
  result: 'clear' | 'hit' | null;
  fileId: string | null;
  createdAt: string;
}

/** GET /api/houses/:id/staff-records */
export interface StaffRecord {
  id: string;
  houseId: string;
  userId: string | null;
  username: string | null;
  name: string;
  position: StaffPosition;
  employment: Employment;
  /** masked, e.g. 138****0001 */
  phoneMasked: string | null;
  hiredOn: string;
  leftOn: string | null;
  experienceYears: number | null;
  experienceNote: string | null;
  barred: boolean;
  /** The kinds this position must hold, each with its state today (not required kinds are absent). */
  requirements: { kind: CredentialKind; status: CredentialStatus; until: string | null }[];
  /** Newest first, all kinds. */
  credentials: Credential[];
  /** Why the person cannot be put on a roster today (codes, i18n `rosterBlockers.*`); empty: can be. */
  rosterBlockers: string[];
  /** Sessions this person is rostered on in the next 14 days (volunteers' shifts). */
  shifts: { sessionId: string; date: string; startsAt: string; endsAt: string; roomName: string }[];
}

export interface StaffRecordsResponse {
  records: StaffRecord[];
  /** The house's console accounts with no staff record yet (to link to a new record). */
  unlinkedAccounts: { id: string; username: string; name: string; role: string }[];
}

/** POST /api/houses/:id/files (multipart: file) → 201 */
export interface UploadedFile {
  id: string;
  contentType: string;
}

export type EvidenceTopic = 'cctv' | 'alarm' | 'insurance' | 'facilities';

/** GET /api/houses/:id/evidence */
export interface Evidence {
  id: string;
  topic: EvidenceTopic;
  observedOn: string;
  note: string;
  fileId: string | null;
  recordedBy: string;
  createdAt: string;
}

/** GET /api/attendance/day?houseId=&date= */
export interface AttendanceDay {
  houseId: string;
  houseName: string;
  date: string;
  /** The server's time (flags are computed with it). */
  now: string;
  sessions: AttendanceSession[];
}

export interface AttendanceSession {
  id: string;
  roomName: string;
  areaM2: number;
  startsAt: string;
  endsAt: string;
  serviceType: 'temporary' | 'hourly';
  status: 'scheduled' | 'cancelled';
  /** Check-in is open from 30 minutes before the start until the end. */
  checkInOpen: boolean;
  /** The morning check's fever threshold on that date (℃): at or above it the child is not admitted. */
  feverCelsius: number;
  carers: { userId: string; name: string; role: string; countsForRatio: boolean; onDuty: boolean; offDutyAt: string | null }[];
  ratio: {
    present: number;
    carersOnDuty: number;
    /** min(R4, ⌊area/R3⌋, R5 × carers on duty) */
    maxChildren: number;
    breaches: ('R3' | 'R4' | 'R5')[];
    ok: boolean;
    childrenPerCarer: number;
  };
  /** An open ratio alarm (raised when the ratio broke; cleared when it is right again). */
  alarm: { raisedAt: string; cause: 'carer_left' | 'child_arrived' | 'roster_changed' } | null;
  children: AttendanceChild[];
}

export interface AttendanceChild {
  bookingId: string;
  childId: string;
  childName: string;
  sex: 'male' | 'female';
  ageMonths: number;
  /** From the family's health declaration (shown to carers). */
  allergies: string | null;
  /** The family's guardian and pickup persons: who may collect the child. */
  pickupList: { id: string; name: string; relation: string; phoneMasked: string; isGuardian: boolean }[];
  attendance: AttendanceRecord | null;
  flags: {
    /** Still checked in after the session's end. */
    overdue: boolean;
    /** Care today beyond R2's daily hours. */
    overDailyLimit: boolean;
  };
}

export interface AttendanceRecord {
  id: string;
  admitted: boolean;
  temperature: number;
  observations: string | null;
  refusalReason: string | null;
  broughtBy: string;
  checkedInAt: string;
  checkedInBy: string;
  checkedOutAt: string | null;
  checkedOutBy: string | null;
  pickedUpBy: string | null;
  pickupMethod: 'code' | 'list' | null;
}

/**
 * POST /api/attendance/check-in {bookingId, temperature, observations?, broughtBy, admitted, refusalReason?}
 *   → 201 (new) or 200 (the same booking was checked in before: the existing record). 409 CHILD_ALREADY_IN,
 *   RATIO_WOULD_BREAK, CHECK_IN_CLOSED; 422 FEVER_NOT_ADMITTED, REFUSAL_REASON_REQUIRED.
 * POST /api/attendance/:id/check-out {method:'code', code} | {method:'list', personId, identityConfirmed: true} (personId: a pickupList id)
 *   → 200 AttendanceRecord (repeat: the same record). 409 NOT_CHECKED_IN; 422 PICKUP_CODE_INVALID,
 *   PICKUP_NOT_AUTHORISED, PICKUP_IDENTITY_NOT_CONFIRMED.
 * PUT /api/staff/sessions/:id/duty {userId, onDuty} → 200 AttendanceSession.
 */

/** GET /api/family/attendance?date= (guardian) */
export interface FamilyAttendanceDay {
  date: string;
  children: {
    childId: string;
    childName: string;
    sessions: {
      bookingId: string;
      houseName: string;
      roomName: string;
      startsAt: string;
      endsAt: string;
      attendance: Pick<AttendanceRecord, 'admitted' | 'temperature' | 'observations' | 'refusalReason' | 'broughtBy' | 'checkedInAt' | 'checkedOutAt' | 'pickedUpBy'> | null;
    }[];
    /** The current pickup code, when one is active. */
    pickupCode: { expiresAt: string } | null;
  }[];
}

/** POST /api/family/children/:id/pickup-code → 201 (the code is shown once; a new one replaces the old) */
export interface PickupCode {
  code: string;
  expiresAt: string;
}

export type IncidentKind = 'injury' | 'illness' | 'other';

/** GET /api/incidents?houseId=&from=&to= ; POST /api/houses/:id/incidents */
export interface Incident {
  id: string;
  houseId: string;
  houseName: string;
  sessionId: string | null;
  childId: string | null;
  childName: string | null;
  kind: IncidentKind;
  severity: 'minor' | 'serious';
  occurredAt: string;
  description: string;
  actionTaken: string;
  reportedBy: string;
  createdAt: string;
  guardianNotifiedAt: string | null;
  streetAlertedAt: string | null;
}

/** GET /api/houses/:id/daily-logs?from=&to= ; POST /api/houses/:id/daily-logs {date, kind, items, allOk, note?} */
export interface DailyLog {
  id: string;
  date: string;
  kind: 'disinfection' | 'safety_check';
  items: string[];
  allOk: boolean;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export type Severity = 'critical' | 'warning';

/** GET /api/compliance/findings?status=open|resolved&houseId= */
export interface ComplianceFindings {
  lastRun: { runOn: string; finishedAt: string; houses: number; opened: number; resolved: number } | null;
  findings: Finding[];
}

export interface Finding {
  id: string;
  houseId: string;
  houseName: string;
  streetName: string;
  rule: string;
  /** i18n `compliance.codes.<code>` with `detail` and `subject` as parameters */
  code: string;
  severity: Severity;
  owner: 'house_manager' | 'street_admin';
  subjectType: 'house' | 'staff' | 'session';
  subjectId: string | null;
  subjectLabel: string;
  detail: Record<string, string | number | null>;
  firstSeenOn: string;
  lastSeenOn: string;
  resolvedOn: string | null;
  /** The console path of the record to fix. */
  fixPath: string;
}
