import { lazy, Suspense } from 'react';
import { Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { CabinetEntry } from './cabinet/CabinetEntry';
import { WorkspaceShell } from './layout/WorkspaceShell';
import { LoginPage } from './pages/login/LoginPage';
import { NotFoundPage } from './pages/StatusPage';
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
const ClientsPage = lazy(() => import('./pages/clients/ClientsPage'));
const ClientCardPage = lazy(() => import('./pages/clients/card/ClientCardPage'));
const AssignmentTab = lazy(() => import('./pages/admin/assignment/AssignmentTab'));
const SalesStatusesTab = lazy(() => import('./pages/admin/salesStatuses/SalesStatusesTab'));
const OnlinePage = lazy(() => import('./pages/online/OnlinePage'));
const TradingAlertsTab = lazy(() => import('./pages/admin/tradingAlerts/TradingAlertsTab'));
// Payments (finance queue, reconciliation, rates; Admin → Payment systems).
const PaymentsLayout = lazy(() => import('./pages/payments/PaymentsLayout'));
const SurveysPage = lazy(() => import('./pages/surveys/SurveysPage'));
const FinanceQueuePage = lazy(() => import('./pages/payments/FinanceQueuePage'));
const ReconciliationPage = lazy(() => import('./pages/payments/ReconciliationPage'));
const FxRatesPage = lazy(() => import('./pages/payments/FxRatesPage'));
const PaymentSystemsTab = lazy(() => import('./pages/payments/admin/PaymentSystemsTab'));
// Support desk: the agent inbox.
const InboxPage = lazy(() => import('./pages/support/InboxPage'));
const SupportSettingsLayout = lazy(() => import('./pages/support/settings/SupportSettingsLayout'));
const CannedTab = lazy(() => import('./pages/support/settings/CannedTab'));
const AgentsTab = lazy(() => import('./pages/support/settings/AgentsTab'));
const SlaPoliciesTab = lazy(() => import('./pages/support/settings/SlaPoliciesTab'));
const CalendarsTab = lazy(() => import('./pages/support/settings/CalendarsTab'));
// Complaints: the register and one complaint.
const ComplaintRegisterPage = lazy(() => import('./pages/complaints/RegisterPage'));
const ComplaintPage = lazy(() => import('./pages/complaints/ComplaintPage'));
// Knowledge base: the article list and editor (the help centre itself is server-rendered under /help).
const ArticlesPage = lazy(() => import('./pages/knowledge/ArticlesPage'));
const ArticleEditorPage = lazy(() => import('./pages/knowledge/ArticleEditorPage'));
const BotTab = lazy(() => import('./pages/support/settings/BotTab'));
// Reports: the sales, support and retention dashboards; the support floor's wallboard (full screen).
const ReportsLayout = lazy(() => import('./pages/reports/ReportsLayout'));
const SalesTab = lazy(() => import('./pages/reports/SalesTab'));
const SupportReportTab = lazy(() => import('./pages/reports/SupportTab'));
const RetentionTab = lazy(() => import('./pages/reports/RetentionTab'));
const WallboardPage = lazy(() => import('./pages/reports/WallboardPage'));
const DigestTab = lazy(() => import('./pages/admin/reportDigest/DigestTab'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* The trader's cabinet: its own layout and session, outside the staff workspace. */}
      <Route path="/cabinet/*" element={<CabinetEntry />} />
      <Route element={<RequireAuth />}>
        {/* The wallboard fills a big screen: no workspace frame, its own live connection. */}
        <Route
          path="reports/wallboard"
          element={
            <RequirePermission permission="reports.read">
              <Suspense fallback={null}>
                <WallboardPage />
              </Suspense>
            </RequirePermission>
          }
        />
        <Route element={<WorkspaceShell />}>
          <Route index element={<Navigate to="/clients" replace />} />
          <Route
            path="clients"
            element={
              <RequirePermission permission="clients.read">
                <ClientsPage />
              </RequirePermission>
            }
          />
          <Route
            path="clients/:id"
            element={
              <RequirePermission permission="clients.read">
                <ClientCardPage />
              </RequirePermission>
            }
          />
          <Route
            path="online"
            element={
              <RequirePermission permission="clients.read">
                <OnlinePage />
              </RequirePermission>
            }
          />
          <Route
            path="payments"
            element={
              <RequirePermission permission="payments.read">
                <PaymentsLayout />
              </RequirePermission>
            }
          >
            <Route index element={<FinanceQueuePage />} />
            <Route path="reconciliation" element={<ReconciliationPage />} />
            <Route path="rates" element={<FxRatesPage />} />
          </Route>
          <Route
            path="support"
            element={
              <RequirePermission permission="support.handle">
                <Outlet />
              </RequirePermission>
            }
          >
            <Route index element={<InboxPage />} />
            <Route path="settings" element={<SupportSettingsLayout />}>
              <Route index element={<Navigate to="canned" replace />} />
              <Route path="canned" element={<CannedTab />} />
              <Route path="agents" element={<AgentsTab />} />
              <Route path="sla" element={<SlaPoliciesTab />} />
              <Route path="calendars" element={<CalendarsTab />} />
              <Route path="bot" element={<BotTab />} />
            </Route>
          </Route>
          <Route
            path="surveys"
            element={
              <RequirePermission permission="clients.read">
                <SurveysPage />
              </RequirePermission>
            }
          />
          <Route
            path="complaints"
            element={
              <RequirePermission permission="complaints.register">
                <ComplaintRegisterPage />
              </RequirePermission>
            }
          />
          <Route
            path="complaints/:id"
            element={
              <RequirePermission permission="complaints.handle">
                <ComplaintPage />
              </RequirePermission>
            }
          />
          <Route
            path="knowledge"
            element={
              <RequirePermission permission="knowledge.write">
                <ArticlesPage />
              </RequirePermission>
            }
          />
          <Route
            path="knowledge/articles/:id"
            element={
              <RequirePermission permission="knowledge.write">
                <ArticleEditorPage />
              </RequirePermission>
            }
          />
          <Route
            path="reports"
            element={
              <RequirePermission permission="reports.read">
                <ReportsLayout />
              </RequirePermission>
            }
          >
            <Route index element={<Navigate to="sales" replace />} />
            <Route path="sales" element={<SalesTab />} />
            <Route path="support" element={<SupportReportTab />} />
            <Route path="retention" element={<RetentionTab />} />
          </Route>
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
            <Route path="assignment" element={<AssignmentTab />} />
            <Route path="sales-statuses" element={<SalesStatusesTab />} />
            <Route path="trading-alerts" element={<TradingAlertsTab />} />
            <Route path="payment-systems" element={<PaymentSystemsTab />} />
            <Route path="report-digest" element={<DigestTab />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
