import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorState } from '../components/ErrorState';
import { useTraderQuery } from './api';

/** Gate for the signed-in cabinet pages: waits for "who am I", sends visitors to the cabinet sign-in. */
export function RequireTrader() {
  const session = useTraderQuery();
  const location = useLocation();
  if (session.data) return <Outlet />;
  if (session.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (session.isError)
    return (
      <Center py="xl">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    );
  return <Navigate to="/cabinet/login" replace state={{ from: location.pathname + location.search }} />;
}

/** For the sign-in and registration pages: a trader who is already signed in goes to the cabinet. */
export function RedirectIfTrader({ children }: { children: React.ReactNode }) {
  const session = useTraderQuery();
  const location = useLocation();
  if (session.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (session.data) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from?.startsWith('/cabinet') ? from : '/cabinet'} replace />;
  }
  return <>{children}</>;
}
