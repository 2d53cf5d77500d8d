// The top bar of every screen: a title, and a back arrow on sub-pages (history back, or a fallback route
// when the page was opened directly from a link). `onBack` replaces the default (e.g. to ask before leaving).
import type { ReactNode } from 'react';
import { NavBar } from 'antd-mobile';
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
  return (
    <div className="page-header">
      <NavBar back={back ? '' : null} onBack={back ? (onBack ?? goBack) : undefined} right={right}>
        {title}
      </NavBar>
    </div>
  );
}
