// Online courses as the H5 reads them (GET /api/family/courses, /api/family/courses/:id) in the shared cache of
// booking/store.ts, and the words for a family's progress in one.
import { formatClock } from '../../../shared/format.ts';
import type { Item, Res } from '../../common/wire.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../booking/store.ts';

export type FamilyCourse = Item<Res<'/api/family/courses', 'get'>>;
export type OpenedCourse = Res<'/api/family/courses/{id}', 'get'>;
export type CourseProgress = OpenedCourse['progress'];

export const coursesPath = '/api/family/courses';
export const useFamilyCourses = (enabled: boolean) => useApi<FamilyCourse[]>(enabled ? coursesPath : null);

/** 视频 4:05 · 图文 · 小测验 */
export function contentLine(c: Pick<FamilyCourse, 'video' | 'article' | 'quiz'>): string {
  return [
    c.video && t('courses.video', { time: formatClock(c.video.seconds) }),
    c.article.length > 0 && t('courses.article'),
    c.quiz.length > 0 && t('courses.quiz'),
  ]
    .filter(Boolean)
    .join(' · ');
}

export type ProgressState = 'new' | 'watching' | 'quizPending' | 'done';

/** Where the family stands: not started, part watched, the check still to answer, or completed. */
export function progressState(p: Pick<CourseProgress, 'startedAt' | 'watchedShare' | 'quizPassed' | 'completedAt'>): ProgressState {
  if (p.completedAt) return 'done';
  if (p.watchedShare !== null && p.watchedShare > 0 && p.watchedShare < 1) return 'watching';
  if (p.startedAt && p.quizPassed === false) return 'quizPending';
  return 'new';
}

export function progressText(p: Pick<CourseProgress, 'startedAt' | 'watchedShare' | 'quizPassed' | 'completedAt'>): string {
  const state = progressState(p);
  return t(`courses.state.${state}`, { pct: Math.floor((p.watchedShare ?? 0) * 100) });
}
