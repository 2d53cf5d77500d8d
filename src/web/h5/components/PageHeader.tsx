// The top bar of every screen: a title, and a back arrow on sub-pages (history back, or a fallback route
// when the page was opened directly from a link).
import { NavBar } from 'antd-mobile';
import { useNavigate } from 'react-router';

export function PageHeader({ title, back, fallback = '/' }: { title: string; back?: boolean; fallback?: string }) {
  const navigate = useNavigate();
  const onBack = () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate(fallback, { replace: true });
  };
  return (
    <div className="page-header">
      <NavBar back={back ? '' : null} onBack={back ? onBack : undefined}>
        {title}
      </NavBar>
    </div>
  );
}
