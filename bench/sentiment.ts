// `npm run bench -- sentiment`: scoreSentiment (src/core/language/sentiment.ts) on a labelled sample per
// language (bench/data/sentiment-*.ts, written for this benchmark). Prints, per language:
//   sentiment.LANG.accuracy — the flag is exactly the label's (none / negative / very_negative);
//   sentiment.LANG.polarity — flagged-or-not is right (a negative message flagged, a calm one not);
//   sentiment.LANG.negative_recall — share of the negative and very negative messages flagged at all.
// No database: the numbers are the same on every target, so the runner prints them once. bench/bot.ts
// prints the same lines by calling runSentimentBench().
import { SENTIMENT_LANGUAGES, scoreSentiment } from '../src/core/language/sentiment.js';
import { SENTIMENT_AR } from './data/sentiment-ar.js';
import { SENTIMENT_EN } from './data/sentiment-en.js';
import { SENTIMENT_ID } from './data/sentiment-id.js';
import { SENTIMENT_RU } from './data/sentiment-ru.js';
import type { SentimentSample } from './data/sentiment-types.js';
import type { BenchmarkModule, Figure } from './harness.js';

const SAMPLES: Record<(typeof SENTIMENT_LANGUAGES)[number], SentimentSample[]> = {
  en: SENTIMENT_EN,
  ru: SENTIMENT_RU,
  id: SENTIMENT_ID,
  ar: SENTIMENT_AR,
};

export interface SentimentFigures {
  language: string;
  samples: number;
  accuracy: number;
  polarity: number;
  negativeRecall: number;
  misses: { text: string; label: string; got: string }[];
}

export function measureSentiment(): SentimentFigures[] {
  return SENTIMENT_LANGUAGES.map((language) => {
    const samples = SAMPLES[language];
    let exact = 0;
    let polarity = 0;
    let negatives = 0;
    let flaggedNegatives = 0;
    const misses: SentimentFigures['misses'] = [];
    for (const s of samples) {
      const { flag } = scoreSentiment(s.text, language);
      const want = s.label === 'negative' || s.label === 'very_negative' ? s.label : null;
      if (flag === want) exact += 1;
      else misses.push({ text: s.text, label: s.label, got: flag ?? 'none' });
      if (Boolean(flag) === Boolean(want)) polarity += 1;
      if (want) {
        negatives += 1;
        if (flag) flaggedNegatives += 1;
      }
    }
    return {
      language,
      samples: samples.length,
      accuracy: exact / samples.length,
      polarity: polarity / samples.length,
      negativeRecall: flaggedNegatives / negatives,
      misses,
    };
  });
}

/** Prints `sentiment.LANG.accuracy = 0.92` (and polarity, negative_recall) to stdout; returns the figures. */
export function runSentimentBench(out: (line: string) => void = (l) => process.stdout.write(l + '\n')) {
  const figures = measureSentiment();
  for (const f of figures) {
    out(`sentiment.${f.language}.accuracy = ${f.accuracy.toFixed(2)} (n=${f.samples})`);
    out(`sentiment.${f.language}.polarity = ${f.polarity.toFixed(2)}`);
    out(`sentiment.${f.language}.negative_recall = ${f.negativeRecall.toFixed(2)}`);
    if (process.env.BENCH_VERBOSE)
      for (const m of f.misses)
        process.stderr.write(`  miss ${f.language}: ${m.label} → ${m.got}: ${m.text}\n`);
  }
  return figures;
}

let printed = false;
const bench: BenchmarkModule = {
  description: 'sentiment flags on a labelled sample per language (no database)',
  timeoutMs: 60_000,
  async run(): Promise<Figure[]> {
    if (printed) return [];
    printed = true;
    runSentimentBench();
    return [];
  },
};
export const { description, timeoutMs, run } = bench;

if (import.meta.url === `file://${process.argv[1]}`) runSentimentBench();
