// The top bar of every screen: a title, and a back arrow on sub-pages (history back, or a fallback route
// when the page was opened directly from a link). `onBack` replaces the default (e.g. to ask before leaving).
import type { ReactNode } from 'react';
import { t } from '../i18n/index.ts';
import { BackIcon } from './icons.tsx';
import { useNavigate } from 'react-router';

export function useGoBack(fallback = '/') {
  const navigate = useNavigate();
  return () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate(fallback, { replace: true });
  };
}

export function PageHeader({
  title,
  back,
  fallback = '/',
  onBack,
  right,
}: {
  title: string;
  back?: boolean;
  fallback?: string;
  onBack?: () => void;
  right?: ReactNode;
}) {
  const goBack = useGoBack(fallback);
  // Not antd-mobile's NavBar: its left side is a role=button without a name (and one even when there is no back
  // arrow), which screen readers announce as an unnamed button.
  return (
    <header className="page-header">
      <div className="page-bar">
        <div className="page-bar-side">
          {back && (
            <button type="button" className="page-back" onClick={onBack ?? goBack} aria-label={t('common.back')} data-qa="page-back">
              <BackIcon />
            </button>
          )}
        </div>
        <h1 className="page-bar-title">{title}</h1>
        <div className="page-bar-side page-bar-right">{right}</div>
      </div>
    </header>
  );
}
