// 我的预约: the family's coming bookings (seats offered from the waiting list first, then by start) with each
// child's free sessions left this year, and the past ones. The list (?scope=past) lives in the URL.
import { Button, PullToRefresh, Tabs } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router';
import type { MyBooking } from '../../common/bookingTypes.ts';
import type { FamilyChild } from '../../common/familyTypes.ts';
import { t } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { useFamily } from '../family/store.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { CalendarIcon } from '../components/icons.tsx';
import { BookingCard } from '../booking/BookingCard.tsx';
import { TodayAttendanceCard } from '../attendance/TodayAttendanceCard.tsx';
import { isLive, pastPath, refresh, upcomingPath, useApi, useEntitlement } from '../booking/store.ts';

function BalanceRow({ child, year }: { child: FamilyChild; year: number }) {
  const { data } = useEntitlement(child.id, year);
  return (
    <div className="balance-row" data-qa="entitlement" data-child-id={child.id} data-remaining={data?.remaining} data-used={data?.used}>
      <div className={`child-avatar small ${child.sex}`} aria-hidden="true">
        {child.name.slice(-1)}
      </div>
      <span className="balance-name">{child.name}</span>
      {data ? (
        <span className="balance-value">
          <b className={data.remaining ? '' : 'none-left'} data-qa="entitlement-remaining">
            {t('bookings.balanceLine', { remaining: data.remaining })}
          </b>
          <span className="muted small">{t('bookings.balanceDetail', { total: data.freeTotal, used: data.used })}</span>
        </span>
      ) : (
        <span className="muted small">{t('book.entitlementLoading')}</span>
      )}
    </div>
  );
}

function BalanceCard() {
  const { data } = useFamily();
  const { me } = useSession();
  const children = data?.family?.children ?? [];
  if (children.length === 0 || !me) return null;
  const year = Number(me.today.slice(0, 4));
  return (
    <section className="card balance-card" data-qa="balance-card">
      <h2 className="card-title">
        {t('bookings.balanceTitle')} <span className="muted small">{year}</span>
      </h2>
      {children.map((c) => (
        <BalanceRow key={c.id} child={c} year={year} />
      ))}
    </section>
  );
}

/** Offered seats first (they wait for the parent), then the live ones by start, then those cancelled or expired. */
const rank = (b: MyBooking) => (b.status === 'offered' ? 0 : isLive(b) ? 1 : 2);
const order = (list: MyBooking[]) => [...list].sort((a, b) => rank(a) - rank(b));

export function BookingsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const scope = params.get('scope') === 'past' ? 'past' : 'upcoming';
  const { data, error, reload } = useApi<MyBooking[]>(scope === 'past' ? pastPath : upcomingPath);
  const { data: family } = useFamily();

  const findSessions = () => {
    const street = family?.family?.streetId;
    navigate(`/houses?view=sessions${street ? `&street=${street}` : ''}`);
  };

  return (
    <div className="page bookings-page" data-qa="bookings-page" data-scope={scope}>
      <PageHeader title={t('bookings.title')} />
      <div className="view-tabs">
        <Tabs activeKey={scope} onChange={(key) => setParams(key === 'past' ? { scope: 'past' } : {}, { replace: true })}>
          <Tabs.Tab key="upcoming" title={<span data-qa="bookings-upcoming">{t('bookings.upcoming')}</span>} />
          <Tabs.Tab key="past" title={<span data-qa="bookings-past">{t('bookings.past')}</span>} />
        </Tabs>
      </div>
      <PullToRefresh onRefresh={() => refresh('/api/bookings', '/api/children/', '/api/family/attendance')}>
        <div className="bookings-body">
          {scope === 'upcoming' && <TodayAttendanceCard />}
          {scope === 'upcoming' && <BalanceCard />}
          {error && <LoadFailed error={error} onRetry={() => void reload()} />}
          {!data && !error && <Loading />}
          {data && data.length === 0 && (
            <div className="card empty-sessions" data-qa="bookings-empty">
              <span className="empty-sessions-icon">
                <CalendarIcon />
              </span>
              <div className="empty-street-title">{scope === 'past' ? t('bookings.emptyPast') : t('bookings.empty')}</div>
              {scope === 'upcoming' && (
                <>
                  <div className="muted small">{t('bookings.emptyHint')}</div>
                  <Button color="primary" shape="rounded" className="empty-action" data-qa="bookings-find" onClick={findSessions}>
                    {t('bookings.find')}
                  </Button>
                </>
              )}
            </div>
          )}
          {data && (scope === 'past' ? data : order(data)).map((b) => <BookingCard key={b.id} b={b} past={scope === 'past'} />)}
        </div>
      </PullToRefresh>
    </div>
  );
}
