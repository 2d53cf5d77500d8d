// Kysely's view of the tables (kept in step with migrations/*.sql by hand; typecheck catches drift in queries).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns travel as 'YYYY-MM-DD' strings (the pg type parser is set so in db/database.ts). */
type LocalDateColumn = string;
type Json<T> = ColumnType<T, string, string>;

/** Every role an account can have (the database's check constraint lists the same). */
export const ROLES = [
  'guardian',
  'carer',
  'health_staff',
  'house_manager',
  'street_admin',
  'district_admin',
  'inspector',
  'volunteer',
  'system_admin',
  'security_admin',
  'audit_admin',
  'guidance_provider',
] as const;
export type Role = (typeof ROLES)[number];

export type Department = 'education' | 'health' | 'police' | 'fire' | 'market';

export interface OpeningHours {
  weekday: number;
  open: string;
  close: string;
}

export interface Facilities {
  drinkingWater?: boolean;
  washroom?: boolean;
  nursingRoom?: boolean;
  ageAppropriateFurniture?: boolean;
  outdoorArea?: boolean;
}

export interface StreetTable {
  id: Generated<string>;
  code: string;
  name: string;
  short_name: string;
  sort_order: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface HouseTable {
  id: Generated<string>;
  street_id: string;
  name: string;
  address: string;
  phone: string | null;
  status: ColumnType<'active' | 'suspended', 'active' | 'suspended' | undefined, 'active' | 'suspended'>;
  suspended_reason: string | null;
  /** 托额: the places the street approved (T1), never above the rooms' legal capacity; null until set. */
  approved_places: ColumnType<number | null, number | null | undefined, number | null>;
  latitude: number | null;
  longitude: number | null;
  opening_hours: Json<OpeningHours[]>;
  facilities: Json<Facilities>;
  cctv_retention_days: number;
  cctv_networked: boolean;
  alarm_networked: boolean;
  insurer: string | null;
  insurance_policy_no: string | null;
  insurance_start: LocalDateColumn | null;
  insurance_end: LocalDateColumn | null;
  hourly_price_fen: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RoomTable {
  id: Generated<string>;
  house_id: string;
  name: string;
  area_m2: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AppUserTable {
  id: Generated<string>;
  role: Role;
  username: string | null;
  phone: string | null;
  display_name: string;
  password_hash: string | null;
  street_id: string | null;
  house_id: string | null;
  department: Department | null;
  /** The guidance provider of a 指导师 (role guidance_provider). */
  provider_id: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined, 'active' | 'disabled'>;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UserSessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_timeout_s: number;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface OtpCodeTable {
  id: Generated<string>;
  phone: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  attempts: Generated<number>;
}

export interface RateLimitCounterTable {
  bucket: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditEventTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  detail: Json<Record<string, unknown>>;
  ip: string | null;
}

export interface OutboxMessageTable {
  id: Generated<string>;
  channel: 'sms' | 'push';
  recipient: string;
  template: string;
  params: Json<Record<string, unknown>>;
  body: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  available_at: Timestamp;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  last_error: string | null;
  /** Which process holds the message's claim, and until when (007_jobs). */
  locked_by: string | null;
  locked_until: Timestamp | null;
}

export interface PolicyParameterTable {
  id: Generated<string>;
  key: string;
  value: Json<unknown>;
  effective_from: LocalDateColumn;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export type FamilyStatus = 'draft' | 'submitted' | 'accepted' | 'returned';
export type DocumentKind = 'consent' | 'agreement';

export interface DocumentVersionTable {
  id: Generated<string>;
  kind: DocumentKind;
  version: number;
  title: string;
  body: string;
  effective_from: LocalDateColumn;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface FamilyTable {
  id: Generated<string>;
  guardian_user_id: string;
  guardian_name: string;
  guardian_id_enc: string;
  guardian_id_hash: string;
  street_id: string;
  address: string;
  status: ColumnType<FamilyStatus, FamilyStatus | undefined, FamilyStatus>;
  return_reason: string | null;
  submitted_at: Timestamp | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  consent_version: number;
  consent_at: Timestamp;
  agreement_version: number | null;
  agreement_signed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ConsentRecordTable {
  id: Generated<string>;
  family_id: string;
  kind: DocumentKind;
  version: number;
  given_at: Timestamp;
  given_by: string;
  ip: string | null;
}

export interface ChildTable {
  id: Generated<string>;
  family_id: string;
  name: string;
  sex: 'male' | 'female';
  birth_date: LocalDateColumn;
  id_number_enc: string;
  id_number_hash: string;
  residence_street_id: string;
  health_enc: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PersonTable {
  id: Generated<string>;
  family_id: string;
  name: string;
  relation: string;
  phone: string;
  created_at: CreatedAt;
}

export interface StoredFileTable {
  id: Generated<string>;
  family_id: string | null;
  house_id: string | null;
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size_bytes: number;
  sha256: string;
  storage_key: string;
  original_name: string | null;
  uploaded_by: string;
  created_at: CreatedAt;
}

export interface HealthCertificateTable {
  id: Generated<string>;
  child_id: string;
  file_id: string;
  exam_date: LocalDateColumn;
  institution: string;
  created_at: CreatedAt;
}

export type ServiceType = 'temporary' | 'hourly';
export type BookingStatus = 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'no_show' | 'expired';

export interface ScheduleTemplateTable {
  id: Generated<string>;
  house_id: string;
  room_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  service_type: ServiceType;
  offered_capacity: number;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TemplateCarerTable {
  template_id: string;
  user_id: string;
}

export interface HouseClosureTable {
  id: Generated<string>;
  house_id: string;
  from_date: LocalDateColumn;
  to_date: LocalDateColumn;
  reason: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CareSessionTable {
  id: Generated<string>;
  house_id: string;
  room_id: string;
  template_id: string | null;
  date: LocalDateColumn;
  starts_at: Timestamp;
  ends_at: Timestamp;
  service_type: ServiceType;
  offered_capacity: number;
  capacity: Generated<number>;
  capacity_binding: Generated<string>;
  status: ColumnType<'scheduled' | 'cancelled', 'scheduled' | 'cancelled' | undefined, 'scheduled' | 'cancelled'>;
  cancel_reason: string | null;
  over_capacity: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionCarerTable {
  session_id: string;
  user_id: string;
  created_at: CreatedAt;
  off_duty_at: Timestamp | null;
  /** The session's time range while it is scheduled (kept by a trigger, 006): one person's never overlap. */
  during: Generated<string | null>;
}

export interface BookingTable {
  id: ColumnType<string, string | undefined, never>;
  session_id: string;
  child_id: string;
  family_id: string;
  status: BookingStatus;
  queue_position: Generated<number>;
  during: string;
  free: Generated<boolean>;
  price_fen: Generated<number>;
  offered_until: Timestamp | null;
  idempotency_key: string | null;
  created_by: string;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  no_show_at: Timestamp | null;
  reminded_at: Timestamp | null;
  updated_at: UpdatedAt;
}

export interface EntitlementEntryTable {
  id: Generated<string>;
  child_id: string;
  year: number;
  booking_id: string;
  amount: -1 | 1;
  reason: 'booking' | 'cancellation' | 'houseCancellation';
  created_at: Timestamp;
}

export interface BookingSuspensionTable {
  id: Generated<string>;
  family_id: string;
  from_at: Timestamp;
  until_at: Timestamp;
  reason: string;
  created_at: CreatedAt;
}

export type StaffPosition = 'manager' | 'carer' | 'health' | 'security' | 'volunteer';
export type Employment = 'full_time' | 'part_time' | 'volunteer';
export type CredentialKind = 'qualification' | 'health_certificate' | 'training' | 'background_check';

export interface StaffMemberTable {
  id: Generated<string>;
  house_id: string;
  user_id: string | null;
  name: string;
  position: StaffPosition;
  employment: Employment;
  phone: string | null;
  hired_on: LocalDateColumn;
  left_on: LocalDateColumn | null;
  /** numeric: read back as a string by pg */
  experience_years: ColumnType<string | null, number | null, number | null>;
  experience_note: string | null;
  barred_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface StaffCredentialTable {
  id: Generated<string>;
  staff_id: string;
  kind: CredentialKind;
  title: string;
  number: string | null;
  issued_on: LocalDateColumn;
  expires_on: LocalDateColumn | null;
  result: 'clear' | 'hit' | null;
  file_id: string | null;
  recorded_by: string;
  created_at: CreatedAt;
}

export type EvidenceTopic = 'cctv' | 'alarm' | 'insurance' | 'facilities';

export interface HouseEvidenceTable {
  id: Generated<string>;
  house_id: string;
  topic: EvidenceTopic;
  observed_on: LocalDateColumn;
  note: string;
  file_id: string | null;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface AttendanceTable {
  id: Generated<string>;
  booking_id: string;
  session_id: string;
  child_id: string;
  admitted: boolean;
  health_enc: string;
  brought_by: string;
  checked_in_at: Timestamp;
  checked_in_by: string;
  checked_out_at: Timestamp | null;
  checked_out_by: string | null;
  picked_up_by: string | null;
  pickup_method: 'code' | 'list' | null;
  pickup_person_id: string | null;
}

export interface PickupCodeTable {
  id: Generated<string>;
  child_id: string;
  code_hash: string;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  attendance_id: string | null;
}

export interface RatioAlarmTable {
  id: Generated<string>;
  session_id: string;
  cause: 'carer_left' | 'child_arrived' | 'roster_changed';
  present: number;
  carers: number;
  max_children: number;
  raised_at: Timestamp;
  cleared_at: Timestamp | null;
}

export type IncidentKind = 'injury' | 'illness' | 'other';

export interface IncidentTable {
  id: Generated<string>;
  house_id: string;
  session_id: string | null;
  child_id: string | null;
  kind: IncidentKind;
  severity: 'minor' | 'serious';
  occurred_at: Timestamp;
  detail_enc: string;
  reported_by: string;
  created_at: Timestamp;
  guardian_notified_at: Timestamp | null;
  street_alerted_at: Timestamp | null;
}

export interface DailyLogTable {
  id: Generated<string>;
  house_id: string;
  date: LocalDateColumn;
  kind: 'disinfection' | 'safety_check';
  items: Json<string[]>;
  all_ok: boolean;
  note: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface ComplianceFindingTable {
  id: Generated<string>;
  house_id: string;
  rule: string;
  code: string;
  severity: 'critical' | 'warning';
  owner_role: 'house_manager' | 'street_admin';
  subject_type: 'house' | 'staff' | 'session';
  subject_id: string | null;
  subject_label: string;
  detail: Json<Record<string, string | number | null>>;
  first_seen_on: LocalDateColumn;
  last_seen_on: LocalDateColumn;
  resolved_on: LocalDateColumn | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ComplianceRunTable {
  id: Generated<string>;
  run_on: LocalDateColumn;
  started_at: Timestamp;
  finished_at: Timestamp;
  houses: number;
  opened: number;
  resolved: number;
  triggered_by: string | null;
  /** The houses checked; null: every house (the daily run). */
  house_ids: string[] | null;
}

export interface JobRunTable {
  name: string;
  run_key: string;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  failures: Generated<number>;
  available_at: Timestamp;
  locked_by: string | null;
  locked_until: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  last_error: string | null;
  result: Json<unknown> | null;
  created_at: Timestamp;
}

export interface OutboxDeliveryTable {
  id: Generated<number>;
  message_id: string;
  worker: string;
  delivered_at: Timestamp;
}

export interface NoticeSentTable {
  dedupe_key: string;
  sent_at: Timestamp;
  expires_at: Timestamp;
}

export interface GuardianNoticeSettingTable {
  user_id: string;
  notice: string;
  enabled: boolean;
  updated_at: Timestamp;
}

export type GuidanceProviderKind = 'early_education_centre' | 'kindergarten_point' | 'health_centre';
export type GuidanceMode = 'offline' | 'online';
export type EnrolmentStatus = 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'expired';

export interface GuidanceProviderTable {
  id: Generated<string>;
  kind: GuidanceProviderKind;
  name: string;
  street_id: string;
  address: string;
  phone: string | null;
  opening_hours: ColumnType<OpeningHours[], string | undefined, string>;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined, 'active' | 'disabled'>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface GuidanceTopicTable {
  code: string;
  name: string;
  sort_order: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface GuidanceEventTable {
  id: Generated<string>;
  provider_id: string | null;
  house_id: string | null;
  street_id: string;
  title: string;
  topic: string;
  min_age_months: number;
  max_age_months: number;
  leader: string;
  description: ColumnType<string, string | undefined, string>;
  mode: GuidanceMode;
  place: string | null;
  meeting_url: string | null;
  date: LocalDateColumn;
  starts_at: Timestamp;
  ends_at: Timestamp;
  seats: number;
  child_comes: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<'published' | 'cancelled', 'published' | 'cancelled' | undefined, 'published' | 'cancelled'>;
  cancel_reason: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GuidanceEnrolmentTable {
  id: Generated<string>;
  event_id: string;
  family_id: string;
  status: EnrolmentStatus;
  queue_position: Generated<number>;
  offered_until: Timestamp | null;
  door_code: string;
  attended_at: Timestamp | null;
  attended_by: string | null;
  attendance_method: 'list' | 'code' | null;
  idempotency_key: string | null;
  created_by: string;
  created_at: Timestamp;
  cancelled_at: Timestamp | null;
  reminded_at: Timestamp | null;
  updated_at: Timestamp;
}

export type CourseStatus = 'draft' | 'published' | 'withdrawn';
/** A block of a course's article: a paragraph, or one of its uploaded images. */
export type ArticleBlock = { kind: 'text'; text: string } | { kind: 'image'; fileId: string; caption: string };
/** A question of a course's check; `answer` is the index of the right option. */
export interface QuizQuestion {
  question: string;
  options: string[];
  answer: number;
}

export interface GuidanceCourseTable {
  id: Generated<string>;
  provider_id: string | null;
  house_id: string | null;
  street_id: string;
  title: string;
  topic: string;
  min_age_months: number;
  max_age_months: number;
  leader: string;
  summary: ColumnType<string, string | undefined, string>;
  article: ColumnType<ArticleBlock[], string | undefined, string>;
  quiz: ColumnType<QuizQuestion[], string | undefined, string>;
  video_key: string | null;
  video_bytes: ColumnType<string | null, number | null | undefined, number | null>;
  video_seconds: ColumnType<string | null, number | null | undefined, number | null>;
  video_codec: string | null;
  status: ColumnType<CourseStatus, CourseStatus | undefined, CourseStatus>;
  published_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GuidanceCourseImageTable {
  course_id: string;
  file_id: string;
}

export interface CourseProgressTable {
  course_id: string;
  family_id: string;
  watched: ColumnType<Array<[number, number]>, string | undefined, string>;
  watched_seconds: ColumnType<string, number | undefined, number>;
  last_report_at: Timestamp | null;
  article_read_at: Timestamp | null;
  quiz_attempts: ColumnType<number, number | undefined, number>;
  quiz_passed_at: Timestamp | null;
  completed_at: Timestamp | null;
  started_at: Timestamp;
  updated_at: Timestamp;
}

export interface StreetPopulationTable {
  id: Generated<string>;
  street_id: string;
  year: number;
  children_1_3: number;
  newborns: number;
  source: string;
  as_of: LocalDateColumn;
  note: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface ChildResidenceTable {
  child_id: string;
  street_id: string;
  /** '-infinity' for where the child lived from birth */
  since: LocalDateColumn;
  recorded_at: Generated<Timestamp>;
}

export interface TargetNudgeTable {
  id: Generated<string>;
  family_id: string;
  kind: 'care' | 'guidance';
  month: LocalDateColumn;
  year: number;
  street_id: string;
  used: number;
  due: number;
  sent_by: string;
  sent_at: Timestamp;
}

export interface NewbornTable {
  id: Generated<string>;
  street_id: string;
  child_name: string;
  sex: 'male' | 'female';
  birth_date: LocalDateColumn;
  guardian_name: string;
  phone_enc: string;
  phone_hash: string;
  address_enc: string;
  source: 'import' | 'family';
  family_id: string | null;
  visitor_user_id: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HomeVisitTable {
  id: Generated<string>;
  newborn_id: string;
  visitor_user_id: string;
  status: 'scheduled' | 'done' | 'cancelled';
  scheduled_at: Timestamp;
  change_requested: string | null;
  visited_on: LocalDateColumn | null;
  duration_minutes: number | null;
  met: string | null;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  observations: string | null;
  advice: string | null;
  follow_up: ColumnType<boolean, boolean | undefined, boolean>;
  referral: ColumnType<'none' | 'care' | 'health', 'none' | 'care' | 'health' | undefined, 'none' | 'care' | 'health'>;
  recorded_at: Timestamp | null;
  family_confirmed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: CreatedAt;
}

export interface DB {
  home_visit: HomeVisitTable;
  newborn: NewbornTable;
  guidance_provider: GuidanceProviderTable;
  guidance_topic: GuidanceTopicTable;
  guidance_event: GuidanceEventTable;
  guidance_enrolment: GuidanceEnrolmentTable;
  guidance_course: GuidanceCourseTable;
  guidance_course_image: GuidanceCourseImageTable;
  course_progress: CourseProgressTable;
  street_population: StreetPopulationTable;
  child_residence: ChildResidenceTable;
  target_nudge: TargetNudgeTable;
  street: StreetTable;
  house: HouseTable;
  room: RoomTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  otp_code: OtpCodeTable;
  rate_limit_counter: RateLimitCounterTable;
  audit_event: AuditEventTable;
  outbox_message: OutboxMessageTable;
  policy_parameter: PolicyParameterTable;
  schema_migration: SchemaMigrationTable;
  document_version: DocumentVersionTable;
  family: FamilyTable;
  consent_record: ConsentRecordTable;
  child: ChildTable;
  pickup_person: PersonTable;
  emergency_contact: PersonTable;
  stored_file: StoredFileTable;
  health_certificate: HealthCertificateTable;
  schedule_template: ScheduleTemplateTable;
  template_carer: TemplateCarerTable;
  house_closure: HouseClosureTable;
  care_session: CareSessionTable;
  session_carer: SessionCarerTable;
  booking: BookingTable;
  entitlement_entry: EntitlementEntryTable;
  booking_suspension: BookingSuspensionTable;
  staff_member: StaffMemberTable;
  staff_credential: StaffCredentialTable;
  house_evidence: HouseEvidenceTable;
  attendance: AttendanceTable;
  pickup_code: PickupCodeTable;
  ratio_alarm: RatioAlarmTable;
  incident: IncidentTable;
  daily_log: DailyLogTable;
  compliance_finding: ComplianceFindingTable;
  compliance_run: ComplianceRunTable;
  job_run: JobRunTable;
  outbox_delivery: OutboxDeliveryTable;
  notice_sent: NoticeSentTable;
  guardian_notice_setting: GuardianNoticeSettingTable;
}

export type House = Selectable<HouseTable>;
export type Room = Selectable<RoomTable>;
export type AppUser = Selectable<AppUserTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
export type HouseUpdate = Updateable<HouseTable>;
