import { eq } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import type { Executor } from '../../../db/connection.js';
import { MESSAGE_BODY_MAX, type Conversations } from '../conversations/service.js';
import { appendConversationEvent } from '../conversations/events.js';
import type { ConversationRow } from '../hooks.js';
import { recordMetric } from '../metrics.js';
import type { Router } from '../routing/router.js';
import { addBusinessTime, businessTimeBetween } from '../sla/calendar.js';
import type { SlaEngine } from '../sla/engine.js';
import { calendarFor } from '../sla/team-calendar.js';
import { conversations } from '../schema.js';
import { supportBotSessions, type HandoverReason } from './schema.js';
import { botTexts, formatReturn } from './texts.js';

/** The bot as the author of its messages and the actor of its changes. */
export const BOT_NAME = 'Bot';
export const BOT_ACTOR = { kind: 'system' as const, name: BOT_NAME };

/** Is the team working now, and if not, when is it back (its calendar; none set = always working). */
export async function teamAvailability(
  tx: Executor,
  teamId: string | null,
  now: Date,
): Promise<{ open: boolean; backAt: Date | null; timeZone: string }> {
  const cal = await calendarFor(tx, teamId);
  const open = businessTimeBetween(now, new Date(now.getTime() + 1000), cal) > 0;
  if (open) return { open, backAt: null, timeZone: cal.timeZone };
  const backAt = new Date(addBusinessTime(now, 1000, cal).getTime() - 1000);
  return { open, backAt, timeZone: cal.timeZone };
}

/**
 * Hands a chat the bot had to people, in the caller's transaction (the conversation row locked): the
 * bot says so (outside the team's hours: when people are back, and that the message is kept), an
 * internal note gives the agent the whole transcript, routing assigns or queues the chat and the SLA
 * clocks start now. Records the `handoff` metric (detail = reason) and `support.bot_handed_over`.
 */
export class BotHandover {
  constructor(
    private readonly clock: Clock,
    private readonly conversations: Conversations,
    private readonly router: Pick<Router, 'routeNew' | 'teamFor'>,
    private readonly sla: Pick<SlaEngine, 'startAt'>,
    private readonly baseUrl: string,
  ) {}

  async run(tx: Executor, conv: ConversationRow, reason: HandoverReason, language: string): Promise<void> {
    const now = this.clock.now();
    await tx
      .update(supportBotSessions)
      .set({ state: 'handed_over', handoverReason: reason, handedOverAt: now, updatedAt: now })
      .where(eq(supportBotSessions.conversationId, conv.id));
    const texts = botTexts(language);
    const teamId = conv.teamId ?? (await this.router.teamFor(tx, conv.language));
    const hours = await teamAvailability(tx, teamId, now);
    const body = !hours.open
      ? texts.away(formatReturn(hours.backAt!, language, hours.timeZone), Boolean(conv.contactEmail))
      : reason === 'angry'
        ? texts.handoverAngry
        : reason === 'unsure'
          ? texts.handoverUnsure
          : texts.handover;
    await this.conversations.addMessage(tx, conv.id, {
      authorKind: 'bot',
      authorName: BOT_NAME,
      body,
      bot: { kind: hours.open ? 'handover' : 'away' },
    });
    await this.conversations.addMessage(tx, conv.id, {
      authorKind: 'system',
      visibility: 'internal',
      body: await this.transcript(tx, conv.id, reason),
    });
    // The bot's goodbye was a public reply, which clears the wait; the customer waits for people now.
    await tx.update(conversations).set({ waitingSince: now }).where(eq(conversations.id, conv.id));
    const fresh = await this.conversations.get(tx, conv.id);
    await this.router.routeNew(tx, fresh);
    await this.sla.startAt(tx, fresh, now);
    await recordMetric(tx, fresh, { kind: 'handoff', at: now, detail: reason });
    await appendConversationEvent(tx, 'support.bot_handed_over', fresh, BOT_ACTOR, {
      reason,
      language,
    });
  }

  /** "The bot handed this chat over (…)" and every public message so far, for the agent. */
  private async transcript(tx: Executor, conversationId: string, reason: HandoverReason): Promise<string> {
    const messages = await this.conversations.messagesAfter(tx, conversationId, 0, {
      includeInternal: false,
      limit: 2000,
    });
    const lines = messages.map((m) => {
      const who =
        m.authorKind === 'customer' ? `Visitor${m.authorName ? ` (${m.authorName})` : ''}` : BOT_NAME;
      const cite = m.bot?.article ? `\n  ↳ ${m.bot.article.title}: ${this.baseUrl}${m.bot.article.url}` : '';
      return `[${m.createdAt.toISOString().slice(11, 16)} UTC] ${who}: ${m.body}${cite}`;
    });
    const head = `The bot handed this chat over (${REASON_TEXT[reason]}). Transcript:\n\n`;
    let text = lines.join('\n');
    // A note is a message (at most MESSAGE_BODY_MAX): a very long chat keeps its latest part here.
    const room = MESSAGE_BODY_MAX - head.length - 100;
    if (text.length > room) text = `[… earlier messages are in the thread above]\n${text.slice(-room)}`;
    return head + text;
  }
}

const REASON_TEXT: Record<HandoverReason, string> = {
  asked: 'the visitor asked for a person',
  unsure: 'no article answered the question confidently',
  failed: 'two answers did not help',
  angry: 'the visitor sounded upset',
};
