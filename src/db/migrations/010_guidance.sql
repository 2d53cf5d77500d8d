-- Parenting guidance (DOMAIN.md §5.4, target T5): the providers besides the 宝宝屋, their staff (指导师), the topic
-- catalogue the district keeps, guidance events and the families' enrolments, with the booking engine's seat
-- discipline (a row lock on the event, one live enrolment per family and event, idempotency keys, a waiting list
-- with timed offers). Attendance is recorded once per enrolment.

CREATE TABLE guidance_provider (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 区早教中心, 幼儿园早教点, 社区卫生服务中心 (the 医 of 教养医结合)
  kind           text NOT NULL CHECK (kind IN ('early_education_centre', 'kindergarten_point', 'health_centre')),
  name           text NOT NULL UNIQUE,
  street_id      uuid NOT NULL REFERENCES street (id),
  address        text NOT NULL,
  phone          text,
  opening_hours  jsonb NOT NULL DEFAULT '[]',
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- 指导师: an account of one provider.
ALTER TABLE app_user ADD COLUMN provider_id uuid REFERENCES guidance_provider (id);
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('guardian', 'carer', 'health_staff', 'house_manager',
  'street_admin', 'district_admin', 'inspector', 'volunteer', 'system_admin', 'security_admin', 'audit_admin',
  'guidance_provider'));
ALTER TABLE app_user ADD CONSTRAINT app_user_provider_check CHECK (role <> 'guidance_provider' OR provider_id IS NOT NULL);

CREATE TABLE guidance_topic (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,39}$'),
  name        text NOT NULL UNIQUE,
  sort_order  integer NOT NULL DEFAULT 0,
  active      boolean NOT NULL DEFAULT true
);
INSERT INTO guidance_topic (code, name, sort_order) VALUES
  ('feeding', '营养喂养', 1),
  ('sleep', '睡眠', 2),
  ('language', '语言', 3),
  ('movement', '动作', 4),
  ('emotion', '情绪与社会性', 5),
  ('safety', '安全', 6),
  ('illness', '疾病预防', 7),
  ('parenting', '亲子陪伴', 8);

CREATE TABLE guidance_event (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- run by a provider, or by a 宝宝屋 (exactly one of the two)
  provider_id      uuid REFERENCES guidance_provider (id),
  house_id         uuid REFERENCES house (id),
  street_id        uuid NOT NULL REFERENCES street (id),
  title            text NOT NULL,
  topic            text NOT NULL REFERENCES guidance_topic (code),
  min_age_months   integer NOT NULL CHECK (min_age_months BETWEEN 0 AND 72),
  max_age_months   integer NOT NULL CHECK (max_age_months BETWEEN 0 AND 72),
  leader           text NOT NULL,
  description      text NOT NULL DEFAULT '',
  mode             text NOT NULL CHECK (mode IN ('offline', 'online')),
  place            text,
  -- a live online session's meeting link, shown only to enrolled families shortly before the start
  meeting_url      text,
  date             date NOT NULL,
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  seats            integer NOT NULL CHECK (seats BETWEEN 1 AND 500),
  child_comes      boolean NOT NULL DEFAULT false,
  status           text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'cancelled')),
  cancel_reason    text,
  created_by       uuid NOT NULL REFERENCES app_user (id),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CHECK ((provider_id IS NULL) <> (house_id IS NULL)),
  CHECK (max_age_months >= min_age_months),
  CHECK (ends_at > starts_at),
  CHECK (mode <> 'offline' OR place IS NOT NULL),
  CHECK (mode <> 'online' OR meeting_url IS NOT NULL)
);
CREATE INDEX guidance_event_date_idx ON guidance_event (date, status);
CREATE INDEX guidance_event_provider_idx ON guidance_event (provider_id, date);
CREATE INDEX guidance_event_house_idx ON guidance_event (house_id, date);

CREATE SEQUENCE guidance_queue_seq;

CREATE TABLE guidance_enrolment (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id           uuid NOT NULL REFERENCES guidance_event (id),
  family_id          uuid NOT NULL REFERENCES family (id),
  -- confirmed: holds a seat; offered: a seat held until offered_until; waitlisted: in line
  status             text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'offered', 'cancelled', 'expired')),
  queue_position     bigint NOT NULL DEFAULT nextval('guidance_queue_seq'),
  offered_until      timestamptz,
  -- the six digits the family shows at the door
  door_code          text NOT NULL CHECK (door_code ~ '^[0-9]{6}$'),
  attended_at        timestamptz,
  attended_by        uuid REFERENCES app_user (id),
  attendance_method  text CHECK (attendance_method IN ('list', 'code')),
  idempotency_key    text,
  created_by         uuid NOT NULL REFERENCES app_user (id),
  created_at         timestamptz NOT NULL,
  cancelled_at       timestamptz,
  reminded_at        timestamptz,
  updated_at         timestamptz NOT NULL,
  CHECK (status <> 'offered' OR offered_until IS NOT NULL),
  CHECK ((attended_at IS NULL) = (attendance_method IS NULL)),
  CHECK (attended_at IS NULL OR status = 'confirmed')
);
-- One live enrolment per family and event (T5 counts families, not children).
CREATE UNIQUE INDEX guidance_enrolment_live_idx ON guidance_enrolment (event_id, family_id)
  WHERE status IN ('confirmed', 'waitlisted', 'offered');
-- A door code names one enrolment of its event.
CREATE UNIQUE INDEX guidance_enrolment_code_idx ON guidance_enrolment (event_id, door_code)
  WHERE status IN ('confirmed', 'waitlisted', 'offered');
CREATE INDEX guidance_enrolment_event_idx ON guidance_enrolment (event_id, status, queue_position);
CREATE INDEX guidance_enrolment_family_idx ON guidance_enrolment (family_id, status);
CREATE UNIQUE INDEX guidance_enrolment_idempotency_idx ON guidance_enrolment (created_by, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX guidance_enrolment_offer_expiry_idx ON guidance_enrolment (offered_until) WHERE status = 'offered';
