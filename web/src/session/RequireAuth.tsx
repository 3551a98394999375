import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorState } from '../components/ErrorState';
import { useSessionQuery } from '../api/auth';

/** Gate for the workspace: waits for "who am I", sends signed-out users to /login. */
export function RequireAuth() {
  const session = useSessionQuery();
  const location = useLocation();

  // A signed-in user keeps working through a failed background refresh (server blip).
  if (session.data) return <Outlet />;
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    );
  }
  return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
}
