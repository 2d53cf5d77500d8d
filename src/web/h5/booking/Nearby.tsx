// 离我最近: the "15-minute service circle". Asks for the phone's position only when the parent taps (after saying
// why and that it is not stored), then lists the houses by walking time with the ones within 15 minutes marked.
// Refused, unavailable or unsupported: says so plainly and offers the streets instead.
import { useCallback, useEffect, useState } from 'react';
import { Button } from 'antd-mobile';
import { Link } from 'react-router';
import type { NearbyHouse } from '../../common/bookingTypes.ts';
import type { PublicStreet } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { AlertIcon, LocateIcon, PinIcon, WalkIcon } from '../components/icons.tsx';
import { distanceText } from './format.ts';
import { useApi } from './store.ts';

type Where =
  | { kind: 'idle' }
  | { kind: 'locating' }
  | { kind: 'found'; lat: number; lng: number }
  | { kind: 'denied' | 'unavailable' | 'unsupported' };

/** The last position found in this visit, so switching tabs does not ask again. */
let remembered: Where = { kind: 'idle' };

function usePosition() {
  const [where, setWhere] = useState<Where>(remembered);
  const set = useCallback((w: Where) => {
    remembered = w;
    setWhere(w);
  }, []);
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      set({ kind: 'unsupported' });
      return;
    }
    set({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (p) => set({ kind: 'found', lat: p.coords.latitude, lng: p.coords.longitude }),
      (err) => set({ kind: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: false, timeout: 12_000, maximumAge: 5 * 60_000 },
    );
  }, [set]);
  // Permission already given earlier: no need to make the parent tap again.
  useEffect(() => {
    if (remembered.kind !== 'idle' || !navigator.permissions?.query) return;
    let alive = true;
    navigator.permissions
      .query({ name: 'geolocation' as PermissionName })
      .then((p) => alive && p.state === 'granted' && locate())
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [locate]);
  return { where, locate };
}

function NearbyCard({ house }: { house: NearbyHouse }) {
  return (
    <Link
      to={`/houses/${house.id}`}
      className="house-card nearby-card"
      data-qa="nearby-house"
      data-house-id={house.id}
      data-minutes={house.minutes}
    >
      <div className="house-card-name">{house.name}</div>
      <div className="house-card-line">
        <PinIcon />
        <span>
          {house.streetName} · {house.address}
        </span>
      </div>
      <div className="nearby-walk">
        <span className="nearby-minutes" data-qa="nearby-minutes">
          <WalkIcon />
          {t('nearby.walk', { n: house.minutes })}
        </span>
        <span className="muted small">{distanceText(house.metres)}</span>
        {house.withinCircle && (
          <span className="circle-badge" data-qa="in-circle">
            {t('nearby.inCircle')}
          </span>
        )}
      </div>
      <span className="house-card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

function StreetFallback({ streets, onChooseStreet }: { streets: PublicStreet[] | null; onChooseStreet: (id: string) => void }) {
  if (!streets) return null;
  return (
    <div className="nearby-streets" data-qa="nearby-streets">
      <div className="nearby-streets-title">{t('nearby.chooseStreet')}</div>
      <div className="street-grid">
        {streets.map((s) => (
          <button type="button" key={s.id} className="street-chip" data-qa="nearby-street" onClick={() => onChooseStreet(s.id)}>
            <span className="street-chip-name">{s.shortName}</span>
            <span className={s.houses.length ? 'street-chip-count' : 'street-chip-count pending'}>
              {s.houses.length ? t('home.streetCount', { n: s.houses.length }) : t('home.streetNone')}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

export function NearbyPanel({ streets, onChooseStreet }: { streets: PublicStreet[] | null; onChooseStreet: (id: string) => void }) {
  const { where, locate } = usePosition();
  const path = where.kind === 'found' ? `/api/public/houses/nearby?lat=${where.lat.toFixed(5)}&lng=${where.lng.toFixed(5)}` : null;
  const { data, error, reload } = useApi<NearbyHouse[]>(path);

  if (where.kind === 'idle' || where.kind === 'locating') {
    return (
      <section className="card nearby-intro" data-qa="nearby-intro">
        <span className="nearby-icon">
          <LocateIcon />
        </span>
        <h2 className="nearby-title">{t('nearby.title')}</h2>
        <p className="nearby-text">{t('nearby.intro')}</p>
        <Button
          block
          color="primary"
          shape="rounded"
          size="large"
          data-qa="nearby-locate"
          loading={where.kind === 'locating'}
          loadingText={t('nearby.locating')}
          onClick={locate}
        >
          {t('nearby.locate')}
        </Button>
        <p className="muted small nearby-privacy">{t('nearby.privacy')}</p>
      </section>
    );
  }

  if (where.kind !== 'found') {
    const title =
      where.kind === 'denied' ? t('nearby.denied') : where.kind === 'unsupported' ? t('nearby.unsupported') : t('nearby.unavailable');
    const hint = where.kind === 'unavailable' ? t('nearby.unavailableHint') : t('nearby.deniedHint');
    return (
      <div data-qa="nearby-refused" data-reason={where.kind}>
        <section className="card nearby-refused">
          <div className="nearby-refused-head">
            <AlertIcon />
            <span>{title}</span>
          </div>
          <p className="nearby-text">{hint}</p>
          {where.kind !== 'unsupported' && (
            <Button color="primary" fill="outline" shape="rounded" size="small" data-qa="nearby-retry" onClick={locate}>
              {t('nearby.retry')}
            </Button>
          )}
        </section>
        <StreetFallback streets={streets} onChooseStreet={onChooseStreet} />
      </div>
    );
  }

  if (error) return <LoadFailed error={error} onRetry={() => void reload()} title={t('nearby.loadFailed')} />;
  if (!data) return <Loading />;
  const inside = data.filter((h) => h.withinCircle);
  const outside = data.filter((h) => !h.withinCircle).slice(0, Math.max(3, 6 - inside.length));
  return (
    <div className="nearby-list" data-qa="nearby-list">
      <div className="nearby-summary">
        <span data-qa="nearby-summary">{inside.length ? t('nearby.countIn', { n: inside.length }) : t('nearby.countNone')}</span>
        <button type="button" className="text-button" data-qa="nearby-relocate" onClick={locate}>
          <LocateIcon /> {t('nearby.relocate')}
        </button>
      </div>
      {inside.map((h) => (
        <NearbyCard key={h.id} house={h} />
      ))}
      {outside.length > 0 && (
        <>
          {inside.length > 0 && <div className="nearby-divider">{t('nearby.outside')}</div>}
          {outside.map((h) => (
            <NearbyCard key={h.id} house={h} />
          ))}
        </>
      )}
    </div>
  );
}
