import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Number formatting for trading figures in the UI language: money in the account's currency,
 * percentages and the time of day. Formatters are cached per currency (Intl objects are costly).
 */
export function useTradingFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;

  return useMemo(() => {
    const byCurrency = new Map<string, Intl.NumberFormat>();
    const moneyFormat = (currency: string) => {
      let format = byCurrency.get(currency);
      if (!format) {
        try {
          format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 });
        } catch {
          // An unknown currency code from a gateway: plain number, the code is shown beside it.
          format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
        }
        byCurrency.set(currency, format);
      }
      return format;
    };
    const signed = new Map<string, Intl.NumberFormat>();
    const signedFormat = (currency: string) => {
      let format = signed.get(currency);
      if (!format) {
        try {
          format = new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            maximumFractionDigits: 2,
            signDisplay: 'exceptZero',
          });
        } catch {
          format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
        }
        signed.set(currency, format);
      }
      return format;
    };
    const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const dayTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });

    return {
      money: (amount: number, currency: string) => moneyFormat(currency).format(amount),
      /** With an explicit + or −, for profit and loss. */
      signedMoney: (amount: number, currency: string) => signedFormat(currency).format(amount),
      number: (value: number) => plain.format(value),
      /** `150` → "150 %" (margin level is already a percentage). */
      percent: (value: number) => `${percent.format(value)} %`,
      /** "14:02" today, a short date and time otherwise. */
      clock: (iso: string) => {
        const date = new Date(iso);
        if (Number.isNaN(date.getTime())) return '';
        const today = new Date().toDateString() === date.toDateString();
        return today ? time.format(date) : dayTime.format(date);
      },
    };
  }, [locale]);
}

/** Margin level colour: red in margin-call territory, orange when getting close, teal when healthy. */
export function marginLevelColor(level: number | null): string | undefined {
  if (level === null) return undefined;
  if (level < 100) return 'red';
  if (level < 200) return 'orange';
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
