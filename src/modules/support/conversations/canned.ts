import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { changedFields } from '../../../core/changes.js';
import type { Viewer } from '../../../core/events.js';
import { AppError, conflict, notFound } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { CannedView } from '../../../shared/contracts/support.js';
import { clientRefsByIds } from '../../clients/index.js';
import { staffById, teamExists } from '../../identity/index.js';
import { recordSettingsChange } from '../audit.js';
import { cannedResponses, supportAgents } from '../schema.js';
import { assertConversationVisible } from './scope.js';
import type { Conversations } from './service.js';

type CannedRow = typeof cannedResponses.$inferSelect;

/** The staff member writing canned responses: their team(s) and permissions decide which they may change. */
export type CannedEditor = Viewer & { ip?: string | null };

export interface CannedInput {
  title: string;
  shortcut: string;
  language: string;
  body: string;
  teamId: string | null;
}

const toView = (r: CannedRow): CannedView => ({
  id: r.id,
  title: r.title,
  shortcut: r.shortcut,
  language: r.language,
  body: r.body,
  teamId: r.teamId,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The variables a canned response may use; anything else in {{ }} is left as written. */
export const CANNED_VARIABLES = ['client.name', 'client.account', 'agent.name'] as const;

/** Fills {{client.name}}, {{client.account}}, {{agent.name}} (spaces inside the braces allowed). */
export function renderCanned(
  body: string,
  values: Record<(typeof CANNED_VARIABLES)[number], string>,
): string {
  return body.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as keyof typeof values] : whole,
  );
}

/** A unique violation, from node-postgres or PGlite (which drizzle may wrap as the error's cause). */
const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  ((e as { code?: string }).code === '23505' || isUniqueViolation((e as { cause?: unknown }).cause));

/** Canned responses: per language, for one team or every team, typed by shortcut in the composer. */
export class CannedResponses {
  constructor(
    private readonly db: Db,
    private readonly conversations: Conversations,
  ) {}

  async list(q: { language?: string | undefined; teamId?: string | undefined; q?: string | undefined }) {
    const rows = await this.db
      .select()
      .from(cannedResponses)
      .where(
        and(
          q.language ? eq(cannedResponses.language, q.language) : undefined,
          // A team's list is its own responses and the ones for every team.
          q.teamId ? or(eq(cannedResponses.teamId, q.teamId), isNull(cannedResponses.teamId)) : undefined,
          q.q
            ? or(
                ilike(cannedResponses.title, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
                ilike(cannedResponses.shortcut, `${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
              )
            : undefined,
        ),
      )
      .orderBy(asc(cannedResponses.shortcut), asc(cannedResponses.language))
      .limit(500);
    return { items: rows.map(toView) };
  }

  async create(editor: CannedEditor, input: CannedInput): Promise<CannedView> {
    await this.checkTeam(input.teamId);
    // Any agent may add a response for every team (it is theirs to edit); a team's only from inside it.
    if (input.teamId) await this.mayWrite(this.db, editor, { teamId: input.teamId, createdBy: editor.id });
    try {
      return await this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(cannedResponses)
          .values({ ...input, createdBy: editor.id })
          .returning();
        await recordSettingsChange(tx, editor, 'canned', 'created', row!.id, { ...input });
        return toView(row!);
      });
    } catch (e) {
      throw isUniqueViolation(e) ? taken() : e;
    }
  }

  async update(editor: CannedEditor, id: string, patch: Partial<CannedInput>): Promise<CannedView> {
    if (patch.teamId) await this.checkTeam(patch.teamId);
    try {
      return await this.db.transaction(async (tx) => {
        const before = await this.writable(tx, editor, id);
        if (patch.teamId) await this.mayWrite(tx, editor, { teamId: patch.teamId, createdBy: editor.id });
        // Making a team's response global takes it out of the team's hands: settings only.
        if (patch.teamId === null && before.teamId)
          await this.mayWrite(tx, editor, { teamId: null, createdBy: null });
        const [row] = await tx
          .update(cannedResponses)
          .set({ ...patch, updatedAt: sql`now()` })
          .where(eq(cannedResponses.id, id))
          .returning();
        await recordSettingsChange(tx, editor, 'canned', 'updated', id, changedFields(before, patch));
        return toView(row!);
      });
    } catch (e) {
      throw isUniqueViolation(e) ? taken() : e;
    }
  }

  async remove(editor: CannedEditor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.writable(tx, editor, id);
      await tx.delete(cannedResponses).where(eq(cannedResponses.id, id));
      await recordSettingsChange(tx, editor, 'canned', 'deleted', id, {
        shortcut: before.shortcut,
        language: before.language,
        teamId: before.teamId,
      });
    });
  }

  /** The row, locked, if the editor may change it; 404 when missing, 403 when it is another team's. */
  private async writable(tx: Executor, editor: CannedEditor, id: string): Promise<CannedRow> {
    const [row] = await tx.select().from(cannedResponses).where(eq(cannedResponses.id, id)).for('update');
    if (!row) throw notFound('Canned response');
    await this.mayWrite(tx, editor, row);
    return row;
  }

  /**
   * A team's response: its team's agents (identity team or a support team routing gives them). A
   * global one: its author. Holders of settings.write (the desk's settings) change any.
   */
  private async mayWrite(
    tx: Executor,
    editor: CannedEditor,
    row: { teamId: string | null; createdBy: string | null },
  ): Promise<void> {
    if (editor.permissions.has('settings.write')) return;
    if (row.teamId === null) {
      if (row.createdBy === editor.id) return;
    } else {
      if (row.teamId === editor.teamId) return;
      const [agent] = await tx
        .select({ teamIds: supportAgents.teamIds })
        .from(supportAgents)
        .where(eq(supportAgents.staffId, editor.id));
      if (agent?.teamIds.includes(row.teamId)) return;
    }
    throw new AppError(
      403,
      'canned_not_yours',
      "Only the response's team (or settings) may change it",
      'teamId',
    );
  }

  /**
   * The response filled in for one conversation: the linked client's name (else the contact's), the
   * client's cabinet login as the account, the agent's own name. Plain text, as the composer inserts it.
   */
  async render(viewer: Viewer, id: string, conversationId: string): Promise<{ body: string }> {
    const staffId = viewer.id;
    const [canned] = await this.db.select().from(cannedResponses).where(eq(cannedResponses.id, id));
    if (!canned) throw notFound('Canned response');
    const conv = await this.conversations.get(this.db, conversationId).catch(() => {
      throw new AppError(404, 'not_found', 'Conversation not found', 'conversationId');
    });
    // {{client.*}} names the client: only for a viewer who may see them.
    await assertConversationVisible(this.db, viewer, conv, 'conversationId');
    const client = conv.clientId
      ? (await clientRefsByIds(this.db, [conv.clientId])).get(conv.clientId)
      : undefined;
    const agent = await staffById(this.db, staffId);
    return {
      body: renderCanned(canned.body, {
        'client.name': client?.name ?? conv.contactName ?? '',
        'client.account': client?.login ?? '',
        'agent.name': agent?.name ?? '',
      }),
    };
  }

  private async checkTeam(teamId: string | null) {
    if (teamId && !(await teamExists(this.db, teamId)))
      throw new AppError(404, 'not_found', 'Team not found', 'teamId');
  }
}

const taken = () => conflict('shortcut_taken', 'This shortcut is taken in this language', 'shortcut');
