import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';

export type FigureUnit = 'count' | 'money' | 'ms' | 'ratio' | 'score';

/** How a report's numbers read: counts, money (minor units of the base currency), durations, shares. */
export function useReportFormat() {
  const { t } = useTranslation();
  const { number, percent } = useFormatters();
  const duration = (ms: number) => {
    const s = Math.round(ms / 1000);
    if (s < 60) return t('reports.units.seconds', { count: s });
    const m = Math.round(s / 60);
    if (m < 60) return t('reports.units.minutes', { count: m });
    const h = Math.floor(m / 60);
    if (h < 48) return t('reports.units.hoursMinutes', { hours: h, minutes: m % 60 });
    return t('reports.units.days', { count: Math.round(h / 24) });
  };
  const value = (unit: FigureUnit, v: number | null | undefined): string => {
    if (v === null || v === undefined || !Number.isFinite(v)) return '—';
    switch (unit) {
      case 'money':
        return number(v / 100, 0, 0) ?? '—';
      case 'ms':
        return duration(v);
      case 'ratio':
        return percent(v * 100) ?? '—';
      case 'score':
        return number(v, 0, 2) ?? '—';
      default:
        return number(v, 0, 0) ?? '—';
    }
  };
  /** The change against the previous period, as a signed share (null when there is nothing to compare). */
  const change = (v: number | null | undefined, previous: number | null | undefined): number | null => {
    if (v === null || v === undefined || previous === null || previous === undefined || previous === 0)
      return null;
    return (v - previous) / Math.abs(previous);
  };
  return { value, duration, change, percent: (share: number) => percent(share * 100) ?? '—' };
}
