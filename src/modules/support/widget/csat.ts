import { createHmac } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import { sha256 } from '../../../core/crypto.js';
import { conflict, notFound } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { Mailer } from '../../../integrations/mail/mailer.js';
import type { ConversationStatus } from '../../../shared/support.js';
import { appendConversationEvent } from '../conversations/events.js';
import type { ConversationRow } from '../hooks.js';
import { notifyConversation } from '../notify.js';
import { conversations, supportMetrics } from '../schema.js';

/** The channels asked by an emailed link; a chat asks in the widget itself. */
const MAILED_CHANNELS = ['email', 'cabinet'] as const;
/** One reminder, this long after the first request, if no rating came. */
export const CSAT_REMINDER_AFTER_MS = 24 * 3_600_000;

/**
 * Customer satisfaction: after each resolution the customer rates 1–5 with a comment, in the widget
 * (chat) or through a tokenised link mailed for email and cabinet conversations, with one reminder.
 * The link's token is derived from the conversation and the request time with a key of its own, so
 * the reminder can repeat the same link while only its hash is stored. A rating lands on the
 * conversation, as a `csat` metric for the assignee, and as the event `support.csat_received`.
 */
export class Csat {
  private readonly key: Buffer;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mailer: Pick<Mailer, 'queue'>,
    private readonly baseUrl: string,
    secretKey: Buffer,
  ) {
    this.key = createHmac('sha256', secretKey).update('support-csat-link').digest();
  }

  /** hooks.onStatus: a resolution asks for a (new) rating; the link is mailed for email and cabinet. */
  readonly onStatus = async (
    tx: Executor,
    conv: ConversationRow,
    from: ConversationStatus,
  ): Promise<void> => {
    if (conv.status !== 'resolved' || from === 'resolved' || from === 'closed') return;
    const now = this.clock.now();
    const mailed = (MAILED_CHANNELS as readonly string[]).includes(conv.channel) && !!conv.contactEmail;
    await tx
      .update(conversations)
      .set({
        // Each resolution is rated afresh; earlier scores stay in support_metrics.
        csatScore: null,
        csatComment: null,
        csatAt: null,
        csatRequestedAt: now,
        csatRemindedAt: null,
        csatTokenHash: mailed ? sha256(this.tokenFor(conv.id, now)) : null,
      })
      .where(eq(conversations.id, conv.id));
    if (mailed) await this.mail(tx, conv, now, false);
  };

  /** The job: one reminder for a mailed request not answered within a day. */
  async remindDue(): Promise<number> {
    const now = this.clock.now();
    const due = await this.db
      .select()
      .from(conversations)
      .where(
        and(
          isNotNull(conversations.csatTokenHash),
          isNull(conversations.csatScore),
          isNull(conversations.csatRemindedAt),
          inArray(conversations.status, ['resolved', 'closed']),
          lt(conversations.csatRequestedAt, new Date(now.getTime() - CSAT_REMINDER_AFTER_MS)),
        ),
      )
      .limit(200);
    for (const conv of due)
      await this.db.transaction(async (tx) => {
        // Claimed under the condition again, so two instances never send the same reminder.
        const [claimed] = await tx
          .update(conversations)
          .set({ csatRemindedAt: now })
          .where(and(eq(conversations.id, conv.id), isNull(conversations.csatRemindedAt)))
          .returning();
        if (claimed?.csatRequestedAt && claimed.contactEmail)
          await this.mail(tx, claimed, claimed.csatRequestedAt, true);
      });
    return due.length;
  }

  /** The conversation a link's token rates, or 404 (unknown, replaced by a later resolution, or rated). */
  async byToken(db: Executor, token: string): Promise<ConversationRow> {
    const [row] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.csatTokenHash, sha256(token)));
    if (!row) throw notFound('Rating link');
    return row;
  }

  /** Records a rating of a resolved (or since closed) conversation; once per resolution. */
  async rate(conversationId: string, score: number, comment: string | null): Promise<ConversationRow> {
    return this.db.transaction(async (tx) => {
      const [conv] = await tx
        .select()
        .from(conversations)
        .where(eq(conversations.id, conversationId))
        .for('update');
      if (!conv) throw notFound('Conversation');
      if (!conv.csatRequestedAt || (conv.status !== 'resolved' && conv.status !== 'closed'))
        throw conflict('csat_not_open', 'A conversation is rated once it is resolved', 'conversationId');
      if (conv.csatScore !== null)
        throw conflict('csat_already_given', 'Thank you — this one is rated already');
      const now = this.clock.now();
      const [row] = await tx
        .update(conversations)
        .set({ csatScore: score, csatComment: comment, csatAt: now, updatedAt: now })
        .where(eq(conversations.id, conversationId))
        .returning();
      await tx.insert(supportMetrics).values({
        conversationId,
        kind: 'csat',
        at: now,
        agentId: conv.assigneeId,
        teamId: conv.teamId,
        channel: conv.channel,
        language: conv.language,
        score,
        detail: comment,
      });
      await appendConversationEvent(
        tx,
        'support.csat_received',
        row!,
        { kind: 'customer', name: conv.contactName },
        { score, comment, agentId: conv.assigneeId },
      );
      await notifyConversation(tx, { conversationId, kind: 'conversation' });
      return row!;
    });
  }

  private tokenFor(conversationId: string, requestedAt: Date): string {
    const mac = createHmac('sha256', this.key)
      .update(`${conversationId}.${requestedAt.getTime()}`)
      .digest('base64url');
    return `cs1_${mac}`;
  }

  private async mail(
    tx: Executor,
    conv: ConversationRow,
    requestedAt: Date,
    reminder: boolean,
  ): Promise<void> {
    const link = `${this.baseUrl}/support/rate/${this.tokenFor(conv.id, requestedAt)}`;
    const ref = `#${conv.number}${conv.subject ? ` ${conv.subject}` : ''}`;
    await this.mailer.queue(tx, {
      to: conv.contactEmail!,
      subject: `${reminder ? 'Reminder: how' : 'How'} did we do? (${ref})`,
      text: `Your request ${ref} was resolved. Please rate our help from 1 to 5 (it takes a few seconds):\n\n${link}\n`,
    });
  }
}
