// One course in a list: topic, title, what it holds (视频 4:05 · 图文 · 小测验) and where the family stands.
import { Link } from 'react-router';
import type { FamilyCourse } from './types.ts';
import { contentLine, progressState, progressText } from './types.ts';
import { t } from '../i18n/index.ts';

export function CourseCard({ c }: { c: FamilyCourse }) {
  const state = progressState(c.progress);
  return (
    <Link to={`/guidance/courses/${c.id}`} className="card course-card" data-qa="course-card" data-course-id={c.id} data-state={state}>
      <div className="guidance-tags">
        <span className="guidance-tag topic">{c.topicName}</span>
        {!c.forOurChild && <span className="guidance-tag">{t('courses.age', { min: c.minAgeMonths, max: c.maxAgeMonths })}</span>}
      </div>
      <div className="course-card-title">{c.title}</div>
      <div className="course-card-meta">
        <span className="muted small">{contentLine(c)}</span>
        <span className={`course-state ${state}`} data-qa="course-state">
          {progressText(c.progress)}
        </span>
      </div>
    </Link>
  );
}
