-- On-demand guidance courses (DOMAIN.md §5.4, T5): an article with images and its short check, a video streamed
-- from the platform, or both. A course counts for a family once it is completed: every part it has — the video
-- watched to the end (progress reported in segments, checked on the server), the article read and its check
-- answered. One progress row per family and course.

CREATE TABLE guidance_course (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- made by a provider, or by a 宝宝屋 (exactly one of the two), like an event
  provider_id     uuid REFERENCES guidance_provider (id),
  house_id        uuid REFERENCES house (id),
  street_id       uuid NOT NULL REFERENCES street (id),
  title           text NOT NULL,
  topic           text NOT NULL REFERENCES guidance_topic (code),
  min_age_months  integer NOT NULL CHECK (min_age_months BETWEEN 0 AND 72),
  max_age_months  integer NOT NULL CHECK (max_age_months BETWEEN 0 AND 72),
  leader          text NOT NULL,
  summary         text NOT NULL DEFAULT '',
  -- [{kind:'text', text} | {kind:'image', fileId, caption}]
  article         jsonb NOT NULL DEFAULT '[]',
  -- [{question, options: [..], answer: index}]; the answers are never sent to families
  quiz            jsonb NOT NULL DEFAULT '[]',
  -- the uploaded video (kept unencrypted outside the web root: teaching material, no personal data)
  video_key       text UNIQUE,
  video_bytes     bigint,
  video_seconds   numeric(10, 3),
  video_codec     text,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
  published_at    timestamptz,
  created_by      uuid NOT NULL REFERENCES app_user (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  CHECK ((provider_id IS NULL) <> (house_id IS NULL)),
  CHECK (max_age_months >= min_age_months),
  CHECK ((video_key IS NULL) = (video_seconds IS NULL) AND (video_key IS NULL) = (video_bytes IS NULL)),
  CHECK (video_seconds IS NULL OR video_seconds > 0),
  -- a published course has something to take, and an article always has its check
  CHECK (status <> 'published' OR video_key IS NOT NULL OR jsonb_array_length(article) > 0),
  CHECK (status <> 'published' OR jsonb_array_length(article) = 0 OR jsonb_array_length(quiz) > 0)
);
CREATE INDEX guidance_course_status_idx ON guidance_course (status, min_age_months, max_age_months);
CREATE INDEX guidance_course_provider_idx ON guidance_course (provider_id);
CREATE INDEX guidance_course_house_idx ON guidance_course (house_id);

-- The images of a course's article (stored like every upload: type by content, encrypted).
CREATE TABLE guidance_course_image (
  course_id  uuid NOT NULL REFERENCES guidance_course (id),
  file_id    uuid NOT NULL REFERENCES stored_file (id),
  PRIMARY KEY (course_id, file_id)
);

CREATE TABLE course_progress (
  course_id        uuid NOT NULL REFERENCES guidance_course (id),
  family_id        uuid NOT NULL REFERENCES family (id),
  -- the parts of the video watched, merged: [[from, to], ...] in seconds
  watched          jsonb NOT NULL DEFAULT '[]',
  watched_seconds  numeric(10, 3) NOT NULL DEFAULT 0,
  -- when the last segment was credited (the next may not be longer than the time since, at double speed)
  last_report_at   timestamptz,
  article_read_at  timestamptz,
  quiz_attempts    integer NOT NULL DEFAULT 0,
  quiz_passed_at   timestamptz,
  completed_at     timestamptz,
  started_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (course_id, family_id)
);
CREATE INDEX course_progress_family_idx ON course_progress (family_id, completed_at);
