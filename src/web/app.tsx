import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/form.tsx';
import { AuthProvider, can, useAuth } from './lib/auth.tsx';
import { I18nProvider } from './lib/i18n.tsx';
import type { Me } from './lib/types.ts';
import { AuditPage } from './pages/audit.tsx';
import { ChangePasswordPage } from './pages/change-password.tsx';
import { LoginPage } from './pages/login.tsx';
import { ResetPasswordPage } from './pages/reset-password.tsx';
import { Shell } from './pages/shell.tsx';
import { ForbiddenPage, HomePage, NotFoundPage } from './pages/simple.tsx';
import { UnitDetailPage } from './pages/unit-detail.tsx';
import { UnitFormPage } from './pages/unit-form.tsx';
import { UnitsPage } from './pages/units.tsx';
import { UserImportPage } from './pages/user-import.tsx';
import { UsersPage } from './pages/users.tsx';

// The SKM screens (and ECharts inside them) load on first visit, so the shell stays light.
const SkmRoutes = lazy(() => import('./skm/routes.tsx'));
const SpkpRoutes = lazy(() => import('./skm/routes.tsx').then((m) => ({ default: m.SpkpRoutes })));
const ReportRoutes = lazy(() => import('./reports/routes.tsx'));
const RtlRoutes = lazy(() => import('./action-plans/routes.tsx'));
const PerformanceRoutes = lazy(() => import('./performance/routes.tsx'));
const lazyPage = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

/** Signed-in users only; a pending password change blocks everything else. */
function Protected() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous')
    return <Navigate to="/app/login" replace state={{ from: location.pathname + location.search }} />;
  if (state.me.mustChangePassword) return <ChangePasswordPage />;
  return <Shell />;
}

function Allow({ when, children }: { when: (me: Me) => boolean; children: ReactNode }) {
  const { state } = useAuth();
  if (state.status !== 'authenticated') return null;
  return when(state.me) ? children : <ForbiddenPage />;
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/" element={<Navigate to="/app" replace />} />
            <Route path="/app/login" element={<LoginPage />} />
            <Route path="/app/reset-password" element={<ResetPasswordPage />} />
            <Route path="/app" element={<Protected />}>
              <Route index element={<HomePage />} />
              <Route path="skm/*" element={lazyPage(<SkmRoutes />)} />
              <Route path="laporan-skm/*" element={lazyPage(<ReportRoutes />)} />
              <Route path="spkp/*" element={lazyPage(<SpkpRoutes />)} />
              <Route path="rtl/*" element={lazyPage(<RtlRoutes />)} />
              <Route path="sakip/*" element={lazyPage(<PerformanceRoutes />)} />
              <Route path="organisasi" element={<UnitsPage />} />
              <Route
                path="organisasi/baru"
                element={
                  <Allow when={can.manageUnits}>
                    <UnitFormPage />
                  </Allow>
                }
              />
              <Route path="organisasi/:unitId" element={<UnitDetailPage />} />
              <Route
                path="organisasi/:unitId/ubah"
                element={
                  <Allow when={can.manageUnits}>
                    <UnitFormPage />
                  </Allow>
                }
              />
              <Route
                path="pengguna"
                element={
                  <Allow when={can.manageUsers}>
                    <UsersPage />
                  </Allow>
                }
              />
              <Route
                path="pengguna/impor"
                element={
                  <Allow when={can.manageUsers}>
                    <UserImportPage />
                  </Allow>
                }
              />
              <Route
                path="audit"
                element={
                  <Allow when={can.viewAudit}>
                    <AuditPage />
                  </Allow>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
            <Route path="*" element={<Navigate to="/app" replace />} />
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
