import { actorOf, routeDocs, type App } from '../../../core/http.js';
import { idParams } from '../../../core/primitives.js';
import { trader, traderSession } from '../../cabinet/index.js';
import {
  paymentSystemList,
  paymentSystemView,
  portalPaymentSystemList,
} from '../../../shared/contracts/payments.js';
import { paymentSystemInput, portalSystemsQuery } from '../contracts.js';
import type { PaymentsDeps } from '../index.js';
import { traderSecurity } from './guards.js';

const doc = routeDocs(['payments']);

/** Admin set-up of payment systems (settings.write); the cabinet's list of systems for an account. */
export function paymentSystemRoutes(
  app: App,
  ctx: Pick<PaymentsDeps, 'paymentSystems' | 'guard' | 'cabinet'>,
): void {
  const admin = ctx.guard('settings.write');
  app.get(
    '/api/payments/systems',
    doc('Payment systems, in the order traders see them', { response: { 200: paymentSystemList } }, admin),
    async () => ({ items: await ctx.paymentSystems.list() }),
  );
  app.get(
    '/api/payments/systems/:id',
    doc('One payment system', { params: idParams(), response: { 200: paymentSystemView } }, admin),
    async (request) => ctx.paymentSystems.get(request.params.id),
  );
  app.post(
    '/api/payments/systems',
    doc(
      'Add a payment system (manual, or automatic behind a provider)',
      { body: paymentSystemInput, response: { 201: paymentSystemView } },
      admin,
    ),
    async (request, reply) =>
      reply.status(201).send(await ctx.paymentSystems.create(actorOf(request), request.body)),
  );
  app.patch(
    '/api/payments/systems/:id',
    doc(
      'Change a payment system (the whole form)',
      { params: idParams(), body: paymentSystemInput, response: { 200: paymentSystemView } },
      admin,
    ),
    async (request) => ctx.paymentSystems.update(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/portal/payments/systems',
    doc(
      'Payment systems the trader may use for one of their accounts (country, direction, order; instructions in their language)',
      {
        security: traderSecurity,
        querystring: portalSystemsQuery,
        response: { 200: portalPaymentSystemList },
      },
      traderSession(ctx.cabinet),
    ),
    async (request) => ({
      items: await ctx.paymentSystems.forTrader(
        trader(request).clientId,
        request.query.login,
        request.query.direction,
      ),
    }),
  );
}
