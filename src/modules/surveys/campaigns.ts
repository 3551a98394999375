import { createHash, createHmac } from 'node:crypto';
import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { appendEvent } from '../../core/events.js';
import { badRequest, conflict, notFound } from '../../core/errors.js';
import type { Db, Executor } from '../../db/connection.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import type { CampaignView } from '../../shared/contracts/surveys.js';
import { clientRefs, clientRefsByIds, type ClientStatus } from '../clients/index.js';
import { surveyAnswers, surveyCampaigns, surveyRecipients, type SurveySegment } from './schema.js';
import { npsMail, npsTexts } from './texts.js';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The most traders one campaign reaches (a bigger segment is refused: split it). */
export const CAMPAIGN_MAX_RECIPIENTS = 20_000;

export interface NewCampaign {
  name: string;
  question?: string | null | undefined;
  segment: SurveySegment;
  channels: ('email' | 'cabinet')[];
}

const list = (v?: string[]) => (v && v.length ? v : null);

/** The segment as a WHERE on a clientRefs() relation (status, country, language, manager). */
export function segmentWhere(rel: ReturnType<typeof clientRefs<'seg_clients'>>, s: SurveySegment): SQL {
  const parts: (SQL | undefined)[] = [
    list(s.statuses) ? inArray(rel.status, s.statuses as ClientStatus[]) : undefined,
    list(s.countries)
      ? inArray(
          rel.country,
          s.countries!.map((c) => c.toUpperCase()),
        )
      : undefined,
    list(s.languages) ? inArray(rel.language, s.languages!) : undefined,
    list(s.managerIds) ? inArray(rel.managerId, s.managerIds!) : undefined,
  ];
  return (and(...parts.filter(Boolean)) ?? sql`true`) as SQL;
}

/**
 * NPS campaigns: created and sent in one transaction — the segment's traders become its recipients
 * (fixed then), each emailed a signed link to the public answer page when the campaign goes by email;
 * the cabinet shows it to them until they answer.
 */
export class Campaigns {
  private readonly key: Buffer;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mailer: Pick<Mailer, 'queueMany'>,
    private readonly baseUrl: string,
    secretKey: Buffer,
  ) {
    this.key = createHmac('sha256', secretKey).update('brokerdesk:survey-links').digest();
  }

  /** The emailed link's token for one trader of one campaign (its hash is stored, never the token). */
  tokenFor(campaignId: string, clientId: string): string {
    return `nps1_${createHmac('sha256', this.key).update(`${campaignId}.${clientId}`).digest('base64url')}`;
  }

  async create(actor: { id: string; ip: string | null }, input: NewCampaign): Promise<CampaignView> {
    return this.db.transaction(async (tx) => {
      const rel = clientRefs('seg_clients');
      const where = segmentWhere(rel, input.segment);
      const traders = await tx
        .select({ id: rel.id, email: rel.email, language: rel.language, name: rel.name })
        .from(rel)
        .where(where)
        .limit(CAMPAIGN_MAX_RECIPIENTS + 1);
      if (!traders.length) throw badRequest('segment_empty', 'No trader is in this segment', 'segment');
      if (traders.length > CAMPAIGN_MAX_RECIPIENTS)
        throw badRequest(
          'segment_too_large',
          `A campaign reaches at most ${CAMPAIGN_MAX_RECIPIENTS} traders; narrow the segment`,
          'segment',
        );
      const now = this.clock.now();
      const [campaign] = await tx
        .insert(surveyCampaigns)
        .values({
          name: input.name,
          question: input.question ?? null,
          segment: input.segment,
          channels: [...new Set(input.channels)],
          recipientCount: traders.length,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning();
      const byEmail = input.channels.includes('email');
      const id = campaign!.id;
      for (let i = 0; i < traders.length; i += 1000) {
        const chunk = traders.slice(i, i + 1000);
        await tx.insert(surveyRecipients).values(
          chunk.map((t) => ({
            campaignId: id,
            clientId: t.id,
            tokenHash: sha256(this.tokenFor(id, t.id)),
            emailedAt: byEmail && t.email ? now : null,
          })),
        );
        if (byEmail)
          await this.mailer.queueMany(
            tx,
            chunk
              .filter((t) => t.email)
              .map((t) => ({
                to: t.email!,
                ...npsMail(t.language, `${this.baseUrl}/surveys/nps/${this.tokenFor(id, t.id)}`, t.name),
              })),
          );
      }
      await appendEvent(tx, {
        type: 'survey.campaign_sent',
        subjectType: 'survey_campaign',
        subjectId: id,
        actorId: actor.id,
        ip: actor.ip,
        payload: { campaignId: id, name: campaign!.name, recipients: traders.length },
        audience: { permissions: ['support.supervise'] },
      });
      return (await this.list(tx, eq(surveyCampaigns.id, id)))[0]!;
    });
  }

  /**
   * Closes a campaign: the cabinet stops asking, emailed links say so and answers are refused (410);
   * what was answered stays in the results. Closing twice is 409.
   */
  async close(actor: { id: string; ip: string | null }, id: string): Promise<CampaignView> {
    return this.db.transaction(async (tx) => {
      const [c] = await tx.select().from(surveyCampaigns).where(eq(surveyCampaigns.id, id)).for('update');
      if (!c) throw notFound('Campaign');
      if (c.closedAt) throw conflict('campaign_closed', 'The campaign is closed already');
      await tx
        .update(surveyCampaigns)
        .set({ closedAt: this.clock.now(), closedBy: actor.id })
        .where(eq(surveyCampaigns.id, id));
      const view = (await this.list(tx, eq(surveyCampaigns.id, id)))[0]!;
      await appendEvent(tx, {
        type: 'survey.campaign_closed',
        subjectType: 'survey_campaign',
        subjectId: id,
        actorId: actor.id,
        ip: actor.ip,
        payload: { campaignId: id, name: c.name, answers: view.answers },
        audience: { permissions: ['support.supervise'] },
      });
      return view;
    });
  }

  /** Campaigns newest first with their answer counts and NPS. */
  async list(db: Executor = this.db, where?: SQL): Promise<CampaignView[]> {
    const rows = await db
      .select({
        c: surveyCampaigns,
        answers: sql<number>`(select count(*)::int from ${surveyAnswers} a where a.campaign_id = ${surveyCampaigns.id})`,
        nps: sql<
          number | null
        >`(select round(100.0 * (count(*) filter (where a.score >= 9) - count(*) filter (where a.score <= 6)) / nullif(count(*), 0))::int from ${surveyAnswers} a where a.campaign_id = ${surveyCampaigns.id})`,
      })
      .from(surveyCampaigns)
      .where(where)
      .orderBy(desc(surveyCampaigns.createdAt))
      .limit(200);
    return rows.map(({ c, answers, nps }) => ({
      id: c.id,
      name: c.name,
      question: c.question,
      segment: c.segment,
      channels: c.channels,
      recipients: c.recipientCount,
      answers,
      nps,
      createdAt: c.createdAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
    }));
  }

  /** The trader's campaigns shown in the cabinet: sent there, not yet answered. */
  async openForTrader(clientId: string) {
    const rows = await this.db
      .select({ id: surveyCampaigns.id, name: surveyCampaigns.name, question: surveyCampaigns.question })
      .from(surveyRecipients)
      .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyRecipients.campaignId))
      .leftJoin(
        surveyAnswers,
        and(eq(surveyAnswers.campaignId, surveyRecipients.campaignId), eq(surveyAnswers.clientId, clientId)),
      )
      .where(
        and(
          eq(surveyRecipients.clientId, clientId),
          sql`'cabinet' = any(${surveyCampaigns.channels})`,
          isNull(surveyCampaigns.closedAt),
          sql`${surveyAnswers.clientId} is null`,
        ),
      )
      .orderBy(desc(surveyCampaigns.createdAt))
      .limit(5);
    const me = (await clientRefsByIds(this.db, [clientId])).get(clientId);
    const standard = npsTexts(me?.language).question;
    return rows.map((r) => ({ ...r, question: r.question ?? standard }));
  }

  /** What the answer page shows: the campaign's question, the trader's language, answered already? */
  async pageInfo(campaignId: string, clientId: string) {
    const [c] = await this.db
      .select({ question: surveyCampaigns.question, closedAt: surveyCampaigns.closedAt })
      .from(surveyCampaigns)
      .where(eq(surveyCampaigns.id, campaignId));
    const [a] = await this.db
      .select({ score: surveyAnswers.score })
      .from(surveyAnswers)
      .where(and(eq(surveyAnswers.campaignId, campaignId), eq(surveyAnswers.clientId, clientId)));
    const me = (await clientRefsByIds(this.db, [clientId])).get(clientId);
    return {
      question: c?.question ?? null,
      language: me?.language ?? null,
      answered: Boolean(a),
      closed: Boolean(c?.closedAt),
    };
  }

  /** The recipient a link's token stands for, or undefined. */
  async byToken(db: Executor, token: string) {
    const [row] = await db
      .select({ campaignId: surveyRecipients.campaignId, clientId: surveyRecipients.clientId })
      .from(surveyRecipients)
      .where(and(eq(surveyRecipients.tokenHash, sha256(token)), isNotNull(surveyRecipients.tokenHash)));
    return row;
  }
}
