// The report digest in the staff member's workspace language (their profile's locale): the same four
// languages as the workspace. Figures are formatted the way the dashboards show them in that locale.
import type { ReportFigure } from '../../shared/contracts/reports.js';
import { REPORT_FIGURE_LABELS } from '../../shared/report-figure-labels.js';

export const DIGEST_LOCALES = ['en', 'ru', 'id', 'ar'] as const;
export type DigestLocale = (typeof DIGEST_LOCALES)[number];
export const digestLocale = (l: string | null | undefined): DigestLocale =>
  (DIGEST_LOCALES as readonly string[]).includes(l ?? '') ? (l as DigestLocale) : 'en';

type Dashboard = 'sales' | 'support' | 'retention';

interface DigestTexts {
  subject: Record<'daily' | 'weekly', string>;
  hello: string;
  intro: string;
  open: string;
  footer: string;
  titles: Record<Dashboard, string>;
  units: { s: string; min: string; h: string };
}

export const DIGEST_TEXTS: Record<DigestLocale, DigestTexts> = {
  en: {
    subject: { daily: 'Daily report digest, {span}', weekly: 'Weekly report digest, {span}' },
    hello: 'Hello {name},',
    intro:
      'Figures are those you see on the dashboards (your record scope), with the previous period in brackets.',
    open: 'Open the dashboard',
    footer: 'Admins choose who receives this digest and how often under Admin → Report digest.',
    titles: { sales: 'Sales', support: 'Support', retention: 'Retention' },
    units: { s: 's', min: 'min', h: 'h' },
  },
  ru: {
    subject: { daily: 'Ежедневная сводка отчётов, {span}', weekly: 'Еженедельная сводка отчётов, {span}' },
    hello: 'Здравствуйте, {name}!',
    intro: 'Цифры те же, что на дашбордах (в пределах ваших записей); в скобках — предыдущий период.',
    open: 'Открыть дашборд',
    footer:
      'Кто и как часто получает сводку, настраивают администраторы: Администрирование → Сводка отчётов.',
    titles: { sales: 'Продажи', support: 'Поддержка', retention: 'Удержание' },
    units: { s: 'с', min: 'мин', h: 'ч' },
  },
  id: {
    subject: { daily: 'Ringkasan laporan harian, {span}', weekly: 'Ringkasan laporan mingguan, {span}' },
    hello: 'Halo {name},',
    intro:
      'Angka sama dengan yang Anda lihat di dasbor (cakupan catatan Anda); periode sebelumnya dalam kurung.',
    open: 'Buka dasbor',
    footer:
      'Admin memilih siapa yang menerima ringkasan ini dan seberapa sering di Admin → Ringkasan laporan.',
    titles: { sales: 'Penjualan', support: 'Dukungan', retention: 'Retensi' },
    units: { s: 'dtk', min: 'mnt', h: 'j' },
  },
  ar: {
    subject: { daily: 'ملخص التقارير اليومي، {span}', weekly: 'ملخص التقارير الأسبوعي، {span}' },
    hello: 'مرحبًا {name}،',
    intro: 'الأرقام هي نفسها التي تراها في لوحات المعلومات (ضمن نطاق سجلاتك)، والفترة السابقة بين قوسين.',
    open: 'افتح لوحة المعلومات',
    footer: 'يختار المسؤولون من يتلقى هذا الملخص وكم مرة من الإدارة ← ملخص التقارير.',
    titles: { sales: 'المبيعات', support: 'الدعم', retention: 'الاحتفاظ' },
    units: { s: 'ث', min: 'د', h: 'س' },
  },
};

/** The figure's label in the locale (the dashboards' own, src/shared/report-figure-labels.ts). */
export const figureLabel = (key: string, locale: DigestLocale): string =>
  (REPORT_FIGURE_LABELS[locale] as Record<string, string>)[key] ?? key;

export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** A figure as the mail prints it: money in major units, durations in s/min/h, shares in %. */
export function formatFigure(
  unit: ReportFigure['unit'],
  v: number | null,
  locale: DigestLocale = 'en',
): string {
  if (v === null) return '—';
  const u = DIGEST_TEXTS[locale].units;
  const num = (x: number, digits: number) =>
    x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (unit) {
    case 'money':
      return num(v / 100, 2);
    case 'ms':
      return v < 60_000
        ? `${num(Math.round(v / 1000), 0)} ${u.s}`
        : v < 3_600_000
          ? `${num(Math.round(v / 60_000), 0)} ${u.min}`
          : `${num(v / 3_600_000, 1)} ${u.h}`;
    case 'ratio':
      return `${num(v * 100, 1)} %`;
    case 'score':
      return num(v, 2);
    default:
      return num(v, 0);
  }
}
