// On-demand guidance courses (DOMAIN.md §5.4, T5): organisers make them in the console (article, images, check,
// video), families take them in the H5 (the player reports progress, the check is marked on the server), and the
// video is streamed by range.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_SEGMENT_SECONDS } from '../../../domain/courses.ts';
import { localDateOf } from '../../../domain/time.ts';
import { scopeOf } from '../../access.ts';
import { actorSourceOf } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import { idParams, uuid } from '../../schemas.ts';
import { readUpload } from '../../uploads.ts';
import { policyOn } from '../policy/service.ts';
import { courseImageFile, courseVideo } from './media.ts';
import { answerQuiz, familyCourses, openCourse, reportSegment } from './progress.ts';
import * as q from './queries.ts';
import { addCourseImage, courseOut, createCourse, managedCourse, setCourseStatus, updateCourse, uploadCourseVideo } from './service.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const articleBlock = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: text(4000) }),
  z.strictObject({ kind: z.literal('image'), fileId: uuid, caption: z.string().trim().max(100).default('') }),
]);
const question = z.strictObject({
  question: text(200),
  options: z.array(text(100)).min(2).max(5),
  answer: z.number().int().min(0).max(4),
});
const courseIn = z.strictObject({
  title: text(60),
  topic: z.string().regex(/^[a-z][a-z_]{1,39}$/),
  minAgeMonths: z.number().int().min(0).max(72),
  maxAgeMonths: z.number().int().min(0).max(72),
  leader: text(40),
  summary: z.string().trim().max(500).default(''),
  article: z.array(articleBlock).max(60).default([]),
  quiz: z.array(question).max(10).default([]),
});
const courseStatus = z.enum(['draft', 'published', 'withdrawn']);
const courseBase = {
  id: z.string(),
  title: z.string(),
  topic: z.string(),
  topicName: z.string(),
  organiser: z.string(),
  providerId: z.string().nullable(),
  houseId: z.string().nullable(),
  streetId: z.string(),
  minAgeMonths: z.number(),
  maxAgeMonths: z.number(),
  leader: z.string(),
  summary: z.string(),
  article: z.array(
    z.union([
      z.object({ kind: z.literal('text'), text: z.string() }),
      z.object({ kind: z.literal('image'), fileId: z.string(), caption: z.string() }),
    ]),
  ),
  video: z.object({ seconds: z.number(), bytes: z.number() }).nullable(),
  status: courseStatus,
  publishedAt: z.string().nullable(),
  completions: z.number(),
};
const organiserCourse = z.object({
  ...courseBase,
  quiz: z.array(z.object({ question: z.string(), options: z.array(z.string()), answer: z.number() })),
});
const progressOut = z.object({
  startedAt: z.string().nullable(),
  /** null: the course has no video */
  watchedShare: z.number().nullable(),
  videoDone: z.boolean().nullable(),
  /** where the player resumes: the end of what was watched from the start */
  resumeAt: z.number(),
  /** null: the course has no article */
  quizPassed: z.boolean().nullable(),
  completedAt: z.string().nullable(),
});
const familyCourse = z.object({
  ...courseBase,
  quiz: z.array(z.object({ question: z.string(), options: z.array(z.string()) })),
  progress: progressOut,
});

export default async function courseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const { db, clock } = ctx;

  // ——— organisers (console) ———

  app.get(
    '/api/courses',
    {
      config: { action: 'guidance.read' },
      schema: {
        tags: ['courses'],
        summary: 'The courses the user’s provider, house, street or district made',
        response: { 200: z.array(organiserCourse) },
      },
    },
    async (req) => (await q.managedCourses(db, scopeOf(req.actor!, 'guidance.read'))).map((c) => courseOut(c)),
  );

  app.post(
    '/api/courses',
    {
      config: { action: 'guidance.manage' },
      schema: {
        tags: ['courses'],
        summary: 'A new course, as a draft of the user’s provider or house',
        body: courseIn,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, res) => res.status(201).send({ id: await createCourse(db, ctx, actorSourceOf(req), req.body) }),
  );

  app.get(
    '/api/courses/:id',
    {
      config: { action: 'guidance.manage' },
      schema: {
        tags: ['courses'],
        summary: 'One course to edit, with its check’s answers and the largest video that may be uploaded',
        params: idParams,
        response: { 200: organiserCourse.extend({ maxVideoMb: z.number() }) },
      },
    },
    async (req) => {
      const c = await managedCourse(db, req.actor!, req.params.id);
      const policy = await policyOn(db, localDateOf(clock.now()));
      return { ...courseOut(c), maxVideoMb: policy['course.maxVideoMb'] };
    },
  );

  app.put(
    '/api/courses/:id',
    {
      config: { action: 'guidance.manage' },
      schema: {
        tags: ['courses'],
        summary: 'Change a course’s text, images and check',
        params: idParams,
        body: courseIn,
        response: { 200: organiserCourse },
      },
    },
    async (req) => {
      await updateCourse(db, ctx, actorSourceOf(req), req.params.id, req.body);
      return courseOut((await q.courseById(db, req.params.id))!);
    },
  );

  for (const [path, to] of [
    ['publish', 'published'],
    ['withdraw', 'withdrawn'],
  ] as const)
    app.post(
      `/api/courses/:id/${path}`,
      {
        config: { action: 'guidance.manage' },
        schema: {
          tags: ['courses'],
          summary:
            to === 'published' ? 'Publish a course (it needs a video or an article with its check)' : 'Withdraw a course from families',
          params: idParams,
          response: { 200: organiserCourse },
        },
      },
      async (req) => {
        await setCourseStatus(db, ctx, actorSourceOf(req), req.params.id, to);
        return courseOut((await q.courseById(db, req.params.id))!);
      },
    );

  app.post(
    '/api/courses/:id/video',
    {
      config: { action: 'guidance.manage' },
      schema: {
        tags: ['courses'],
        summary: 'Upload the course’s video (multipart: file = an H.264 MP4, at most course.maxVideoMb); only while not published',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 200: z.object({ seconds: z.number(), bytes: z.number() }) },
      },
    },
    async (req) => uploadCourseVideo(ctx, actorSourceOf(req), req.params.id, req),
  );

  app.post(
    '/api/courses/:id/images',
    {
      config: { action: 'guidance.manage' },
      schema: {
        tags: ['courses'],
        summary: 'Upload an image for the course’s article (multipart: file = JPEG or PNG, at most 10 MB)',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: z.object({ fileId: z.string() }) },
      },
    },
    async (req, res) => {
      const upload = await readUpload(req, 0);
      return res.status(201).send({ fileId: await addCourseImage(ctx, actorSourceOf(req), req.params.id, upload) });
    },
  );

  // ——— families (H5) ———

  app.get(
    '/api/family/courses',
    {
      config: { action: 'guidance.enrol' },
      schema: {
        tags: ['courses'],
        summary: 'The published courses with the family’s progress, the ones for its children’s ages first',
        response: { 200: z.array(familyCourse.extend({ forOurChild: z.boolean() })) },
      },
    },
    async (req) => familyCourses(db, clock, req.actor!),
  );

  app.get(
    '/api/family/courses/:id',
    {
      config: { action: 'guidance.enrol' },
      schema: {
        tags: ['courses'],
        summary:
          'Open a course: its article, check (without answers) and video; the family’s progress begins and the article counts as read',
        params: idParams,
        response: { 200: familyCourse },
      },
    },
    async (req) => openCourse(db, clock, req.actor!, req.params.id),
  );

  app.post(
    '/api/family/courses/:id/progress',
    {
      config: { action: 'guidance.enrol' },
      schema: {
        tags: ['courses'],
        summary: `The player played from \`from\` to \`to\` seconds (at most ${MAX_SEGMENT_SECONDS} s, and no faster than twice the time since the last report)`,
        params: idParams,
        body: z.strictObject({ from: z.number().min(0).max(86_400), to: z.number().min(0).max(86_400) }),
        response: { 200: z.object({ progress: progressOut }) },
      },
    },
    async (req) => reportSegment(db, clock, actorSourceOf(req), req.params.id, [req.body.from, req.body.to]),
  );

  app.post(
    '/api/family/courses/:id/quiz',
    {
      config: { action: 'guidance.enrol' },
      schema: {
        tags: ['courses'],
        summary: 'Answer the article’s check (the index of the chosen option for each question, in order)',
        params: idParams,
        body: z.strictObject({ answers: z.array(z.number().int().min(0).max(4)).min(1).max(10) }),
        response: { 200: z.object({ correct: z.array(z.boolean()), passed: z.boolean(), progress: progressOut }) },
      },
    },
    async (req) => answerQuiz(db, clock, actorSourceOf(req), req.params.id, req.body.answers),
  );

  // ——— media (the <video> and <img> elements) ———

  app.get(
    '/api/courses/:id/video',
    {
      config: { action: 'course.watch' },
      schema: {
        tags: ['courses'],
        summary: 'The course’s video, streamed by HTTP range (206 Partial Content)',
        params: idParams,
        headers: z.object({ range: z.string().max(200).optional() }),
      },
    },
    async (req, res) => {
      const media = await courseVideo(ctx, req.actor!, req.params.id, req.headers.range);
      res.headers(media.headers);
      if (media.status === 416) throw new AppError(416, 'RANGE_NOT_SATISFIABLE');
      return res.status(media.status).send(media.body);
    },
  );

  app.get(
    '/api/courses/:id/images/:fileId',
    {
      config: { action: 'course.watch' },
      schema: { tags: ['courses'], summary: 'One image of the course’s article', params: z.strictObject({ id: uuid, fileId: uuid }) },
    },
    async (req, res) => {
      const f = await courseImageFile(ctx, req.actor!, req.params.id, req.params.fileId);
      return res.header('Cache-Control', 'private, max-age=3600').type(f.contentType).send(f.data);
    },
  );
}
