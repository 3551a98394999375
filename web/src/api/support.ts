import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { http } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import { fetchAfterHeld, lastHeldSeq, readConversationPush } from './supportMessages';
import { liveBus } from '../realtime/liveBus';
import { useConnectionState } from '../realtime/RealtimeProvider';
import type {
  AgentView,
  CannedView,
  ConversationDetail,
  ConversationList,
  MessagePage,
  MessageView,
} from '../../../src/shared/contracts/support';
import type {
  AgentStatus,
  ConversationPriority,
  ConversationStatus,
  InboxView,
  MessageVisibility,
  SupportChannel,
} from '../../../src/shared/support';
import { newIdempotencyKey } from './payments';

const enc = encodeURIComponent;
const conv = (id: string) => `/api/support/conversations/${enc(id)}`;

export interface ConversationQuery {
  view: InboxView;
  status?: ConversationStatus | null;
  channel?: SupportChannel | null;
  language?: string | null;
  teamId?: string | null;
  assigneeId?: string | null;
  q?: string | null;
  sort?: 'lastMessageAt' | 'createdAt' | 'priority' | 'waitingSince';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface NewMessage {
  body: string;
  visibility: MessageVisibility;
  clientMessageId: string;
  attachmentIds?: string[];
  mentions?: string[];
}

export interface ConversationPatch {
  status?: ConversationStatus;
  priority?: ConversationPriority;
  tags?: string[];
  language?: string | null;
  snoozedUntil?: string | null;
}

export type { CannedView as CannedResponse };

/** Plain fetchers for the staff support endpoints (the hooks below wrap them). */
export const supportApi = {
  conversations: (query: ConversationQuery, signal?: AbortSignal) =>
    http.get<ConversationList>('/api/support/conversations', { query: { ...query }, signal }),
  conversation: (id: string, signal?: AbortSignal) => http.get<ConversationDetail>(conv(id), { signal }),
  messages: (id: string, after: number, signal?: AbortSignal) =>
    http.get<MessagePage>(`${conv(id)}/messages`, { query: { after }, signal }),
  postMessage: (id: string, input: NewMessage) => http.post<MessageView>(`${conv(id)}/messages`, input),
  patch: (id: string, patch: ConversationPatch) => http.patch<ConversationDetail>(conv(id), patch),
  assign: (id: string, assigneeId: string | null, teamId?: string | null) =>
    http.post<ConversationDetail>(`${conv(id)}/assign`, {
      assigneeId,
      ...(teamId !== undefined && { teamId }),
    }),
  link: (id: string, clientId: string) => http.post<ConversationDetail>(`${conv(id)}/link`, { clientId }),
  unlink: (id: string) => http.delete<ConversationDetail>(`${conv(id)}/link`),
  createClient: (id: string) => http.post<ConversationDetail>(`${conv(id)}/client`, {}),
  merge: (id: string, intoId: string) => http.post<ConversationDetail>(`${conv(id)}/merge`, { intoId }),
  convert: (id: string) => http.post<ConversationDetail>(`${conv(id)}/convert`, { to: 'ticket' }),
  typing: (id: string, typing: boolean) => http.post<void>(`${conv(id)}/typing`, { typing }),
  clientConversations: (clientId: string, signal?: AbortSignal) =>
    http.get<ConversationList>(`/api/clients/${enc(clientId)}/conversations`, { signal }),

  canned: async (signal?: AbortSignal) =>
    (await http.get<{ items: CannedView[] }>('/api/support/canned', { signal })).items,
  renderCanned: (cannedId: string, conversationId: string) =>
    http.post<{ body: string }>(`/api/support/canned/${enc(cannedId)}/render`, { conversationId }),

  agents: async (signal?: AbortSignal) =>
    (await http.get<{ items: AgentView[] }>('/api/support/agents', { signal })).items,
  setMyStatus: (status: AgentStatus) => http.put<AgentView>('/api/support/me/status', { status }),
};

/**
 * Every support query lives under ['support', …]: the support events refresh the whole prefix
 * (realtime/invalidation.ts); a conversation's messages are followed by seq (useConversationMessages).
 */
export const supportKeys = {
  all: ['support'] as const,
  lists: ['support', 'conversations'] as const,
  list: (query: ConversationQuery) => ['support', 'conversations', query] as const,
  conversation: (id: string) => ['support', 'conversation', id] as const,
  messages: (id: string) => ['support', 'conversation', id, 'messages'] as const,
  client: (clientId: string) => ['support', 'client', clientId] as const,
  canned: ['support', 'canned'] as const,
  agents: ['support', 'agents'] as const,
  slaPolicies: ['support', 'slaPolicies'] as const,
  teamCalendar: (teamId: string) => ['support', 'teamCalendar', teamId] as const,
};

// ---- Queries.

export function useConversations(query: ConversationQuery) {
  return useQuery({
    queryKey: supportKeys.list(query),
    queryFn: ({ signal }) => supportApi.conversations(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useConversation(id: string | null) {
  return useQuery({
    queryKey: supportKeys.conversation(id ?? ''),
    queryFn: ({ signal }) => supportApi.conversation(id ?? '', signal),
    enabled: !!id,
  });
}

export function useClientConversations(clientId: string) {
  return useQuery({
    queryKey: supportKeys.client(clientId),
    queryFn: ({ signal }) => supportApi.clientConversations(clientId, signal),
    enabled: clientId !== '',
  });
}

export function useCannedResponses(enabled = true) {
  return useQuery({
    queryKey: supportKeys.canned,
    queryFn: ({ signal }) => supportApi.canned(signal),
    enabled,
  });
}

export function useSupportAgents() {
  return useQuery({ queryKey: supportKeys.agents, queryFn: ({ signal }) => supportApi.agents(signal) });
}

/**
 * A conversation's messages, followed by seq. The query's function is incremental: it asks for what
 * comes after the last seq in the cache and merges (supportMessages.ts), so every refetch — the first
 * load, a live message, a support event invalidating the domain, a reconnect, a `reset` — brings
 * exactly what is missing, with nothing lost or shown twice.
 */
export function useConversationMessages(id: string | null) {
  const queryClient = useQueryClient();
  const key = supportKeys.messages(id ?? '');
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      fetchAfterHeld(queryClient.getQueryData<MessageView[]>(key), (after) =>
        supportApi.messages(id ?? '', after, signal),
      ),
    enabled: !!id,
    // Stale at once: opening the conversation again (pushes arrive only while it is open) or coming
    // back to the tab asks for what came after the last seq held, which is cheap.
    staleTime: 0,
  });

  // A live message past the last seq held: fetch after it (a refetch in flight restarts from the cache).
  useEffect(() => {
    if (!id) return;
    return liveBus.subscribe((message) => {
      const push = readConversationPush(message.topic, message.data);
      if (!push || push.conversationId !== id || push.kind !== 'message') return;
      const held = lastHeldSeq(queryClient.getQueryData<MessageView[]>(supportKeys.messages(id)));
      if (typeof push.seq !== 'number' || push.seq > held)
        void queryClient.invalidateQueries({ queryKey: supportKeys.messages(id), exact: true });
    });
  }, [id, queryClient]);

  // Back after a drop: whatever was sent meanwhile came with no push, so fetch after the last seq.
  const connection = useConnectionState();
  const seen = useRef({ opened: false, dropped: false });
  useEffect(() => {
    const state = seen.current;
    if (connection !== 'open') {
      if (state.opened) state.dropped = true;
      return;
    }
    if (state.dropped && id)
      void queryClient.invalidateQueries({ queryKey: supportKeys.messages(id), exact: true });
    seen.current = { opened: true, dropped: false };
  }, [connection, id, queryClient]);

  return query;
}

/** How long a typing frame counts: the sender repeats it while typing. */
const TYPING_SHOWN_MS = 6000;

/** Who else is typing in this conversation (agents other than `myStaffId`, and the customer). */
export function useTyping(conversationId: string | null, myStaffId: string) {
  const [typing, setTyping] = useState<Map<string, { name: string | null; kind: string; until: number }>>(
    () => new Map(),
  );
  useEffect(() => {
    setTyping(new Map());
    if (!conversationId) return;
    const unsubscribe = liveBus.subscribe((message) => {
      const push = readConversationPush(message.topic, message.data);
      if (!push || push.conversationId !== conversationId || push.kind !== 'typing' || !push.by) return;
      const by = push.by;
      if (by.staffId === myStaffId) return;
      const who = by.staffId ?? `customer:${by.name ?? ''}`;
      setTyping((current) => {
        const next = new Map(current);
        if (push.typing === false) next.delete(who);
        else next.set(who, { name: by.name, kind: by.kind, until: Date.now() + TYPING_SHOWN_MS });
        return next;
      });
    });
    const sweep = setInterval(
      () =>
        setTyping((current) => {
          const now = Date.now();
          if (![...current.values()].some((v) => v.until <= now)) return current;
          return new Map([...current].filter(([, v]) => v.until > now));
        }),
      1000,
    );
    return () => {
      unsubscribe();
      clearInterval(sweep);
    };
  }, [conversationId, myStaffId]);
  return [...typing.values()];
}

/**
 * Lists and the open conversation refresh on live conversation pushes (a new message moves a row to
 * the top, changes its preview and SLA timer), at most once a second for the lists.
 */
export function useSupportLive() {
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ids = new Set<string>();
    const flush = () => {
      timer = undefined;
      void queryClient.invalidateQueries({ queryKey: supportKeys.lists });
      for (const id of ids)
        void queryClient.invalidateQueries({ queryKey: supportKeys.conversation(id), exact: true });
      ids.clear();
    };
    const unsubscribe = liveBus.subscribe((message) => {
      const push = readConversationPush(message.topic, message.data);
      if (!push || push.kind === 'typing') return;
      ids.add(push.conversationId);
      timer ??= setTimeout(flush, 1000);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [queryClient]);
}

// ---- Mutations.

/** Sends a reply or a note; the clientMessageId makes a retried send idempotent on the server. */
export function usePostMessage(
  conversationId: string,
  callbacks?: MutationCallbacks<
    MessageView,
    Omit<NewMessage, 'clientMessageId'> & { clientMessageId?: string }
  >,
) {
  return useApiMutation(
    (input: Omit<NewMessage, 'clientMessageId'> & { clientMessageId?: string }) =>
      supportApi.postMessage(conversationId, {
        ...input,
        clientMessageId: input.clientMessageId ?? newIdempotencyKey(),
      }),
    callbacks,
    invalidate(
      supportKeys.messages(conversationId),
      supportKeys.conversation(conversationId),
      supportKeys.lists,
    ),
  );
}

const afterChange = (id: string) =>
  invalidate(supportKeys.conversation(id), supportKeys.lists, supportKeys.agents);

export function usePatchConversation(
  id: string,
  callbacks?: MutationCallbacks<ConversationDetail, ConversationPatch>,
) {
  return useApiMutation(
    (patch: ConversationPatch) => supportApi.patch(id, patch),
    callbacks,
    afterChange(id),
  );
}

export function useAssignConversation(
  id: string,
  callbacks?: MutationCallbacks<ConversationDetail, { assigneeId: string | null; teamId?: string | null }>,
) {
  return useApiMutation(
    ({ assigneeId, teamId }: { assigneeId: string | null; teamId?: string | null }) =>
      supportApi.assign(id, assigneeId, teamId),
    callbacks,
    afterChange(id),
  );
}

/** Link a client (`clientId`), unlink (null), or create a lead from the contact ('new'). */
export function useLinkClient(id: string, callbacks?: MutationCallbacks<ConversationDetail, string | null>) {
  return useApiMutation(
    (clientId: string | null) =>
      clientId === null
        ? supportApi.unlink(id)
        : clientId === 'new'
          ? supportApi.createClient(id)
          : supportApi.link(id, clientId),
    callbacks,
    afterChange(id),
  );
}

export function useMergeConversation(id: string, callbacks?: MutationCallbacks<ConversationDetail, string>) {
  return useApiMutation(
    (intoId: string) => supportApi.merge(id, intoId),
    callbacks,
    invalidate(supportKeys.all),
  );
}

export function useConvertConversation(id: string, callbacks?: MutationCallbacks<ConversationDetail, void>) {
  return useApiMutation(() => supportApi.convert(id), callbacks, afterChange(id));
}

export function useRenderCanned(
  conversationId: string,
  callbacks?: MutationCallbacks<{ body: string }, string>,
) {
  return useApiMutation((cannedId: string) => supportApi.renderCanned(cannedId, conversationId), callbacks);
}

export function useSetMyStatus(callbacks?: MutationCallbacks<AgentView, AgentStatus>) {
  return useApiMutation(supportApi.setMyStatus, callbacks, invalidate(supportKeys.agents));
}
