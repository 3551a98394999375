import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import type { CallbackView } from '../../../src/shared/contracts/support-callbacks';

/** A callback request's fields (number, preferred time, the call that closed it), under `support`. */
export function useCallbackRequest(conversationId: string | null) {
  return useQuery({
    queryKey: ['support', 'callback', conversationId],
    queryFn: () =>
      http.get<CallbackView>(`/api/support/conversations/${encodeURIComponent(conversationId!)}/callback`),
    enabled: conversationId !== null,
  });
}
