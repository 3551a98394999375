import { z } from 'zod';
import type { App } from '../../../core/http.js';
import type { TradingDeps } from '../index.js';
import { actorOf, principal, routeDocs, noContentAfter } from '../../../core/http.js';
import { alertRuleInput } from '../contracts.js';
import { alertRulePatch } from './rule-params.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import { noContent } from '../../../shared/contracts/common.js';
import { alertRuleView, alertView } from '../../../shared/contracts/trading.js';

const idParams = idParamsOf();

/** Alert rules (admins configure them) and the alerts on a client card. */
export function tradingAlertRoutes(app: App, ctx: Pick<TradingDeps, 'tradingAlerts' | 'guard'>): void {
  const read = ctx.guard('clients.read');
  const doc = routeDocs(['trading alerts'], { guard: ctx.guard('settings.write') });
  const alerts = ctx.tradingAlerts;

  app.get(
    '/api/trading/alert-rules',
    doc('Alert rules', { response: { 200: z.array(alertRuleView) } }, read),
    async () => alerts.listRules(),
  );

  app.post(
    '/api/trading/alert-rules',
    doc('Add an alert rule (400 names the parameter at fault)', {
      body: alertRuleInput,
      response: { 201: alertRuleView },
    }),
    async (request, reply) => reply.status(201).send(await alerts.createRule(actorOf(request), request.body)),
  );

  app.patch(
    '/api/trading/alert-rules/:id',
    doc('Change some fields of a rule (params are replaced whole)', {
      params: idParams,
      body: alertRulePatch,
      response: { 200: alertRuleView },
    }),
    async (request) => alerts.updateRule(actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/trading/alert-rules/:id',
    doc('Replace a rule', { params: idParams, body: alertRuleInput, response: { 200: alertRuleView } }),
    async (request) => alerts.updateRule(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/trading/alert-rules/:id',
    doc('Delete a rule (its open alerts are cleared)', { params: idParams, response: { 204: noContent } }),
    async (request, reply) => noContentAfter(reply, alerts.deleteRule(actorOf(request), request.params.id)),
  );

  app.get(
    '/api/clients/:id/alerts',
    doc(
      "A client's trading alerts: open=true, open=false (cleared), or both (scoped)",
      {
        params: idParams,
        querystring: z.strictObject({ open: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(alertView) },
      },
      read,
    ),
    async (request) =>
      alerts.clientAlerts(
        principal(request),
        request.params.id,
        request.query.open === undefined ? undefined : request.query.open === 'true',
      ),
  );
}
