import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { notFound } from '../../core/errors.js';
import type { Db } from '../../db/connection.js';
import { appendKnowledgeEvent, rowsOf } from './events.js';

/**
 * "Was this helpful?": one answer per visitor, article and day (a repeat replaces the answer). The
 * visitor is the HMAC of their address, the article and the day, so no address is stored.
 */
export class KnowledgeFeedback {
  constructor(
    private readonly db: Db,
    private readonly secretKey: Buffer,
  ) {}

  async record(
    input: { articleId: string; language: string; helpful: boolean; ip: string },
    clock: Clock,
  ): Promise<void> {
    const day = clock.now().toISOString().slice(0, 10);
    const voterKey = createHmac('sha256', this.secretKey)
      .update(`kb feedback\n${input.ip}\n${input.articleId}\n${day}`)
      .digest('base64url');
    await this.db.transaction(async (tx) => {
      const found = await rowsOf<unknown>(
        tx,
        sql`
        select 1 from knowledge_translations t join knowledge_articles a on a.id = t.article_id
        where t.article_id = ${input.articleId} and t.language = ${input.language}
          and t.published_version is not null and not a.internal`,
      );
      if (found.length === 0) throw notFound('Article');
      const changed = await rowsOf<unknown>(
        tx,
        sql`
        insert into knowledge_feedback (article_id, language, helpful, voter_key)
        values (${input.articleId}, ${input.language}, ${input.helpful}, ${voterKey})
        on conflict (voter_key) do update set helpful = excluded.helpful, language = excluded.language
        where knowledge_feedback.helpful is distinct from excluded.helpful
        returning id`,
      );
      if (changed.length === 0) return;
      await appendKnowledgeEvent(
        tx,
        { id: null, ip: null },
        {
          type: 'knowledge.feedback_received',
          subjectType: 'knowledge_article',
          subjectId: input.articleId,
          payload: { articleId: input.articleId, language: input.language, helpful: input.helpful },
        },
      );
    });
  }
}
