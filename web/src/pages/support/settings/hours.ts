/**
 * Weekly business hours as a person types them: "09:00-13:00, 14:00-18:00" per weekday, stored by the
 * server as [start, end) minutes of the day ("24:00" is the end of the day).
 */

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

export function formatRanges(ranges: readonly (readonly [number, number])[] | undefined): string {
  return (ranges ?? []).map(([s, e]) => `${clock(s)}-${clock(e)}`).join(', ');
}

const TIME = /^(\d{1,2}):(\d{2})$/;

function minutesOf(text: string): number | null {
  const match = TIME.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (m > 59 || h > 24 || (h === 24 && m > 0)) return null;
  return h * 60 + m;
}

/** The ranges typed, sorted; null when one is not "HH:MM-HH:MM" with the start before the end, or they overlap. */
export function parseRanges(text: string): [number, number][] | null {
  if (text.trim() === '') return [];
  const ranges: [number, number][] = [];
  for (const part of text.split(',')) {
    const [from, to, extra] = part.split(/[-–]/);
    if (from === undefined || to === undefined || extra !== undefined) return null;
    const start = minutesOf(from);
    const end = minutesOf(to);
    if (start === null || end === null || start >= end) return null;
    ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i += 1) if (ranges[i]![0] < ranges[i - 1]![1]) return null;
  return ranges;
}
