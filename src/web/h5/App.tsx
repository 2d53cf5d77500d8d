// Routes of the parent H5 (served under /h5): sign-in, and behind it the tabs (首页 / 宝宝屋 / 我的) and a
// house's detail page.
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './session.tsx';
import { LoginPage } from './pages/Login.tsx';
import { HomePage } from './pages/Home.tsx';
import { HousesPage } from './pages/Houses.tsx';
import { HouseDetailPage } from './pages/HouseDetail.tsx';
import { MinePage } from './pages/Mine.tsx';
import { TabLayout } from './components/TabLayout.tsx';
import { Loading } from './components/LoadState.tsx';

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <div className="boot"><Loading /></div>;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

export function App() {
  const { me } = useSession();
  return (
    <Routes>
      <Route path="/login" element={me === undefined ? <div className="boot"><Loading /></div> : <LoginPage />} />
      <Route element={<RequireSignIn><TabLayout /></RequireSignIn>}>
        <Route index element={<HomePage />} />
        <Route path="houses" element={<HousesPage />} />
        <Route path="me" element={<MinePage />} />
      </Route>
      <Route path="houses/:id" element={<RequireSignIn><HouseDetailPage /></RequireSignIn>} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
