// 首页: a seat offered from the waiting list comes first (with the time left to confirm), bookings the house has
// cancelled (with its reason), then the next booking; without one, the way to the coming sessions of the family's street.
import { Button } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import type { MyBooking } from '../../common/bookingTypes.ts';
import { formatDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { useFamily } from '../family/store.ts';
import { AlertIcon, BellIcon, CalendarIcon, PinIcon } from '../components/icons.tsx';
import { countdown, monthDayTime, timeSpan } from './format.ts';
import { inProgress, statusText } from './BookingCard.tsx';
import { useUpcomingBookings } from './store.ts';
import { useNow } from './useNow.ts';

function OfferAlert({ b }: { b: MyBooking }) {
  const now = useNow(true);
  const left = b.offeredUntil ? new Date(b.offeredUntil).getTime() - now : 0;
  return (
    <Link to="/bookings" className="card home-offer" data-qa="home-offer" data-booking-id={b.id}>
      <span className="home-offer-icon">
        <BellIcon />
      </span>
      <div className="home-offer-body">
        <div className="home-offer-title">{t('home.offerTitle')}</div>
        <div className="home-offer-line">{t('home.offerLine', { child: b.childName, house: b.houseName })}</div>
        <div className="home-offer-line">
          {formatDateZh(b.date)} {timeSpan(b)}
        </div>
        {b.offeredUntil && (
          <div className="home-offer-until">
            {t('bookings.offerUntil', { until: monthDayTime(b.offeredUntil) })}
            {left > 0 && <b> · {t('bookings.offerLeft', { time: countdown(left) })}</b>}
          </div>
        )}
      </div>
      <span className="home-offer-go">{t('home.offerGo')} ›</span>
    </Link>
  );
}

export function HomeBookings() {
  const navigate = useNavigate();
  const { data: family } = useFamily();
  const accepted = family?.family?.status === 'accepted';
  const { data } = useUpcomingBookings(!!family?.family);
  if (!data || !family?.family) return null;
  const offers = data.filter((b) => b.status === 'offered');
  const coming = data.filter((b) => b.status === 'confirmed' || b.status === 'waitlisted');
  const byHouse = data.filter((b) => b.status === 'cancelled' && b.cancelReason);
  const next = coming[0];
  if (!next && !offers.length && !byHouse.length && !accepted) return null;
  return (
    <>
      {offers.map((b) => (
        <OfferAlert key={b.id} b={b} />
      ))}
      {byHouse.map((b) => (
        <Link key={b.id} to="/bookings" className="card home-cancelled" data-qa="home-house-cancelled" data-booking-id={b.id}>
          <AlertIcon />
          <span>
            {t('home.houseCancelled', { child: b.childName, when: monthDayTime(b.startsAt), reason: b.cancelReason! })}
            {b.free && t('home.houseCancelledFree')}
          </span>
        </Link>
      ))}
      <section className="card home-bookings" data-qa="home-bookings">
        <div className="card-title-row">
          <h2 className="card-title">{t('home.nextTitle')}</h2>
          <Link to="/bookings" className="link" data-qa="home-all-bookings">
            {t('home.allBookings')} ›
          </Link>
        </div>
        {next ? (
          <Link to="/bookings" className="home-next" data-qa="home-next-booking" data-booking-id={next.id} data-status={next.status}>
            <div className="home-next-date">
              <CalendarIcon />
              <span>
                {formatDateZh(next.date)} <b>{timeSpan(next)}</b>
              </span>
            </div>
            <div className="home-next-line">
              <span className="home-next-child">{next.childName}</span>
              <span className={`booking-status status-${next.status}`}>
                {inProgress(next, Date.now()) ? t('bookings.inProgress') : statusText(next)}
              </span>
            </div>
            <div className="home-next-house">
              <PinIcon />
              <span>{next.houseName}</span>
            </div>
            {coming.length > 1 && <div className="muted small home-next-more">{t('home.moreUpcoming', { n: coming.length - 1 })}</div>}
          </Link>
        ) : (
          <div className="home-no-booking" data-qa="home-no-booking">
            <p className="muted small">{t('home.noBooking')}</p>
            <Button
              color="primary"
              shape="rounded"
              size="small"
              data-qa="home-find-sessions"
              onClick={() => navigate(`/houses?view=sessions&street=${family.family!.streetId}`)}
            >
              {t('home.findSessions')}
            </Button>
          </div>
        )}
      </section>
    </>
  );
}
