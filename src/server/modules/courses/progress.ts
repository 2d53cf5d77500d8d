// What a family does with a course (DOMAIN.md §5.4, T5): the courses for its children's ages, opening one (the
// article counts as read), the player's progress in segments (credited under the family's progress lock and checked
// against the time that passed, so that skipping ahead or a forged request does not complete a video) and the
// article's check. Completion is recorded once, in the transaction that completes the last part.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  courseCompleted,
  type Interval,
  markQuiz,
  mergeWatched,
  segmentRefusal,
  videoWatched,
  watchedSeconds,
} from '../../../domain/courses.ts';
import { ageInMonths, type Clock, localDateOf } from '../../../domain/time.ts';
import type { Actor } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { AppError, unprocessable } from '../../errors.ts';
import { lockCourseProgress } from '../../locks.ts';
import { familyOfGuardian } from '../guidance/queries.ts';
import * as q from './queries.ts';
import { familyCourseOut } from './service.ts';

type Source = AuditSource & { actor: Actor };
type Progress = NonNullable<Awaited<ReturnType<typeof q.progressOf>>>;
type ProgressShown = Pick<Progress, 'started_at' | 'watched' | 'quiz_passed_at' | 'completed_at'>;
type Course = q.CourseRow;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The family's progress in words the H5 shows: how much of the video, whether the check was passed, where to resume. */
function progressOut(c: Course, p: ProgressShown | undefined) {
  const seconds = c.video_seconds ? Number(c.video_seconds) : null;
  const watched = p?.watched ?? [];
  const fromStart = watched.find(([a]) => a <= 1);
  return {
    startedAt: iso(p?.started_at ?? null),
    watchedShare: seconds ? Math.min(1, watchedSeconds(watched) / seconds) : null,
    videoDone: seconds ? videoWatched(watched, seconds) : null,
    resumeAt: fromStart && seconds && fromStart[1] < seconds - 2 ? fromStart[1] : 0,
    quizPassed: c.article.length > 0 ? !!p?.quiz_passed_at : null,
    completedAt: iso(p?.completed_at ?? null),
  };
}

/** A course for a family: published, or 404 (a draft or a withdrawn course is not there). */
async function publishedCourse(db: Kysely<DB> | Transaction<DB>, id: string) {
  const c = await q.courseById(db, id);
  if (!c || c.status !== 'published') throw new AppError(404, 'COURSE_NOT_FOUND');
  return c;
}

async function familyOf(db: Kysely<DB> | Transaction<DB>, actor: Actor) {
  const family = await familyOfGuardian(db, actor.id);
  if (!family) throw new AppError(404, 'FAMILY_NOT_FOUND');
  if (family.status !== 'accepted') throw new AppError(422, 'FAMILY_NOT_ACCEPTED');
  return family;
}

/** The published courses with the family's progress, the ones for its children's ages first. */
export async function familyCourses(db: Kysely<DB>, clock: Clock, actor: Actor) {
  const family = await familyOfGuardian(db, actor.id);
  const today = localDateOf(clock.now());
  const rows = await q.publishedCoursesFor(db, family?.id ?? null);
  const items = rows.map((r) => ({
    ...familyCourseOut(r),
    forOurChild: (family?.birth_dates ?? []).some((b) => {
      const m = ageInMonths(b, today);
      return m >= r.min_age_months && m <= r.max_age_months;
    }),
    progress: progressOut(r, r.started_at ? { ...r, started_at: r.started_at, watched: r.watched ?? [] } : undefined),
  }));
  return items.sort((a, b) => Number(b.forOurChild) - Number(a.forOurChild));
}

/** Opens a course: the family's progress begins (the first segment is measured from here) and the article counts as read. */
export async function openCourse(db: Kysely<DB>, clock: Clock, actor: Actor, id: string) {
  const c = await publishedCourse(db, id);
  const family = await familyOfGuardian(db, actor.id);
  let progress: Progress | undefined;
  if (family?.status === 'accepted') {
    const now = clock.now();
    await q.startProgress(db, id, family.id, now);
    if (c.article.length > 0)
      await db
        .updateTable('course_progress')
        .set({ article_read_at: now, updated_at: now })
        .where('course_id', '=', id)
        .where('family_id', '=', family.id)
        .where('article_read_at', 'is', null)
        .execute();
    progress = await q.progressOf(db, id, family.id);
  }
  return { ...familyCourseOut(c), progress: progressOut(c, progress) };
}

/** Under the family's lock: the progress row, the course, and completion when the last part is done. */
async function withProgress<T>(
  db: Kysely<DB>,
  clock: Clock,
  source: Source,
  courseId: string,
  work: (trx: Transaction<DB>, c: Course, p: Progress, familyId: string) => Promise<{ set: Partial<Progress>; result: T }>,
) {
  return db.transaction().execute(async (trx) => {
    const family = await familyOf(trx, source.actor);
    const c = await publishedCourse(trx, courseId);
    const now = clock.now();
    // A family that never opened the course starts now (so its first segment is measured from now).
    await q.startProgress(trx, courseId, family.id, now);
    await lockCourseProgress(trx, courseId, family.id);
    const p = (await q.progressOf(trx, courseId, family.id)) as Progress; // read after the lock is held
    const { set, result } = await work(trx, c, p, family.id);
    const after = { ...p, ...set };
    const seconds = c.video_seconds ? Number(c.video_seconds) : null;
    const completes =
      !p.completed_at &&
      courseCompleted(
        { hasVideo: seconds !== null, hasArticle: c.article.length > 0 },
        { videoDone: seconds !== null && videoWatched(after.watched, seconds), quizPassed: !!after.quiz_passed_at },
      );
    await trx
      .updateTable('course_progress')
      .set({
        watched: JSON.stringify(after.watched),
        watched_seconds: Number(after.watched_seconds),
        last_report_at: after.last_report_at,
        quiz_attempts: after.quiz_attempts,
        quiz_passed_at: after.quiz_passed_at,
        completed_at: completes ? now : p.completed_at,
        updated_at: now,
      })
      .where('course_id', '=', courseId)
      .where('family_id', '=', family.id)
      .execute();
    if (completes)
      await writeAudit(trx, clock, source, {
        action: 'course.complete',
        entityType: 'guidance_course',
        entityId: courseId,
        detail: { familyId: family.id },
      });
    return { ...result, progress: progressOut(c, { ...after, completed_at: completes ? now : p.completed_at }) };
  });
}

/** Credits one stretch the player played (422 SEGMENT_INVALID / SEGMENT_TOO_FAST, nothing credited). */
export async function reportSegment(db: Kysely<DB>, clock: Clock, source: Source, courseId: string, segment: Interval) {
  return withProgress(db, clock, source, courseId, async (_trx, c, p) => {
    if (!c.video_seconds) throw unprocessable('SEGMENT_INVALID', 'body.from');
    const now = clock.now();
    const since = (now.getTime() - new Date(p.last_report_at ?? p.started_at).getTime()) / 1000;
    const refusal = segmentRefusal(segment, Number(c.video_seconds), since);
    if (refusal) throw unprocessable(refusal, 'body.to');
    const seconds = Number(c.video_seconds);
    const clipped: Interval = [segment[0], Math.min(segment[1], seconds)];
    const watched = mergeWatched(p.watched, clipped);
    return { set: { watched, watched_seconds: String(watchedSeconds(watched)), last_report_at: now }, result: {} };
  });
}

/** Marks the article's check (the article must have been opened first); passing it may complete the course. */
export async function answerQuiz(db: Kysely<DB>, clock: Clock, source: Source, courseId: string, answers: number[]) {
  return withProgress(db, clock, source, courseId, async (_trx, c, p) => {
    if (c.quiz.length === 0) throw unprocessable('QUIZ_ANSWERS_INVALID', 'body.answers');
    if (!p.article_read_at) throw new AppError(409, 'QUIZ_LOCKED');
    if (answers.length !== c.quiz.length) throw unprocessable('QUIZ_ANSWERS_INVALID', 'body.answers');
    const { correct, passed } = markQuiz(c.quiz, answers);
    return {
      set: { quiz_attempts: p.quiz_attempts + 1, quiz_passed_at: p.quiz_passed_at ?? (passed ? clock.now() : null) },
      result: { correct, passed },
    };
  });
}
