-- Care booking (DOMAIN.md §4, T3, R1–R5): weekly schedules, generated sessions with their duty roster and legal
-- capacity, closures, bookings with a waiting list, the free-session ledger and no-show suspensions.

-- R17: the house's published price for care beyond the free sessions, per hour, in fen.
ALTER TABLE house ADD COLUMN hourly_price_fen integer NOT NULL DEFAULT 5000 CHECK (hourly_price_fen BETWEEN 0 AND 10000);

CREATE TABLE schedule_template (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  house_id          uuid NOT NULL REFERENCES house(id),
  room_id           uuid NOT NULL REFERENCES room(id),
  weekday           integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time        text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time          text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  service_type      text NOT NULL CHECK (service_type IN ('temporary', 'hourly')),
  offered_capacity  integer NOT NULL CHECK (offered_capacity BETWEEN 1 AND 100),
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (end_time > start_time)
);
CREATE INDEX schedule_template_house_idx ON schedule_template (house_id);

-- The usual carers of a weekly slot: copied onto each generated session's roster.
CREATE TABLE template_carer (
  template_id  uuid NOT NULL REFERENCES schedule_template(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES app_user(id),
  PRIMARY KEY (template_id, user_id)
);

CREATE TABLE house_closure (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  house_id    uuid NOT NULL REFERENCES house(id),
  from_date   date NOT NULL,
  to_date     date NOT NULL,
  reason      text NOT NULL,
  created_by  uuid REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (to_date >= from_date)
);
CREATE INDEX house_closure_house_idx ON house_closure (house_id, from_date);

CREATE TABLE care_session (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  house_id          uuid NOT NULL REFERENCES house(id),
  room_id           uuid NOT NULL REFERENCES room(id),
  template_id       uuid REFERENCES schedule_template(id),
  date              date NOT NULL,
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  service_type      text NOT NULL CHECK (service_type IN ('temporary', 'hourly')),
  offered_capacity  integer NOT NULL CHECK (offered_capacity BETWEEN 1 AND 100),
  -- min(R4, floor(area / R3), R5 × carers on duty, offered), kept current by the server whenever a term changes
  capacity          integer NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  capacity_binding  text NOT NULL DEFAULT 'carers',
  status            text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  cancel_reason     text,
  -- set when capacity fell below the seats taken: the manager decides whom to move
  over_capacity     boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  -- one room never holds two sessions at once
  EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'scheduled')
);
CREATE UNIQUE INDEX care_session_room_start_idx ON care_session (room_id, starts_at);
CREATE INDEX care_session_house_date_idx ON care_session (house_id, date);
CREATE INDEX care_session_date_idx ON care_session (date);

-- The duty roster: staff on duty for a session (R5 counts them).
CREATE TABLE session_carer (
  session_id  uuid NOT NULL REFERENCES care_session(id),
  user_id     uuid NOT NULL REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, user_id)
);

CREATE SEQUENCE booking_queue_seq;

CREATE TABLE booking (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id       uuid NOT NULL REFERENCES care_session(id),
  child_id         uuid NOT NULL REFERENCES child(id),
  family_id        uuid NOT NULL REFERENCES family(id),
  -- confirmed: holds a seat; offered: a seat held for a waiting child until offered_until; waitlisted: in line
  status           text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'offered', 'cancelled', 'no_show', 'expired')),
  queue_position   bigint NOT NULL DEFAULT nextval('booking_queue_seq'),
  during           tstzrange NOT NULL,
  free             boolean NOT NULL DEFAULT false,
  price_fen        integer NOT NULL DEFAULT 0 CHECK (price_fen >= 0),
  offered_until    timestamptz,
  idempotency_key  text,
  created_by       uuid NOT NULL REFERENCES app_user(id),
  created_at       timestamptz NOT NULL,
  confirmed_at     timestamptz,
  cancelled_at     timestamptz,
  cancelled_by     uuid REFERENCES app_user(id),
  cancel_reason    text,
  no_show_at       timestamptz,
  reminded_at      timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'offered' OR offered_until IS NOT NULL),
  -- one child never holds two live bookings that overlap in time, in any house
  EXCLUDE USING gist (child_id WITH =, during WITH &&) WHERE (status IN ('confirmed', 'waitlisted', 'offered'))
);
CREATE INDEX booking_session_idx ON booking (session_id, status, queue_position);
CREATE INDEX booking_child_idx ON booking (child_id, status);
CREATE INDEX booking_family_idx ON booking (family_id, status);
CREATE UNIQUE INDEX booking_idempotency_idx ON booking (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX booking_offer_expiry_idx ON booking (offered_until) WHERE status = 'offered';

-- The free-session ledger (T3): a debit when a free seat is confirmed, a credit when it is returned in time.
-- The balance is always the sum of the entries; every entry names its booking.
CREATE TABLE entitlement_entry (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  child_id    uuid NOT NULL REFERENCES child(id),
  year        integer NOT NULL,
  booking_id  uuid NOT NULL REFERENCES booking(id),
  amount      integer NOT NULL CHECK (amount IN (-1, 1)),
  reason      text NOT NULL CHECK (reason IN ('booking', 'cancellation', 'houseCancellation')),
  created_at  timestamptz NOT NULL,
  -- a booking is debited at most once and credited at most once
  UNIQUE (booking_id, amount)
);
CREATE INDEX entitlement_entry_child_year_idx ON entitlement_entry (child_id, year);

-- Online booking suspended after repeated no-shows (§4).
CREATE TABLE booking_suspension (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id   uuid NOT NULL REFERENCES family(id),
  from_at     timestamptz NOT NULL,
  until_at    timestamptz NOT NULL,
  reason      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (until_at > from_at)
);
CREATE INDEX booking_suspension_family_idx ON booking_suspension (family_id, until_at);
