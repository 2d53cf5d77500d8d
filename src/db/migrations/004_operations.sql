-- Running a house (DOMAIN.md §5.3, R2–R12, R19): staff records and their credentials, evidence for the house's
-- facts, who is on duty, attendance with the morning health check, pickup codes, incidents, daily logs, and the
-- findings of the compliance engine.

-- Files that belong to a house (staff credentials, evidence) rather than to a family.
ALTER TABLE stored_file ADD COLUMN house_id uuid REFERENCES house(id);
ALTER TABLE stored_file ADD CONSTRAINT stored_file_one_owner CHECK (family_id IS NULL OR house_id IS NULL);

CREATE TABLE staff_member (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  house_id          uuid NOT NULL REFERENCES house(id),
  -- the console account, for those who are put on rosters (security guards usually have none)
  user_id           uuid UNIQUE REFERENCES app_user(id),
  name              text NOT NULL CHECK (length(name) BETWEEN 2 AND 30),
  position          text NOT NULL CHECK (position IN ('manager', 'carer', 'health', 'security', 'volunteer')),
  employment        text NOT NULL CHECK (employment IN ('full_time', 'part_time', 'volunteer')),
  phone             text,
  hired_on          date NOT NULL,
  left_on           date,
  -- R10: the manager's childcare experience
  experience_years  numeric(4, 1) CHECK (experience_years BETWEEN 0 AND 60),
  experience_note   text,
  -- R9: a hit in the criminal-record check bars the person from every roster
  barred_at         timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (left_on IS NULL OR left_on >= hired_on)
);
CREATE INDEX staff_member_house_idx ON staff_member (house_id);

CREATE TABLE staff_credential (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id     uuid NOT NULL REFERENCES staff_member(id),
  kind         text NOT NULL CHECK (kind IN ('qualification', 'health_certificate', 'training', 'background_check')),
  title        text NOT NULL CHECK (length(title) BETWEEN 2 AND 50),
  number       text,
  -- the date of issue, of the training, or of the check
  issued_on    date NOT NULL,
  -- null: does not expire (a qualification); training and checks are valid for the policy's months
  expires_on   date,
  result       text CHECK (result IN ('clear', 'hit')),
  file_id      uuid REFERENCES stored_file(id),
  recorded_by  uuid NOT NULL REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'background_check') = (result IS NOT NULL)),
  CHECK (kind <> 'health_certificate' OR expires_on IS NOT NULL),
  CHECK (expires_on IS NULL OR expires_on >= issued_on)
);
CREATE INDEX staff_credential_staff_idx ON staff_credential (staff_id, kind, issued_on DESC);

-- Evidence for the house's facts (R11 CCTV and alarm, R12 insurance, R19 facilities): a dated note with a file.
CREATE TABLE house_evidence (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  house_id     uuid NOT NULL REFERENCES house(id),
  topic        text NOT NULL CHECK (topic IN ('cctv', 'alarm', 'insurance', 'facilities')),
  observed_on  date NOT NULL,
  note         text NOT NULL CHECK (length(note) BETWEEN 2 AND 200),
  file_id      uuid REFERENCES stored_file(id),
  recorded_by  uuid NOT NULL REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX house_evidence_house_idx ON house_evidence (house_id, topic, observed_on DESC);

-- Who of the roster is on duty now: a carer who leaves during a session is off duty until they return.
ALTER TABLE session_carer ADD COLUMN off_duty_at timestamptz;

-- One row per booking that reached the door: the morning health check, and (when admitted) check-in and check-out.
CREATE TABLE attendance (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  booking_id        uuid NOT NULL UNIQUE REFERENCES booking(id),
  session_id        uuid NOT NULL REFERENCES care_session(id),
  child_id          uuid NOT NULL REFERENCES child(id),
  admitted          boolean NOT NULL,
  -- {"temperature": 36.6, "observations": "...", "refusalReason": "..."}, encrypted
  health_enc        text NOT NULL,
  brought_by        text NOT NULL,
  checked_in_at     timestamptz NOT NULL,
  checked_in_by     uuid NOT NULL REFERENCES app_user(id),
  checked_out_at    timestamptz,
  checked_out_by    uuid REFERENCES app_user(id),
  picked_up_by      text,
  pickup_method     text CHECK (pickup_method IN ('code', 'list')),
  -- the family may edit its list later: the name stays in picked_up_by
  pickup_person_id  uuid REFERENCES pickup_person(id) ON DELETE SET NULL,
  CHECK (admitted OR checked_out_at IS NULL),
  CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at),
  CHECK ((checked_out_at IS NULL) = (checked_out_by IS NULL)),
  CHECK ((checked_out_at IS NULL) = (picked_up_by IS NULL)),
  -- a child is never in two places at once, and is checked in at most once at a time
  EXCLUDE USING gist (child_id WITH =, tstzrange(checked_in_at, checked_out_at, '[)') WITH &&) WHERE (admitted)
);
CREATE UNIQUE INDEX attendance_one_open_idx ON attendance (child_id) WHERE admitted AND checked_out_at IS NULL;
CREATE INDEX attendance_session_idx ON attendance (session_id);

-- The guardian's one-time pickup code (stored as a keyed hash); a new code replaces the old one.
CREATE TABLE pickup_code (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id       uuid NOT NULL REFERENCES child(id),
  code_hash      text NOT NULL,
  created_by     uuid NOT NULL REFERENCES app_user(id),
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz,
  attendance_id  uuid REFERENCES attendance(id)
);
CREATE INDEX pickup_code_child_idx ON pickup_code (child_id, created_at DESC);

-- A session whose children present broke R3–R5 (a carer left, a child too many): open until it is put right.
CREATE TABLE ratio_alarm (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id  uuid NOT NULL REFERENCES care_session(id),
  cause       text NOT NULL CHECK (cause IN ('carer_left', 'child_arrived', 'roster_changed')),
  present     integer NOT NULL,
  carers      integer NOT NULL,
  max_children integer NOT NULL,
  raised_at   timestamptz NOT NULL,
  cleared_at  timestamptz
);
CREATE UNIQUE INDEX ratio_alarm_open_idx ON ratio_alarm (session_id) WHERE cleared_at IS NULL;

CREATE TABLE incident (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  house_id              uuid NOT NULL REFERENCES house(id),
  session_id            uuid REFERENCES care_session(id),
  child_id              uuid REFERENCES child(id),
  kind                  text NOT NULL CHECK (kind IN ('injury', 'illness', 'other')),
  severity              text NOT NULL CHECK (severity IN ('minor', 'serious')),
  occurred_at           timestamptz NOT NULL,
  -- {"description": "...", "actionTaken": "..."}, encrypted (it may describe a child's health)
  detail_enc            text NOT NULL,
  reported_by           uuid NOT NULL REFERENCES app_user(id),
  created_at            timestamptz NOT NULL,
  guardian_notified_at  timestamptz,
  street_alerted_at     timestamptz
);
CREATE INDEX incident_house_idx ON incident (house_id, occurred_at DESC);

CREATE TABLE daily_log (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  house_id     uuid NOT NULL REFERENCES house(id),
  date         date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('disinfection', 'safety_check')),
  -- the checklist items done, by key
  items        jsonb NOT NULL,
  all_ok       boolean NOT NULL,
  note         text,
  recorded_by  uuid NOT NULL REFERENCES app_user(id),
  recorded_at  timestamptz NOT NULL,
  CHECK (all_ok OR note IS NOT NULL)
);
CREATE INDEX daily_log_house_idx ON daily_log (house_id, date DESC);

-- What the compliance engine found. A finding stays open while the next runs still see it; one that is no longer
-- seen is resolved. At most one open finding per house, code and subject.
CREATE TABLE compliance_finding (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  house_id       uuid NOT NULL REFERENCES house(id),
  rule           text NOT NULL,
  code           text NOT NULL,
  severity       text NOT NULL CHECK (severity IN ('critical', 'warning')),
  owner_role     text NOT NULL CHECK (owner_role IN ('house_manager', 'street_admin')),
  subject_type   text NOT NULL CHECK (subject_type IN ('house', 'staff', 'session')),
  subject_id     uuid,
  subject_label  text NOT NULL,
  detail         jsonb NOT NULL DEFAULT '{}'::jsonb,
  first_seen_on  date NOT NULL,
  last_seen_on   date NOT NULL,
  resolved_on    date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX compliance_finding_open_idx ON compliance_finding (house_id, code, COALESCE(subject_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE resolved_on IS NULL;
CREATE INDEX compliance_finding_house_idx ON compliance_finding (house_id, resolved_on);

CREATE TABLE compliance_run (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_on        date NOT NULL,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz NOT NULL,
  houses        integer NOT NULL,
  opened        integer NOT NULL,
  resolved      integer NOT NULL,
  triggered_by  uuid REFERENCES app_user(id)
);
CREATE INDEX compliance_run_day_idx ON compliance_run (run_on);
