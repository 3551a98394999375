import { join } from 'node:path';
import type { Db } from '../db/connection.js';
import {
  KnowledgeArticles,
  KnowledgeBase,
  KnowledgeCategories,
  KnowledgeFeedback,
  KnowledgeFiles,
  KnowledgeLanguages,
  KnowledgeReads,
} from '../modules/knowledge/index.js';

export interface KnowledgeWiring {
  /** Search (the FAQ bot's port, the help centre, the composer's article picker). */
  knowledgeBase: KnowledgeBase;
  knowledgeArticles: KnowledgeArticles;
  knowledgeCategories: KnowledgeCategories;
  knowledgeLanguages: KnowledgeLanguages;
  knowledgeReads: KnowledgeReads;
  knowledgeFeedback: KnowledgeFeedback;
  knowledgeFiles: KnowledgeFiles;
}

/** Builds the knowledge base's services (the composition root's part for the knowledge module). */
export function buildKnowledge(opts: { db: Db; dataDir: string; secretKey: Buffer }): KnowledgeWiring {
  const { db } = opts;
  const knowledgeLanguages = new KnowledgeLanguages(db);
  return {
    knowledgeBase: new KnowledgeBase(db, knowledgeLanguages),
    knowledgeArticles: new KnowledgeArticles(db, knowledgeLanguages),
    knowledgeCategories: new KnowledgeCategories(db, knowledgeLanguages),
    knowledgeLanguages,
    knowledgeReads: new KnowledgeReads(db, knowledgeLanguages),
    knowledgeFeedback: new KnowledgeFeedback(db, opts.secretKey),
    knowledgeFiles: new KnowledgeFiles(db, join(opts.dataDir, 'knowledge-files')),
  };
}
