// All online courses: the ones for the family's children first, then the other ages.
import { t } from '../i18n/index.ts';
import { FlowPage } from '../components/FlowPage.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { CourseCard } from '../courses/CourseCard.tsx';
import { useFamilyCourses } from '../courses/types.ts';
import '../guidance/guidance.css';
import '../courses/courses.css';

export function CoursesPage() {
  const { data: courses, error, reload } = useFamilyCourses(true);
  const groups = [
    { title: t('courses.forOurChild'), list: (courses ?? []).filter((c) => c.forOurChild) },
    { title: t('courses.otherAges'), list: (courses ?? []).filter((c) => !c.forOurChild) },
  ].filter((g) => g.list.length > 0);
  return (
    <FlowPage title={t('courses.allTitle')} fallback="/guidance" qa="courses-page">
      {error && <LoadFailed error={error} onRetry={() => void reload()} title={t('courses.loadFailed')} />}
      {!courses && !error && <Loading />}
      {courses?.length === 0 && <p className="muted small guidance-empty">{t('courses.empty')}</p>}
      {groups.map((g) => (
        <section key={g.title} className="guidance-section">
          <div className="section-head">
            <h2>{g.title}</h2>
          </div>
          {g.list.map((c) => (
            <CourseCard key={c.id} c={c} />
          ))}
        </section>
      ))}
    </FlowPage>
  );
}
