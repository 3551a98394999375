import { detectAll } from 'tinyld';

/** The languages the desk's knowledge base, bot and sentiment lexicons cover. */
export const DESK_LANGUAGES = ['en', 'ru', 'id', 'ar'] as const;
export type DeskLanguage = (typeof DESK_LANGUAGES)[number];

// tinyld's probabilities for a few words are noisy; below this we fall back on the script.
const MIN_ACCURACY = 0.2;

// A script that only one candidate language writes in decides a short text on its own
// ("вы робот?" is too short for n-grams but can only be Russian among the desk's languages).
const SCRIPTS: readonly { test: RegExp; language: string }[] = [
  { test: /\p{Script=Cyrillic}/u, language: 'ru' },
  { test: /\p{Script=Arabic}/u, language: 'ar' },
];

/**
 * The ISO 639-1 code of `text` (tinyld's n-gram models, shipped in the package), limited to
 * `only` when given (default: the desk's languages); null when the text is too short or unclear.
 */
export function detectLanguage(text: string, opts: { only?: readonly string[] } = {}): string | null {
  const only = [...(opts.only ?? DESK_LANGUAGES)];
  const sample = text.slice(0, 2000).trim();
  if (!sample) return null;
  const best = detectAll(sample, { only })[0];
  if (best && best.accuracy >= MIN_ACCURACY) return best.lang;
  const byScript = SCRIPTS.filter((s) => only.includes(s.language) && s.test.test(sample));
  return byScript.length === 1 ? byScript[0]!.language : null;
}
