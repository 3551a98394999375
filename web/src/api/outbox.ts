import { http } from './client';
import type { OutboxEmail, Page } from './types';

export const outboxApi = {
  // The contract only names `page`; pageSize is sent too so paging math is certain.
  list: (page: number, pageSize: number) =>
    http.get<Page<OutboxEmail>>('/api/outbox', { query: { page, pageSize } }),
  /** One message with its body; the server audits opening a sensitive one. */
  get: (id: string) => http.get<OutboxEmail & { text: string }>(`/api/outbox/${encodeURIComponent(id)}`),
};
