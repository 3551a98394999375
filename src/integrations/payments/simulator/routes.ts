import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../../core/clock.js';
import { AppError } from '../../../core/errors.js';
import { text } from '../../../core/primitives.js';
import { outcomeOfCard } from './cards.js';
import { closedPage, paymentPage, unknownPage, type FieldErrors } from './page.js';
import type { SimulatedPaymentProvider } from './sim-provider.js';

const REF = /^pay_[0-9a-f]{24}$/;

/** What the page's forms post (application/x-www-form-urlencoded); every field is optional text here. */
const formBody = z.object({
  action: z.enum(['pay', 'cancel', 'dispute']),
  quick: text({ max: 1 }).optional(),
  card: text({ max: 40 }).optional(),
  name: text({ max: 100 }).optional(),
  expiry: text({ max: 10 }).optional(),
  cvc: text({ max: 10 }).optional(),
});
type Form = z.infer<typeof formBody>;

/**
 * The hosted page of the simulated provider, served by the CRM's own app under `/sim-pay/:ref` (a real
 * provider hosts it on its own domain; here it must work on a fresh `npm start` with nothing else
 * running). Hidden from the API document: it is the provider's page, not BrokerDesk's API.
 */
export async function registerSimulatedPaymentPages(
  app: FastifyInstance,
  provider: SimulatedPaymentProvider,
  opts: { clock?: Clock } = {},
): Promise<void> {
  const clock = opts.clock ?? systemClock;
  await app.register(async (scope) => {
    // Form posts only in this scope: the API itself stays JSON-only.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 8 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    scope.get<{ Params: { ref: string } }>(
      '/sim-pay/:ref',
      { schema: { hide: true } },
      async (req, reply) => {
        const p = REF.test(req.params.ref) ? provider.payment(req.params.ref) : undefined;
        if (!p) return html(reply, 404, unknownPage());
        return html(reply, 200, p.status === 'open' ? paymentPage(p) : closedPage(p, provider));
      },
    );

    scope.post<{ Params: { ref: string } }>(
      '/sim-pay/:ref',
      { schema: { hide: true } },
      async (req, reply) => {
        const p = REF.test(req.params.ref) ? provider.payment(req.params.ref) : undefined;
        if (!p) return html(reply, 404, unknownPage());
        const parsed = formBody.safeParse(req.body ?? {});
        if (!parsed.success)
          return html(
            reply,
            400,
            p.status === 'open'
              ? paymentPage(p, {}, { card: 'The form was incomplete: try again' })
              : closedPage(p, provider),
          );
        const form = parsed.data;
        try {
          if (form.action === 'dispute') {
            if (!provider.disputes) return html(reply, 404, unknownPage());
            provider.chargeback(p.ref);
            return html(reply, 200, closedPage(p, provider));
          }
          if (form.action === 'cancel')
            return redirect(reply, provider.returnUrl(p.ref, provider.cancel(p.ref)));
          const errors = checkCard(form, clock.now());
          if (errors) {
            const values = { card: form.card, name: form.name, expiry: form.expiry };
            return html(reply, 400, paymentPage(p, values, errors));
          }
          const status = provider.pay(p.ref, outcomeOfCard(form.card!)!);
          return redirect(reply, provider.returnUrl(p.ref, status));
        } catch (err) {
          // Paid in another tab meanwhile, or disputed twice: show where the payment stands.
          if (err instanceof AppError && err.status === 409) return html(reply, 409, closedPage(p, provider));
          throw err;
        }
      },
    );
  });
}

/** The card form's checks; a test card chosen from the list needs no other field. */
function checkCard(form: Form, now: Date): FieldErrors | null {
  const errors: FieldErrors = {};
  if (!form.card?.trim()) errors.card = 'Enter the card number';
  else if (!outcomeOfCard(form.card)) errors.card = 'This card number is not valid';
  if (form.quick !== '1') {
    if (!form.name?.trim()) errors.name = 'Enter the name on the card';
    const exp = /^\s*(\d{2})\s*\/\s*(\d{2})\s*$/.exec(form.expiry ?? '');
    const month = Number(exp?.[1]);
    if (!exp || month < 1 || month > 12) errors.expiry = 'Enter the expiry date as MM/YY';
    // A card is valid to the end of its expiry month.
    else if (Date.UTC(2000 + Number(exp[2]), month, 1) <= now.getTime())
      errors.expiry = 'This card has expired';
    if (!/^\d{3,4}$/.test(form.cvc ?? '')) errors.cvc = 'Enter the 3 or 4 digit security code';
  }
  return Object.keys(errors).length ? errors : null;
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(body);
}

/** After a form post: 303, so the browser follows with a GET and a reload does not post again. */
function redirect(reply: FastifyReply, url: string) {
  return reply.code(303).header('location', url).header('cache-control', 'no-store').send();
}
