import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import { useApiMutation, type MutationCallbacks } from './mutation';
import { queryKeys } from './queryKeys';
import type { SecuritySettings } from '../../../src/shared/contracts/activity';

export const settingsApi = {
  security: () => http.get<SecuritySettings>('/api/settings/security'),
  updateSecurity: (settings: SecuritySettings) =>
    http.patch<SecuritySettings>('/api/settings/security', settings),
};

export function useSecuritySettings() {
  return useQuery({ queryKey: queryKeys.securitySettings, queryFn: settingsApi.security });
}

export function useUpdateSecuritySettings(callbacks?: MutationCallbacks<SecuritySettings, SecuritySettings>) {
  return useApiMutation(settingsApi.updateSecurity, callbacks, (queryClient, saved) =>
    queryClient.setQueryData(queryKeys.securitySettings, saved),
  );
}
