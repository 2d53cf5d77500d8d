// The 线上课程 part of the 育儿指导 page: the courses for the family's children first (three of them), and the way to
// all courses.
import { Link } from 'react-router';
import { t } from '../i18n/index.ts';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { CourseCard } from './CourseCard.tsx';
import { useFamilyCourses } from './types.ts';
import './courses.css';

const SHOWN = 3;

export function CoursesSection() {
  const { data: courses, error, reload } = useFamilyCourses(true);
  return (
    <section className="guidance-section" data-qa="courses-section">
      <div className="section-head">
        <h2>{t('courses.sectionTitle')}</h2>
        {courses && courses.length > SHOWN && (
          <Link to="/guidance/courses" className="link small" data-qa="courses-all">
            {t('courses.all', { n: courses.length })} ›
          </Link>
        )}
      </div>
      <p className="muted small course-hint">{t('courses.sectionHint')}</p>
      {error && <LoadFailed error={error} onRetry={() => void reload()} title={t('courses.loadFailed')} />}
      {!courses && !error && <Loading />}
      {courses?.length === 0 && <p className="muted small guidance-empty">{t('courses.empty')}</p>}
      {courses?.slice(0, SHOWN).map((c) => (
        <CourseCard key={c.id} c={c} />
      ))}
    </section>
  );
}
