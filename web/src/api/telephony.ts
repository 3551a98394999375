import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, isApiError } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import type { CallList, CallView, CurrentCallAnswer } from '../../../src/shared/contracts/telephony';
import type { CallDisposition } from '../../../src/shared/telephony';
import type { SimCallView, SimPbxStatus } from '../../../src/shared/contracts/telephony-sim';

export type { CallView } from '../../../src/shared/contracts/telephony';
export type { SimPbxStatus } from '../../../src/shared/contracts/telephony-sim';

const enc = encodeURIComponent;

export interface OriginateInput {
  clientId?: string;
  number?: string;
  conversationId?: string;
}

export interface RecordingLink {
  url: string;
  expiresAt: string;
}

/**
 * Every telephony query lives under ['calls', …]: the call events (call.*) refresh that domain
 * (realtime/invalidation.ts), so the live call bar, the card's calls and the screen pop follow the
 * phone system without a reload.
 */
export const callKeys = {
  all: ['calls'] as const,
  current: ['calls', 'current'] as const,
  one: (id: string) => ['calls', 'one', id] as const,
  ofClient: (clientId: string, page: number, pageSize: number) =>
    ['calls', 'client', clientId, page, pageSize] as const,
  sim: ['calls', 'sim'] as const,
};

/** Plain fetchers for the staff telephony endpoints (the hooks below wrap them). */
export const telephonyApi = {
  originate: (input: OriginateInput) => http.post<CallView>('/api/calls', input),
  hangup: (callId: string) => http.post<CallView>(`/api/calls/${enc(callId)}/hangup`),
  disposition: (callId: string, input: { disposition: CallDisposition; note?: string }) =>
    http.post<CallView>(`/api/calls/${enc(callId)}/disposition`, input),
  current: (signal?: AbortSignal) => http.get<CurrentCallAnswer>('/api/calls/current', { signal }),
  one: (callId: string, signal?: AbortSignal) => http.get<CallView>(`/api/calls/${enc(callId)}`, { signal }),
  ofClient: (clientId: string, page: number, pageSize: number, signal?: AbortSignal) =>
    http.get<CallList>(`/api/clients/${enc(clientId)}/calls`, { query: { page, pageSize }, signal }),
  /** A short-lived signed link to the recording's audio (every listen is audited). */
  recordingLink: (callId: string, purpose: 'listen' | 'download') =>
    http.post<RecordingLink>(`/api/calls/${enc(callId)}/recording-link`, { purpose }),

  // The built-in simulated PBX (404 when the app runs on a real phone system).
  simStatus: (signal?: AbortSignal) => http.get<SimPbxStatus>('/api/sim/pbx', { signal }),
  simInbound: (from: string) => http.post<SimCallView>('/api/sim/pbx/inbound', { from }),
  simAnswer: () => http.post<SimCallView>('/api/sim/pbx/answer'),
};

/** The staff member's live call (null when none): the call bar's source, also after a reload. */
export function useCurrentCall(enabled = true) {
  return useQuery({
    queryKey: callKeys.current,
    queryFn: ({ signal }) => telephonyApi.current(signal),
    select: (answer) => answer.call,
    enabled,
    // Events refresh it; a slow poll covers a socket that is reconnecting during a call.
    refetchInterval: (query) => (query.state.data?.call ? 5_000 : false),
  });
}

export function useCall(callId: string | null) {
  return useQuery({
    queryKey: callKeys.one(callId ?? ''),
    queryFn: ({ signal }) => telephonyApi.one(callId ?? '', signal),
    enabled: !!callId,
  });
}

export function useClientCalls(clientId: string, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: callKeys.ofClient(clientId, page, pageSize),
    queryFn: ({ signal }) => telephonyApi.ofClient(clientId, page, pageSize, signal),
    enabled: enabled && clientId !== '',
    placeholderData: keepPreviousData,
  });
}

/** The simulator's control panel data; `data` stays undefined (no error shown) on a real phone system. */
export function useSimPbx(enabled = true) {
  return useQuery({
    queryKey: callKeys.sim,
    queryFn: async ({ signal }) => {
      try {
        return await telephonyApi.simStatus(signal);
      } catch (error) {
        if (isApiError(error) && (error.status === 404 || error.status === 403)) return null;
        throw error;
      }
    },
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}

const refreshCalls = invalidate(callKeys.all);

export function useOriginate(callbacks?: MutationCallbacks<CallView, OriginateInput>) {
  return useApiMutation(telephonyApi.originate, callbacks, (queryClient, call) => {
    queryClient.setQueryData(callKeys.current, { call });
    refreshCalls(queryClient);
  });
}

export function useHangup(callbacks?: MutationCallbacks<CallView, string>) {
  return useApiMutation(telephonyApi.hangup, callbacks, refreshCalls);
}

export function useSetDisposition(
  callbacks?: MutationCallbacks<CallView, { callId: string; disposition: CallDisposition; note?: string }>,
) {
  return useApiMutation(
    ({ callId, ...input }: { callId: string; disposition: CallDisposition; note?: string }) =>
      telephonyApi.disposition(callId, input),
    callbacks,
    refreshCalls,
  );
}

export function useSimInbound(callbacks?: MutationCallbacks<SimCallView, string>) {
  return useApiMutation(telephonyApi.simInbound, callbacks, refreshCalls);
}

export function useSimAnswer(callbacks?: MutationCallbacks<SimCallView, void>) {
  return useApiMutation(() => telephonyApi.simAnswer(), callbacks, refreshCalls);
}
