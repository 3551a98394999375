import { and, desc, eq, gte, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { appendEvent, type Viewer } from '../../core/events.js';
import { AppError, notFound } from '../../core/errors.js';
import type { Db } from '../../db/connection.js';
import type { NpsCommentList, NpsResults } from '../../shared/contracts/surveys.js';
import { clientAudience, clientRefs, clientRefsByIds } from '../clients/index.js';
import { withScope } from '../identity/index.js';
import { surveyAnswers, surveyCampaigns, surveyRecipients } from './schema.js';

export const NPS_SEGMENTS = ['status', 'country', 'language', 'manager'] as const;
export type NpsSegment = (typeof NPS_SEGMENTS)[number];

export interface AnswerInput {
  campaignId: string;
  clientId: string;
  score: number;
  comment?: string | null | undefined;
  channel: 'email' | 'cabinet';
  ip: string | null;
}

/** NPS from counts: % promoters (9–10) − % detractors (0–6), rounded; null without answers. */
export const npsOf = (promoters: number, detractors: number, total: number) =>
  total ? Math.round((100 * (promoters - detractors)) / total) : null;

/**
 * Answers (one per trader per campaign: a repeat changes nothing and says so) and the results: NPS
 * per segment of the answering traders and per week, and the comments — those only of the clients the
 * viewer may see (record scope through the clients face).
 */
export class SurveyAnswers {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async answer(input: AnswerInput): Promise<{ duplicate: boolean; score: number }> {
    return this.db.transaction(async (tx) => {
      const [recipient] = await tx
        .select({
          name: surveyCampaigns.name,
          channels: surveyCampaigns.channels,
          closedAt: surveyCampaigns.closedAt,
        })
        .from(surveyRecipients)
        .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyRecipients.campaignId))
        .where(
          and(
            eq(surveyRecipients.campaignId, input.campaignId),
            eq(surveyRecipients.clientId, input.clientId),
          ),
        );
      if (!recipient) throw notFound('Survey');
      if (recipient.closedAt) throw new AppError(410, 'campaign_closed', 'This survey is closed');
      const [row] = await tx
        .insert(surveyAnswers)
        .values({
          campaignId: input.campaignId,
          clientId: input.clientId,
          score: input.score,
          comment: input.comment?.trim() || null,
          channel: input.channel,
          createdAt: this.clock.now(),
        })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        const [first] = await tx
          .select({ score: surveyAnswers.score })
          .from(surveyAnswers)
          .where(
            and(eq(surveyAnswers.campaignId, input.campaignId), eq(surveyAnswers.clientId, input.clientId)),
          );
        return { duplicate: true, score: first!.score };
      }
      const client = (await clientRefsByIds(tx, [input.clientId])).get(input.clientId)!;
      await appendEvent(tx, {
        type: 'survey.answered',
        subjectType: 'client',
        subjectId: client.id,
        actorId: client.id,
        actorKind: 'trader',
        ip: input.ip,
        payload: {
          campaignId: input.campaignId,
          campaignName: recipient.name,
          clientId: client.id,
          clientName: client.name,
          score: row.score,
          channel: input.channel,
        },
        audience: { ...clientAudience(client), permissions: ['support.supervise'] },
      });
      return { duplicate: false, score: row.score };
    });
  }

  /** NPS overall, per segment value and per week (per segment value too), optionally of one campaign. */
  async results(opts: {
    campaignId?: string | undefined;
    by: NpsSegment;
    weeks: number;
  }): Promise<NpsResults> {
    const rel = clientRefs('nps_clients');
    const key = { status: rel.status, country: rel.country, language: rel.language, manager: rel.managerId }[
      opts.by
    ];
    const since = new Date(this.clock.now().getTime() - opts.weeks * 7 * 86_400_000);
    const where = and(
      opts.campaignId ? eq(surveyAnswers.campaignId, opts.campaignId) : undefined,
      gte(surveyAnswers.createdAt, since),
    );
    const counts = {
      total: sql<number>`count(*)::int`,
      promoters: sql<number>`(count(*) filter (where ${surveyAnswers.score} >= 9))::int`,
      detractors: sql<number>`(count(*) filter (where ${surveyAnswers.score} <= 6))::int`,
    };
    const week = sql<string>`to_char(date_trunc('week', ${surveyAnswers.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
    const groups = await this.db
      .select({ key: sql<string | null>`${key}`, ...counts })
      .from(surveyAnswers)
      .innerJoin(rel, eq(rel.id, surveyAnswers.clientId))
      .where(where)
      .groupBy(key)
      .orderBy(sql`count(*) desc`);
    const trend = await this.db
      .select({ week, key: sql<string | null>`${key}`, ...counts })
      .from(surveyAnswers)
      .innerJoin(rel, eq(rel.id, surveyAnswers.clientId))
      .where(where)
      .groupBy(week, key)
      .orderBy(week);
    const sum = (k: 'total' | 'promoters' | 'detractors') => groups.reduce((n, g) => n + g[k], 0);
    const total = sum('total');
    const view = (g: { total: number; promoters: number; detractors: number }) => ({
      answers: g.total,
      promoters: g.promoters,
      detractors: g.detractors,
      passives: g.total - g.promoters - g.detractors,
      nps: npsOf(g.promoters, g.detractors, g.total),
    });
    const byWeek = new Map<string, { total: number; promoters: number; detractors: number }>();
    for (const t of trend) {
      const w = byWeek.get(t.week) ?? { total: 0, promoters: 0, detractors: 0 };
      w.total += t.total;
      w.promoters += t.promoters;
      w.detractors += t.detractors;
      byWeek.set(t.week, w);
    }
    return {
      by: opts.by,
      overall: view({ total, promoters: sum('promoters'), detractors: sum('detractors') }),
      groups: groups.map((g) => ({ key: g.key, ...view(g) })),
      trend: [...byWeek].map(([w, g]) => ({ week: w, key: null, ...view(g) })),
      trendByGroup: trend.map((t) => ({ week: t.week, key: t.key, ...view(t) })),
    };
  }

  /** Comments newest first, only of clients in the viewer's record scope. */
  async comments(
    viewer: Viewer,
    opts: { campaignId?: string | undefined; limit: number },
  ): Promise<NpsCommentList> {
    const rel = clientRefs('nps_comment_clients');
    const conditions: SQL[] = [isNotNull(surveyAnswers.comment)];
    if (opts.campaignId) conditions.push(eq(surveyAnswers.campaignId, opts.campaignId));
    const rows = await this.db
      .select({
        campaignId: surveyAnswers.campaignId,
        campaignName: surveyCampaigns.name,
        clientId: rel.id,
        clientName: rel.name,
        score: surveyAnswers.score,
        comment: surveyAnswers.comment,
        createdAt: surveyAnswers.createdAt,
      })
      .from(surveyAnswers)
      .innerJoin(rel, eq(rel.id, surveyAnswers.clientId))
      .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyAnswers.campaignId))
      .where(withScope(viewer, rel, and(...conditions)))
      .orderBy(desc(surveyAnswers.createdAt))
      .limit(opts.limit);
    return {
      items: rows.map((r) => ({ ...r, comment: r.comment ?? '', createdAt: r.createdAt.toISOString() })),
    };
  }
}
