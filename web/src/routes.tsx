import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { WorkspaceShell } from './layout/WorkspaceShell';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { LoginPage } from './pages/login/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RequireAuth } from './session/RequireAuth';
import { RequirePermission } from './session/RequirePermission';

// Admin and profile are heavier and not needed for the first paint.
const AdminLayout = lazy(() => import('./pages/admin/AdminLayout'));
const StaffTab = lazy(() => import('./pages/admin/staff/StaffTab'));
const TeamsTab = lazy(() => import('./pages/admin/teams/TeamsTab'));
const RolesTab = lazy(() => import('./pages/admin/roles/RolesTab'));
const AuditTab = lazy(() => import('./pages/admin/audit/AuditTab'));
const SecurityTab = lazy(() => import('./pages/admin/security/SecurityTab'));
const OutboxTab = lazy(() => import('./pages/admin/outbox/OutboxTab'));
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<WorkspaceShell />}>
          <Route index element={<Navigate to="/clients" replace />} />
          <Route path="clients" element={<ComingSoonPage section="clients" />} />
          <Route path="inbox" element={<ComingSoonPage section="inbox" />} />
          <Route path="payments" element={<ComingSoonPage section="payments" />} />
          <Route path="knowledge-base" element={<ComingSoonPage section="knowledgeBase" />} />
          <Route path="reports" element={<ComingSoonPage section="reports" />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route
            path="admin"
            element={
              <RequirePermission permission="admin.access">
                <AdminLayout />
              </RequirePermission>
            }
          >
            <Route path="staff" element={<StaffTab />} />
            <Route path="teams" element={<TeamsTab />} />
            <Route path="roles" element={<RolesTab />} />
            <Route path="audit" element={<AuditTab />} />
            <Route path="security" element={<SecurityTab />} />
            <Route path="outbox" element={<OutboxTab />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
