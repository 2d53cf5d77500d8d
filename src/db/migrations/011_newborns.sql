-- The newborn register of each street (DOMAIN.md §5.5, target T4): imported from the health system's Excel list of
-- birth certificates (出生医学证明), or reported by the family in the H5. Child data: the guardian's phone and the
-- address are encrypted (a keyed hash of the phone finds duplicates), names are shown masked, every read audited.
CREATE TABLE newborn (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  street_id      uuid NOT NULL REFERENCES street (id),
  child_name     text NOT NULL,
  sex            text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date     date NOT NULL,
  guardian_name  text NOT NULL,
  phone_enc      text NOT NULL,
  phone_hash     text NOT NULL,
  address_enc    text NOT NULL,
  source         text NOT NULL CHECK (source IN ('import', 'family')),
  family_id      uuid REFERENCES family (id),
  -- the home visitor the street assigns (a health-centre or provider account, or a 宝宝屋 carer)
  visitor_user_id uuid REFERENCES app_user (id),
  created_by     uuid NOT NULL REFERENCES app_user (id),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  -- the same baby is registered once, however often the list is imported
  UNIQUE (birth_date, phone_hash, child_name)
);
CREATE INDEX newborn_street_idx ON newborn (street_id, birth_date);
