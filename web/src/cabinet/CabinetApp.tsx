import { Navigate, Route, Routes } from 'react-router-dom';
import { cabinetKeys, setTraderSession, setTraderUnauthorizedHandler } from './api';
import { CabinetLayout } from './CabinetLayout';
import { AccountsPage } from './pages/AccountsPage';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage';
import { DashboardPage } from './pages/DashboardPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { LoginPage } from './pages/LoginPage';
import { ProfilePage } from './pages/ProfilePage';
import { RegisterPage } from './pages/RegisterPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { RedirectIfTrader, RequireTrader } from './RequireTrader';
import { DepositPage } from './payments/DepositPage';
import { PaymentsHistoryPage } from './payments/PaymentsHistoryPage';
import { WithdrawPage } from './payments/WithdrawPage';
import { ChatPage } from './support/ChatPage';
import { ComplaintsPage } from './complaints/ComplaintsPage';
import { useSessionExpiry, type SessionExpiry } from '../session/useSessionExpiry';

/** The trader's cabinet under /cabinet/*: its own layout, session and pages. */
export default function CabinetApp() {
  useSessionExpiry(TRADER_SESSION);
  return (
    <CabinetLayout>
      <Routes>
        <Route
          path="register"
          element={
            <RedirectIfTrader>
              <RegisterPage />
            </RedirectIfTrader>
          }
        />
        <Route
          path="login"
          element={
            <RedirectIfTrader>
              <LoginPage />
            </RedirectIfTrader>
          }
        />
        <Route path="confirm" element={<ConfirmEmailPage />} />
        <Route path="forgot" element={<ForgotPasswordPage />} />
        <Route path="reset" element={<ResetPasswordPage />} />
        <Route element={<RequireTrader />}>
          <Route index element={<DashboardPage />} />
          <Route path="accounts" element={<AccountsPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="deposit" element={<DepositPage />} />
          <Route path="withdraw" element={<WithdrawPage />} />
          <Route path="payments" element={<PaymentsHistoryPage />} />
          <Route path="support" element={<ChatPage />} />
          <Route path="complaints" element={<ComplaintsPage />} />
        </Route>
        <Route path="*" element={<Navigate to="/cabinet" replace />} />
      </Routes>
    </CabinetLayout>
  );
}

/** A 401 on a signed-in cabinet call: forget the trader; <RequireTrader> then shows the sign-in page. */
const TRADER_SESSION: SessionExpiry = {
  setUnauthorizedHandler: setTraderUnauthorizedHandler,
  meKey: cabinetKeys.me,
  forget: (queryClient) => setTraderSession(queryClient, null),
  noticeId: 'cabinet-session-expired',
  messageKey: 'cabinet.errors.session_expired',
};
