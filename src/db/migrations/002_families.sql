-- Families (DOMAIN.md §5.1): guardians, children, pickup persons, emergency contacts, health-check certificates,
-- consent to children's data (§6) and the service agreement (R14), reviewed by the street (R16).
-- Identity numbers and health data are stored encrypted (AES-256-GCM, see server/crypto.ts); ID numbers are
-- searchable only through a keyed hash.

-- Versioned texts the guardian agrees to: the children's-data consent and the service agreement.
CREATE TABLE document_version (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind            text NOT NULL CHECK (kind IN ('consent', 'agreement')),
  version         integer NOT NULL CHECK (version > 0),
  title           text NOT NULL,
  body            text NOT NULL,
  effective_from  date NOT NULL,
  created_by      uuid REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, version)
);

CREATE TABLE family (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  guardian_user_id     uuid NOT NULL UNIQUE REFERENCES app_user(id),
  guardian_name        text NOT NULL,
  guardian_id_enc      text NOT NULL,
  guardian_id_hash     text NOT NULL,
  street_id            uuid NOT NULL REFERENCES street(id),
  address              text NOT NULL,
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
  return_reason        text,
  submitted_at         timestamptz,
  reviewed_at          timestamptz,
  reviewed_by          uuid REFERENCES app_user(id),
  consent_version      integer NOT NULL,
  consent_at           timestamptz NOT NULL,
  agreement_version    integer,
  agreement_signed_at  timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'returned' OR return_reason IS NOT NULL)
);
CREATE INDEX family_review_idx ON family (street_id, status);
CREATE INDEX family_guardian_id_hash_idx ON family (guardian_id_hash);

-- Every consent given and agreement signed, kept as evidence (the family row holds only the latest).
CREATE TABLE consent_record (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id   uuid NOT NULL REFERENCES family(id),
  kind        text NOT NULL CHECK (kind IN ('consent', 'agreement')),
  version     integer NOT NULL,
  given_at    timestamptz NOT NULL,
  given_by    uuid NOT NULL REFERENCES app_user(id),
  ip          text
);

CREATE TABLE child (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id            uuid NOT NULL REFERENCES family(id),
  name                 text NOT NULL,
  sex                  text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date           date NOT NULL,
  id_number_enc        text NOT NULL,
  id_number_hash       text NOT NULL UNIQUE,
  residence_street_id  uuid NOT NULL REFERENCES street(id),
  -- {"allergies": "...", "history": "...", "declaredTruthfully": true}, encrypted
  health_enc           text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX child_family_idx ON child (family_id);

CREATE TABLE pickup_person (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id   uuid NOT NULL REFERENCES family(id),
  name        text NOT NULL,
  relation    text NOT NULL,
  phone       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pickup_person_family_idx ON pickup_person (family_id);

CREATE TABLE emergency_contact (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id   uuid NOT NULL REFERENCES family(id),
  name        text NOT NULL,
  relation    text NOT NULL,
  phone       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emergency_contact_family_idx ON emergency_contact (family_id);

-- Uploaded files (kept outside the web root by a FileStore, encrypted like the fields).
CREATE TABLE stored_file (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id     uuid REFERENCES family(id),
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size_bytes    integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
  sha256        text NOT NULL,
  storage_key   text NOT NULL UNIQUE,
  original_name text,
  uploaded_by   uuid NOT NULL REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE health_certificate (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id     uuid NOT NULL REFERENCES child(id),
  file_id      uuid NOT NULL REFERENCES stored_file(id),
  exam_date    date NOT NULL,
  institution  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX health_certificate_child_idx ON health_certificate (child_id, exam_date DESC);
