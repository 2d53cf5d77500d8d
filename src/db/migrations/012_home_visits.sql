-- Home visits to newborn families (DOMAIN.md §5.5, target T4): the street assigns each newborn of its register a
-- visitor, who schedules the visit with the family (told by SMS; the family may ask for another time), records it,
-- and the family confirms in the H5 that it happened. T4 counts confirmed visits.
CREATE TABLE home_visit (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  newborn_id           uuid NOT NULL REFERENCES newborn (id),
  visitor_user_id      uuid NOT NULL REFERENCES app_user (id),
  status               text NOT NULL CHECK (status IN ('scheduled', 'done', 'cancelled')),
  scheduled_at         timestamptz NOT NULL,
  -- the family asked for another time (with its note), until the visitor schedules again
  change_requested     text,
  visited_on           date,
  duration_minutes     integer CHECK (duration_minutes BETWEEN 5 AND 480),
  met                  text,
  topics               text[] NOT NULL DEFAULT '{}',
  observations         text,
  advice               text,
  follow_up            boolean NOT NULL DEFAULT false,
  referral             text NOT NULL DEFAULT 'none' CHECK (referral IN ('none', 'care', 'health')),
  recorded_at          timestamptz,
  family_confirmed_at  timestamptz,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  CHECK (status <> 'done' OR (visited_on IS NOT NULL AND recorded_at IS NOT NULL AND duration_minutes IS NOT NULL)),
  CHECK (family_confirmed_at IS NULL OR status = 'done')
);
-- At most one visit under way per newborn.
CREATE UNIQUE INDEX home_visit_open_idx ON home_visit (newborn_id) WHERE status = 'scheduled';
CREATE INDEX home_visit_visitor_idx ON home_visit (visitor_user_id, status);
