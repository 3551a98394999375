import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { badRequest, conflict } from '../../core/errors.js';
import type { Db, Executor } from '../../db/connection.js';
import type { KbLanguage } from '../../shared/contracts/knowledge.js';
import { appendKnowledgeEvent, rowsOf } from './events.js';
import { knowledgeLanguages } from './schema.js';

/**
 * The desk's four languages and their PostgreSQL text-search configurations. PGlite (Postgres 18)
 * and Postgres 15 both ship english, russian, indonesian and arabic; a configuration missing on a
 * server falls back to 'simple' (no stemming; the trigram fallback still finds near spellings).
 */
export const DEFAULT_LANGUAGES: readonly KbLanguage[] = [
  { code: 'en', name: 'English', searchConfig: 'english', rtl: false },
  { code: 'ru', name: 'Русский', searchConfig: 'russian', rtl: false },
  { code: 'id', name: 'Bahasa Indonesia', searchConfig: 'indonesian', rtl: false },
  { code: 'ar', name: 'العربية', searchConfig: 'arabic', rtl: true },
];

export interface NewLanguage {
  code: string;
  name: string;
  searchConfig: string;
  rtl: boolean;
}

export class KnowledgeLanguages {
  constructor(private readonly db: Db) {}

  /** The text-search configurations this server has (`pg_ts_config`). */
  async searchConfigs(tx: Executor = this.db): Promise<string[]> {
    const rows = await rowsOf<{ cfgname: string }>(
      tx,
      sql`select cfgname from pg_ts_config order by cfgname`,
    );
    return rows.map((r) => r.cfgname);
  }

  /** Inserts the four default languages once (a fresh install); existing rows are left as they are. */
  async ensureDefaults(): Promise<void> {
    const configs = new Set(await this.searchConfigs());
    await this.db
      .insert(knowledgeLanguages)
      .values(
        DEFAULT_LANGUAGES.map((l, position) => ({
          ...l,
          searchConfig: configs.has(l.searchConfig) ? l.searchConfig : 'simple',
          position,
        })),
      )
      .onConflictDoNothing();
  }

  async list(tx: Executor = this.db): Promise<KbLanguage[]> {
    return tx
      .select({
        code: knowledgeLanguages.code,
        name: knowledgeLanguages.name,
        searchConfig: knowledgeLanguages.searchConfig,
        rtl: knowledgeLanguages.rtl,
      })
      .from(knowledgeLanguages)
      .orderBy(asc(knowledgeLanguages.position), asc(knowledgeLanguages.code));
  }

  async get(code: string, tx: Executor = this.db): Promise<KbLanguage | null> {
    const [row] = await tx
      .select({
        code: knowledgeLanguages.code,
        name: knowledgeLanguages.name,
        searchConfig: knowledgeLanguages.searchConfig,
        rtl: knowledgeLanguages.rtl,
      })
      .from(knowledgeLanguages)
      .where(eq(knowledgeLanguages.code, code));
    return row ?? null;
  }

  /** The language or a 400 naming `field` (articles are written only in languages the desk has). */
  async require(code: string, tx: Executor = this.db, field = 'language'): Promise<KbLanguage> {
    const found = await this.get(code, tx);
    if (!found) throw badRequest('language_unknown', `No knowledge-base language ${code}`, field);
    return found;
  }

  /** An admin adds a language; its search configuration must be one the server has. */
  async add(actor: Actor, input: NewLanguage): Promise<KbLanguage> {
    return this.db.transaction(async (tx) => {
      const configs = await this.searchConfigs(tx);
      if (!configs.includes(input.searchConfig))
        throw badRequest(
          'search_config_unknown',
          `PostgreSQL has no text search configuration ${input.searchConfig}`,
          'searchConfig',
        );
      if (await this.get(input.code, tx)) throw conflict('language_exists', 'This language exists', 'code');
      const [{ n }] = (await rowsOf<{ n: number }>(
        tx,
        sql`select count(*)::int as n from knowledge_languages`,
      )) as [{ n: number }];
      await tx.insert(knowledgeLanguages).values({ ...input, position: n });
      await appendKnowledgeEvent(tx, actor, {
        type: 'knowledge.settings_changed',
        subjectType: 'knowledge_language',
        subjectId: null,
        payload: { area: 'language', action: 'created', id: input.code, changes: { ...input } },
      });
      return { code: input.code, name: input.name, searchConfig: input.searchConfig, rtl: input.rtl };
    });
  }
}
