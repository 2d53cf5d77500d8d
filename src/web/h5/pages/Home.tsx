// 首页: a greeting with today's date, a seat offered from the waiting list and the next booking, the year's
// parenting guidance with the next event, the family's
// registration at a glance, what the service is, and the
// district's houses street by street.
import { Link } from 'react-router';
import { formatDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { useStreets } from '../streets.ts';
import { ServiceCard } from '../components/ServiceCard.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { HouseArt } from '../components/icons.tsx';
import { FamilyHomeCard } from '../family/FamilyHomeCard.tsx';
import { HomeBookings } from '../booking/HomeBookings.tsx';
import { HomeGuidance } from '../guidance/HomeGuidance.tsx';
import { TodayAttendanceCard } from '../attendance/TodayAttendanceCard.tsx';

export function HomePage() {
  const { me } = useSession();
  const { streets, error, reload } = useStreets();
  const houseCount = streets?.reduce((n, s) => n + s.houses.length, 0) ?? 0;
  return (
    <div className="page home-page" data-qa="home-page">
      <header className="home-hero">
        <div className="home-hero-text">
          <div className="home-greeting" data-qa="home-greeting">
            {t('home.greeting', { name: me?.user.displayName ?? t('me.guardian') })}
          </div>
          <div className="home-date" data-qa="home-date">
            {t('home.today', { date: formatDateZh(me?.today ?? new Date()) })}
          </div>
          <p className="home-intro">{t('home.intro')}</p>
        </div>
        <div className="home-hero-art">
          <HouseArt />
        </div>
      </header>

      <TodayAttendanceCard />

      <HomeBookings />

      <HomeGuidance />

      <FamilyHomeCard />

      <ServiceCard />

      <section className="card">
        <div className="card-title-row">
          <h2 className="card-title">{t('home.findTitle')}</h2>
          <Link to="/houses" className="link">
            {t('home.findAll')} ›
          </Link>
        </div>
        {streets && <div className="muted small home-stats">{t('home.stats', { streets: streets.length, houses: houseCount })}</div>}
        {error && <LoadFailed error={error} onRetry={reload} />}
        {!streets && !error && <Loading />}
        {streets && (
          <div className="street-grid">
            {streets.map((s) => (
              <Link key={s.id} to={`/houses?street=${s.id}`} className="street-chip" data-qa="home-street">
                <span className="street-chip-name">{s.shortName}</span>
                <span className={s.houses.length ? 'street-chip-count' : 'street-chip-count pending'}>
                  {s.houses.length ? t('home.streetCount', { n: s.houses.length }) : t('home.streetNone')}
                </span>
              </Link>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
