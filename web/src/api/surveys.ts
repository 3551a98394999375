import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import type {
  CampaignView,
  NpsCommentList,
  NpsResults,
  ProactiveSettingsView,
} from '../../../src/shared/contracts/surveys';

/** Every survey query lives under this domain; live events invalidate it (realtime/invalidation.ts). */
const SURVEYS = ['surveys'] as const;
export type NpsSegmentKey = NpsResults['by'];

export interface CampaignInput {
  name: string;
  question?: string | null;
  segment: { statuses?: string[]; countries?: string[]; languages?: string[]; managerIds?: string[] };
  channels: ('email' | 'cabinet')[];
}

export const surveysApi = {
  campaigns: () => http.get<{ items: CampaignView[] }>('/api/surveys/campaigns'),
  create: (input: CampaignInput) => http.post<CampaignView>('/api/surveys/campaigns', input),
  close: (id: string) => http.post<CampaignView>(`/api/surveys/campaigns/${encodeURIComponent(id)}/close`),
  results: (campaignId: string | null, by: NpsSegmentKey) =>
    http.get<NpsResults>('/api/surveys/results', { query: { by, ...(campaignId ? { campaignId } : {}) } }),
  comments: (campaignId: string | null) =>
    http.get<NpsCommentList>('/api/surveys/comments', { query: campaignId ? { campaignId } : {} }),
};

export const useCampaigns = () =>
  useQuery({ queryKey: [...SURVEYS, 'campaigns'], queryFn: surveysApi.campaigns });
export const useNpsResults = (campaignId: string | null, by: NpsSegmentKey) =>
  useQuery({
    queryKey: [...SURVEYS, 'results', campaignId, by],
    queryFn: () => surveysApi.results(campaignId, by),
  });
export const useNpsComments = (campaignId: string | null) =>
  useQuery({
    queryKey: [...SURVEYS, 'comments', campaignId],
    queryFn: () => surveysApi.comments(campaignId),
  });
export const useCloseCampaign = (callbacks: MutationCallbacks<CampaignView, string> = {}) =>
  useApiMutation(surveysApi.close, callbacks, invalidate(SURVEYS));
export const useCreateCampaign = (callbacks: MutationCallbacks<CampaignView, CampaignInput> = {}) =>
  useApiMutation(surveysApi.create, callbacks, invalidate(SURVEYS));

export type ProactiveSettingsInput = Omit<ProactiveSettingsView, 'defaults'>;

export const proactiveApi = {
  get: () => http.get<ProactiveSettingsView>('/api/surveys/proactive-settings'),
  put: (input: ProactiveSettingsInput) =>
    http.put<ProactiveSettingsView>('/api/surveys/proactive-settings', input),
};
export const useProactiveSettings = () =>
  useQuery({ queryKey: [...SURVEYS, 'proactive'], queryFn: proactiveApi.get });
export const useSaveProactiveSettings = (
  callbacks: MutationCallbacks<ProactiveSettingsView, ProactiveSettingsInput> = {},
) => useApiMutation(proactiveApi.put, callbacks, invalidate(SURVEYS));
