-- Issue 9: a person is never on the rosters of two sessions that overlap in time (one health-care worker was
-- rostered on two simultaneous sessions, each given capacity from her). Each roster row carries its session's time
-- range while the session is scheduled (NULL once cancelled: a cancelled session frees the person), kept by triggers
-- so that every path that writes a roster (the roster, generated sessions, the demo) is covered; an exclusion
-- constraint like the bookings' then refuses the overlap, also between two transactions at the same moment.

ALTER TABLE session_carer ADD COLUMN during tstzrange;

CREATE FUNCTION session_carer_during() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT CASE WHEN s.status = 'scheduled' THEN tstzrange(s.starts_at, s.ends_at) END INTO NEW.during
    FROM care_session s WHERE s.id = NEW.session_id;
  RETURN NEW;
END
$$;
CREATE TRIGGER session_carer_during BEFORE INSERT OR UPDATE OF session_id ON session_carer
  FOR EACH ROW EXECUTE FUNCTION session_carer_during();

CREATE FUNCTION care_session_roster_during() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE session_carer
     SET during = CASE WHEN NEW.status = 'scheduled' THEN tstzrange(NEW.starts_at, NEW.ends_at) END
   WHERE session_id = NEW.id;
  RETURN NEW;
END
$$;
CREATE TRIGGER care_session_roster_during AFTER UPDATE OF status, starts_at, ends_at ON care_session
  FOR EACH ROW EXECUTE FUNCTION care_session_roster_during();

UPDATE session_carer sc SET during = tstzrange(s.starts_at, s.ends_at)
  FROM care_session s WHERE s.id = sc.session_id AND s.status = 'scheduled';

-- Rosters saved before this rule may overlap. Of two overlapping rows the one added later gives way: for a session
-- still to come it is taken off the roster (the manager sees the roster as it now is); for one that has ended the
-- row stays as history, outside the rule.
WITH later AS (
  SELECT DISTINCT b.session_id, b.user_id, s.ends_at
    FROM session_carer a
    JOIN session_carer b ON b.user_id = a.user_id AND b.session_id <> a.session_id AND a.during && b.during
     AND (a.created_at, a.session_id) < (b.created_at, b.session_id)
    JOIN care_session s ON s.id = b.session_id
)
DELETE FROM session_carer sc USING later
 WHERE sc.session_id = later.session_id AND sc.user_id = later.user_id AND later.ends_at > now();
WITH later AS (
  SELECT DISTINCT b.session_id, b.user_id
    FROM session_carer a
    JOIN session_carer b ON b.user_id = a.user_id AND b.session_id <> a.session_id AND a.during && b.during
     AND (a.created_at, a.session_id) < (b.created_at, b.session_id)
)
UPDATE session_carer sc SET during = NULL FROM later
 WHERE sc.session_id = later.session_id AND sc.user_id = later.user_id;

ALTER TABLE session_carer ADD CONSTRAINT session_carer_no_overlap
  EXCLUDE USING gist (user_id WITH =, during WITH &&);
