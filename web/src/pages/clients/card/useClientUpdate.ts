import { useMutation, useQueryClient } from '@tanstack/react-query';
import { clientsApi } from '../../../api/clients';
import type { Client, ClientPatch } from '../../../api/clientTypes';
import { queryKeys } from '../../../api/queryKeys';

/**
 * PATCH one client. The card shows the change at once (a tag appears as it is
 * typed), is put back if the server refuses, and ends with the server's copy.
 */
export function useClientUpdate(clientId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.client(clientId);
  return useMutation({
    mutationFn: (patch: ClientPatch) => clientsApi.update(clientId, patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      const before = queryClient.getQueryData<Client>(key);
      if (before) queryClient.setQueryData<Client>(key, { ...before, ...patch } as Client);
      return { before };
    },
    onError: (_error, _patch, context) => {
      if (context?.before) queryClient.setQueryData<Client>(key, context.before);
    },
    onSuccess: (client) => {
      queryClient.setQueryData<Client>(key, client);
      // The timeline gained an entry and the list shows these fields too.
      void queryClient.invalidateQueries({ queryKey: queryKeys.clientTimeline(clientId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.clientLists });
    },
  });
}
