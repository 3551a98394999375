import { and, eq, lt, sql } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import { conflict } from '../../../core/errors.js';
import { detectLanguage } from '../../../core/language/detect.js';
import type { Db, Executor } from '../../../db/connection.js';
import { retryConflicts } from '../../../db/retry.js';
import type { BotMessageMeta } from '../../../shared/support.js';
import type { Conversations } from '../conversations/service.js';
import type { ConversationRow } from '../hooks.js';
import { recordMetric } from '../metrics.js';
import { conversationMessages, conversations } from '../schema.js';
import type { BotAnswer, BotEngine } from './engine.js';
import { BOT_ACTOR, BOT_NAME, type BotHandover } from './handover.js';
import { intentOf, type BotIntent } from './intents.js';
import { supportBotSessions, type HandoverReason } from './schema.js';
import type { BotSettings } from './settings.js';
import { botTexts } from './texts.js';

type SessionRow = typeof supportBotSessions.$inferSelect;
type Hook = (tx: Executor, conv: ConversationRow) => Promise<void>;

/** The care engineer's scoreSentiment (core/language/sentiment.ts), injected by the root. */
export type SentimentScorer = (
  text: string,
  language: string,
) => { score: number; flag: 'negative' | 'very_negative' | null };

/** Answers this many times without success, then hands over. */
export const MAX_FAILED_ANSWERS = 2;
/** A chat left this long after the bot's answer counts as resolved by it. */
export const IDLE_RESOLVE_MS = 30 * 60_000;
/** A visitor's message the bot has not answered for this long (it failed) goes to people. */
const STUCK_MS = 2 * 60_000;

/**
 * "Looks angry": very negative, or negative and shouted (an exclamation mark, or mostly capitals).
 * The bot steps aside at once for an upset visitor.
 */
export function looksAngry(text: string, result: ReturnType<SentimentScorer>): boolean {
  if (result.flag === 'very_negative') return true;
  if (result.flag !== 'negative') return false;
  const letters = text.replace(/[^\p{L}]/gu, '');
  const caps = letters.replace(/[^\p{Lu}]/gu, '').length;
  return /[!！]/.test(text) || (letters.length >= 8 && caps / letters.length > 0.6);
}

/**
 * What the bot makes of a visitor's message, before any write: its language (detected, else the
 * chat's), what it asks of the bot, whether it sounds upset, and — for a question — the engine's best
 * answer. The benchmark (bench/bot.ts) measures the bot through this same function.
 */
export async function understand(
  engine: BotEngine,
  sentiment: SentimentScorer,
  text: string,
  chatLanguage: string | null,
): Promise<{ language: string; intent: BotIntent; angry: boolean; found: BotAnswer | null }> {
  const language = detectLanguage(text) ?? chatLanguage ?? 'en';
  const intent = intentOf(text, language);
  const angry = looksAngry(text, sentiment(text, language));
  const found =
    intent === 'question' && !angry ? await engine.answer({ text, language, transcript: [] }) : null;
  return { language, intent, angry, found };
}

/**
 * The FAQ bot of the widget and the cabinet chat. With the bot on, a new chat is the bot's
 * (support_bot_sessions) and is neither routed nor put on the SLA clocks (`claim`, `unlessClaimed`).
 * Each visitor message, once stored, gets the bot's reply (`reply`): an honest answer to "are you a
 * robot?", an article above the admin's confidence threshold, cited — or the handover to people when
 * the visitor asks, the bot is unsure, two answers did not help or the visitor sounds upset.
 */
export class FaqBot {
  /** The chats claimed in each open transaction (hooks of the same transaction see the same object). */
  private readonly claimed = new WeakMap<object, Set<string>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly conversations: Conversations,
    readonly settings: BotSettings,
    private readonly engine: BotEngine,
    private readonly handovers: BotHandover,
    private readonly sentiment: SentimentScorer,
  ) {}

  /** hooks.onOpened, before routing: a new chat is the bot's while the bot is on. */
  readonly claim = async (tx: Executor, conv: ConversationRow): Promise<void> => {
    if (conv.channel !== 'chat' || conv.assigneeId) return;
    if (!(await this.settings.get(tx)).enabled) return;
    await tx.insert(supportBotSessions).values({ conversationId: conv.id, createdAt: conv.createdAt });
    const set = this.claimed.get(tx) ?? new Set<string>();
    set.add(conv.id);
    this.claimed.set(tx, set);
  };

  /** Routing's and the SLA's open hooks, skipped for a chat the bot has just claimed. */
  unlessClaimed(hook: Hook): Hook {
    return async (tx, conv) => {
      if (this.claimed.get(tx)?.has(conv.id)) return;
      await hook(tx, conv);
    };
  }

  /**
   * The bot's turn after a visitor's message was stored (the widget calls it after its commit): the
   * engine's search runs outside any transaction, then the reply and its effects in one.
   */
  async reply(conversationId: string, message: { seq: number; body: string }): Promise<void> {
    const session = await this.session(this.db, conversationId);
    if (!session || session.state === 'handed_over') return;
    const conv = await this.conversations.get(this.db, conversationId);
    if (conv.assigneeId) return;
    const { language, intent, angry, found } = await understand(
      this.engine,
      this.sentiment,
      message.body,
      conv.language,
    );
    const { threshold } = await this.settings.get();
    await retryConflicts(() =>
      this.db.transaction(async (tx) => {
        const locked = await this.conversations.lock(tx, conversationId);
        const s = await this.session(tx, conversationId, true);
        // People took it meanwhile (a handover, an agent's assignment), or it was closed.
        if (!s || s.state === 'handed_over' || locked.assigneeId || locked.status === 'closed') return;
        if (s.state === 'resolved') await this.setSession(tx, conversationId, { state: 'active' });
        const texts = botTexts(language);
        const intro = (await this.hasSpoken(tx, conversationId)) ? '' : `${texts.intro}\n\n`;
        const say = (body: string, bot: BotMessageMeta) =>
          this.conversations.addMessage(tx, conversationId, {
            authorKind: 'bot',
            authorName: BOT_NAME,
            body,
            bot,
          });
        const handover = (reason: HandoverReason) => this.handovers.run(tx, locked, reason, language);

        if (angry) return handover('angry');
        if (intent === 'robot') return void (await say(texts.robot, { kind: 'robot' }));
        if (intent === 'human') return handover('asked');
        if (intent === 'greeting') return void (await say(texts.greeting, { kind: 'greeting' }));
        if (intent === 'thanks') {
          if (!s.answers) return void (await say(texts.greeting, { kind: 'greeting' }));
          return this.resolve(tx, locked, texts.resolved);
        }
        if (intent === 'not_helpful' || (found && s.answers && found.article?.id === s.lastArticleId)) {
          // The answer did not help (said so, or the same question again).
          const failed = s.failedAnswers + 1;
          await this.setSession(tx, conversationId, { failedAnswers: failed });
          if (failed >= MAX_FAILED_ANSWERS) return handover('failed');
          return void (await say(texts.clarify, { kind: 'clarify' }));
        }
        if (!found || found.confidence < threshold || !found.article) return handover('unsure');
        const title = found.article.title;
        const out = await say(intro + texts.answer(found.text, title), {
          kind: 'answer',
          article: found.article,
          confidence: found.confidence,
        });
        await this.setSession(tx, conversationId, {
          answers: sql`${supportBotSessions.answers} + 1`,
          lastArticleId: found.article.id,
          lastAnswerSeq: out.message.seq,
          lastAnswerAt: out.message.createdAt,
        });
      }),
    );
  }

  /** The visitor pressed "Talk to a person" (their own chat; checked by the route), or the sweep's. */
  async handover(
    conversationId: string,
    language: string | null,
    reason: HandoverReason = 'asked',
  ): Promise<void> {
    await retryConflicts(() =>
      this.db.transaction(async (tx) => {
        const conv = await this.conversations.lock(tx, conversationId);
        const s = await this.session(tx, conversationId, true);
        if (!s) throw conflict('bot_not_in_chat', 'This chat is not with the bot', 'conversationId');
        if (s.state === 'handed_over' || conv.assigneeId) return; // already with people: nothing to do
        if (conv.status === 'closed')
          throw conflict(
            'conversation_closed',
            'This conversation is closed; start a new one',
            'conversationId',
          );
        await this.handovers.run(tx, conv, reason, language ?? conv.language ?? 'en');
      }),
    );
  }

  /**
   * The job: chats left idle after the bot's answer for IDLE_RESOLVE_MS are resolved by it
   * (`bot_resolved`); a visitor message the bot never answered (it failed) goes to people.
   */
  async sweep(): Promise<{ resolved: number; handedOver: number }> {
    const now = this.clock.now();
    const idle = await this.db
      .select({ id: supportBotSessions.conversationId })
      .from(supportBotSessions)
      .innerJoin(conversations, eq(conversations.id, supportBotSessions.conversationId))
      .where(
        and(
          eq(supportBotSessions.state, 'active'),
          lt(supportBotSessions.lastAnswerAt, new Date(now.getTime() - IDLE_RESOLVE_MS)),
          eq(conversations.lastSeq, supportBotSessions.lastAnswerSeq),
          eq(conversations.status, 'open'),
        ),
      )
      .limit(100);
    const stuck = await this.db
      .select({ id: supportBotSessions.conversationId, language: conversations.language })
      .from(supportBotSessions)
      .innerJoin(conversations, eq(conversations.id, supportBotSessions.conversationId))
      .where(
        and(
          eq(supportBotSessions.state, 'active'),
          eq(conversations.status, 'open'),
          lt(conversations.waitingSince, new Date(now.getTime() - STUCK_MS)),
        ),
      )
      .limit(100);
    let resolved = 0;
    for (const { id } of idle) {
      const done = await this.db.transaction(async (tx) => {
        const conv = await this.conversations.lock(tx, id);
        const s = await this.session(tx, id, true);
        if (s?.state !== 'active' || conv.lastSeq !== s.lastAnswerSeq || conv.status !== 'open') return false;
        await this.resolve(tx, conv, null);
        return true;
      });
      if (done) resolved++;
    }
    for (const { id, language } of stuck) await this.handover(id, language, 'unsure').catch(() => undefined);
    return { resolved, handedOver: stuck.length };
  }

  /** The bot's answer was enough: resolved (CSAT is asked as for any resolution), `bot_resolved`. */
  private async resolve(tx: Executor, conv: ConversationRow, say: string | null): Promise<void> {
    const now = this.clock.now();
    if (say)
      await this.conversations.addMessage(tx, conv.id, {
        authorKind: 'bot',
        authorName: BOT_NAME,
        body: say,
        bot: { kind: 'resolved' },
      });
    await this.setSession(tx, conv.id, { state: 'resolved', resolvedAt: now });
    const row = await this.conversations.setStatus(tx, conv.id, 'resolved', BOT_ACTOR);
    await recordMetric(tx, row, {
      kind: 'bot_resolved',
      at: now,
      calendarMs: now.getTime() - row.createdAt.getTime(),
    });
  }

  private async session(db: Executor, conversationId: string, lock = false): Promise<SessionRow | undefined> {
    const q = db
      .select()
      .from(supportBotSessions)
      .where(eq(supportBotSessions.conversationId, conversationId));
    const [row] = lock ? await q.for('update') : await q;
    return row;
  }

  private async setSession(
    tx: Executor,
    conversationId: string,
    values: Partial<Record<keyof SessionRow, unknown>>,
  ): Promise<void> {
    await tx
      .update(supportBotSessions)
      .set({ ...(values as Partial<SessionRow>), updatedAt: this.clock.now() })
      .where(eq(supportBotSessions.conversationId, conversationId));
  }

  private async hasSpoken(tx: Executor, conversationId: string): Promise<boolean> {
    const [row] = await tx
      .select({ id: conversationMessages.id })
      .from(conversationMessages)
      .where(
        and(
          eq(conversationMessages.conversationId, conversationId),
          eq(conversationMessages.authorKind, 'bot'),
        ),
      )
      .limit(1);
    return row !== undefined;
  }
}
