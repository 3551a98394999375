import { searchText } from './intents.js';

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
 * The confidence of a search hit, 0–100: the share of the question's words the article covers, lowered
 * when the runner-up is about as good (two articles fit: the bot cannot tell which) and for a match on
 * the title's letters only (a typo: trust it less). Tuned on bench/data/bot-questions-*.ts.
 */
export function confidenceOf(best: KnowledgeHit, runnerUp: KnowledgeHit | undefined): number {
  const base =
    best.matchedBy === 'fulltext'
      ? 0.75 * best.coverage + 0.25 * Math.max(best.similarity, Math.min(1, best.rank * 5))
      : 0.8 * best.similarity;
  const rival = runnerUp
    ? runnerUp.matchedBy === 'fulltext'
      ? 0.75 * runnerUp.coverage + 0.25 * Math.max(runnerUp.similarity, Math.min(1, runnerUp.rank * 5))
      : 0.8 * runnerUp.similarity
    : 0;
  const margin = Math.max(0, base - rival);
  // A clear winner keeps its score; a tie loses up to a fifth of it.
  const score = base * (0.8 + 0.2 * Math.min(1, margin / 0.2));
  return Math.round(Math.max(0, Math.min(1, score)) * 100);
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
