// Running a house (issue 5): the API's shapes as the front ends name them, aliases of the generated wire types
// (wire.ts).
import type { Item, Res } from './wire.ts';

/** GET /api/houses/:id/staff-records */
export type StaffRecordsResponse = Res<'/api/houses/{id}/staff-records', 'get'>;
export type StaffRecord = Item<StaffRecordsResponse['records']>;
export type StaffPosition = StaffRecord['position'];
export type Employment = StaffRecord['employment'];
export type Credential = Item<StaffRecord['credentials']>;
export type CredentialKind = Credential['kind'];
export type CredentialStatus = Item<StaffRecord['requirements']>['status'];

/** POST /api/houses/:id/files (multipart: file) → 201 */
export type UploadedFile = Res<'/api/houses/{id}/files', 'post'>;

/** GET /api/houses/:id/evidence */
export type Evidence = Item<Res<'/api/houses/{id}/evidence', 'get'>>;
export type EvidenceTopic = Evidence['topic'];

/** GET /api/attendance/day?houseId=&date= */
export type AttendanceDay = Res<'/api/attendance/day', 'get'>;
export type AttendanceSession = Item<AttendanceDay['sessions']>;
export type AttendanceChild = Item<AttendanceSession['children']>;
export type AttendanceRecord = NonNullable<AttendanceChild['attendance']>;

/** GET /api/family/attendance?date= (guardian) */
export type FamilyAttendanceDay = Res<'/api/family/attendance', 'get'>;

/** POST /api/family/children/:id/pickup-code → 201 (the code is shown once; a new one replaces the old) */
export type PickupCode = Res<'/api/family/children/{id}/pickup-code', 'post'>;

/** GET /api/incidents?houseId=&from=&to= ; POST /api/houses/:id/incidents */
export type Incident = Item<Res<'/api/incidents', 'get'>>;
export type IncidentKind = Incident['kind'];

/** GET /api/houses/:id/daily-logs?from=&to= ; POST /api/houses/:id/daily-logs {date, kind, items, allOk, note?} */
export type DailyLog = Item<Res<'/api/houses/{id}/daily-logs', 'get'>>;

/** GET /api/compliance/findings?status=open|resolved&houseId= */
export type ComplianceFindings = Res<'/api/compliance/findings', 'get'>;
export type Finding = Item<ComplianceFindings['findings']>;
export type Severity = Finding['severity'];
