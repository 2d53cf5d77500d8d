// The courses module's workflows for organisers: making a course (its article, images, check and video), publishing
// and withdrawing it. What families do with a course (opening it, the player's progress, the check) is progress.ts.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ArticleBlock, DB, QuizQuestion } from '../../../db/schema.ts';
import { publishRefusal } from '../../../domain/courses.ts';
import { localDateOf } from '../../../domain/time.ts';
import { authorize, type Actor } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { AppContext } from '../../context.ts';
import { AppError, unprocessable } from '../../errors.ts';
import { storeUpload, type Upload } from '../../uploads.ts';
import { probeMp4 } from '../../video.ts';
import { policyOn } from '../policy/service.ts';
import { activeTopicName } from '../guidance/queries.ts';
import { organiserOf, targetOfEvent } from '../guidance/service.ts';
import * as q from './queries.ts';

type Source = AuditSource & { actor: Actor };

export interface CourseInput {
  title: string;
  topic: string;
  minAgeMonths: number;
  maxAgeMonths: number;
  leader: string;
  summary: string;
  article: ArticleBlock[];
  quiz: QuizQuestion[];
}

/** A course as the console shows it, with the check's answers. */
export function courseOut(c: q.CourseRow) {
  return {
    id: c.id,
    title: c.title,
    topic: c.topic,
    topicName: c.topic_name,
    organiser: c.organiser,
    providerId: c.provider_id,
    houseId: c.house_id,
    streetId: c.street_id,
    minAgeMonths: c.min_age_months,
    maxAgeMonths: c.max_age_months,
    leader: c.leader,
    summary: c.summary,
    article: c.article,
    quiz: c.quiz,
    video: c.video_key ? { seconds: Number(c.video_seconds), bytes: Number(c.video_bytes) } : null,
    status: c.status,
    publishedAt: c.published_at ? new Date(c.published_at).toISOString() : null,
    completions: Number(c.completions),
  };
}

/** A course as a family sees it: the check without its answers. */
export function familyCourseOut(c: q.CourseRow) {
  return { ...courseOut(c), quiz: c.quiz.map((x) => ({ question: x.question, options: x.options })) };
}

/** A course the actor manages (404 when there is none, 403 outside the actor's provider or house). */
export async function managedCourse(db: Kysely<DB>, actor: Actor, id: string) {
  const c = await q.courseById(db, id);
  if (!c) throw new AppError(404, 'COURSE_NOT_FOUND');
  authorize(actor, 'guidance.manage', targetOfEvent(c));
  return c;
}

/** The rules a course's fields must meet, each naming its field. */
async function checkCourse(db: Kysely<DB>, courseId: string | null, input: CourseInput) {
  if (input.maxAgeMonths < input.minAgeMonths) throw unprocessable('EVENT_AGE_INVALID', 'body.maxAgeMonths');
  const topicName = await activeTopicName(db, input.topic);
  if (!topicName) throw unprocessable('TOPIC_NOT_FOUND', 'body.topic');
  input.quiz.forEach((x, i) => {
    if (x.answer >= x.options.length) throw unprocessable('VALIDATION_FAILED', `body.quiz.${i}.answer`);
  });
  const images = courseId ? new Set((await q.courseImageIds(db, courseId)).map((r) => r.file_id)) : new Set<string>();
  input.article.forEach((b, i) => {
    if (b.kind === 'image' && !images.has(b.fileId)) throw unprocessable('COURSE_IMAGE_NOT_FOUND', `body.article.${i}.fileId`);
  });
  return topicName;
}

const courseValues = (input: CourseInput) => ({
  title: input.title,
  topic: input.topic,
  min_age_months: input.minAgeMonths,
  max_age_months: input.maxAgeMonths,
  leader: input.leader,
  summary: input.summary,
  article: JSON.stringify(input.article),
  quiz: JSON.stringify(input.quiz),
});

/** A new course, as a draft of the actor's provider or house. */
export async function createCourse(db: Kysely<DB>, ctx: Pick<AppContext, 'clock'>, source: Source, input: CourseInput) {
  const now = ctx.clock.now();
  const topicName = await checkCourse(db, null, input);
  const owner = await organiserOf(db, source.actor);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('guidance_course')
      .values({ ...owner, ...courseValues(input), created_by: source.actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx.clock, source, {
      action: 'course.create',
      entityType: 'guidance_course',
      entityId: row.id,
      detail: { topicName },
    });
    return row.id;
  });
}

/**
 * Changes a course's text, images and check. A published course stays published: a family's progress is kept, and
 * a check changed under a family that already passed it does not undo its completion.
 */
export async function updateCourse(db: Kysely<DB>, ctx: Pick<AppContext, 'clock'>, source: Source, id: string, input: CourseInput) {
  const before = await managedCourse(db, source.actor, id);
  const topicName = await checkCourse(db, id, input);
  const shape = { hasVideo: !!before.video_key, articleBlocks: input.article.length, questions: input.quiz.length };
  const refusal = before.status === 'published' ? publishRefusal(shape) : null;
  if (refusal) throw unprocessable(refusal, refusal === 'COURSE_EMPTY' ? 'body.article' : 'body.quiz');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('guidance_course')
      .set({ ...courseValues(input), updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx.clock, source, {
      action: 'course.update',
      entityType: 'guidance_course',
      entityId: id,
      detail: { topicName },
    });
  });
}

/** Publishes a course that has something to take; withdraws one (families keep what they completed). */
export async function setCourseStatus(
  db: Kysely<DB>,
  ctx: Pick<AppContext, 'clock'>,
  source: Source,
  id: string,
  to: 'published' | 'withdrawn',
) {
  const c = await managedCourse(db, source.actor, id);
  if (to === 'published') {
    const refusal = publishRefusal({ hasVideo: !!c.video_key, articleBlocks: c.article.length, questions: c.quiz.length });
    if (refusal) throw new AppError(422, refusal);
  }
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('guidance_course')
      .set({ status: to, updated_at: now, ...(to === 'published' ? { published_at: c.published_at ?? now } : {}) })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx.clock, source, {
      action: to === 'published' ? 'course.publish' : 'course.withdraw',
      entityType: 'guidance_course',
      entityId: id,
    });
  });
}

/** One image for the course's article (JPEG or PNG by its content), stored encrypted like every upload. */
export async function addCourseImage(ctx: AppContext, source: Source, id: string, upload: Upload) {
  await managedCourse(ctx.db, source.actor, id);
  if (upload.contentType === 'application/pdf')
    throw new AppError(422, 'FILE_TYPE_NOT_ALLOWED', undefined, [{ field: 'file', code: 'FILE_TYPE_NOT_ALLOWED', message: '' }]);
  return storeUpload(ctx, upload, {}, source.actor.id, async (trx, fileId) => {
    await trx.insertInto('guidance_course_image').values({ course_id: id, file_id: fileId }).execute();
    return fileId;
  });
}

/**
 * The course's video from a multipart upload, streamed to the store as it arrives (never held in memory): at most
 * `course.maxVideoMb` (413 VIDEO_TOO_LARGE), an H.264 MP4 by its content (422 VIDEO_TYPE_NOT_ALLOWED). A course that
 * families are taking keeps its video: it is replaced only while the course is not published.
 */
export async function uploadCourseVideo(ctx: AppContext, source: Source, id: string, req: FastifyRequest) {
  const c = await managedCourse(ctx.db, source.actor, id);
  if (c.status === 'published') throw new AppError(409, 'COURSE_PUBLISHED');
  const mb = (await policyOn(ctx.db, localDateOf(ctx.clock.now())))['course.maxVideoMb'];
  const part = await req.file({ limits: { fileSize: mb * 1024 * 1024, files: 1, fields: 0 } });
  if (!part) throw new AppError(422, 'FILE_REQUIRED', undefined, [{ field: 'file', code: 'FILE_REQUIRED', message: '' }]);
  const key = crypto.randomUUID();
  const refuse = async (err: AppError) => {
    await ctx.files.delete(key);
    return err;
  };
  try {
    await ctx.files.putStream(key, part.file);
  } catch (err) {
    throw (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? await refuse(tooLarge(mb)) : err;
  }
  if (part.file.truncated) throw await refuse(tooLarge(mb));
  const facts = await probeMp4(ctx.files, key);
  if (!facts)
    throw await refuse(
      new AppError(422, 'VIDEO_TYPE_NOT_ALLOWED', undefined, [{ field: 'file', code: 'VIDEO_TYPE_NOT_ALLOWED', message: '' }]),
    );
  const bytes = await ctx.files.size(key);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('guidance_course')
        .set({ video_key: key, video_bytes: bytes, video_seconds: facts.seconds, video_codec: facts.codec, updated_at: ctx.clock.now() })
        .where('id', '=', id)
        .where('status', '<>', 'published')
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new AppError(409, 'COURSE_PUBLISHED'); // published while the video was uploading
      await writeAudit(trx, ctx.clock, source, {
        action: 'course.video',
        entityType: 'guidance_course',
        entityId: id,
        detail: { seconds: Math.round(facts.seconds), megabytes: Math.round((bytes / 1024 / 1024) * 10) / 10 },
      });
    });
  } catch (err) {
    throw await refuse(err as AppError);
  }
  if (c.video_key) await ctx.files.delete(c.video_key); // the replaced video
  return { seconds: facts.seconds, bytes };
}

const tooLarge = (mb: number) => new AppError(413, 'VIDEO_TOO_LARGE', { mb });
