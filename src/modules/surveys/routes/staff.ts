import { actorOf, principal, routeDocs, type App } from '../../../core/http.js';
import { idParams } from '../../../core/primitives.js';
import {
  campaignList,
  campaignView,
  npsCommentList,
  npsResults,
  proactiveSettingsView,
} from '../../../shared/contracts/surveys.js';
import { campaignInput, commentsQuery, proactiveSettingsInput, resultsQuery } from '../contracts.js';
import type { SurveysDeps } from '../index.js';

const doc = routeDocs(['surveys']);

/** Staff: NPS campaigns (team leads and admins send them), results and comments, proactive settings. */
export function staffSurveyRoutes(app: App, ctx: Pick<SurveysDeps, 'guard' | 'surveys'>): void {
  const { campaigns, answers, proactive } = ctx.surveys;
  app.get(
    '/api/surveys/campaigns',
    doc(
      'NPS campaigns, newest first, with answers and score',
      { response: { 200: campaignList } },
      ctx.guard('clients.read'),
    ),
    async () => ({ items: await campaigns.list() }),
  );
  app.post(
    '/api/surveys/campaigns',
    doc(
      'Create and send an NPS campaign to a segment of traders (status, country, language, manager) by email and/or in the cabinet',
      { body: campaignInput, response: { 201: campaignView } },
      ctx.guard('support.supervise'),
    ),
    async (request, reply) => reply.status(201).send(await campaigns.create(actorOf(request), request.body)),
  );
  app.post(
    '/api/surveys/campaigns/:id/close',
    doc(
      'Close a campaign: no more answers (410), gone from the cabinet; its results stay',
      { params: idParams(), response: { 200: campaignView } },
      ctx.guard('support.supervise'),
    ),
    async (request) => campaigns.close(actorOf(request), request.params.id),
  );
  app.get(
    '/api/surveys/results',
    doc(
      'NPS overall, per segment value and per week (of one campaign or all)',
      { querystring: resultsQuery, response: { 200: npsResults } },
      ctx.guard('clients.read'),
    ),
    async (request) => answers.results(request.query),
  );
  app.get(
    '/api/surveys/comments',
    doc(
      "Answers' comments, only of the clients the viewer may see (a manager: their own)",
      { querystring: commentsQuery, response: { 200: npsCommentList } },
      ctx.guard('clients.read'),
    ),
    async (request) => answers.comments(principal(request), request.query),
  );
  app.get(
    '/api/surveys/proactive-settings',
    doc(
      'Proactive messages: follow-up delay and templates, alert templates',
      { response: { 200: proactiveSettingsView } },
      ctx.guard('support.supervise'),
    ),
    async () => proactive.settings(),
  );
  app.put(
    '/api/surveys/proactive-settings',
    doc(
      'Change the proactive messages settings',
      { body: proactiveSettingsInput, response: { 200: proactiveSettingsView } },
      ctx.guard('support.supervise'),
    ),
    async (request) => proactive.putSettings(actorOf(request), request.body),
  );
}
