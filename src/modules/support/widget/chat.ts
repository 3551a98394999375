import { and, asc, count, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import { badRequest } from '../../../core/errors.js';
import { addressKey, RateLimiter, RateLimitedError } from '../../../core/rate-limit.js';
import type { Db, Executor } from '../../../db/connection.js';
import { retryConflicts } from '../../../db/retry.js';
import type { Mailer } from '../../../integrations/mail/mailer.js';
import type { WidgetMessage, WidgetState } from '../../../shared/contracts/support.js';
import { SUPPORT_LANGUAGES } from '../../../shared/support.js';
import { clientRef } from '../../clients/index.js';
import { staffNamesByIds } from '../../identity/index.js';
import type { AttachmentRow, Conversations } from '../conversations/service.js';
import type { ConversationRow, MessageRow } from '../hooks.js';
import { conversations, supportAgents, supportSettings } from '../schema.js';
import type { VisitorRow, Visitors } from './visitors.js';

/** A transcript mail carries at most this much text (UTF-8 bytes); the rest is cut with a note. */
export const TRANSCRIPT_MAX_BYTES = 200 * 1024;

const TRUNCATED = '\n\n[… transcript truncated: the full conversation is longer]';

export function capTranscript(text: string): string {
  if (Buffer.byteLength(text) <= TRANSCRIPT_MAX_BYTES) return text;
  const room = TRANSCRIPT_MAX_BYTES - Buffer.byteLength(TRUNCATED);
  // Cut on a character boundary: decoding a cut multi-byte sequence would leave a replacement char.
  const cut = Buffer.from(text)
    .subarray(0, room)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return cut + TRUNCATED;
}

/** A visitor may send this many messages in the window; more is a flood (`rate_limited`, 429). */
export const WIDGET_RATE = { limit: 10, windowMs: 10_000 };
/**
 * New chats one address (an IPv6 /64) may open in the window: each visitor has one chat at a time, so
 * this caps what a script minting visitors can put in the queue (an office behind one NAT stays under).
 */
export const NEW_CHATS_PER_ADDRESS = { limit: 20, windowMs: 10 * 60_000 };

/** A file as the visitor sees it: name, type and size (downloaded with their token, attachments/widget-routes.ts). */
export const widgetFile = (a: AttachmentRow) => ({
  id: a.id,
  fileName: a.fileName,
  mimeType: a.mimeType,
  size: a.size,
});

export const publicMessage = (m: MessageRow & { attachments?: AttachmentRow[] }): WidgetMessage => ({
  seq: m.seq,
  id: m.id,
  authorKind: m.authorKind,
  authorName: m.authorName,
  body: m.body,
  ...(m.attachments?.length && { attachments: m.attachments.map(widgetFile) }),
  ...(m.bot && { bot: m.bot }),
  createdAt: m.createdAt.toISOString(),
});

/**
 * The visitor's side of a chat: sending (opening the conversation with the first message), reading
 * after a seq, the header state, the widget's config and the transcript. The socket and the HTTP
 * fallback both go through here, so the rate limit and the ownership checks are the same for both.
 */
export class WidgetChat {
  private readonly limiter: RateLimiter;
  private readonly newChats: RateLimiter;
  private readonly listeners: ((conversation: ConversationRow, message: MessageRow) => Promise<void>)[] = [];
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly conversations: Conversations,
    private readonly visitors: Visitors,
    private readonly mailer: Pick<Mailer, 'queue'>,
    private readonly baseUrl: string,
  ) {
    const now = () => clock.now().getTime();
    this.limiter = new RateLimiter(WIDGET_RATE.limit, WIDGET_RATE.windowMs, now);
    this.newChats = new RateLimiter(NEW_CHATS_PER_ADDRESS.limit, NEW_CHATS_PER_ADDRESS.windowMs, now);
  }

  /**
   * Takes a visitor's message: into the given conversation (theirs only), else their open chat, else a
   * new one. A retry with the same clientMessageId returns the stored message (`duplicate`). Offline,
   * the conversation simply waits: routing queues it until an agent comes online.
   */
  async send(
    visitor: VisitorRow,
    input: { conversationId?: string | null; body: string; clientMessageId: string },
    /** The sender's address (request.ip): opening a chat counts against it. */
    address?: string,
  ): Promise<{ conversation: ConversationRow; message: MessageRow; duplicate: boolean }> {
    this.checkFlood(visitor.id);
    // A deadlock or serialization failure aborts the whole send: run it again (same clientMessageId,
    // so a first attempt that did commit is found, not stored twice). A new chat is charged against the
    // address once per send, not once per attempt.
    const charge = { taken: false };
    const out = await retryConflicts(() => this.sendOnce(visitor, input, address, charge));
    if (!out.duplicate) for (const listener of this.listeners) await listener(out.conversation, out.message);
    return out;
  }

  /**
   * Runs after a visitor's new message is committed, before the send returns (the FAQ bot's reply). A
   * listener handles its own failures: the visitor's message is stored whatever it does.
   */
  onCustomerMessage(listener: (conversation: ConversationRow, message: MessageRow) => Promise<void>): void {
    this.listeners.push(listener);
  }

  private sendOnce(
    visitor: VisitorRow,
    input: { conversationId?: string | null; body: string; clientMessageId: string },
    address: string | undefined,
    charge: { taken: boolean },
  ): Promise<{ conversation: ConversationRow; message: MessageRow; duplicate: boolean }> {
    return this.db.transaction(async (tx) => {
      await this.visitors.lock(tx, visitor);
      let conv = input.conversationId
        ? await this.visitors.own(tx, visitor, input.conversationId)
        : await this.visitors.active(tx, visitor);
      if (conv?.status === 'closed') conv = null;
      if (!conv && address && !charge.taken) {
        charge.taken = true;
        const wait = this.newChats.take(addressKey(address));
        if (wait > 0) throw new RateLimitedError(wait, 'Too many new chats from this network; try later');
      }
      conv ??= await this.conversations.open(tx, {
        channel: 'chat',
        language: visitor.language,
        contactName: visitor.name,
        contactEmail: visitor.email,
        visitorId: visitor.id,
        clientId: visitor.clientId,
        actor: { kind: 'customer', name: visitor.name },
      });
      const out = await this.conversations.addMessage(tx, conv.id, {
        authorKind: 'customer',
        authorName: visitor.name,
        body: input.body,
        clientMessageId: input.clientMessageId,
      });
      return { conversation: out.conversation, message: out.message, duplicate: out.duplicate };
    });
  }

  /** The visitor's message flood limit (WIDGET_RATE): a message or a file counts against it. */
  checkFlood(visitorId: string): void {
    this.limiter.check(visitorId, 'Too many messages at once; wait a few seconds');
  }

  /** Public messages after `after`, oldest first. */
  async messagesAfter(conversationId: string, after: number, limit = 500): Promise<WidgetMessage[]> {
    const rows = await this.conversations.messagesAfter(this.db, conversationId, after, {
      includeInternal: false,
      limit,
    });
    return rows.map(publicMessage);
  }

  /** What the widget's header shows for a conversation (or for none yet). */
  async state(db: Executor, conv: ConversationRow | null): Promise<WidgetState> {
    if (!conv)
      return {
        conversationId: null,
        status: 'none',
        agent: null,
        queuePosition: null,
        lastSeq: 0,
        csatPending: false,
      };
    let agent: WidgetState['agent'] = null;
    if (conv.assigneeId) {
      const names = await staffNamesByIds(db, [conv.assigneeId]);
      const [row] = await db
        .select({ status: supportAgents.status })
        .from(supportAgents)
        .where(eq(supportAgents.staffId, conv.assigneeId));
      agent = { name: names.get(conv.assigneeId) ?? '', online: row?.status === 'online' };
    }
    return {
      conversationId: conv.id,
      status: conv.status,
      agent,
      queuePosition: await this.queuePosition(db, conv),
      lastSeq: conv.lastSeq,
      csatPending: conv.status === 'resolved' && conv.csatScore === null,
    };
  }

  /** 1 + the open unassigned chats of the same team queued before this one; null when not queued. */
  private async queuePosition(db: Executor, conv: ConversationRow): Promise<number | null> {
    if (conv.assigneeId || !conv.queuedAt || conv.status !== 'open') return null;
    const [row] = await db
      .select({ n: count() })
      .from(conversations)
      .where(
        and(
          eq(conversations.status, 'open'),
          isNull(conversations.assigneeId),
          lte(conversations.queuedAt, conv.queuedAt),
          conv.teamId ? eq(conversations.teamId, conv.teamId) : isNull(conversations.teamId),
        ),
      );
    return Math.max(1, Number(row?.n ?? 1));
  }

  /** Online when an agent who speaks the language (or any, without one) is online now. */
  async config(language: string | null): Promise<{
    online: boolean;
    languages: string[];
    texts: { greeting: string | null; offline: string | null };
  }> {
    const [online] = await this.db
      .select({ id: supportAgents.staffId })
      .from(supportAgents)
      .where(
        and(
          eq(supportAgents.status, 'online'),
          language ? sql`${language} = any(${supportAgents.languages})` : undefined,
        ),
      )
      .limit(1);
    const spoken = await this.db
      .selectDistinct({ language: sql<string>`unnest(${supportAgents.languages})` })
      .from(supportAgents)
      .orderBy(asc(sql`1`));
    const [settings] = await this.db.select().from(supportSettings).where(eq(supportSettings.id, 1));
    const widget = (settings?.settings.widget ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
    return {
      online: online !== undefined,
      // The desk's languages as its agents speak them; a desk not set up yet offers the default list.
      languages: spoken.length ? spoken.map((s) => s.language) : [...SUPPORT_LANGUAGES],
      texts: { greeting: str(widget.greeting), offline: str(widget.offline) },
    };
  }

  /**
   * Mails the conversation's public messages to the visitor: to the address given in the pre-chat form,
   * or a signed-in trader's own email; never to an address typed only here (not a way to mail others).
   */
  async transcript(visitor: VisitorRow, conversationId: string, email: string | null): Promise<string> {
    // A signed-in trader's is the client's email (what the form says could be anyone's).
    const own = visitor.clientId ? (await clientRef(this.db, visitor.clientId)).email : visitor.email;
    if (!own) throw badRequest('email_required', 'Give your email in the chat form first', 'email');
    if (email && email.toLowerCase() !== own.toLowerCase())
      throw badRequest('email_mismatch', 'The transcript goes to the email you gave in the chat', 'email');
    const conv = await this.visitors.own(this.db, visitor, conversationId);
    const messages = await this.messagesAfter(conv.id, 0, 5000);
    const lines = messages.map((m) => {
      // A file sent alone has no text: the transcript names it.
      const text = [m.body, ...(m.attachments ?? []).map((a) => `[file: ${a.fileName}]`)].filter(Boolean);
      return `[${m.createdAt.slice(0, 16).replace('T', ' ')} UTC] ${m.authorName ?? (m.authorKind === 'customer' ? 'You' : 'Support')}:\n${text.join('\n')}`;
    });
    await this.db.transaction((tx) =>
      this.mailer.queue(tx, {
        to: own,
        subject: `Your chat with support (#${conv.number})`,
        text: `${capTranscript(lines.join('\n\n'))}\n\n--\n${this.baseUrl}\n`,
      }),
    );
    return own;
  }
}
