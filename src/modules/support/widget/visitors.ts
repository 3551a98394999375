import { and, desc, eq, ne } from 'drizzle-orm';
import { notFound, unauthorized } from '../../../core/errors.js';
import type { Clock } from '../../../core/clock.js';
import type { Db, Executor } from '../../../db/connection.js';
import { clientRefsByIds } from '../../clients/index.js';
import { conversations, supportVisitors } from '../schema.js';
import type { ConversationRow } from '../hooks.js';
import { hashToken, newVisitorToken, type TraderTokens } from './tokens.js';

export type VisitorRow = typeof supportVisitors.$inferSelect;

export interface SessionInput {
  name?: string | undefined;
  email?: string | undefined;
  language?: string | undefined;
  /** The visitor's own token from an earlier session: resume it. */
  token?: string | undefined;
  /** The cabinet's signed token: the visitor is that trader. */
  traderToken?: string | undefined;
}

/**
 * Visitors and what they may touch. A visitor is found only by the hash of their token; a conversation
 * is theirs only when its visitor_id is theirs, so changing an id in a request finds nothing (404).
 */
export class Visitors {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly traderTokens: TraderTokens,
  ) {}

  /** Starts or resumes a visitor; the token handed back is the one to keep (a new one only when new). */
  async session(input: SessionInput): Promise<{ token: string; visitor: VisitorRow }> {
    const now = this.clock.now();
    const clientId = input.traderToken ? this.traderTokens.verify(input.traderToken, now) : null;
    if (input.traderToken && !clientId)
      throw unauthorized('chat_token_invalid', 'The cabinet chat token is invalid or expired');
    const profile = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.language !== undefined && { language: input.language }),
    };
    if (input.token) {
      const existing = await this.byToken(input.token);
      // A trader's visitor resumes only with a fresh signed token of that same trader (the cabinet
      // session behind it may have ended); without one the device gets a new anonymous visitor.
      // An anonymous visitor resumes, and a signed token links it.
      if (existing && (existing.clientId ? existing.clientId === clientId : true)) {
        const [row] = await this.db
          .update(supportVisitors)
          .set({ ...profile, ...(clientId && { clientId }), lastSeenAt: now })
          .where(eq(supportVisitors.id, existing.id))
          .returning();
        return { token: input.token, visitor: row! };
      }
      if (!existing && !clientId) throw unauthorized('visitor_token_invalid', 'Start a new chat');
    }
    const trader = clientId ? (await clientRefsByIds(this.db, [clientId])).get(clientId) : undefined;
    if (clientId && !trader) throw unauthorized('chat_token_invalid', 'The cabinet chat token is invalid');
    const { token, hash } = newVisitorToken();
    const [row] = await this.db
      .insert(supportVisitors)
      .values({
        tokenHash: hash,
        name: input.name ?? trader?.name ?? null,
        email: input.email ?? null,
        language: input.language ?? null,
        clientId,
        createdAt: now,
        lastSeenAt: now,
      })
      .returning();
    return { token, visitor: row! };
  }

  async byToken(token: string): Promise<VisitorRow | null> {
    const [row] = await this.db
      .select()
      .from(supportVisitors)
      .where(eq(supportVisitors.tokenHash, hashToken(token)));
    return row ?? null;
  }

  /** The visitor behind a token, or 401. */
  async require(token: string | undefined): Promise<VisitorRow> {
    const visitor = token ? await this.byToken(token) : null;
    if (!visitor) throw unauthorized('visitor_token_invalid', 'Start a new chat');
    return visitor;
  }

  /** The visitor's own conversation, or 404 (another visitor's looks exactly like a missing one). */
  async own(db: Executor, visitor: VisitorRow, conversationId: string): Promise<ConversationRow> {
    const [row] = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.visitorId, visitor.id)));
    if (!row) throw notFound('Conversation');
    return row;
  }

  /**
   * Holds the visitor's row to the end of the transaction: two first messages at once (the socket and
   * an HTTP retry) then open one chat between them, not two.
   */
  async lock(tx: Executor, visitor: VisitorRow): Promise<void> {
    await tx
      .select({ id: supportVisitors.id })
      .from(supportVisitors)
      .where(eq(supportVisitors.id, visitor.id))
      .for('update');
  }

  /** The visitor's latest chat not closed: where a new message goes and what a resume shows. */
  async active(db: Executor, visitor: VisitorRow): Promise<ConversationRow | null> {
    const [row] = await db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.visitorId, visitor.id),
          eq(conversations.channel, 'chat'),
          ne(conversations.status, 'closed'),
        ),
      )
      .orderBy(desc(conversations.createdAt))
      .limit(1);
    return row ?? null;
  }
}
