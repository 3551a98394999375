import { and, count, desc, eq, sql } from 'drizzle-orm';
import { conflict, notFound } from '../../../core/errors.js';
import { pageOffset, type Paging } from '../../../core/paging.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { TicketDetail, TicketList, TicketView } from '../../../shared/contracts/support.js';
import { clientRef } from '../../clients/index.js';
import type { ConversationRow } from '../hooks.js';
import { conversationMessages, conversations, supportAttachments } from '../schema.js';
import type { Conversations, MessageWithAttachments } from './service.js';

export interface TicketInput {
  subject: string;
  body: string;
  language?: string | undefined;
  /** The trader's id for this request: the same one again answers the ticket it opened. */
  clientMessageId?: string | undefined;
}

const toTicket = (c: ConversationRow): TicketView => ({
  id: c.id,
  number: c.number,
  subject: c.subject,
  status: c.status,
  language: c.language,
  messageCount: c.messageCount,
  lastMessageAt: c.lastMessageAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
});

/** The trader's own download (the staff one, /api/support/attachments, needs support.handle). */
export const ticketAttachmentUrl = (ticketId: string, attachmentId: string) =>
  `/api/cabinet/support/tickets/${ticketId}/attachments/${attachmentId}`;

/** What the trader sees of a message: no internal notes (never read), no staff ids. */
const toTicketMessage = (m: MessageWithAttachments) => ({
  id: m.id,
  seq: m.seq,
  authorKind: m.authorKind,
  authorName: m.authorName,
  body: m.body,
  attachments: m.attachments.map((a) => ({
    id: a.id,
    fileName: a.fileName,
    mimeType: a.mimeType,
    size: a.size,
    url: ticketAttachmentUrl(m.conversationId, a.id),
  })),
  createdAt: m.createdAt.toISOString(),
});

/**
 * Cabinet tickets: a signed-in trader's conversations of channel `cabinet` (opened here, or a chat of
 * theirs an agent converted). Every read and write is by (ticket id, the trader's own client id): a
 * ticket of someone else is "not found", exactly like one that does not exist.
 */
export class CabinetTickets {
  constructor(
    private readonly db: Db,
    private readonly conversations: Conversations,
  ) {}

  /**
   * Opens a ticket, or finds the one a retry of the same request opened: a `clientMessageId` already
   * on this trader's cabinet ticket answers that ticket (`duplicate`). Retries are serialised per
   * trader, so a double click opens one ticket, not two.
   */
  async open(clientId: string, input: TicketInput): Promise<{ ticket: TicketDetail; duplicate: boolean }> {
    return this.db.transaction(async (tx) => {
      const found = input.clientMessageId ? await this.openedBy(tx, clientId, input.clientMessageId) : null;
      if (found) return { ticket: await this.get(clientId, found, tx), duplicate: true };
      return { ticket: await this.openIn(tx, clientId, input), duplicate: false };
    });
  }

  /** Opens a ticket in the caller's transaction (the Idempotency-Key path stores the answer with it). */
  async openIn(tx: Executor, clientId: string, input: TicketInput): Promise<TicketDetail> {
    const client = await clientRef(tx, clientId);
    const conv = await this.conversations.open(tx, {
      channel: 'cabinet',
      subject: input.subject,
      language: input.language ?? client.language,
      contactName: client.name,
      contactEmail: client.email,
      contactPhone: client.phone,
      clientId,
      actor: { kind: 'customer', name: client.name },
    });
    await this.conversations.addMessage(tx, conv.id, {
      authorKind: 'customer',
      authorName: client.name,
      body: input.body,
      clientMessageId: input.clientMessageId ?? null,
    });
    return this.get(clientId, conv.id, tx);
  }

  /** The trader's cabinet ticket whose customer message carries this clientMessageId, under their lock. */
  private async openedBy(tx: Executor, clientId: string, clientMessageId: string): Promise<string | null> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`support-ticket:${clientId}`}))`);
    const [row] = await tx
      .select({ id: conversations.id })
      .from(conversationMessages)
      .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
      .where(
        and(
          eq(conversations.clientId, clientId),
          eq(conversations.channel, 'cabinet'),
          eq(conversationMessages.authorKind, 'customer'),
          eq(conversationMessages.clientMessageId, clientMessageId),
        ),
      )
      .limit(1);
    return row?.id ?? null;
  }

  async list(clientId: string, paging: Paging): Promise<TicketList> {
    const mine = and(eq(conversations.clientId, clientId), eq(conversations.channel, 'cabinet'));
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(conversations)
        .where(mine)
        .orderBy(desc(conversations.createdAt), desc(conversations.number))
        .limit(paging.pageSize)
        .offset(pageOffset(paging)),
      this.db.select({ n: count() }).from(conversations).where(mine),
    ]);
    return { items: rows.map(toTicket), total: Number(total?.n ?? 0) };
  }

  async get(clientId: string, id: string, db: Executor = this.db): Promise<TicketDetail> {
    const conv = await this.own(clientId, id, db);
    const messages = await this.conversations.messagesAfter(db, id, 0, {
      includeInternal: false,
      limit: 500,
    });
    return { ...toTicket(conv), messages: messages.map(toTicketMessage), lastSeq: conv.lastSeq };
  }

  async reply(clientId: string, id: string, input: { body: string; clientMessageId?: string | undefined }) {
    const out = await this.db.transaction(async (tx) => {
      await this.own(clientId, id, tx);
      const client = await clientRef(tx, clientId);
      return this.conversations.addMessage(tx, id, {
        authorKind: 'customer',
        authorName: client.name,
        body: input.body,
        clientMessageId: input.clientMessageId ?? null,
      });
    });
    // A clientMessageId already used by someone else's message (staff may send one too): not ours to show.
    if (out.duplicate && out.message.authorKind !== 'customer')
      throw conflict('client_message_id_taken', 'This message id is already used', 'clientMessageId');
    const [full] = await this.conversations.messagesAfter(this.db, id, out.message.seq - 1, {
      includeInternal: false,
      limit: 1,
    });
    if (!full)
      throw conflict('client_message_id_taken', 'This message id is already used', 'clientMessageId');
    return { message: toTicketMessage(full), duplicate: out.duplicate };
  }

  /**
   * An attachment the trader may download: on a public message of their own ticket (a file on an
   * internal note, or only uploaded and never sent, is "not found" like another trader's).
   */
  async attachmentId(clientId: string, id: string, attachmentId: string): Promise<string> {
    await this.own(clientId, id);
    const [row] = await this.db
      .select({ id: supportAttachments.id })
      .from(supportAttachments)
      .innerJoin(conversationMessages, eq(conversationMessages.id, supportAttachments.messageId))
      .where(
        and(
          eq(supportAttachments.id, attachmentId),
          eq(supportAttachments.conversationId, id),
          eq(conversationMessages.visibility, 'public'),
        ),
      );
    if (!row) throw notFound('Attachment');
    return row.id;
  }

  private async own(clientId: string, id: string, db: Executor = this.db): Promise<ConversationRow> {
    const [conv] = await db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.id, id),
          eq(conversations.clientId, clientId),
          eq(conversations.channel, 'cabinet'),
        ),
      );
    if (!conv) throw notFound('Ticket');
    return conv;
  }
}
