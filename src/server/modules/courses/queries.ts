// SQL of the courses module: courses with who made them and how many families completed them, a family's progress,
// and the courses a family completed in a year (for T5).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ScopeFilter } from '../../access.ts';
import { organiserInScope } from '../guidance/queries.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Courses with their organiser and topic, and the families that completed them. */
export function coursesQuery(db: Db) {
  return db
    .selectFrom('guidance_course as c')
    .leftJoin('guidance_provider as p', 'p.id', 'c.provider_id')
    .leftJoin('house as h', 'h.id', 'c.house_id')
    .innerJoin('guidance_topic as t', 't.code', 'c.topic')
    .select([
      'c.id',
      'c.provider_id',
      'c.house_id',
      'c.street_id',
      sql<string>`coalesce(p.name, h.name)`.as('organiser'),
      'c.title',
      'c.topic',
      't.name as topic_name',
      'c.min_age_months',
      'c.max_age_months',
      'c.leader',
      'c.summary',
      'c.article',
      'c.quiz',
      'c.video_key',
      'c.video_bytes',
      'c.video_seconds',
      'c.status',
      'c.published_at',
      'c.updated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('course_progress as cp')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('cp.course_id', '=', 'c.id')
        .where('cp.completed_at', 'is not', null)
        .as('completions'),
    );
}
export type CourseRow = Awaited<ReturnType<ReturnType<typeof coursesQuery>['execute']>>[number];

export function courseById(db: Db, id: string) {
  return coursesQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/** The courses an organiser (or a street, or the district) sees in the console. */
export function managedCourses(db: Db, scope: ScopeFilter) {
  const inScope = organiserInScope('c', scope);
  if (!inScope) return Promise.resolve([]);
  return coursesQuery(db).where(inScope).orderBy('c.updated_at', 'desc').limit(500).execute();
}

/** A family's progress begins (at `now`) unless it already has. */
export function startProgress(db: Db, courseId: string, familyId: string, now: Date) {
  return db
    .insertInto('course_progress')
    .values({ course_id: courseId, family_id: familyId, started_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['course_id', 'family_id']).doNothing())
    .execute();
}

/** Published courses with one family's progress in each (the H5's list; none for a guardian without a family). */
export function publishedCoursesFor(db: Db, familyId: string | null) {
  return coursesQuery(db)
    .leftJoin('course_progress as cp', (j) => j.onRef('cp.course_id', '=', 'c.id').on(sql<boolean>`cp.family_id = ${familyId}::uuid`))
    .select(['cp.watched', 'cp.quiz_passed_at', 'cp.completed_at', 'cp.started_at'])
    .where('c.status', '=', 'published')
    .orderBy('c.published_at', 'desc')
    .limit(300)
    .execute();
}

export function progressOf(db: Db, courseId: string, familyId: string) {
  return db
    .selectFrom('course_progress')
    .selectAll()
    .where('course_id', '=', courseId)
    .where('family_id', '=', familyId)
    .executeTakeFirst();
}

/** What counts for the family's T5 year from courses: the ones it completed, from a date on. */
export function completedCourses(db: Db, familyId: string, from: Date) {
  return db
    .selectFrom('course_progress')
    .select(['course_id', 'completed_at'])
    .where('family_id', '=', familyId)
    .where('completed_at', '>=', from)
    .execute();
}

/** Whether a stored file is one of the course's article images. */
export function courseImage(db: Db, courseId: string, fileId: string) {
  return db
    .selectFrom('guidance_course_image as i')
    .innerJoin('stored_file as f', 'f.id', 'i.file_id')
    .select(['f.storage_key', 'f.content_type'])
    .where('i.course_id', '=', courseId)
    .where('i.file_id', '=', fileId)
    .executeTakeFirst();
}

export function courseImageIds(db: Db, courseId: string) {
  return db.selectFrom('guidance_course_image').select('file_id').where('course_id', '=', courseId).execute();
}
