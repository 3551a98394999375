import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Locale-aware formatters built on Intl, so dates, numbers, money and language names follow
 * the UI language without shipping extra dictionaries.
 */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = i18n.language;

  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const dateTimeSeconds = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
    const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    let languageNames: Intl.DisplayNames | null = null;
    let regionNames: Intl.DisplayNames | null = null;
    try {
      languageNames = new Intl.DisplayNames([locale], { type: 'language' });
      regionNames = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      languageNames = null;
    }
    // DisplayNames throws on malformed codes (free text typed by a user); show the code instead.
    const nameOf = (names: Intl.DisplayNames | null, code: string) => {
      try {
        return names?.of(code) ?? code;
      } catch {
        return code;
      }
    };

    const parse = (value: string | null | undefined): Date | null => {
      if (!value) return null;
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? null : date;
    };

    // Money formatters are cached per currency; an unknown code (free text from a platform)
    // falls back to plain digits.
    const moneyFormats = new Map<string, Intl.NumberFormat>();
    const moneyFormat = (currency: string) => {
      let format = moneyFormats.get(currency);
      if (!format) {
        try {
          format = new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            currencyDisplay: 'narrowSymbol',
          });
        } catch {
          format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        }
        moneyFormats.set(currency, format);
      }
      return format;
    };
    const numberFormats = new Map<string, Intl.NumberFormat>();
    const numberFormat = (min: number, max: number) => {
      const key = `${min}:${max}`;
      let format = numberFormats.get(key);
      if (!format) {
        format = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max });
        numberFormats.set(key, format);
      }
      return format;
    };
    const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const finite = (value: number | null | undefined): value is number =>
      typeof value === 'number' && Number.isFinite(value);

    return {
      /** An amount in a currency, e.g. "$1,234.50"; null/undefined → null. */
      money: (value: number | null | undefined, currency: string) =>
        finite(value) ? moneyFormat(currency).format(value) : null,
      /** Like `money`, with an explicit "+" on gains (P&L columns). */
      signedMoney: (value: number | null | undefined, currency: string) =>
        finite(value) ? (value > 0 ? '+' : '') + moneyFormat(currency).format(value) : null,
      /** A plain number with between `min` and `max` decimals (volumes, prices). */
      number: (value: number | null | undefined, min = 0, max = 2) =>
        finite(value) ? numberFormat(min, max).format(value) : null,
      /** A percentage given in percent (150 → "150%"). */
      percent: (value: number | null | undefined) =>
        finite(value) ? percentFormat.format(value / 100) : null,
      dateTime: (value: string | null | undefined) => {
        const date = parse(value);
        return date ? dateTime.format(date) : null;
      },
      dateTimeSeconds: (value: string | null | undefined) => {
        const date = parse(value);
        return date ? dateTimeSeconds.format(date) : null;
      },
      relative: (value: string | null | undefined) => {
        const date = parse(value);
        if (!date) return null;
        const seconds = Math.round((date.getTime() - Date.now()) / 1000);
        const abs = Math.abs(seconds);
        if (abs < 60) return relative.format(seconds, 'second');
        if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
        if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
        return relative.format(Math.round(seconds / 86400), 'day');
      },
      languageName: (code: string) => nameOf(languageNames, code),
      countryName: (code: string) => nameOf(regionNames, code.toUpperCase()),
      /** Calendar date only, e.g. for list columns. */
      date: (value: string | null | undefined) => {
        const date = parse(value);
        return date ? dateOnly.format(date) : null;
      },
    };
  }, [locale]);
}
