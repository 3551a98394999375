import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { User } from '../../../src/shared/contracts/identity';
import { resetSessionCache } from './resetSessionCache';

/** Stores the signed-in user; the login page then forwards into the workspace. */
export function useSignIn(): (user: User) => void {
  const queryClient = useQueryClient();
  return useCallback((user: User) => resetSessionCache(queryClient, user), [queryClient]);
}
