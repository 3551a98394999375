// The FAQ bot on a labelled question set (bench/data/bot-questions-*.ts: 40 a language, half answered
// by the demo articles). The demo knowledge base is seeded through the knowledge service on a fresh
// database; each question goes through the bot's own `understand` (language, intent, sentiment, the
// knowledge-base engine) and counts as answered when the bot would answer it with an article at the
// default threshold. precision = right article / answered (both halves); answer_rate = answered /
// answerable. Prints `bot.LANG.precision` and `bot.LANG.answer_rate` (and the care engineer's
// sentiment figures, bench/sentiment.ts, when present) once; per target as `bot.TARGET.LANG.…`.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/app/config.js';
import { buildServer } from '../src/app/server.js';
import { ManualClock } from '../src/core/clock.js';
import { scoreSentiment } from '../src/core/language/sentiment.js';
import {
  DEFAULT_BOT_SETTINGS,
  KnowledgeEngine,
  understand,
  type KnowledgeSearch,
} from '../src/modules/support/index.js';
import { BOT_QUESTIONS_AR } from './data/bot-questions-ar.js';
import { BOT_QUESTIONS_EN } from './data/bot-questions-en.js';
import { BOT_QUESTIONS_ID } from './data/bot-questions-id.js';
import { BOT_QUESTIONS_RU } from './data/bot-questions-ru.js';
import type { LabelledQuestion } from './data/bot-questions.js';
import { progress, type BenchmarkModule, type Figure } from './harness.js';

const SETS: Record<string, LabelledQuestion[]> = {
  en: BOT_QUESTIONS_EN,
  ru: BOT_QUESTIONS_RU,
  id: BOT_QUESTIONS_ID,
  ar: BOT_QUESTIONS_AR,
};

interface Outcome {
  expected: string | null;
  /** The slug the bot would cite, and how sure it was (null: not a question, upset, or nothing found). */
  got: string | null;
  confidence: number;
}

function score(outcomes: Outcome[], threshold: number) {
  const answered = outcomes.filter((o) => o.got !== null && o.confidence >= threshold);
  const right = answered.filter((o) => o.got === o.expected);
  const answerable = outcomes.filter((o) => o.expected !== null);
  return {
    precision: answered.length ? right.length / answered.length : 1,
    answerRate: answerable.filter((o) => answered.includes(o)).length / answerable.length,
    falseAnswers: answered.filter((o) => o.expected === null).length,
  };
}

let printedOnce = false;

const bench: BenchmarkModule = {
  description: 'FAQ bot: precision and answer rate on 40 labelled questions per language',
  timeoutMs: 300_000,
  async run(target): Promise<Figure[]> {
    const fresh = await target.freshDatabase();
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
    const { app, ctx } = await buildServer({
      config,
      database: fresh.database,
      secretKey: randomBytes(32),
      clock: new ManualClock(new Date()),
      logger: false,
      web: false,
    });
    try {
      // The knowledge module (issue 12, built alongside): its demo seed and its search.
      const seedPath = '../src/app/demo-knowledge-seed.js';
      const { seedDemoKnowledge } = (await import(seedPath)) as {
        seedDemoKnowledge(c: typeof ctx): Promise<number>;
      };
      await seedDemoKnowledge(ctx);
      if (!('knowledgeBase' in ctx)) throw new Error('no knowledge base in the app context');
      const engine = new KnowledgeEngine(ctx.knowledgeBase as KnowledgeSearch);
      const figures: Figure[] = [];
      const lines: string[] = [];
      const threshold = DEFAULT_BOT_SETTINGS.threshold;
      for (const [language, questions] of Object.entries(SETS)) {
        const outcomes: Outcome[] = [];
        for (const q of questions) {
          const u = await understand(engine, scoreSentiment, q.text, language);
          const slug = u.found?.article?.url.split('/').pop() ?? null;
          outcomes.push({ expected: q.article, got: slug, confidence: u.found?.confidence ?? 0 });
          if (process.env.BENCH_VERBOSE)
            progress(
              `${language} ${q.article ?? '—'} ← ${slug ?? u.intent}${u.angry ? ' (upset)' : ''} ${u.found?.confidence ?? ''}: ${q.text}`,
            );
        }
        const s = score(outcomes, threshold);
        figures.push(
          { metric: `${language}.precision`, value: s.precision, unit: '', digits: 2 },
          { metric: `${language}.answer_rate`, value: s.answerRate, unit: '', digits: 2 },
          { metric: `${language}.false_answers`, value: s.falseAnswers, unit: `of ${questions.length / 2}` },
        );
        lines.push(`bot.${language}.precision = ${s.precision.toFixed(2)}`);
        lines.push(`bot.${language}.answer_rate = ${s.answerRate.toFixed(2)}`);
        // How the threshold trades one for the other (stderr: for choosing the default).
        const sweep = [30, 40, 50, 55, 60, 65, 70, 80].map((t) => {
          const r = score(outcomes, t);
          return `${t}: ${r.precision.toFixed(2)}/${r.answerRate.toFixed(2)}`;
        });
        progress(`${language} threshold → precision/answer rate: ${sweep.join('  ')}`);
      }
      if (!printedOnce) {
        printedOnce = true;
        for (const l of lines) process.stdout.write(`${l}\n`);
        await printSentiment();
      }
      return figures;
    } finally {
      await app.close();
      await fresh.drop();
    }
  },
};

/** The care engineer's sentiment benchmark, when it is in the tree. */
async function printSentiment(): Promise<void> {
  const path = './sentiment.js';
  const mod = (await import(path).catch(() => null)) as { runSentimentBench?: () => unknown } | null;
  if (mod?.runSentimentBench) mod.runSentimentBench();
  else progress('bench/sentiment.ts not present: no sentiment figures');
}

export const { description, timeoutMs, run } = bench;
