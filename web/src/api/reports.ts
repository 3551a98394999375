import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { buildUrl, http } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import type {
  DrillMetric,
  DrillPage,
  ReportDashboard,
  RetentionReport,
  SalesReport,
  SupportReport,
  Wallboard,
} from '../../../src/shared/contracts/reports';
import type { DigestRun, DigestSettings } from '../../../src/shared/contracts/reports-digest';

/**
 * Every reports query lives under this domain. The dashboards are read from rollups and refetched when
 * the page is opened or the filters change; the wallboard (its own key) refetches on every support event
 * (realtime/invalidation.ts) and every 15 s for viewers who do not receive support events.
 */
export const REPORTS = ['reports'] as const;
export const WALLBOARD_KEY = ['reports', 'wallboard'] as const;

/** The filters every dashboard, drill-down and export takes (src/modules/reports/contracts.ts). */
export interface ReportFilters {
  from: string;
  to: string;
  compare: 'previous' | 'none';
  teamId?: string;
  staffId?: string;
  channel?: string;
  language?: string;
  country?: string;
}

type Query = Record<string, string | number | undefined>;
const q = (f: ReportFilters): Query => ({ ...f });

export const reportsApi = {
  sales: (f: ReportFilters) => http.get<SalesReport>('/api/reports/sales', { query: q(f) }),
  support: (f: ReportFilters) => http.get<SupportReport>('/api/reports/support', { query: q(f) }),
  retention: (f: ReportFilters) => http.get<RetentionReport>('/api/reports/retention', { query: q(f) }),
  drill: (metric: DrillMetric, f: ReportFilters, key: string | null, page: number, pageSize: number) =>
    http.get<DrillPage>(`/api/reports/drill/${metric}`, {
      query: { ...q(f), compare: undefined, key: key ?? undefined, page, pageSize },
    }),
  wallboard: () => http.get<Wallboard>('/api/reports/wallboard'),
  digest: () => http.get<DigestSettings>('/api/reports/digest-settings'),
  saveDigest: (input: Pick<DigestSettings, 'roles' | 'hourUtc' | 'weekday'>) =>
    http.put<DigestSettings>('/api/reports/digest-settings', input),
  sendDigest: (period: 'daily' | 'weekly') => http.post<DigestRun>('/api/reports/digest/send', { period }),
};

/** A plain link, so the browser downloads the file (with the session cookie). */
export const dashboardExportUrl = (dashboard: ReportDashboard, f: ReportFilters) =>
  buildUrl(`/api/reports/${dashboard}/export.csv`, q(f));
export const drillExportUrl = (metric: DrillMetric, f: ReportFilters, key: string | null) =>
  buildUrl(`/api/reports/drill/${metric}/export.csv`, { ...q(f), compare: undefined, key: key ?? undefined });

const dashboard =
  <T>(name: ReportDashboard, fetcher: (f: ReportFilters) => Promise<T>) =>
  (f: ReportFilters) =>
    useQuery({
      queryKey: [...REPORTS, name, f],
      queryFn: () => fetcher(f),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    });

export const useSalesReport = dashboard('sales', reportsApi.sales);
export const useSupportReport = dashboard('support', reportsApi.support);
export const useRetentionReport = dashboard('retention', reportsApi.retention);

export function useDrill(
  metric: DrillMetric | null,
  f: ReportFilters,
  key: string | null,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: [...REPORTS, 'drill', metric, f, key, page, pageSize],
    queryFn: () => reportsApi.drill(metric!, f, key, page, pageSize),
    enabled: metric !== null,
    placeholderData: keepPreviousData,
  });
}

export const useWallboard = () =>
  useQuery({ queryKey: WALLBOARD_KEY, queryFn: reportsApi.wallboard, refetchInterval: 15_000 });

export const useDigestSettings = () =>
  useQuery({ queryKey: [...REPORTS, 'digest'], queryFn: reportsApi.digest });
export const useSaveDigest = (
  callbacks: MutationCallbacks<DigestSettings, Pick<DigestSettings, 'roles' | 'hourUtc' | 'weekday'>> = {},
) => useApiMutation(reportsApi.saveDigest, callbacks, invalidate([...REPORTS, 'digest']));
export const useSendDigest = (callbacks: MutationCallbacks<DigestRun, 'daily' | 'weekly'> = {}) =>
  useApiMutation(reportsApi.sendDigest, callbacks, invalidate([...REPORTS, 'digest']));
