// 育儿指导 (T5): the family's year against the target (今年已参加育儿指导 4 / 10 次), what it has enrolled in (with
// the 签到码 for the door, 取消报名, 确认名额 for an offered seat), and the events near the family, filtered by topic and
// by 线下/线上, and the online courses for the family's children. The filters live in the URL (?topic=&mode=).
import { ProgressBar, PullToRefresh } from 'antd-mobile';
import { Link, useSearchParams } from 'react-router';
import { t } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { useFamily } from '../family/store.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { GuideIcon } from '../components/icons.tsx';
import { useApi } from '../booking/store.ts';
import { EnrolmentCard, EventCard } from '../guidance/cards.tsx';
import { isComing, refreshGuidance, useFamilyGuidance, useTopics, type FamilyGuidance, type GuidanceEvent } from '../guidance/types.ts';
import { CoursesSection } from '../courses/CoursesSection.tsx';
import '../guidance/guidance.css';

export function ProgressLine({ progress }: { progress: FamilyGuidance['progress'] }) {
  return (
    <div className="guidance-progress" data-qa="guidance-progress" data-done={progress.done} data-target={progress.target}>
      <div className="guidance-progress-text" data-qa="guidance-progress-text">
        {t('guidance.progress', { done: progress.done, target: progress.target })}
      </div>
      <ProgressBar
        percent={progress.target ? Math.min(100, (progress.done / progress.target) * 100) : 0}
        className="guidance-progress-bar"
      />
      <div className="muted small">
        {progress.reached
          ? t('guidance.progressReached', { target: progress.target })
          : t('guidance.progressHint', { target: progress.target })}
      </div>
    </div>
  );
}

function Chip({ on, onClick, children, qa }: { on: boolean; onClick: () => void; children: string; qa: string }) {
  return (
    <button type="button" className={`guidance-chip${on ? ' on' : ''}`} aria-pressed={on} data-qa={qa} onClick={onClick}>
      {children}
    </button>
  );
}

export function GuidancePage() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const topic = params.get('topic') ?? '';
  const mode = params.get('mode') === 'online' || params.get('mode') === 'offline' ? params.get('mode')! : '';
  const year = me ? Number(me.today.slice(0, 4)) : null;
  const { data: env } = useFamily();
  const family = env?.family;
  const { data: mine, error: mineError, reload: reloadMine } = useFamilyGuidance(family ? year : null);
  const { data: topics } = useTopics();
  // Near the family: its street's events (online ones are open to all, wherever they are run).
  const query = new URLSearchParams();
  if (family?.streetId && mode !== 'online') query.set('street', family.streetId);
  if (topic) query.set('topic', topic);
  if (mode) query.set('mode', mode);
  const listPath = env ? `/api/guidance/events${query.size ? `?${query}` : ''}` : null;
  const { data: events, error, reload } = useApi<GuidanceEvent[]>(listPath);

  const set = (key: 'topic' | 'mode', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const now = Date.now();
  const coming = (mine?.enrolments ?? [])
    .filter((e) => isComing(e, now))
    .sort(
      (a, b) => (a.status === 'offered' ? 0 : 1) - (b.status === 'offered' ? 0 : 1) || a.event.startsAt.localeCompare(b.event.startsAt),
    );
  const mineOf = (id: string) => mine?.enrolments.find((e) => e.event.id === id && (e.attendedAt || isComing(e, now)));

  return (
    <div className="page guidance-page" data-qa="guidance-page">
      <PageHeader title={t('guidance.title')} />
      <PullToRefresh onRefresh={() => refreshGuidance()}>
        <div className="guidance-body">
          {family && (
            <section className="card guidance-mine" data-qa="guidance-mine">
              {mineError && <LoadFailed error={mineError} onRetry={() => void reloadMine()} />}
              {!mine && !mineError && <Loading />}
              {mine && <ProgressLine progress={mine.progress} />}
            </section>
          )}
          {env && !family && <NoFamilyNote />}
          {family && family.status !== 'accepted' && <NoFamilyNote status={family.status} />}
          {mine && (
            <section className="guidance-section" data-qa="guidance-coming">
              <div className="section-head">
                <h2>{t('guidance.comingTitle')}</h2>
              </div>
              {coming.length === 0 && (
                <p className="muted small guidance-empty" data-qa="guidance-coming-empty">
                  {t('guidance.comingEmpty')}
                </p>
              )}
              {coming.map((e) => (
                <EnrolmentCard key={e.id} e={e} />
              ))}
            </section>
          )}
          {env && <CoursesSection />}
          <section className="guidance-section" data-qa="guidance-list">
            <div className="section-head">
              <h2>{t('guidance.listTitle')}</h2>
            </div>
            <div className="guidance-chips scroll" role="group" aria-label={t('guidance.topic')}>
              <Chip on={!topic} onClick={() => set('topic', '')} qa="guidance-topic-all">
                {t('guidance.allTopics')}
              </Chip>
              {topics?.map((tp) => (
                <Chip key={tp.code} on={topic === tp.code} onClick={() => set('topic', tp.code)} qa={`guidance-topic-${tp.code}`}>
                  {tp.name}
                </Chip>
              ))}
            </div>
            <div className="guidance-chips" role="group" aria-label={t('guidance.place')}>
              {(['', 'offline', 'online'] as const).map((m) => (
                <Chip key={m || 'all'} on={mode === m} onClick={() => set('mode', m)} qa={`guidance-mode-${m || 'all'}`}>
                  {t(`guidance.mode.${m || 'all'}`)}
                </Chip>
              ))}
            </div>
            {error && <LoadFailed error={error} onRetry={() => void reload()} title={t('guidance.loadFailed')} />}
            {!events && !error && <Loading />}
            {events && events.length === 0 && (
              <div className="card empty-sessions" data-qa="guidance-empty">
                <span className="empty-sessions-icon">
                  <GuideIcon />
                </span>
                <div className="empty-street-title">{t('guidance.listEmpty')}</div>
              </div>
            )}
            {events?.map((ev) => (
              <EventCard key={ev.id} ev={ev} mine={mineOf(ev.id)} />
            ))}
          </section>
        </div>
      </PullToRefresh>
    </div>
  );
}

/** A guardian whose family is not (yet) accepted: what to do first, instead of enrol buttons. */
export function NoFamilyNote({ status }: { status?: string }) {
  return (
    <section className="card guidance-no-family" data-qa="guidance-no-family">
      <h2 className="card-title">{t('guidance.noFamilyTitle')}</h2>
      <p className="muted small">
        {status ? t('guidance.familyPending', { status: t(`familyStatus.${status}`) }) : t('guidance.noFamily')}
      </p>
      <Link to="/family" className="link" data-qa="guidance-go-family">
        {t('guidance.goFamily')} ›
      </Link>
    </section>
  );
}
