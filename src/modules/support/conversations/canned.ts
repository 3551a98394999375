import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { AppError, conflict, notFound } from '../../../core/errors.js';
import type { Db } from '../../../db/connection.js';
import type { CannedView } from '../../../shared/contracts/support.js';
import { clientRefsByIds } from '../../clients/index.js';
import { staffById, teamExists } from '../../identity/index.js';
import { cannedResponses } from '../schema.js';
import type { Conversations } from './service.js';

type CannedRow = typeof cannedResponses.$inferSelect;

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

  async create(staffId: string, input: CannedInput): Promise<CannedView> {
    await this.checkTeam(input.teamId);
    try {
      const [row] = await this.db
        .insert(cannedResponses)
        .values({ ...input, createdBy: staffId })
        .returning();
      return toView(row!);
    } catch (e) {
      throw isUniqueViolation(e) ? taken() : e;
    }
  }

  async update(id: string, patch: Partial<CannedInput>): Promise<CannedView> {
    if (patch.teamId) await this.checkTeam(patch.teamId);
    try {
      const [row] = await this.db
        .update(cannedResponses)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(cannedResponses.id, id))
        .returning();
      if (!row) throw notFound('Canned response');
      return toView(row);
    } catch (e) {
      throw isUniqueViolation(e) ? taken() : e;
    }
  }

  async remove(id: string): Promise<void> {
    const gone = await this.db
      .delete(cannedResponses)
      .where(eq(cannedResponses.id, id))
      .returning({ id: cannedResponses.id });
    if (!gone.length) throw notFound('Canned response');
  }

  /**
   * The response filled in for one conversation: the linked client's name (else the contact's), the
   * client's cabinet login as the account, the agent's own name. Plain text, as the composer inserts it.
   */
  async render(id: string, conversationId: string, staffId: string): Promise<{ body: string }> {
    const [canned] = await this.db.select().from(cannedResponses).where(eq(cannedResponses.id, id));
    if (!canned) throw notFound('Canned response');
    const conv = await this.conversations.get(this.db, conversationId).catch(() => {
      throw new AppError(404, 'not_found', 'Conversation not found', 'conversationId');
    });
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
