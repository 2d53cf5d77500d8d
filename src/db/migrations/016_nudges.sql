-- Nudges (issue 12): each reminder a street sent to a family that had used fewer than half of its free care (T3) or
-- guidance (T5) sessions by the middle of the year. The unique key is the rule "at most one of each kind a calendar
-- month": two sends at once for the same family, kind and month leave one row, and so one message.
CREATE TABLE target_nudge (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id   uuid NOT NULL REFERENCES family (id),
  kind        text NOT NULL CHECK (kind IN ('care', 'guidance')),
  -- the calendar month (district time) it counts in, as its first day
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  street_id   uuid NOT NULL REFERENCES street (id),
  -- what the message said: sessions used of those due in the year
  used        integer NOT NULL CHECK (used >= 0),
  due         integer NOT NULL CHECK (due >= 0),
  sent_by     uuid NOT NULL REFERENCES app_user (id),
  sent_at     timestamptz NOT NULL,
  CONSTRAINT target_nudge_once_a_month UNIQUE (family_id, kind, month)
);
CREATE INDEX target_nudge_street_idx ON target_nudge (street_id, month);
