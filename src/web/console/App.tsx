// The console's root: who is signed in (GET /api/auth/me), the sign-in page otherwise, and the routes.
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { ApiError, get, onUnauthenticated, post, setCsrfToken } from '../common/api.ts';
import type { Me, SessionState } from '../common/types.ts';
import { t } from './i18n/index.ts';
import { SessionContext, type Session } from './session.tsx';
import { ConsoleLayout, menuOf } from './layout/ConsoleLayout.tsx';
import { LoginPage, type LoginNotice } from './pages/LoginPage.tsx';
import { Forbidden, LoadError, Loading, NotFound } from './components/States.tsx';
import { HousesPage } from './pages/HousesPage.tsx';
import { HouseDetailPage } from './pages/HouseDetailPage.tsx';
import { HouseFormPage } from './pages/HouseFormPage.tsx';
import { StreetsPage } from './pages/StreetsPage.tsx';
import { PolicyPage } from './pages/PolicyPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { SecurityPage } from './pages/SecurityPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { NoFunctions } from './pages/NoFunctions.tsx';
import { NewbornsPage } from './pages/NewbornsPage.tsx';
import { VisitsPage } from './pages/VisitsPage.tsx';
import { RegistrationsPage } from './pages/RegistrationsPage.tsx';
import { RegistrationReviewPage } from './pages/RegistrationReviewPage.tsx';
import { DocumentsPage } from './pages/DocumentsPage.tsx';
import { SchedulePage } from './pages/SchedulePage.tsx';
import { StaffPage } from './pages/ops/StaffPage.tsx';
import { AttendancePage } from './pages/ops/AttendancePage.tsx';
import { IncidentsPage } from './pages/ops/IncidentsPage.tsx';
import { CompliancePage } from './pages/ops/CompliancePage.tsx';
import { GuidancePage } from './pages/GuidancePage.tsx';
import { ProvidersPage } from './pages/ProvidersPage.tsx';
import { CoursesPage } from './pages/CoursesPage.tsx';
import { PopulationPage } from './pages/PopulationPage.tsx';
import { CourseEditorPage } from './pages/CourseEditorPage.tsx';
import { TargetsPage } from './pages/TargetsPage.tsx';
import { StreetTargetsPage } from './pages/StreetTargetsPage.tsx';
import { StreetHomePage } from './pages/StreetHomePage.tsx';
import type { Action } from '../common/wire.ts';

type AuthState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  | { status: 'anonymous'; notice?: LoginNotice }
  | { status: 'signedIn'; me: Me };

export function ConsoleApp() {
  const [auth, setAuth] = useState<AuthState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();

  useEffect(() => {
    get<SessionState>('/api/auth/session')
      .then(({ me, expired }) => {
        if (!me) {
          setAuth({ status: 'anonymous', notice: expired ? { type: 'warning', text: t('login.sessionExpired') } : undefined });
          return;
        }
        setCsrfToken(me.csrfToken);
        setAuth({ status: 'signedIn', me });
      })
      .catch((err: unknown) => {
        setAuth({ status: 'failed', error: err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', t('errors.INTERNAL')) });
      });
  }, [attempt]);

  // A session that ends while the user works (idle timeout, forced sign-out) sends them back to sign-in.
  // Wrong passwords are 401 too (sign-in, 修改密码): those are not the end of the session.
  useEffect(() => {
    const off = onUnauthenticated((err) => {
      if (err.code !== 'SESSION_EXPIRED' && err.code !== 'UNAUTHENTICATED') return;
      setCsrfToken(null);
      setAuth((prev) =>
        prev.status === 'signedIn'
          ? {
              status: 'anonymous',
              notice: { type: 'warning', text: err.code === 'SESSION_EXPIRED' ? t('login.sessionExpired') : t('login.signedOutElsewhere') },
            }
          : prev,
      );
    });
    return () => {
      off();
    };
  }, []);

  const signOut = useCallback(async () => {
    try {
      await post('/api/auth/logout');
    } catch {
      // Signed out already, or the network failed: either way the console forgets the session.
    }
    setCsrfToken(null);
    // The next person to sign in starts from their own home page, not the last page of this one.
    navigate('/', { replace: true });
    setAuth({ status: 'anonymous', notice: { type: 'success', text: t('header.loggedOut') } });
  }, [navigate]);

  const session = useMemo<Session | null>(
    () => (auth.status === 'signedIn' ? { me: auth.me, can: (action) => auth.me.actions.includes(action), signOut } : null),
    [auth, signOut],
  );

  if (auth.status === 'loading') return <Loading />;
  if (auth.status === 'failed') {
    return (
      <div style={{ padding: 48 }}>
        <LoadError
          error={auth.error}
          onRetry={() => {
            setAuth({ status: 'loading' });
            setAttempt((n) => n + 1);
          }}
        />
      </div>
    );
  }
  if (auth.status === 'anonymous' || !session) {
    return (
      <LoginPage
        notice={auth.status === 'anonymous' ? auth.notice : undefined}
        onSignedIn={(me) => {
          setCsrfToken(me.csrfToken);
          setAuth({ status: 'signedIn', me });
        }}
      />
    );
  }

  const menu = menuOf(session);
  const guard = (action: Action, element: ReactElement) => (session.can(action) ? element : <Forbidden />);
  return (
    <SessionContext.Provider value={session}>
      <ConsoleLayout>
        <Routes>
          <Route index element={menu.length ? <Navigate to={menu[0].path} replace /> : <NoFunctions />} />
          <Route path="houses" element={guard('house.read', <HousesPage />)} />
          <Route path="houses/new" element={guard('house.create', <HouseFormPage />)} />
          <Route path="houses/:id" element={guard('house.read', <HouseDetailPage />)} />
          <Route path="houses/:id/edit" element={guard('house.update', <HouseFormPage />)} />
          <Route path="streets" element={guard('street.list', <StreetsPage />)} />
          <Route path="registrations" element={guard('registration.read', <RegistrationsPage />)} />
          <Route path="newborns" element={guard('newborn.read', <NewbornsPage />)} />
          <Route path="visits" element={guard('visit.caseload', <VisitsPage />)} />
          <Route path="registrations/:id" element={guard('registration.read', <RegistrationReviewPage />)} />
          <Route path="schedule" element={guard('session.read', <SchedulePage />)} />
          <Route path="staff" element={guard('staff.read', <StaffPage />)} />
          <Route path="attendance" element={guard('attendance.read', <AttendancePage />)} />
          <Route
            path="incidents"
            element={session.can('incident.read') || session.can('dailyLog.read') ? <IncidentsPage /> : <Forbidden />}
          />
          <Route path="compliance" element={guard('compliance.read', <CompliancePage />)} />
          <Route path="guidance" element={guard('guidance.read', <GuidancePage />)} />
          <Route path="population" element={guard('population.read', <PopulationPage />)} />
          <Route path="courses" element={guard('guidance.read', <CoursesPage />)} />
          <Route path="home" element={guard('targets.read', <StreetHomePage />)} />
          <Route path="targets" element={guard('targets.read', <TargetsPage />)} />
          <Route path="targets/streets/:id" element={guard('targets.read', <StreetTargetsPage />)} />
          <Route path="courses/:id" element={guard('guidance.manage', <CourseEditorPage />)} />
          <Route path="providers" element={guard('provider.read', <ProvidersPage />)} />
          <Route path="documents" element={guard('document.manage', <DocumentsPage />)} />
          <Route path="policy" element={guard('policy.read', <PolicyPage />)} />
          <Route path="users" element={guard('user.list', <UsersPage />)} />
          <Route path="security" element={guard('security.read', <SecurityPage />)} />
          <Route path="audit" element={guard('audit.read', <AuditPage />)} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </ConsoleLayout>
    </SessionContext.Provider>
  );
}
