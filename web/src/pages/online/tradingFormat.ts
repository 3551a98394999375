import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';

/**
 * Trading figures in the UI language: the shared money, number and percent formatters (one format
 * for margin level everywhere), plus the time of day for "online since".
 */
export function useTradingFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const f = useFormatters();

  return useMemo(() => {
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const dayTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
    return {
      money: (amount: number, currency: string) => f.money(amount, currency) ?? '',
      /** With an explicit + on gains, for profit and loss. */
      signedMoney: (amount: number, currency: string) => f.signedMoney(amount, currency) ?? '',
      number: (value: number) => f.number(value) ?? '',
      /** `150` → "150%" (margin level is already a percentage). */
      percent: (value: number) => f.percent(value) ?? '',
      /** "14:02" today, a short date and time otherwise. */
      clock: (iso: string) => {
        const date = new Date(iso);
        if (Number.isNaN(date.getTime())) return '';
        const today = new Date().toDateString() === date.toDateString();
        return today ? time.format(date) : dayTime.format(date);
      },
    };
  }, [locale, f]);
}

/**
 * Margin level colour, the same on every screen: red at or under the usual margin-call level (100 %),
 * orange when getting close (150 %), teal when healthy; no positions (null) is not a risk.
 */
export function marginLevelColor(level: number | null): string | undefined {
  if (level === null) return undefined;
  if (level <= 100) return 'red';
  if (level <= 150) return 'orange';
  return 'teal';
}

/** Re-renders the caller every `intervalMs`, so relative times ("5 minutes ago") keep ticking. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
