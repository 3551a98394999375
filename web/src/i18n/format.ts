import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

// The one date and time style of the app: every screen (lists, the card, trade history, the audit log,
// charts, pickers) shows a moment as "5 Jan 2026, 14:30" in the UI language, seconds where they matter.
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'short' };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, ...TIME };
const DATE_TIME_SECONDS: Intl.DateTimeFormatOptions = { ...DATE, timeStyle: 'medium' };

/** An ISO timestamp from the API, or epoch milliseconds (charts). */
type Moment = string | number | null | undefined;

/** Chart axis labels by the span shown: time of day, weekday and time, or the date. */
export type AxisSpan = 'hours' | 'week' | 'days';

/** A dayjs pattern for Mantine's date-time picker that writes a moment the way `dateTime` does. */
function pickerPattern(locale: string): string {
  const tokens: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {
    day: 'D',
    month: 'MMM',
    year: 'YYYY',
    hour: 'HH',
    minute: 'mm',
    dayPeriod: 'A',
  };
  const sample = new Date(2026, 0, 5, 14, 30);
  const parts = new Intl.DateTimeFormat(locale, DATE_TIME).formatToParts(sample);
  const twelveHour = parts.some((p) => p.type === 'dayPeriod');
  return parts
    .map((p) =>
      p.type === 'literal'
        ? // V8's format() writes a plain space where formatToParts() keeps the narrow no-break one.
          `[${p.value.replace(/\u202f/g, ' ')}]`
        : p.type === 'hour' && twelveHour
          ? 'h'
          : (tokens[p.type] ?? `[${p.value}]`),
    )
    .join('');
}

/** Mantine's pickers hand over local "YYYY-MM-DD[ HH:mm:ss]" strings: read them as local time, not UTC. */
function localDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/**
 * Locale-aware formatters built on Intl, so dates, numbers, money and language names follow
 * the UI language without shipping extra dictionaries.
 */
export function createFormatters(locale: string) {
  const dateTime = new Intl.DateTimeFormat(locale, DATE_TIME);
  const dateTimeSeconds = new Intl.DateTimeFormat(locale, DATE_TIME_SECONDS);
  const dateOnly = new Intl.DateTimeFormat(locale, DATE);
  const timeOnly = new Intl.DateTimeFormat(locale, TIME);
  const axis: Record<AxisSpan, Intl.DateTimeFormat> = {
    hours: timeOnly,
    week: new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
    days: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }),
  };
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

  const parse = (value: Moment): Date | null => {
    if (value === null || value === undefined || value === '') return null;
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
    percent: (value: number | null | undefined) => (finite(value) ? percentFormat.format(value / 100) : null),
    /** A moment: "5 Jan 2026, 14:30". */
    dateTime: (value: Moment) => {
      const date = parse(value);
      return date ? dateTime.format(date) : null;
    },
    /** The same with seconds, where order within a minute matters (deals, balance operations, audit). */
    dateTimeSeconds: (value: Moment) => {
      const date = parse(value);
      return date ? dateTimeSeconds.format(date) : null;
    },
    /** The time of day alone today, the full `dateTime` on any other day ("online since"). */
    clock: (value: Moment) => {
      const date = parse(value);
      if (!date) return null;
      const today = new Date().toDateString() === date.toDateString();
      return today ? timeOnly.format(date) : dateTime.format(date);
    },
    /** A chart axis tick for a timestamp in milliseconds. */
    axisTime: (ms: number, span: AxisSpan) => (Number.isFinite(ms) ? axis[span].format(new Date(ms)) : ''),
    /** For Mantine's DatePickerInput `valueFormatter`: the picked day(s) as `date` writes them. */
    pickedDates: ({ date, labelSeparator }: { date: unknown; labelSeparator: string }) =>
      (Array.isArray(date) ? date : [date])
        .map((d) => (typeof d === 'string' ? localDate(d) : null))
        .filter((d): d is Date => d !== null)
        .map((d) => dateOnly.format(d))
        .join(` ${labelSeparator} `),
    /** For Mantine's DateTimePicker `valueFormat` (a dayjs pattern matching `dateTime`). */
    pickerDateTimeFormat: pickerPattern(locale),
    relative: (value: Moment) => {
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
    date: (value: Moment) => {
      const date = parse(value);
      return date ? dateOnly.format(date) : null;
    },
  };
}

export type Formatters = ReturnType<typeof createFormatters>;

/** The formatters for the current UI language. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => createFormatters(i18n.language), [i18n.language]);
}
