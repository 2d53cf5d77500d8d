-- Foundation: streets, houses and rooms; accounts, sessions, one-time codes, rate limits;
-- the append-only audit log; the outbox; versioned policy parameters.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE street (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL UNIQUE,
  short_name  text NOT NULL,
  sort_order  integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE house (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  street_id            uuid NOT NULL REFERENCES street(id),
  name                 text NOT NULL UNIQUE,
  address              text NOT NULL,
  phone                text,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  suspended_reason     text,
  latitude             double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude            double precision CHECK (longitude BETWEEN -180 AND 180),
  -- [{ "weekday": 1..7, "open": "08:30", "close": "17:00" }]
  opening_hours        jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- R19 checklist: { "drinkingWater": true, ... }
  facilities           jsonb NOT NULL DEFAULT '{}'::jsonb,
  cctv_retention_days  integer NOT NULL DEFAULT 0 CHECK (cctv_retention_days BETWEEN 0 AND 3650),
  cctv_networked       boolean NOT NULL DEFAULT false,
  alarm_networked      boolean NOT NULL DEFAULT false,
  insurer              text,
  insurance_policy_no  text,
  insurance_start      date,
  insurance_end        date,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (insurance_start IS NULL OR insurance_end IS NULL OR insurance_end >= insurance_start),
  CHECK (status <> 'suspended' OR suspended_reason IS NOT NULL)
);
CREATE INDEX house_street_idx ON house (street_id);

CREATE TABLE room (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  house_id    uuid NOT NULL REFERENCES house(id),
  name        text NOT NULL,
  area_m2     numeric(7, 2) NOT NULL CHECK (area_m2 > 0 AND area_m2 <= 2000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (house_id, name)
);

CREATE TABLE app_user (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  role                text NOT NULL CHECK (role IN ('guardian', 'carer', 'health_staff', 'house_manager',
                        'street_admin', 'district_admin', 'inspector', 'volunteer',
                        'system_admin', 'security_admin', 'audit_admin')),
  username            text UNIQUE,
  phone               text,
  display_name        text NOT NULL,
  password_hash       text,
  street_id           uuid REFERENCES street(id),
  house_id            uuid REFERENCES house(id),
  department          text CHECK (department IN ('education', 'health', 'police', 'fire', 'market')),
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_login_count  integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  last_login_at       timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'guardian' OR phone IS NOT NULL),
  CHECK (role = 'guardian' OR (username IS NOT NULL AND password_hash IS NOT NULL)),
  CHECK (role NOT IN ('carer', 'health_staff', 'house_manager', 'volunteer') OR house_id IS NOT NULL),
  CHECK (role <> 'street_admin' OR street_id IS NOT NULL),
  CHECK (role <> 'inspector' OR department IS NOT NULL)
);
-- One guardian account per phone number.
CREATE UNIQUE INDEX app_user_guardian_phone_idx ON app_user (phone) WHERE role = 'guardian';

CREATE TABLE user_session (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash      text NOT NULL UNIQUE,
  user_id         uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token      text NOT NULL,
  created_at      timestamptz NOT NULL,
  last_seen_at    timestamptz NOT NULL,
  idle_timeout_s  integer NOT NULL CHECK (idle_timeout_s > 0),
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  ip              text,
  user_agent      text
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE otp_code (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  phone        text NOT NULL,
  code_hash    text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  consumed_at  timestamptz,
  attempts     integer NOT NULL DEFAULT 0
);
CREATE INDEX otp_code_phone_idx ON otp_code (phone, created_at DESC);

-- Fixed-window counters shared by every API process (nothing of this lives in memory).
CREATE TABLE rate_limit_counter (
  bucket        text NOT NULL,
  window_start  timestamptz NOT NULL,
  hits          integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

CREATE TABLE audit_event (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL,
  actor_user_id  uuid,
  actor_role     text,
  action         text NOT NULL,
  entity_type    text,
  entity_id      text,
  detail         jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip             text
);
CREATE INDEX audit_event_at_idx ON audit_event (at DESC);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, at DESC);

-- The audit log is append-only: no UPDATE, no TRUNCATE, and DELETE only by the retention purge
-- (which sets baobaowu.audit_purge in its own transaction) of events older than six months.
CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('baobaowu.audit_purge', true) = 'on'
     AND OLD.at < now() - interval '6 months' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard();

-- Outgoing messages (SMS, app push): written in the transaction of the change, sent by the dispatcher.
CREATE TABLE outbox_message (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel       text NOT NULL CHECK (channel IN ('sms', 'push')),
  recipient     text NOT NULL,
  template      text NOT NULL,
  params        jsonb NOT NULL DEFAULT '{}'::jsonb,
  body          text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  available_at  timestamptz NOT NULL,
  created_at    timestamptz NOT NULL,
  sent_at       timestamptz,
  last_error    text
);
CREATE INDEX outbox_message_pending_idx ON outbox_message (available_at) WHERE status = 'pending';

-- Policy parameters (DOMAIN.md §3–§4), versioned by the date from which they apply.
CREATE TABLE policy_parameter (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key             text NOT NULL,
  value           jsonb NOT NULL,
  effective_from  date NOT NULL,
  note            text,
  created_by      uuid REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, effective_from)
);
