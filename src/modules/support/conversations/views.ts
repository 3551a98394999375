import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/connection.js';
import type {
  ConversationDetail,
  ConversationSummary,
  MessageView,
} from '../../../shared/contracts/support.js';
import { clientRefs } from '../../clients/index.js';
import { staffNames, teamNames } from '../../identity/index.js';
import type { ConversationRow } from '../hooks.js';
import { conversationMessages, conversations, slaPolicies } from '../schema.js';
import type { AttachmentRow, MessageWithAttachments } from './service.js';

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

const assignees = staffNames('assignees');
const teamsRel = teamNames('conv_teams');
const clientRel = clientRefs('conv_clients');

/** The last message's first line (internal notes included: the list is staff's), for the inbox row. */
const preview = sql<string | null>`(
  select left(split_part(m.body, E'\n', 1), 160) from ${conversationMessages} m
  where m.conversation_id = ${conversations.id} order by m.seq desc limit 1)`;

/**
 * The inbox's select: the conversation with the names the row shows (team, assignee, client, the SLA
 * policy) and the last message's first line, in one statement.
 */
export function summarySelect(db: Executor) {
  return db
    .select({
      c: conversations,
      teamName: teamsRel.name,
      assigneeName: assignees.name,
      clientName: clientRel.name,
      policyName: slaPolicies.name,
      preview,
    })
    .from(conversations)
    .leftJoin(teamsRel, eq(teamsRel.id, conversations.teamId))
    .leftJoin(assignees, eq(assignees.id, conversations.assigneeId))
    .leftJoin(clientRel, eq(clientRel.id, conversations.clientId))
    .leftJoin(slaPolicies, eq(slaPolicies.id, conversations.slaPolicyId))
    .$dynamic();
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>['execute']>>[number];

export function toSummary(r: SummaryRow): ConversationSummary {
  const c = r.c;
  return {
    id: c.id,
    number: c.number,
    channel: c.channel,
    kind: c.kind,
    status: c.status,
    priority: c.priority,
    language: c.language,
    subject: c.subject,
    preview: r.preview,
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    teamId: c.teamId,
    teamName: r.teamName,
    assigneeId: c.assigneeId,
    assigneeName: r.assigneeName,
    clientId: c.clientId,
    clientName: r.clientName,
    tags: c.tags,
    lastSeq: c.lastSeq,
    messageCount: c.messageCount,
    lastMessageAt: isoOrNull(c.lastMessageAt),
    waitingSince: isoOrNull(c.waitingSince),
    sla: {
      policyName: r.policyName,
      // Met once answered: the inbox's timer then counts to the next deadline, not a past one.
      firstResponseDueAt: c.firstResponseAt ? null : isoOrNull(c.firstResponseDueAt),
      nextResponseDueAt: isoOrNull(c.nextResponseDueAt),
      resolutionDueAt: isoOrNull(c.resolutionDueAt),
      pausedAt: isoOrNull(c.slaPausedAt),
      breachedAt: isoOrNull(c.slaBreachedAt),
    },
    csatScore: c.csatScore,
    sentimentScore: c.sentimentScore,
    sentimentFlag: c.sentimentFlag,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toDetail(r: SummaryRow): ConversationDetail {
  const c = r.c;
  return {
    ...toSummary(r),
    contactPhone: c.contactPhone,
    firstResponseAt: isoOrNull(c.firstResponseAt),
    resolvedAt: isoOrNull(c.resolvedAt),
    snoozedUntil: isoOrNull(c.snoozedUntil),
    csatComment: c.csatComment,
    mergedIntoId: c.mergedIntoId,
  };
}

/** Summaries in the order asked (ids missing from the table are left out). */
export async function summariesOf(db: Executor, where: SQL): Promise<SummaryRow[]> {
  return summarySelect(db).where(where);
}

export async function detailOf(db: Executor, id: string): Promise<ConversationDetail | null> {
  const [row] = await summariesOf(db, eq(conversations.id, id));
  return row ? toDetail(row) : null;
}

export async function detailsOf(db: Executor, rows: ConversationRow[]): Promise<ConversationDetail[]> {
  if (!rows.length) return [];
  const found = await summariesOf(
    db,
    inArray(
      conversations.id,
      rows.map((r) => r.id),
    ),
  );
  const byId = new Map(found.map((r) => [r.c.id, toDetail(r)]));
  return rows.map((r) => byId.get(r.id)!).filter(Boolean);
}

/** Where staff download an attachment (D's route checks who may). */
export const attachmentUrl = (a: Pick<AttachmentRow, 'id'>) => `/api/support/attachments/${a.id}`;

/**
 * A message as staff see it. Bodies go out exactly as stored: chat text is plain text the browser
 * escapes when it renders it; no HTML is built from it here (an email's sanitized HTML is its own field).
 */
export function toMessageView(m: MessageWithAttachments): MessageView {
  return {
    id: m.id,
    seq: m.seq,
    authorKind: m.authorKind,
    authorStaffId: m.authorStaffId,
    authorName: m.authorName,
    visibility: m.visibility,
    body: m.body,
    bodyHtml: m.bodyHtml,
    sentimentScore: m.sentimentScore,
    sentimentFlag: m.sentimentFlag,
    attachments: m.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      mimeType: a.mimeType,
      size: a.size,
      url: attachmentUrl(a),
    })),
    bot: m.bot,
    createdAt: m.createdAt.toISOString(),
  };
}
