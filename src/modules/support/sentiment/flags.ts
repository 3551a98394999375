import { eq } from 'drizzle-orm';
import { detectLanguage } from '../../../core/language/detect.js';
import { scoreSentiment } from '../../../core/language/sentiment.js';
import type { Executor } from '../../../db/connection.js';
import { CONVERSATION_PRIORITIES, type ConversationPriority } from '../../../shared/support.js';
import { activeStaffWithPermission, activeTeamLeads } from '../../identity/index.js';
import { SYSTEM_ACTOR } from '../conversations/actor.js';
import { appendConversationEvent } from '../conversations/events.js';
import { raisePriority } from '../conversations/priority.js';
import type { ConversationRow, MessageRow, SupportHooks } from '../hooks.js';
import { conversationMessages, conversations } from '../schema.js';

export interface SentimentPolicy {
  /** The priority a very negative customer message raises the conversation to (never lowers it). */
  raiseTo: ConversationPriority;
  /** Negative customer messages in a row that notify the team lead (once per run). */
  runThreshold: number;
}

export const DEFAULT_SENTIMENT_POLICY: SentimentPolicy = { raiseTo: 'high', runThreshold: 3 };

/**
 * Scores every incoming customer message (an onMessage subscriber of SupportHooks, inside the message's
 * transaction): the score and flag go on the message and on the conversation (its latest mood), a very
 * negative one raises the priority through the conversation service (with its event), and a run of
 * negative messages notifies the team's lead — or, for a conversation without a team lead, the desk's
 * supervisors — once per run. A conversation whose visitor gave no language gets the detected one
 * (and routing is told: it may belong to another team).
 */
export class SentimentFlags {
  constructor(
    private readonly hooks: Pick<SupportHooks, 'runReclassified'>,
    private readonly policy: SentimentPolicy = DEFAULT_SENTIMENT_POLICY,
    /** Told when a conversation's language was detected (routing moves it to that language's team). */
    private readonly onLanguageDetected?: (tx: Executor, conv: ConversationRow) => Promise<void>,
  ) {}

  readonly onMessage = async (tx: Executor, conv: ConversationRow, message: MessageRow): Promise<void> => {
    if (message.authorKind !== 'customer' || message.visibility !== 'public' || !message.body.trim()) return;
    const detected = conv.language ? null : detectLanguage(message.body);
    const language = conv.language ?? detected ?? 'en';
    const { score, flag } = scoreSentiment(message.body, language);
    const run = flag ? conv.negativeRun + 1 : 0;
    await tx
      .update(conversationMessages)
      .set({ sentimentScore: score, sentimentFlag: flag })
      .where(eq(conversationMessages.id, message.id));
    const [row] = await tx
      .update(conversations)
      .set({
        sentimentScore: score,
        sentimentFlag: flag,
        negativeRun: run,
        ...(detected ? { language: detected } : {}),
      })
      .where(eq(conversations.id, conv.id))
      .returning();
    let updated = row!;
    if (detected && this.onLanguageDetected) {
      await this.onLanguageDetected(tx, updated);
      // Routing may have moved it (team, queue, agent): what follows works on the row as it is now.
      const [now] = await tx.select().from(conversations).where(eq(conversations.id, conv.id));
      updated = now!;
    }
    if (flag === 'very_negative' && rank(updated.priority) < rank(this.policy.raiseTo))
      await raisePriority(tx, this.hooks, updated, this.policy.raiseTo);
    if (run === this.policy.runThreshold) {
      const notify = await this.leadsOf(tx, updated);
      await appendConversationEvent(
        tx,
        'support.negative_run',
        updated,
        SYSTEM_ACTOR,
        { run, flag: flag ?? 'negative', score },
        { notify },
      );
    }
  };

  /** The active lead of the conversation's team; without one, the active supervisors of the desk. */
  private async leadsOf(tx: Executor, conv: ConversationRow): Promise<string[]> {
    const leads = conv.teamId ? await activeTeamLeads(tx, [conv.teamId]) : [];
    if (leads.length) return leads.map((l) => l.id);
    return activeStaffWithPermission(tx, 'support.supervise');
  }
}

const rank = (p: ConversationPriority) => CONVERSATION_PRIORITIES.indexOf(p);
