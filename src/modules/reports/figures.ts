import type { DrillMetric, ReportFigure } from '../../shared/contracts/reports.js';
import {
  previousRange,
  type DayRange,
  type ReportFilters,
  type ReportScope,
  type Slice,
  type FilterSet,
} from './scope.js';

/** What a dashboard query is asked: the range, the filters, the viewer's scope, and a comparison. */
export interface ReportAsk {
  range: DayRange;
  filters: ReportFilters;
  scope: ReportScope;
  compare: boolean;
}

export const sliceOf = (ask: ReportAsk, set: FilterSet, range = ask.range): Slice => ({
  scope: ask.scope,
  range,
  filters: ask.filters,
  set,
});

export const periodOf = (ask: ReportAsk, asOf: Date | null) => {
  const prev = ask.compare ? previousRange(ask.range) : null;
  return {
    from: ask.range.from,
    to: ask.range.to,
    previousFrom: prev?.from ?? null,
    previousTo: prev?.to ?? null,
    rollupsAsOf: asOf?.toISOString() ?? null,
  };
};

export function figure(
  key: string,
  unit: ReportFigure['unit'],
  value: number | null,
  previous: number | null,
  drill: DrillMetric | null,
): ReportFigure {
  return { key, unit, value, previous, drill };
}

/**
 * Runs `compute` for the range and, when asked, for the previous one; `pick` turns each result into
 * figures, zipped so every figure carries its previous value.
 */
export async function withPrevious<T>(
  ask: ReportAsk,
  compute: (range: DayRange) => Promise<T>,
): Promise<{ now: T; before: T | null }> {
  const now = await compute(ask.range);
  const before = ask.compare ? await compute(previousRange(ask.range)) : null;
  return { now, before };
}

export function zipFigures(now: ReportFigure[], before: ReportFigure[] | null): ReportFigure[] {
  return now.map((f, i) => ({ ...f, previous: before?.[i]?.value ?? null }));
}
