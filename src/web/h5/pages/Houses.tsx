// 宝宝屋: the district's operating houses, one street at a time. The chosen street lives in the URL
// (?street=…), so coming back from a house keeps it.
import { CapsuleTabs, PullToRefresh } from 'antd-mobile';
import { useSearchParams } from 'react-router';
import { t } from '../i18n/index.ts';
import { useStreets } from '../streets.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { HouseCard } from '../components/HouseCard.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { HouseArt } from '../components/icons.tsx';

export function HousesPage() {
  const { streets, error, reload } = useStreets();
  const [params, setParams] = useSearchParams();
  const streetId = streets?.some((s) => s.id === params.get('street')) ? params.get('street')! : streets?.[0]?.id;
  const street = streets?.find((s) => s.id === streetId);

  return (
    <div className="page houses-page" data-qa="houses-page">
      <PageHeader title={t('houses.title')} />
      {error && <LoadFailed error={error} onRetry={reload} />}
      {!streets && !error && <Loading />}
      {streets && street && (
        <>
          <div className="street-tabs" data-qa="street-tabs">
            <CapsuleTabs activeKey={street.id} onChange={(key) => setParams({ street: key }, { replace: true })}>
              {streets.map((s) => (
                <CapsuleTabs.Tab key={s.id} title={<span data-qa="street-tab" data-street-id={s.id}>{s.shortName}</span>} />
              ))}
            </CapsuleTabs>
          </div>
          <PullToRefresh onRefresh={reload}>
            <div className="houses-body">
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
            </div>
          </PullToRefresh>
        </>
      )}
    </div>
  );
}
