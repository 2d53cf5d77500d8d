-- Where a child lived when (T3: a free session counts in the street the child lived in on the session's date). A row
-- says the child lives in `street_id` from `since` on; the first row of every child is from '-infinity' (it lived
-- there from birth, whatever the birth date is later corrected to), written by the trigger below, so every child has
-- one. A move is a new row from the day it was recorded (families/service.ts updateChild); child.residence_street_id
-- stays the street of today.

CREATE TABLE child_residence (
  child_id     uuid NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  street_id    uuid NOT NULL REFERENCES street (id),
  since        date NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, since)
);
-- the children who ever moved (few): only their sessions are looked up one by one
CREATE INDEX child_residence_moved_idx ON child_residence (child_id) WHERE since > '-infinity';

CREATE FUNCTION child_residence_first() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO child_residence (child_id, street_id, since) VALUES (NEW.id, NEW.residence_street_id, '-infinity');
  RETURN NULL;
END $$;
CREATE TRIGGER child_residence_first AFTER INSERT ON child FOR EACH ROW EXECUTE FUNCTION child_residence_first();

INSERT INTO child_residence (child_id, street_id, since) SELECT id, residence_street_id, '-infinity' FROM child;
