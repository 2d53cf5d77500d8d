// One online course: the video (its progress counted as it plays, skipping ahead not), the article with its images,
// and the short check marked by the server (the wrong answers shown, another try allowed). Completing the last part
// completes the course, which counts for the family's year (T5).
import { useRef, useState } from 'react';
import { Button, ErrorBlock, ProgressBar, Radio, Space, Toast } from 'antd-mobile';
import { useParams } from 'react-router';
import { ApiError, post } from '../../common/api.ts';
import { formatDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { useFamily } from '../family/store.ts';
import { FlowPage } from '../components/FlowPage.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { refresh, useApi } from '../booking/store.ts';
import { refreshGuidance } from '../guidance/types.ts';
import { useWatchReports } from '../courses/useWatchReports.ts';
import { coursesPath, type CourseProgress, type OpenedCourse } from '../courses/types.ts';
import '../guidance/guidance.css';
import '../courses/courses.css';

export function CoursePage() {
  const { id = '' } = useParams();
  const { data, error, reload } = useApi<OpenedCourse>(`${coursesPath}/${id}`);
  if (error?.status === 404 || error?.status === 400)
    return (
      <FlowPage title={t('courses.title')} fallback="/guidance" qa="course-page">
        <ErrorBlock status="empty" title={t('courses.notFound')} />
      </FlowPage>
    );
  return (
    <FlowPage title={t('courses.title')} fallback="/guidance" qa="course-page">
      {error && <LoadFailed error={error} onRetry={() => void reload()} title={t('courses.loadFailed')} />}
      {!data && !error && <Loading />}
      {data && <Course key={data.id} course={data} />}
    </FlowPage>
  );
}

function Course({ course }: { course: OpenedCourse }) {
  const { data: env } = useFamily();
  const [progress, setProgress] = useState(course.progress);
  const counted = env?.family?.status === 'accepted';
  const update = (p: CourseProgress) => {
    setProgress(p);
    if (p.completedAt && !progress.completedAt) {
      Toast.show({ content: t('courses.completedToast'), icon: 'success' });
      void refreshGuidance();
      void refresh(coursesPath);
    }
  };
  return (
    <div className="course" data-qa="course" data-course-id={course.id}>
      <section className="card">
        <div className="guidance-tags">
          <span className="guidance-tag topic">{course.topicName}</span>
          <span className="guidance-tag">{t('courses.age', { min: course.minAgeMonths, max: course.maxAgeMonths })}</span>
        </div>
        <h2 className="guidance-detail-title" data-qa="course-title">
          {course.title}
        </h2>
        <p className="muted small">{t('courses.by', { organiser: course.organiser, leader: course.leader })}</p>
        {course.summary && <p>{course.summary}</p>}
        {progress.completedAt && (
          <div className="course-done" data-qa="course-done">
            <span>✓ {t('courses.completed')}</span>
            <span className="small">{t('courses.completedOn', { date: formatDateZh(progress.completedAt) })}</span>
          </div>
        )}
        {!counted && <p className="muted small">{t('courses.noFamily')}</p>}
      </section>
      {course.video && <VideoPart course={course} progress={progress} onProgress={update} />}
      {course.article.length > 0 && (
        <section className="card course-article" data-qa="course-article">
          <h3 className="card-title">{t('courses.articleTitle')}</h3>
          {course.article.map((b, i) =>
            b.kind === 'text' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the blocks are fixed in their order
              <p key={i}>{b.text}</p>
            ) : (
              <figure key={b.fileId}>
                <img src={`/api/courses/${course.id}/images/${b.fileId}`} alt={b.caption || course.title} loading="lazy" />
                {b.caption && <figcaption>{b.caption}</figcaption>}
              </figure>
            ),
          )}
        </section>
      )}
      {course.quiz.length > 0 && <QuizPart course={course} progress={progress} onProgress={update} />}
    </div>
  );
}

/** A part of the course: what it shows, the family's progress, and what to do with a newer one. */
interface PartProps {
  course: OpenedCourse;
  progress: CourseProgress;
  onProgress: (p: CourseProgress) => void;
}

function VideoPart({ course, progress, onProgress }: PartProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useWatchReports(ref, course.id, course.progress.resumeAt, onProgress);
  const pct = Math.floor((progress.watchedShare ?? 0) * 100);
  return (
    <section className="card" data-qa="course-video">
      <h3 className="card-title">{t('courses.videoTitle')}</h3>
      {/* biome-ignore lint/a11y/useMediaCaption: teaching videos come without caption tracks; the article carries the points */}
      <video
        ref={ref}
        className="course-player"
        src={`/api/courses/${course.id}/video`}
        controls
        playsInline
        preload="metadata"
        controlsList="nodownload noplaybackrate"
        data-qa="course-player"
      />
      <div className="course-watch-line" data-qa="course-watched" data-pct={pct}>
        <ProgressBar percent={pct} />
        <div className="muted small">
          {progress.videoDone ? t('courses.videoDone') : `${t('courses.watched', { pct })} · ${t('courses.videoRule')}`}
        </div>
      </div>
    </section>
  );
}

function QuizPart({ course, progress, onProgress }: PartProps) {
  const [answers, setAnswers] = useState<(number | undefined)[]>(() => course.quiz.map(() => undefined));
  const [marked, setMarked] = useState<boolean[] | null>(null);
  const [busy, setBusy] = useState(false);
  const passed = !!progress.quizPassed;
  const submit = async () => {
    if (answers.some((a) => a === undefined)) {
      Toast.show({ content: t('courses.answerAll') });
      return;
    }
    setBusy(true);
    try {
      const r = await post<{ correct: boolean[]; passed: boolean; progress: CourseProgress }>(`/api/family/courses/${course.id}/quiz`, {
        answers,
      });
      setMarked(r.correct);
      onProgress(r.progress);
      if (!r.passed) Toast.show({ content: t('courses.someWrong', { n: r.correct.filter((c) => !c).length }) });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      Toast.show({ content: err.title });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" data-qa="course-quiz" data-passed={passed}>
      <h3 className="card-title">{t('courses.quizTitle')}</h3>
      <p className="muted small">{passed ? t('courses.passed') : t('courses.quizRule')}</p>
      {course.quiz.map((q, i) => {
        const wrong = marked?.[i] === false;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the questions are fixed in their order
          <div key={i} className={`course-question${wrong ? ' wrong' : ''}`} data-qa="course-question" data-wrong={wrong}>
            <div className="course-question-text">{t('courses.question', { n: i + 1, text: q.question })}</div>
            <Radio.Group
              value={answers[i]}
              disabled={passed}
              onChange={(v) => {
                setAnswers((a) => a.map((x, j) => (j === i ? Number(v) : x)));
                setMarked((m) => m && m.map((x, j) => (j === i ? true : x)));
              }}
            >
              <Space direction="vertical">
                {q.options.map((o, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: options are answered by their place
                  <Radio key={j} value={j} data-qa="course-option">
                    {o}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
            {wrong && <div className="course-question-note">{t('courses.wrong')}</div>}
          </div>
        );
      })}
      {!passed && (
        <Button block color="primary" size="large" shape="rounded" loading={busy} onClick={submit} data-qa="course-submit">
          {t('courses.submit')}
        </Button>
      )}
    </section>
  );
}
