-- One job mechanism for every process (src/server/jobs/): scheduled runs with a unique key, claimed with a lease;
-- outbox messages claimed with a lease and sent outside any transaction; notification dedupe with a unique key.

-- A run of a background job. Periodic jobs keep one row (run_key 'every') that is re-armed after each run; daily
-- jobs get one row per district-local date, so a daily run is done once however many processes there are.
CREATE TABLE job_run (
  name          text NOT NULL,
  run_key       text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  failures      integer NOT NULL DEFAULT 0,
  available_at  timestamptz NOT NULL,
  locked_by     text,
  locked_until  timestamptz,
  started_at    timestamptz,
  finished_at   timestamptz,
  last_error    text,
  result        jsonb,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (name, run_key)
);
CREATE INDEX job_run_due_idx ON job_run (available_at) WHERE status IN ('pending', 'running');
-- A job never overlaps itself: at most one running run per job, whichever process holds it.
CREATE UNIQUE INDEX job_run_one_running_idx ON job_run (name) WHERE status = 'running';

-- The outbox's claim: a process takes due messages with a lease, sends them outside any transaction, then marks
-- them sent (or schedules a retry). A claim whose process died is taken again once locked_until has passed.
ALTER TABLE outbox_message ADD COLUMN locked_by text;
ALTER TABLE outbox_message ADD COLUMN locked_until timestamptz;

-- Development and test channel 'record' (OUTBOX_CHANNEL=record): every delivery attempt that reached the channel,
-- so a test can count deliveries per message across processes. Unused by the log channel and in production.
CREATE TABLE outbox_delivery (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id    uuid NOT NULL,
  worker        text NOT NULL,
  delivered_at  timestamptz NOT NULL
);
CREATE INDEX outbox_delivery_message_idx ON outbox_delivery (message_id);

-- "Tell them once per window": a notice is sent when its key (subject + window) is first inserted.
CREATE TABLE notice_sent (
  dedupe_key  text PRIMARY KEY,
  sent_at     timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX notice_sent_expires_idx ON notice_sent (expires_at);
