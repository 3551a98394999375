import type { Clock } from '../../../core/clock.js';
import type { Db } from '../../../db/connection.js';
import type { Conversations } from '../conversations/service.js';
import type { Router } from '../routing/router.js';
import type { SlaEngine } from '../sla/engine.js';
import { KnowledgeEngine, type BotEngine, type KnowledgeSearch } from './engine.js';
import { BotHandover } from './handover.js';
import { FaqBot, type SentimentScorer } from './service.js';
import { BotSettings } from './settings.js';

/** Nothing known: every question is "unsure" and goes to people (a desk without a knowledge base). */
const NO_ANSWERS: BotEngine = { answer: async () => null };
/** Without a sentiment scorer nothing "looks angry". */
const NEUTRAL: SentimentScorer = () => ({ score: 0, flag: null });

/**
 * The FAQ bot, for the composition root: the default engine answers from the knowledge base's search
 * (`knowledge`, the knowledge module's KnowledgeBase) unless another engine is given.
 */
export function buildBot(opts: {
  db: Db;
  clock: Clock;
  conversations: Conversations;
  router: Pick<Router, 'routeNew' | 'teamFor'>;
  sla: Pick<SlaEngine, 'startAt'>;
  baseUrl: string;
  knowledge?: KnowledgeSearch | null;
  engine?: BotEngine;
  sentiment?: SentimentScorer | null;
}): FaqBot {
  const engine = opts.engine ?? (opts.knowledge ? new KnowledgeEngine(opts.knowledge) : NO_ANSWERS);
  const handover = new BotHandover(opts.clock, opts.conversations, opts.router, opts.sla, opts.baseUrl);
  const settings = new BotSettings(opts.db, opts.clock);
  return new FaqBot(
    opts.db,
    opts.clock,
    opts.conversations,
    settings,
    engine,
    handover,
    opts.sentiment ?? NEUTRAL,
  );
}
