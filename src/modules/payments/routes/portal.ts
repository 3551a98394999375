import { routeDocs, type App } from '../../../core/http.js';
import { trader, traderSession } from '../../cabinet/index.js';
import { portalDepositCreated, portalPaymentList } from '../../../shared/contracts/payments.js';
import { depositInput } from '../contracts.js';
import type { PaymentsDeps } from '../index.js';
import { idempotent, traderSecurity } from './guards.js';

const doc = routeDocs(['cabinet', 'payments']);

/** The trader's deposits (withdrawals: routes/withdrawals.ts) and their own payment history. */
export function portalPaymentRoutes(
  app: App,
  ctx: Pick<PaymentsDeps, 'deposits' | 'paymentReads' | 'cabinet' | 'database'>,
): void {
  const signedIn = traderSession(ctx.cabinet);
  app.get(
    '/api/portal/payments',
    doc(
      'Own deposits and withdrawals, newest first (pending ones included)',
      {
        security: traderSecurity,
        response: { 200: portalPaymentList },
      },
      signedIn,
    ),
    async (request) => ({ items: await ctx.paymentReads.forTrader(trader(request).clientId) }),
  );
  app.post(
    '/api/portal/payments/deposits',
    doc(
      'Request a deposit: manual → instructions and the reference to quote; automatic → the provider page to pay on. Requires an Idempotency-Key header.',
      { security: traderSecurity, body: depositInput, response: { 201: portalDepositCreated } },
      signedIn,
    ),
    async (request, reply) => {
      const me = trader(request);
      return idempotent(ctx.database.db, request, reply, `trader:${me.clientId}`, 201, (commit) =>
        ctx.deposits.create({ clientId: me.clientId, ip: request.ip ?? null }, request.body, commit),
      );
    },
  );
}
