import { idParams } from '../../../core/primitives.js';
import { routeDocs, type App } from '../../../core/http.js';
import { trader } from '../../cabinet/index.js';
import { portalSurveyList, surveyAnswerView } from '../../../shared/contracts/surveys.js';
import { answerInput } from '../contracts.js';
import type { SurveysDeps } from '../index.js';

const doc = routeDocs(['cabinet', 'surveys']);
const traderSecurity = [{ trader: [] }];

/** The cabinet's NPS prompt: the trader's open campaigns and their answer (once per campaign). */
export function portalSurveyRoutes(app: App, ctx: Pick<SurveysDeps, 'surveys' | 'traderSession'>): void {
  const { campaigns, answers } = ctx.surveys;
  app.get(
    '/api/portal/surveys',
    doc(
      'Own open NPS surveys (sent to the cabinet, not answered yet)',
      { security: traderSecurity, response: { 200: portalSurveyList } },
      ctx.traderSession,
    ),
    async (request) => ({ items: await campaigns.openForTrader(trader(request).clientId) }),
  );
  app.post(
    '/api/portal/surveys/:id/answer',
    doc(
      'Answer an NPS survey, 0–10 and an optional comment; a second answer changes nothing (duplicate: true)',
      {
        security: traderSecurity,
        params: idParams(),
        body: answerInput,
        response: { 200: surveyAnswerView, 201: surveyAnswerView },
      },
      ctx.traderSession,
    ),
    async (request, reply) => {
      const out = await answers.answer({
        campaignId: request.params.id,
        clientId: trader(request).clientId,
        score: request.body.score,
        comment: request.body.comment ?? null,
        channel: 'cabinet',
        ip: request.ip ?? null,
      });
      return reply.status(out.duplicate ? 200 : 201).send(out);
    },
  );
}
