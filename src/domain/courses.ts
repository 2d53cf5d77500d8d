// On-demand guidance courses (DOMAIN.md §5.4, T5) as pure rules: what a course needs before it is published, how
// the H5 player's progress reports are credited (so that skipping ahead, or one forged request, does not complete a
// video), how the article's check is marked, and when a course is completed for the family.

/** The longest stretch of video one report may credit (the player reports every few seconds). */
export const MAX_SEGMENT_SECONDS = 60;
/** The fastest playback a family may use (the player offers up to 2×). */
export const MAX_PLAYBACK_RATE = 2;
/** Tolerance for network delay between the player and the server. */
const REPORT_SLACK_SECONDS = 3;
/** A video is watched when this share of it was played and its last seconds were reached. */
export const WATCHED_SHARE = 0.95;
const END_SECONDS = 2;

export type Interval = [number, number];

export interface CourseShape {
  hasVideo: boolean;
  articleBlocks: number;
  questions: number;
}

export type PublishRefusal = 'COURSE_EMPTY' | 'COURSE_QUIZ_REQUIRED';

/** A course is published with something to take: a video or an article, and an article always with its check. */
export function publishRefusal(c: CourseShape): PublishRefusal | null {
  if (!c.hasVideo && c.articleBlocks === 0) return 'COURSE_EMPTY';
  if (c.articleBlocks > 0 && c.questions === 0) return 'COURSE_QUIZ_REQUIRED';
  return null;
}

export type SegmentRefusal = 'SEGMENT_INVALID' | 'SEGMENT_TOO_FAST';

/**
 * Whether the player's report that it played `[from, to]` can be credited: inside the video, at most
 * MAX_SEGMENT_SECONDS long, and no longer than the time since the last credited report (or since the family opened
 * the course) allows at MAX_PLAYBACK_RATE. A forged report claiming the whole video is refused.
 */
export function segmentRefusal(segment: Interval, durationSeconds: number, secondsSinceLastReport: number): SegmentRefusal | null {
  const [from, to] = segment;
  if (!(from >= 0 && to > from && to <= durationSeconds + 1 && to - from <= MAX_SEGMENT_SECONDS)) return 'SEGMENT_INVALID';
  if (to - from > secondsSinceLastReport * MAX_PLAYBACK_RATE + REPORT_SLACK_SECONDS) return 'SEGMENT_TOO_FAST';
  return null;
}

/** The parts watched with one more segment, merged into sorted, non-overlapping intervals. */
export function mergeWatched(watched: readonly Interval[], segment: Interval): Interval[] {
  const all = [...watched, segment].map(([a, b]) => [a, b] as Interval).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function watchedSeconds(watched: readonly Interval[]): number {
  return watched.reduce((sum, [a, b]) => sum + (b - a), 0);
}

/** The video counts as watched to the end: WATCHED_SHARE of it played, the last seconds included. */
export function videoWatched(watched: readonly Interval[], durationSeconds: number): boolean {
  const reachedEnd = watched.some(([, b]) => b >= durationSeconds - END_SECONDS);
  return reachedEnd && watchedSeconds(watched) >= durationSeconds * WATCHED_SHARE;
}

/** Marks the article's check: which answers were right; passed when all were. */
export function markQuiz(quiz: readonly { answer: number }[], answers: readonly number[]) {
  const correct = quiz.map((q, i) => answers[i] === q.answer);
  return { correct, passed: quiz.length > 0 && answers.length === quiz.length && correct.every(Boolean) };
}

/** A course is completed when every part it has is done: the video watched, the article's check passed. */
export function courseCompleted(c: { hasVideo: boolean; hasArticle: boolean }, p: { videoDone: boolean; quizPassed: boolean }): boolean {
  return (!c.hasVideo || p.videoDone) && (!c.hasArticle || p.quizPassed);
}
