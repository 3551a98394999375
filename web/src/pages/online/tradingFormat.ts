import { useEffect, useMemo, useState } from 'react';
import { useFormatters } from '../../i18n/format';

/**
 * Trading figures in the UI language: the shared money, number, percent and time formatters (one
 * format for margin level everywhere).
 */
export function useTradingFormat() {
  const f = useFormatters();

  return useMemo(() => {
    return {
      money: (amount: number, currency: string) => f.money(amount, currency) ?? '',
      /** With an explicit + on gains, for profit and loss. */
      signedMoney: (amount: number, currency: string) => f.signedMoney(amount, currency) ?? '',
      number: (value: number) => f.number(value) ?? '',
      /** `150` → "150%" (margin level is already a percentage). */
      percent: (value: number) => f.percent(value) ?? '',
      /** "14:02" today, the app's date and time otherwise (the shared formatter). */
      clock: (iso: string) => f.clock(iso) ?? '',
    };
  }, [f]);
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
