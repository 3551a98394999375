import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../api/auth';
import { resetSessionCache } from './resetSessionCache';

export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    // Even if the request fails (server down), the local session must end.
    await authApi.logout().catch(() => undefined);
    resetSessionCache(queryClient, null);
    navigate('/login', { replace: true });
  }, [queryClient, navigate]);
}
