// Routes of the parent H5 (served under /h5): sign-in, and behind it the tabs (首页 / 宝宝屋 / 预约 / 指导 / 家庭 / 我的),
// a house's detail page, booking a session, a guidance event, and the family's registration, children, certificates, documents and edit screens.
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './session.tsx';
import { LoginPage } from './pages/Login.tsx';
import { HomePage } from './pages/Home.tsx';
import { HousesPage } from './pages/Houses.tsx';
import { HouseDetailPage } from './pages/HouseDetail.tsx';
import { MinePage } from './pages/Mine.tsx';
import { BookPage } from './pages/BookPage.tsx';
import { BookingsPage } from './pages/Bookings.tsx';
import { GuidancePage } from './pages/Guidance.tsx';
import { GuidanceEventPage } from './pages/GuidanceEvent.tsx';
import { CoursePage } from './pages/Course.tsx';
import { CoursesPage } from './pages/Courses.tsx';
import { FamilyPage } from './pages/family/FamilyPage.tsx';
import { RegisterPage } from './pages/family/RegisterPage.tsx';
import { ChildPage } from './pages/family/ChildPage.tsx';
import { CertificatePage } from './pages/family/CertificatePage.tsx';
import { DocumentPage } from './pages/family/DocumentPage.tsx';
import { GuardianEditPage } from './pages/family/GuardianEditPage.tsx';
import { ChildEditPage } from './pages/family/ChildEditPage.tsx';
import { PeopleEditPage } from './pages/family/PeopleEditPage.tsx';
import { NewbornReportPage } from './pages/family/NewbornReportPage.tsx';
import { TabLayout } from './components/TabLayout.tsx';
import { Loading } from './components/LoadState.tsx';

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined)
    return (
      <div className="boot">
        <Loading />
      </div>
    );
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

export function App() {
  const { me } = useSession();
  return (
    <Routes>
      <Route
        path="/login"
        element={
          me === undefined ? (
            <div className="boot">
              <Loading />
            </div>
          ) : (
            <LoginPage />
          )
        }
      />
      <Route
        element={
          <RequireSignIn>
            <TabLayout />
          </RequireSignIn>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="houses" element={<HousesPage />} />
        <Route path="bookings" element={<BookingsPage />} />
        <Route path="guidance" element={<GuidancePage />} />
        <Route path="family" element={<FamilyPage />} />
        <Route path="me" element={<MinePage />} />
      </Route>
      <Route
        path="houses/:id"
        element={
          <RequireSignIn>
            <HouseDetailPage />
          </RequireSignIn>
        }
      />
      <Route
        path="guidance/courses"
        element={
          <RequireSignIn>
            <CoursesPage />
          </RequireSignIn>
        }
      />
      <Route
        path="guidance/courses/:id"
        element={
          <RequireSignIn>
            <CoursePage />
          </RequireSignIn>
        }
      />
      <Route
        path="guidance/:id"
        element={
          <RequireSignIn>
            <GuidanceEventPage />
          </RequireSignIn>
        }
      />
      <Route
        path="book/:sessionId"
        element={
          <RequireSignIn>
            <BookPage />
          </RequireSignIn>
        }
      />
      <Route
        path="family/register"
        element={
          <RequireSignIn>
            <RegisterPage />
          </RequireSignIn>
        }
      />
      <Route
        path="family/newborns/new"
        element={
          <RequireSignIn>
            <NewbornReportPage />
          </RequireSignIn>
        }
      />
      <Route
        path="family/children/new"
        element={
          <RequireSignIn>
            <ChildEditPage mode="new" />
          </RequireSignIn>
        }
      />
      <Route
        path="family/children/:id"
        element={
          <RequireSignIn>
            <ChildPage />
          </RequireSignIn>
        }
      />
      <Route
        path="family/children/:id/edit"
        element={
          <RequireSignIn>
            <ChildEditPage mode="edit" />
          </RequireSignIn>
        }
      />
      <Route
        path="family/children/:id/certificate"
        element={
          <RequireSignIn>
            <CertificatePage />
          </RequireSignIn>
        }
      />
      <Route
        path="family/documents/:kind"
        element={
          <RequireSignIn>
            <DocumentPage />
          </RequireSignIn>
        }
      />
      <Route
        path="family/guardian"
        element={
          <RequireSignIn>
            <GuardianEditPage />
          </RequireSignIn>
        }
      />
      <Route
        path="family/pickup-persons"
        element={
          <RequireSignIn>
            <PeopleEditPage kind="pickup" key="pickup" />
          </RequireSignIn>
        }
      />
      <Route
        path="family/emergency-contacts"
        element={
          <RequireSignIn>
            <PeopleEditPage kind="emergency" key="emergency" />
          </RequireSignIn>
        }
      />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
