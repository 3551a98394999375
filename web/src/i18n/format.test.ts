import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import { describe, expect, it } from 'vitest';
import { createFormatters } from './format';

const LOCALES = ['en', 'ru', 'id', 'ar'];
const AT = '2026-01-05T14:30:15.000Z';

// One date style everywhere: the trade history (deals and balance operations, with seconds), the lists,
// the card, "online since" and the pickers all write the same day the same way.
describe('shared date formatter', () => {
  it.each(LOCALES)('writes the day the same way with and without seconds (%s)', (locale) => {
    const f = createFormatters(locale);
    const day = f.date(AT)!;
    expect(f.dateTime(AT)).toContain(day);
    expect(f.dateTimeSeconds(AT)).toContain(day);
    // Seconds only where asked for.
    expect(f.dateTimeSeconds(AT)).not.toBe(f.dateTime(AT));
  });

  it.each(LOCALES)(
    'shows "online since" as a time today and as the full date and time before (%s)',
    (locale) => {
      const f = createFormatters(locale);
      const yesterday = new Date(Date.now() - 36 * 3600_000).toISOString();
      expect(f.clock(yesterday)).toBe(f.dateTime(yesterday));
      const now = new Date().toISOString();
      expect(f.dateTime(now)).toContain(f.clock(now));
    },
  );

  it('gives the date-time picker a pattern that writes what dateTime writes', () => {
    for (const locale of ['en', 'ru']) {
      const f = createFormatters(locale);
      const local = new Date(2026, 0, 5, 14, 30);
      expect(dayjs(local).locale(locale).format(f.pickerDateTimeFormat)).toBe(f.dateTime(local.getTime()));
    }
  });

  it('shows picked days (local "YYYY-MM-DD" strings) as the same calendar day', () => {
    const f = createFormatters('en');
    const separator = '–';
    expect(f.pickedDates({ date: '2026-01-05', labelSeparator: separator })).toBe(
      f.date(new Date(2026, 0, 5).getTime()),
    );
    expect(f.pickedDates({ date: ['2026-01-05', '2026-01-09'], labelSeparator: separator })).toBe(
      `${f.date(new Date(2026, 0, 5).getTime())} ${separator} ${f.date(new Date(2026, 0, 9).getTime())}`,
    );
    expect(f.pickedDates({ date: [null, null], labelSeparator: separator })).toBe('');
  });
});
