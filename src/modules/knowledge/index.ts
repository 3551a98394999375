/**
 * Knowledge base (issue 12): categories, articles with a draft and published versions per language,
 * internal articles for agents, images, "was this helpful?" feedback, search (full-text per language
 * plus a trigram fallback), the public help centre under /help and the article JSON for the widget
 * and the cabinet. Its tables are the knowledge_* ones; other modules use what this file exports.
 */
import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { Guard } from '../identity/index.js';
import type { KnowledgeArticles } from './articles.js';
import type { KnowledgeCategories } from './categories.js';
import type { KnowledgeFeedback } from './feedback.js';
import type { KnowledgeFiles } from './files.js';
import type { KnowledgeLanguages } from './languages.js';
import type { KnowledgeReads } from './reads.js';
import type { KnowledgeBase } from './search.js';
import { helpPages } from './routes/help-pages.js';
import { knowledgePublicRoutes } from './routes/public.js';
import { knowledgeStaffRoutes } from './routes/staff.js';

export { KnowledgeArticles, type ArticleInput, type TranslationInput } from './articles.js';
export { KnowledgeCategories, type CategoryInput } from './categories.js';
export { KnowledgeFeedback } from './feedback.js';
export { KnowledgeFiles } from './files.js';
export { DEFAULT_LANGUAGES, KnowledgeLanguages } from './languages.js';
export { KnowledgeReads } from './reads.js';
export { articleUrl, KnowledgeBase, type SearchOptions } from './search.js';
export type { ArticleHit, KbAudience } from '../../shared/contracts/knowledge.js';

export interface KnowledgeDeps {
  knowledgeBase: KnowledgeBase;
  knowledgeArticles: KnowledgeArticles;
  knowledgeCategories: KnowledgeCategories;
  knowledgeLanguages: KnowledgeLanguages;
  knowledgeReads: KnowledgeReads;
  knowledgeFeedback: KnowledgeFeedback;
  knowledgeFiles: KnowledgeFiles;
  /** The help centre's canonical and hreflang links are absolute. */
  config: { baseUrl: string };
  clock: Clock;
  guard: Guard;
  jobs: ModuleJobs;
}

/** The staff API, the public article API, the help-centre pages; the default languages on a fresh install. */
export function registerKnowledge(app: App, deps: KnowledgeDeps): void {
  knowledgeStaffRoutes(app, deps);
  knowledgePublicRoutes(app, deps);
  helpPages(app, deps);
  deps.jobs.onInit(() => deps.knowledgeLanguages.ensureDefaults());
}
