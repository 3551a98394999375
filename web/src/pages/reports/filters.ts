import { createContext, useCallback, useContext, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { DrillMetric } from '../../../../src/shared/contracts/reports';
import type { ReportFilters } from '../../api/reports';

const DAY_MS = 86_400_000;
export const isoDay = (t: number | Date) => new Date(t).toISOString().slice(0, 10);

/** Period presets of the picker: the last N days up to today (UTC days, both included). */
export const PRESETS = [
  { key: '7d', days: 7 },
  { key: '30d', days: 30 },
  { key: '90d', days: 90 },
  { key: '365d', days: 365 },
] as const;

export const presetRange = (days: number, today = Date.now()) => ({
  from: isoDay(today - (days - 1) * DAY_MS),
  to: isoDay(today),
});

const FILTER_KEYS = ['teamId', 'staffId', 'channel', 'language', 'country'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dashboards' filters live in the URL (`?from&to&compare&teamId…`), so a view is linkable (the
 * digest mail links to its period) and survives a reload; the default is the last 30 days compared with
 * the 30 before.
 */
export function useReportFilters(): [ReportFilters, (patch: Partial<ReportFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<ReportFilters>(() => {
    const fallback = presetRange(30);
    const from = params.get('from');
    const to = params.get('to');
    const f: ReportFilters = {
      from: from && DAY.test(from) ? from : fallback.from,
      to: to && DAY.test(to) ? to : fallback.to,
      compare: params.get('compare') === 'none' ? 'none' : 'previous',
    };
    if (f.from > f.to) [f.from, f.to] = [f.to, f.from];
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const update = useCallback(
    (patch: Partial<ReportFilters>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, update];
}

/** What the dashboards share: the filters, and opening the records behind a number. */
export interface ReportsContextValue {
  filters: ReportFilters;
  /** `extra`: filters of this number only (a manager's row: their staffId). */
  drill: (metric: DrillMetric, key?: string | null, label?: string, extra?: Partial<ReportFilters>) => void;
}

export const ReportsContext = createContext<ReportsContextValue | null>(null);

export function useReports(): ReportsContextValue {
  const value = useContext(ReportsContext);
  if (!value) throw new Error('useReports outside ReportsLayout');
  return value;
}
