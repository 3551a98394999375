import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from './client';
import { useApiMutation } from './mutation';
import { queryKeys } from './queryKeys';
import type { OutboxEmail } from '../../../src/shared/contracts/activity';
import type { Page } from '../../../src/shared/contracts/common';

export const outboxApi = {
  // The contract only names `page`; pageSize is sent too so paging math is certain.
  list: (page: number, pageSize: number) =>
    http.get<Page<OutboxEmail>>('/api/outbox', { query: { page, pageSize } }),
  /** One message with its body; the server audits opening a sensitive one. */
  get: (id: string) => http.get<OutboxEmail & { text: string }>(`/api/outbox/${encodeURIComponent(id)}`),
};

export function useOutboxPage(page: number, pageSize: number) {
  return useQuery({
    queryKey: queryKeys.outboxPage(page),
    queryFn: () => outboxApi.list(page, pageSize),
    placeholderData: keepPreviousData,
  });
}

/**
 * A sensitive mail's body, fetched on an explicit click: a mutation, so no refetch on focus or on a
 * live event opens it again and writes another audit entry.
 */
export function useOpenOutboxEmail(id: string) {
  return useApiMutation(() => outboxApi.get(id));
}
