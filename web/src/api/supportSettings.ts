import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import { supportKeys } from './support';
import type {
  AgentView,
  CannedView,
  SlaPolicyView,
  TeamCalendarView,
} from '../../../src/shared/contracts/support';

// The desk's set-up (Support → Settings): canned responses, agents, SLA policies, team calendars.

const enc = encodeURIComponent;

/** A canned response as the settings form writes it; `body` may use {{client.name}}, {{client.account}}, {{agent.name}}. */
export interface CannedInput {
  title: string;
  shortcut: string;
  language: string;
  body: string;
  teamId: string | null;
}

/** An SLA policy as its form writes it (targets in minutes, null = not measured). */
export type SlaPolicyInput = Omit<SlaPolicyView, 'id' | 'updatedAt'>;

/** A team's support calendar as its form writes it. */
export type TeamCalendarInput = Omit<TeamCalendarView, 'teamId' | 'updatedAt'>;

/** An agent's routing set-up (admin). */
export interface AgentInput {
  teamIds: string[];
  languages: string[];
  capacity: number;
}

/** Plain fetchers for the support settings endpoints. */
export const supportSettingsApi = {
  createCanned: (input: CannedInput) => http.post<CannedView>('/api/support/canned', input),
  updateCanned: (id: string, input: Partial<CannedInput>) =>
    http.patch<CannedView>(`/api/support/canned/${enc(id)}`, input),
  deleteCanned: (id: string) => http.delete<void>(`/api/support/canned/${enc(id)}`),
  saveAgent: (staffId: string, input: AgentInput) =>
    http.put<AgentView>(`/api/support/agents/${enc(staffId)}`, input),
  slaPolicies: async (signal?: AbortSignal) =>
    (await http.get<{ items: SlaPolicyView[] }>('/api/support/sla-policies', { signal })).items,
  createSlaPolicy: (input: SlaPolicyInput) => http.post<SlaPolicyView>('/api/support/sla-policies', input),
  updateSlaPolicy: (id: string, input: Partial<SlaPolicyInput>) =>
    http.patch<SlaPolicyView>(`/api/support/sla-policies/${enc(id)}`, input),
  deleteSlaPolicy: (id: string) => http.delete<void>(`/api/support/sla-policies/${enc(id)}`),
  teamCalendar: (teamId: string, signal?: AbortSignal) =>
    http.get<TeamCalendarView>(`/api/support/teams/${enc(teamId)}/calendar`, { signal }),
  saveTeamCalendar: (teamId: string, input: TeamCalendarInput) =>
    http.put<TeamCalendarView>(`/api/support/teams/${enc(teamId)}/calendar`, input),
};

export function useSlaPolicies() {
  return useQuery({
    queryKey: supportKeys.slaPolicies,
    queryFn: ({ signal }) => supportSettingsApi.slaPolicies(signal),
  });
}

export function useTeamCalendar(teamId: string | null) {
  return useQuery({
    queryKey: supportKeys.teamCalendar(teamId ?? ''),
    queryFn: ({ signal }) => supportSettingsApi.teamCalendar(teamId ?? '', signal),
    enabled: !!teamId,
  });
}

export function useSaveCanned(
  callbacks?: MutationCallbacks<CannedView, { id: string | null; input: CannedInput }>,
) {
  return useApiMutation(
    ({ id, input }: { id: string | null; input: CannedInput }) =>
      id ? supportSettingsApi.updateCanned(id, input) : supportSettingsApi.createCanned(input),
    callbacks,
    invalidate(supportKeys.canned),
  );
}

export function useDeleteCanned(callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation(supportSettingsApi.deleteCanned, callbacks, invalidate(supportKeys.canned));
}

export function useSaveAgent(
  callbacks?: MutationCallbacks<AgentView, { staffId: string; input: AgentInput }>,
) {
  return useApiMutation(
    ({ staffId, input }: { staffId: string; input: AgentInput }) =>
      supportSettingsApi.saveAgent(staffId, input),
    callbacks,
    invalidate(supportKeys.agents),
  );
}

export function useSaveSlaPolicy(
  callbacks?: MutationCallbacks<SlaPolicyView, { id: string | null; input: SlaPolicyInput }>,
) {
  return useApiMutation(
    ({ id, input }: { id: string | null; input: SlaPolicyInput }) =>
      id ? supportSettingsApi.updateSlaPolicy(id, input) : supportSettingsApi.createSlaPolicy(input),
    callbacks,
    invalidate(supportKeys.slaPolicies),
  );
}

export function useDeleteSlaPolicy(callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation(supportSettingsApi.deleteSlaPolicy, callbacks, invalidate(supportKeys.slaPolicies));
}

export function useSaveTeamCalendar(
  callbacks?: MutationCallbacks<TeamCalendarView, { teamId: string; input: TeamCalendarInput }>,
) {
  return useApiMutation(
    ({ teamId, input }: { teamId: string; input: TeamCalendarInput }) =>
      supportSettingsApi.saveTeamCalendar(teamId, input),
    callbacks,
    (queryClient, _data, vars) =>
      void queryClient.invalidateQueries({ queryKey: supportKeys.teamCalendar(vars.teamId) }),
  );
}
