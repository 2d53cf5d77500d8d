-- The guardian's choice of messages (src/domain/guardianNotices.ts): a row only once she changes one; no row is "on".
CREATE TABLE guardian_notice_setting (
  user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  notice     text NOT NULL,
  enabled    boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, notice)
);
