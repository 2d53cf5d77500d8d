// 宝宝屋: the district's operating houses one street at a time, the street's coming sessions by day, or the houses
// nearest to the parent (the 15-minute service circle). The view and the street live in the URL
// (?view=sessions&street=…), so coming back from a house or a booking keeps them.
import { CapsuleTabs, PullToRefresh, Tabs } from 'antd-mobile';
import { useSearchParams } from 'react-router';
import { t } from '../i18n/index.ts';
import { useStreets } from '../streets.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { HouseCard } from '../components/HouseCard.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { HouseArt } from '../components/icons.tsx';
import { ComingSessions, useComingSessions } from '../booking/ComingSessions.tsx';
import { NearbyPanel } from '../booking/Nearby.tsx';
import { refresh } from '../booking/store.ts';
import type { PublicStreet } from '../../common/types.ts';

const VIEWS = ['houses', 'sessions', 'nearby'] as const;
type View = (typeof VIEWS)[number];

function StreetSessions({ street }: { street: PublicStreet }) {
  const { data } = useComingSessions({ street: street.id });
  return (
    <>
      <div className="houses-street" data-qa="houses-street">
        {data ? t('houses.sessionsIn', { street: street.name, n: data.length }) : street.name}
      </div>
      <ComingSessions street={street.id} showHouse />
    </>
  );
}

/**
 * The street tabs scroll sideways inside antd-mobile's tab list: that scrolling element takes focus (so arrow keys
 * scroll it, WCAG 2.1.1) and is named for screen readers. antd-mobile gives no prop for it, hence the ref.
 */
function focusableStrip(el: HTMLDivElement | null) {
  const list = el?.querySelector('.adm-capsule-tabs-tab-list');
  if (!list) return;
  list.setAttribute('tabindex', '0');
  list.setAttribute('aria-label', t('houses.streetTabs'));
}

export function HousesPage() {
  const { streets, error, reload } = useStreets();
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.includes(params.get('view') as View) ? (params.get('view') as View) : 'houses';
  const streetId = streets?.some((s) => s.id === params.get('street')) ? params.get('street')! : streets?.[0]?.id;
  const street = streets?.find((s) => s.id === streetId);
  const go = (next: { view?: View; street?: string }) => {
    const p: Record<string, string> = {};
    const v = next.view ?? view;
    if (v !== 'houses') p.view = v;
    const s = next.street ?? streetId;
    if (s) p.street = s;
    setParams(p, { replace: true });
  };

  return (
    <div className="page houses-page" data-qa="houses-page" data-view={view}>
      <PageHeader title={t('houses.title')} />
      <div className="view-tabs" data-qa="view-tabs">
        <Tabs activeKey={view} onChange={(key) => go({ view: key as View })}>
          {VIEWS.map((v) => (
            <Tabs.Tab key={v} title={<span data-qa={`view-${v}`}>{t(`houses.view.${v}`)}</span>} />
          ))}
        </Tabs>
      </div>
      {error && <LoadFailed error={error} onRetry={reload} />}
      {!streets && !error && <Loading />}
      {streets && view === 'nearby' && <NearbyPanel streets={streets} onChooseStreet={(id) => go({ view: 'houses', street: id })} />}
      {streets && street && view !== 'nearby' && (
        <>
          <div className="street-tabs" data-qa="street-tabs" ref={focusableStrip}>
            <CapsuleTabs activeKey={street.id} onChange={(key) => go({ street: key })}>
              {streets.map((s) => (
                <CapsuleTabs.Tab
                  key={s.id}
                  title={
                    <span data-qa="street-tab" data-street-id={s.id}>
                      {s.shortName}
                    </span>
                  }
                />
              ))}
            </CapsuleTabs>
          </div>
          <PullToRefresh
            onRefresh={async () => {
              await Promise.all([reload(), refresh('/api/sessions', '/api/bookings')]);
            }}
          >
            <div className="houses-body">
              {view === 'sessions' ? (
                <StreetSessions street={street} />
              ) : (
                <>
                  <div className="houses-street" data-qa="houses-street">
                    {t('houses.inStreet', { street: street.name, n: street.houses.length })}
                  </div>
                  {street.houses.length === 0 ? (
                    <div className="card empty-street" data-qa="street-empty">
                      <HouseArt />
                      <div className="empty-street-title">{t('houses.none')}</div>
                      <div className="muted small">{t('houses.noneHint')}</div>
                    </div>
                  ) : (
                    street.houses.map((h) => <HouseCard key={h.id} house={h} />)
                  )}
                </>
              )}
            </div>
          </PullToRefresh>
        </>
      )}
    </div>
  );
}
