// 首页's guidance card: the family's year against the target (今年已参加育儿指导 4 / 10 次) and the next event it is
// enrolled in, linking to the 指导 tab.
import { Link } from 'react-router';
import { t } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { useFamily } from '../family/store.ts';
import { CalendarIcon, PinIcon } from '../components/icons.tsx';
import { timeSpan } from '../booking/format.ts';
import { dayText, isComing, placeText, useFamilyGuidance } from './types.ts';
import './guidance.css';

export function HomeGuidance() {
  const { me } = useSession();
  const { data: env } = useFamily();
  const family = env?.family;
  const { data } = useFamilyGuidance(family && me ? me.today.slice(0, 4) : null);
  if (!family || !data) return null;
  const now = Date.now();
  const next = data.enrolments
    .filter((e) => isComing(e, now) && e.status !== 'waitlisted')
    .sort((a, b) => a.event.startsAt.localeCompare(b.event.startsAt))[0];
  const { done, target } = data.progress;
  return (
    <section className="card home-guidance" data-qa="home-guidance">
      <div className="card-title-row">
        <h2 className="card-title">{t('guidance.homeTitle')}</h2>
        <Link to="/guidance" className="link" data-qa="home-guidance-all">
          {t('guidance.homeAll')} ›
        </Link>
      </div>
      <div className="home-guidance-progress" data-qa="home-guidance-progress" data-done={done} data-target={target}>
        <span>{t('guidance.progress', { done, target })}</span>
        <span className="home-guidance-dots" aria-hidden="true">
          {Array.from({ length: Math.min(target, 12) }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed row of dots
            <i key={i} className={i < done ? 'on' : ''} />
          ))}
        </span>
      </div>
      {next ? (
        <Link
          to={`/guidance/${next.event.id}`}
          className="home-next home-guidance-next"
          data-qa="home-guidance-next"
          data-status={next.status}
        >
          <div className="home-next-date">
            <CalendarIcon />
            <span>
              {dayText(next.event.date)} <b>{timeSpan(next.event)}</b>
            </span>
          </div>
          <div className="home-next-line">
            <span className="home-next-child">{next.event.title}</span>
            <span className={`booking-status status-${next.status}`}>{t(`guidance.status.${next.status}`)}</span>
          </div>
          <div className="home-next-house">
            <PinIcon />
            <span>{placeText(next.event)}</span>
          </div>
        </Link>
      ) : (
        <Link to="/guidance" className="link home-guidance-find" data-qa="home-guidance-find">
          {t('guidance.homeNone')} ›
        </Link>
      )}
    </section>
  );
}
