import { actorOf, routeDocs, type App } from '../../../core/http.js';
import { fxRateList, paymentSettingsView } from '../../../shared/contracts/payments.js';
import { paymentSettingsInput, ratesInput } from '../contracts.js';
import type { PaymentsDeps } from '../index.js';

const doc = routeDocs(['payments']);

/** Payments settings (admins change them) and the fx rates finance maintains. */
export function paymentSettingsRoutes(app: App, ctx: Pick<PaymentsDeps, 'paymentSettings' | 'guard'>): void {
  app.get(
    '/api/payments/settings',
    doc(
      'Rejection reasons, stuck-pending minutes, two-person threshold, base currency',
      { response: { 200: paymentSettingsView } },
      ctx.guard('payments.read'),
    ),
    async () => ctx.paymentSettings.get(),
  );
  app.put(
    '/api/payments/settings',
    doc(
      'Change the payments settings',
      { body: paymentSettingsInput, response: { 200: paymentSettingsView } },
      ctx.guard('settings.write'),
    ),
    async (request) => ctx.paymentSettings.put(actorOf(request), request.body),
  );
  app.get(
    '/api/payments/rates',
    doc(
      'Exchange rates for deposits in another currency',
      { response: { 200: fxRateList } },
      ctx.guard('payments.read'),
    ),
    async () => ({ items: await ctx.paymentSettings.rates() }),
  );
  app.put(
    '/api/payments/rates',
    doc(
      'Set exchange rates (each pair given is replaced; others stay)',
      { body: ratesInput, response: { 200: fxRateList } },
      ctx.guard('payments.execute'),
    ),
    async (request) => ({ items: await ctx.paymentSettings.putRates(actorOf(request), request.body.rates) }),
  );
}
