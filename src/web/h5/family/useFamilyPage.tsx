// The family sub-pages all need the family loaded first; this gives them the family (or the state to show).
import type { ReactNode } from 'react';
import { Button, ErrorBlock } from 'antd-mobile';
import { useNavigate } from 'react-router';
import type { Family, FamilyEnvelope } from '../../common/familyTypes.ts';
import { t } from '../i18n/index.ts';
import { useFamily } from './store.ts';
import { LoadFailed, Loading } from '../components/LoadState.tsx';

export function useLoadedFamily(): { env?: FamilyEnvelope; family?: Family; placeholder: ReactNode | null; reload: () => Promise<void> } {
  const { data, error, reload } = useFamily();
  if (error) return { placeholder: <LoadFailed error={error} onRetry={() => void reload()} />, reload };
  if (!data) return { placeholder: <Loading />, reload };
  if (!data.family) return { env: data, placeholder: <NoFamily />, reload };
  return { env: data, family: data.family, placeholder: null, reload };
}

function NoFamily() {
  const navigate = useNavigate();
  return (
    <ErrorBlock status="empty" title={t('family.doc.noFamily')} description="">
      <Button color="primary" shape="rounded" onClick={() => navigate('/family', { replace: true })}>
        {t('family.start.button')}
      </Button>
    </ErrorBlock>
  );
}

/** Shown instead of an edit form while the street reviews the registration. */
export function LockedNote() {
  const navigate = useNavigate();
  return (
    <ErrorBlock status="default" title={t('family.locked')} description="" data-qa="locked-page">
      <Button color="primary" fill="outline" shape="rounded" onClick={() => navigate('/family', { replace: true })}>
        {t('family.child.back')}
      </Button>
    </ErrorBlock>
  );
}
