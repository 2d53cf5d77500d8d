// The coming sessions of one house (its detail page) or of a street (the 宝宝屋 tab): today and the next 9 days,
// so the parent sees both what can be booked now and when the next days open.
import { useState } from 'react';
import { Button } from 'antd-mobile';
import { qs } from '../../common/api.ts';
import type { PublicSession } from '../../common/bookingTypes.ts';
import { t } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { CalendarIcon } from '../components/icons.tsx';
import { addDays } from './format.ts';
import { SessionList } from './SessionList.tsx';
import { useApi, useUpcomingBookings } from './store.ts';

export const SESSION_DAYS = 9;

export function sessionsPath(filter: { houseId?: string; street?: string }, today: string) {
  return `/api/sessions${qs({ ...filter, from: today, to: addDays(today, SESSION_DAYS) })}`;
}

export function useComingSessions(filter: { houseId?: string; street?: string } | null) {
  const { me } = useSession();
  const today = me?.today ?? '';
  const path = filter && today && (filter.houseId || filter.street) ? sessionsPath(filter, today) : null;
  return { ...useApi<PublicSession[]>(path), today };
}

/** `days`: show the first few days only, with a button for the rest (a house's page, where more follows). */
export function ComingSessions({
  houseId,
  street,
  showHouse = false,
  days,
}: {
  houseId?: string;
  street?: string;
  showHouse?: boolean;
  days?: number;
}) {
  const { data, error, reload, today } = useComingSessions({ houseId, street });
  const { data: bookings } = useUpcomingBookings();
  const [all, setAll] = useState(false);
  if (error) return <LoadFailed error={error} onRetry={() => void reload()} title={t('sessions.loadFailed')} />;
  if (!data) return <Loading />;
  if (data.length === 0) {
    return (
      <div className="card empty-sessions" data-qa="sessions-empty">
        <span className="empty-sessions-icon">
          <CalendarIcon />
        </span>
        <div className="empty-street-title">{t('sessions.none')}</div>
        <div className="muted small">{t('sessions.noneHint')}</div>
      </div>
    );
  }
  const dates = [...new Set(data.map((s) => s.date))];
  const cut = !all && days && dates.length > days ? dates[days] : null;
  const shown = cut ? data.filter((s) => s.date < cut) : data;
  return (
    <>
      <SessionList sessions={shown} today={today} showHouse={showHouse} bookings={bookings ?? []} />
      {cut && (
        <div className="sessions-more">
          <Button fill="none" color="primary" size="small" data-qa="sessions-more" onClick={() => setAll(true)}>
            {t('sessions.more', { n: dates.length - days!, sessions: data.length - shown.length })} ›
          </Button>
        </div>
      )}
    </>
  );
}
