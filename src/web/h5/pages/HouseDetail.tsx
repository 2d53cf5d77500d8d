// One house: address, phone, its coming sessions to book (by day), the week's hours, facilities, rooms and
// capacity, and what the service is.
import { Button, ErrorBlock } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import { t } from '../i18n/index.ts';
import { useStreets, findHouse } from '../streets.ts';
import { hoursOn, shanghaiNow, span, weekdayName } from '../hours.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { FACILITY_KEYS, TodayHours } from '../components/HouseCard.tsx';
import { ServiceCard } from '../components/ServiceCard.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { CheckIcon, ChildIcon, ClockIcon, DashIcon, PhoneIcon, PinIcon } from '../components/icons.tsx';
import { ComingSessions } from '../booking/ComingSessions.tsx';

export function HouseDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { streets, error, reload } = useStreets();
  const found = streets ? findHouse(streets, id) : null;
  const today = shanghaiNow().weekday;

  return (
    <div className="page detail-page" data-qa="house-detail">
      <PageHeader title={t('detail.title')} back fallback="/houses" />
      <div className="detail-scroll">
        {error && <LoadFailed error={error} onRetry={reload} />}
        {!streets && !error && <Loading />}
        {streets && !found && (
          <ErrorBlock status="empty" title={t('detail.notFound')} description="">
            <Button color="primary" fill="outline" shape="rounded" onClick={() => navigate('/houses', { replace: true })}>
              {t('detail.backToList')}
            </Button>
          </ErrorBlock>
        )}
        {found && (
          <>
            <section className="detail-hero">
              <div className="detail-street">{found.street.name}</div>
              <h1 className="detail-name" data-qa="house-detail-name">
                {found.house.name}
              </h1>
              <div className="detail-today">
                <ClockIcon />
                <TodayHours house={found.house} />
              </div>
            </section>

            <section className="card detail-contact">
              <div className="detail-row">
                <span className="detail-row-icon">
                  <PinIcon />
                </span>
                <div className="detail-row-body">
                  <div className="detail-row-label">{t('detail.address')}</div>
                  <div className="detail-row-value" data-qa="house-detail-address">
                    {found.house.address}
                  </div>
                </div>
              </div>
              <div className="detail-row">
                <span className="detail-row-icon">
                  <PhoneIcon />
                </span>
                <div className="detail-row-body">
                  <div className="detail-row-label">{t('detail.phone')}</div>
                  <div className="detail-row-value" data-qa="house-detail-phone">
                    {found.house.phone ?? t('detail.noPhone')}
                  </div>
                </div>
                {found.house.phone && (
                  <a className="call-button" href={`tel:${found.house.phone.replace(/-/g, '')}`} data-qa="house-detail-call">
                    {t('detail.call')}
                  </a>
                )}
              </div>
            </section>

            <section className="detail-sessions" data-qa="house-sessions">
              <div className="section-head">
                <h2>{t('detail.sessions')}</h2>
                <span className="muted small">{t('sessions.window')}</span>
              </div>
              <ComingSessions houseId={found.house.id} days={3} />
            </section>

            <section className="card" data-qa="house-detail-hours">
              <h2 className="card-title">{t('detail.hours')}</h2>
              <ul className="hours-list">
                {[1, 2, 3, 4, 5, 6, 7].map((d) => {
                  const h = hoursOn(found.house.openingHours, d);
                  return (
                    <li key={d} className={d === today ? 'hours-row today' : 'hours-row'}>
                      <span className="hours-day">
                        {weekdayName(d)}
                        {d === today && <span className="today-badge">{t('detail.today')}</span>}
                      </span>
                      <span className={h ? 'hours-span' : 'hours-span closed'}>{h ? span(h) : t('detail.closed')}</span>
                    </li>
                  );
                })}
              </ul>
            </section>

            <section className="card" data-qa="house-detail-facilities">
              <h2 className="card-title">{t('detail.facilities')}</h2>
              <ul className="facility-list">
                {FACILITY_KEYS.map((k) => {
                  const has = !!found.house.facilities[k];
                  return (
                    <li key={k} className={has ? 'facility-row has' : 'facility-row'}>
                      <span className="facility-mark" role="img" aria-label={has ? t('detail.facilityYes') : t('detail.facilityNo')}>
                        {has ? <CheckIcon /> : <DashIcon />}
                      </span>
                      <span className="facility-name">{t(`facilities.${k}`)}</span>
                      {!has && <span className="muted small">{t('detail.facilityNo')}</span>}
                    </li>
                  );
                })}
              </ul>
            </section>

            <section className="card" data-qa="house-detail-space">
              <h2 className="card-title">{t('detail.space')}</h2>
              <div className="space-grid">
                <div className="space-cell">
                  <div className="space-value">{t('detail.roomCount', { n: found.house.roomCount })}</div>
                  <div className="space-label">{t('detail.rooms')}</div>
                </div>
                <div className="space-cell">
                  <div className="space-value">
                    <ChildIcon /> {t('detail.capacityValue', { n: found.house.legalCapacity })}
                  </div>
                  <div className="space-label">{t('detail.capacity')}</div>
                </div>
              </div>
              <div className="muted small space-hint">{t('detail.capacityHint')}</div>
            </section>

            <ServiceCard />
          </>
        )}
      </div>
    </div>
  );
}
