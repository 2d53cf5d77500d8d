-- Issue 12 at city size (300,000 children, 3.6 million bookings, 1 million guidance attendances a year): the targets'
-- grouped counts read two summaries instead of the raw rows, kept by the database itself so that no path that
-- writes bookings, attendance or enrolments can leave them behind.
--
-- care_delivered: per child and calendar year, the free care sessions delivered (an attendance admitted, of a free
-- booking, counted in the year of its session's date) — in all and month by month (months[1..12]), for T3 and its
-- trend. guidance_taken: per family and calendar year, the guidance events attended (an enrolment with attended_at,
-- of an event not cancelled, in the year of the event's date), for T5. Statement-level triggers with transition
-- tables add the difference each statement makes (-1 for a row that counted before, +1 for one that counts after),
-- as one upsert per statement: a bulk insert costs one grouped statement, and two transactions changing one child at
-- once add up (the upsert locks the summary row) instead of overwriting each other.

CREATE TABLE care_delivered (
  child_id  uuid NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  year      integer NOT NULL,
  sessions  integer NOT NULL,
  -- sessions delivered in each month of the year, January first
  months    integer[] NOT NULL,
  PRIMARY KEY (child_id, year)
);

-- Adds the changes (a child, the session's date, +1 or -1 each) to care_delivered; changes that cancel out write nothing.
CREATE FUNCTION care_delivered_add(child_ids uuid[], dates date[], deltas integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO care_delivered AS t (child_id, year, sessions, months)
  SELECT child_id, year, sum(n)::int,
    ARRAY[coalesce(sum(n) FILTER (WHERE month = 1), 0)::int, coalesce(sum(n) FILTER (WHERE month = 2), 0)::int,
          coalesce(sum(n) FILTER (WHERE month = 3), 0)::int, coalesce(sum(n) FILTER (WHERE month = 4), 0)::int,
          coalesce(sum(n) FILTER (WHERE month = 5), 0)::int, coalesce(sum(n) FILTER (WHERE month = 6), 0)::int,
          coalesce(sum(n) FILTER (WHERE month = 7), 0)::int, coalesce(sum(n) FILTER (WHERE month = 8), 0)::int,
          coalesce(sum(n) FILTER (WHERE month = 9), 0)::int, coalesce(sum(n) FILTER (WHERE month = 10), 0)::int,
          coalesce(sum(n) FILTER (WHERE month = 11), 0)::int, coalesce(sum(n) FILTER (WHERE month = 12), 0)::int]
  FROM (
    SELECT c AS child_id, extract(year FROM dt)::int AS year, extract(month FROM dt)::int AS month, sum(n) AS n
    FROM unnest(child_ids, dates, deltas) AS u(c, dt, n)
    GROUP BY 1, 2, 3
    HAVING sum(n) <> 0
  ) d
  GROUP BY child_id, year
  ORDER BY child_id, year
  ON CONFLICT (child_id, year) DO UPDATE SET
    sessions = t.sessions + excluded.sessions,
    months = ARRAY(SELECT a + b FROM unnest(t.months, excluded.months) WITH ORDINALITY AS u(a, b, i) ORDER BY i)
$$;

-- An attendance counts when admitted and its booking is free.
CREATE FUNCTION care_delivered_of_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM care_delivered_add(array_agg(a.child_id), array_agg(s.date), array_agg(1))
      FROM new_rows a JOIN booking b ON b.id = a.booking_id JOIN care_session s ON s.id = a.session_id
     WHERE a.admitted AND b.free;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM care_delivered_add(array_agg(a.child_id), array_agg(s.date), array_agg(-1))
      FROM old_rows a JOIN booking b ON b.id = a.booking_id JOIN care_session s ON s.id = a.session_id
     WHERE a.admitted AND b.free;
  ELSE
    PERFORM care_delivered_add(array_agg(x.child_id), array_agg(s.date), array_agg(x.n))
      FROM (SELECT child_id, booking_id, session_id, admitted, -1 AS n FROM old_rows
            UNION ALL SELECT child_id, booking_id, session_id, admitted, 1 FROM new_rows) x
      JOIN booking b ON b.id = x.booking_id JOIN care_session s ON s.id = x.session_id
     WHERE x.admitted AND b.free;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER care_delivered_attendance_insert AFTER INSERT ON attendance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_delivered_of_attendance();
CREATE TRIGGER care_delivered_attendance_update AFTER UPDATE ON attendance
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_delivered_of_attendance();
CREATE TRIGGER care_delivered_attendance_delete AFTER DELETE ON attendance
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION care_delivered_of_attendance();

-- A booking made free or paid after its attendance was recorded.
CREATE FUNCTION care_delivered_of_booking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM care_delivered_add(array_agg(a.child_id), array_agg(s.date), array_agg(CASE WHEN x.free THEN 1 ELSE -1 END))
    FROM (SELECT n.id, n.free FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.free IS DISTINCT FROM n.free) x
    JOIN attendance a ON a.booking_id = x.id JOIN care_session s ON s.id = a.session_id
   WHERE a.admitted;
  RETURN NULL;
END
$$;
CREATE TRIGGER care_delivered_booking_update AFTER UPDATE ON booking
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_delivered_of_booking();

-- A session moved to another date (possibly another month or year).
CREATE FUNCTION care_delivered_of_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM care_delivered_add(array_agg(a.child_id), array_agg(x.date), array_agg(x.n))
    FROM (SELECT o.id, o.date, -1 AS n FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.date <> n.date
          UNION ALL SELECT n.id, n.date, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.date <> n.date) x
    JOIN attendance a ON a.session_id = x.id JOIN booking b ON b.id = a.booking_id
   WHERE a.admitted AND b.free;
  RETURN NULL;
END
$$;
CREATE TRIGGER care_delivered_session_update AFTER UPDATE ON care_session
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_delivered_of_session();

INSERT INTO care_delivered (child_id, year, sessions, months)
SELECT a.child_id, extract(year FROM s.date)::int, count(*)::int,
  ARRAY[count(*) FILTER (WHERE extract(month FROM s.date) = 1)::int, count(*) FILTER (WHERE extract(month FROM s.date) = 2)::int,
        count(*) FILTER (WHERE extract(month FROM s.date) = 3)::int, count(*) FILTER (WHERE extract(month FROM s.date) = 4)::int,
        count(*) FILTER (WHERE extract(month FROM s.date) = 5)::int, count(*) FILTER (WHERE extract(month FROM s.date) = 6)::int,
        count(*) FILTER (WHERE extract(month FROM s.date) = 7)::int, count(*) FILTER (WHERE extract(month FROM s.date) = 8)::int,
        count(*) FILTER (WHERE extract(month FROM s.date) = 9)::int, count(*) FILTER (WHERE extract(month FROM s.date) = 10)::int,
        count(*) FILTER (WHERE extract(month FROM s.date) = 11)::int, count(*) FILTER (WHERE extract(month FROM s.date) = 12)::int]
FROM attendance a JOIN booking b ON b.id = a.booking_id JOIN care_session s ON s.id = a.session_id
WHERE a.admitted AND b.free
GROUP BY 1, 2;

CREATE TABLE guidance_taken (
  family_id  uuid NOT NULL REFERENCES family (id) ON DELETE CASCADE,
  year       integer NOT NULL,
  events     integer NOT NULL,
  PRIMARY KEY (family_id, year)
);

-- Adds the changes (a family, the event's date, +1 or -1 each) to guidance_taken.
CREATE FUNCTION guidance_taken_add(family_ids uuid[], dates date[], deltas integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO guidance_taken AS t (family_id, year, events)
  SELECT f, extract(year FROM dt)::int, sum(n)::int
  FROM unnest(family_ids, dates, deltas) AS u(f, dt, n)
  GROUP BY 1, 2
  HAVING sum(n) <> 0
  ORDER BY 1, 2
  ON CONFLICT (family_id, year) DO UPDATE SET events = t.events + excluded.events
$$;

-- An enrolment counts when attended and its event is not cancelled (one live enrolment per family and event).
CREATE FUNCTION guidance_taken_of_enrolment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM guidance_taken_add(array_agg(g.family_id), array_agg(e.date), array_agg(1))
      FROM new_rows g JOIN guidance_event e ON e.id = g.event_id
     WHERE g.attended_at IS NOT NULL AND e.status <> 'cancelled';
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM guidance_taken_add(array_agg(g.family_id), array_agg(e.date), array_agg(-1))
      FROM old_rows g JOIN guidance_event e ON e.id = g.event_id
     WHERE g.attended_at IS NOT NULL AND e.status <> 'cancelled';
  ELSE
    PERFORM guidance_taken_add(array_agg(g.family_id), array_agg(e.date), array_agg(g.n))
      FROM (SELECT family_id, event_id, attended_at, -1 AS n FROM old_rows
            UNION ALL SELECT family_id, event_id, attended_at, 1 FROM new_rows) g
      JOIN guidance_event e ON e.id = g.event_id
     WHERE g.attended_at IS NOT NULL AND e.status <> 'cancelled';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER guidance_taken_enrolment_insert AFTER INSERT ON guidance_enrolment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION guidance_taken_of_enrolment();
CREATE TRIGGER guidance_taken_enrolment_update AFTER UPDATE ON guidance_enrolment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION guidance_taken_of_enrolment();
CREATE TRIGGER guidance_taken_enrolment_delete AFTER DELETE ON guidance_enrolment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION guidance_taken_of_enrolment();

-- An event cancelled (or reinstated) or moved to another date.
CREATE FUNCTION guidance_taken_of_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM guidance_taken_add(array_agg(g.family_id), array_agg(x.date), array_agg(x.n))
    FROM (SELECT o.id, o.date, -1 AS n FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE o.status <> 'cancelled' AND (n.status = 'cancelled' OR o.date <> n.date)
          UNION ALL SELECT n.id, n.date, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE n.status <> 'cancelled' AND (o.status = 'cancelled' OR o.date <> n.date)) x
    JOIN guidance_enrolment g ON g.event_id = x.id
   WHERE g.attended_at IS NOT NULL;
  RETURN NULL;
END
$$;
CREATE TRIGGER guidance_taken_event_update AFTER UPDATE ON guidance_event
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION guidance_taken_of_event();

INSERT INTO guidance_taken (family_id, year, events)
SELECT g.family_id, extract(year FROM e.date)::int, count(*)::int
FROM guidance_enrolment g JOIN guidance_event e ON e.id = g.event_id
WHERE g.attended_at IS NOT NULL AND e.status <> 'cancelled'
GROUP BY 1, 2;

-- T5's courses completed in the year; T3's list reads a street's children's attendance.
CREATE INDEX course_progress_completed_idx ON course_progress (completed_at) INCLUDE (family_id) WHERE completed_at IS NOT NULL;
CREATE INDEX attendance_child_idx ON attendance (child_id);
-- T4 reads each newborn's visits: without this every newborn of the year scanned all visits (at 80,000 newborns a
-- year the district overview did not finish in 4 minutes).
CREATE INDEX home_visit_newborn_idx ON home_visit (newborn_id, status);
-- The children and families with need, read from narrow indexes instead of the wide rows (encrypted fields).
CREATE INDEX child_targets_idx ON child (birth_date) INCLUDE (id, family_id, residence_street_id);
CREATE INDEX family_accepted_idx ON family (id) INCLUDE (street_id) WHERE status = 'accepted';
