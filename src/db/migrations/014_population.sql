-- What the district's targets are measured against (DOMAIN.md §2): each street's resident children aged 1–3
-- (常住幼儿数, T1) and newborns of each year, with the figure's source and date, versioned (a correction is a new
-- row; a report uses the figure in force for its year at the time it looks), and each house's approved places (托额,
-- T1), set by the street and never above the legal capacity of its rooms (checked by the service).

CREATE TABLE street_population (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  street_id     uuid NOT NULL REFERENCES street (id),
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  children_1_3  integer NOT NULL CHECK (children_1_3 BETWEEN 0 AND 1000000),
  newborns      integer NOT NULL CHECK (newborns BETWEEN 0 AND 1000000),
  -- where the figure comes from (公安户籍统计, 卫健委出生登记, 街道摸排 …) and the day it describes
  source        text NOT NULL CHECK (length(source) BETWEEN 1 AND 60),
  as_of         date NOT NULL,
  note          text,
  recorded_by   uuid NOT NULL REFERENCES app_user (id),
  recorded_at   timestamptz NOT NULL
);
CREATE INDEX street_population_idx ON street_population (street_id, year, recorded_at DESC);

ALTER TABLE house ADD COLUMN approved_places integer CHECK (approved_places BETWEEN 0 AND 1000);
