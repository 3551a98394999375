import { searchText } from './search-text.js';

/**
 * The knowledge base's search as the bot uses it: the `KnowledgeBase.search` of the knowledge module,
 * injected by the composition root (support does not import knowledge). Only what the bot reads.
 */
export interface KnowledgeSearch {
  search(
    query: string,
    opts: { language: string; audience: 'public' | 'agents'; limit?: number },
  ): Promise<KnowledgeHit[]>;
}

export interface KnowledgeHit {
  articleId: string;
  title: string;
  /** Plain text, the first ~300 characters of the body: what the bot quotes. */
  summary: string;
  url: string;
  rank: number;
  /** 0..1: share of the query's stemmed words found in the article. */
  coverage: number;
  /** 0..1: trigram word similarity of the query to the title and keywords. */
  similarity: number;
  matchedBy: 'fulltext' | 'trigram';
}

export interface BotQuestion {
  text: string;
  /** The language to answer in (detected from the message, else the chat's). */
  language: string;
  /** The chat so far, oldest first (an engine with a language model may use it; the default does not). */
  transcript: { author: 'customer' | 'bot' | 'agent' | 'system'; body: string }[];
}

export interface BotAnswer {
  /** What the bot says (plain text). */
  text: string;
  /** 0–100: how sure the engine is that this answers the question. */
  confidence: number;
  /** The article the answer comes from; the bot always cites it. */
  article: { id: string; title: string; url: string } | null;
}

/**
 * What answers a visitor's question. The default answers from the knowledge base; a hosted language
 * model can be plugged in behind the same interface (it gets the transcript and must still return a
 * confidence and the article it relied on). Null: nothing to offer. The conversation flow — honesty
 * about being a bot, handovers, business hours, the threshold — stays in the bot service.
 */
export interface BotEngine {
  answer(question: BotQuestion): Promise<BotAnswer | null>;
}

/**
 * The confidence of a search hit, 0–100: mostly the share of the question's words the article covers
 * (70 %), then how alike the question and the title and keywords are (trigram similarity, 20 %) and the
 * full-text rank (10 %, saturating at 10); a hit found by its letters only (a typo) gets 80 % of its
 * similarity. A runner-up about as good takes up to 40 % off (two articles fit: the bot cannot tell
 * which). Weights and the default threshold were chosen on bench/data/bot-questions-*.ts: precision
 * stays ≥ 0.94 in every language for any threshold from 50 to 80 (see docs/benchmarks.md#bot).
 */
export function confidenceOf(best: KnowledgeHit, runnerUp: KnowledgeHit | undefined): number {
  const base = strength(best);
  const margin = Math.max(0, base - (runnerUp ? strength(runnerUp) : 0));
  const score = base * (0.6 + 0.4 * Math.min(1, margin / 0.3));
  return Math.round(Math.max(0, Math.min(1, score)) * 100);
}

function strength(hit: KnowledgeHit): number {
  if (hit.matchedBy !== 'fulltext') return 0.8 * hit.similarity;
  return 0.7 * hit.coverage + 0.2 * hit.similarity + 0.1 * Math.min(1, hit.rank / 10);
}

/** The default engine: the best published public article in the question's language. */
export class KnowledgeEngine implements BotEngine {
  constructor(private readonly knowledge: KnowledgeSearch) {}

  async answer(question: BotQuestion): Promise<BotAnswer | null> {
    const query = searchText(question.text, question.language);
    if (!query) return null;
    const hits = await this.knowledge.search(query, {
      language: question.language,
      audience: 'public',
      limit: 3,
    });
    const [best, runnerUp] = hits;
    if (!best) return null;
    return {
      text: best.summary,
      confidence: confidenceOf(best, runnerUp),
      article: { id: best.articleId, title: best.title, url: best.url },
    };
  }
}
