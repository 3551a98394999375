import { z } from 'zod';
import { AppError, notFound } from '../../../core/errors.js';
import type { App } from '../../../core/http.js';
import { text } from '../../../core/primitives.js';
import { signatureError, verifyWebhook } from '../../../core/webhook-signature.js';
import { callbackAnswer } from '../../../shared/contracts/payments.js';
import type { PaymentsDeps } from '../index.js';
import { providerCallbackBody } from '../provider.js';

/** A callback is a few hundred bytes; anything near this is not one. */
const CALLBACK_BODY_LIMIT = 64 * 1024;

const badCallback = (message: string, field: string) => new AppError(400, 'bad_callback', message, field);

/**
 * `POST /api/payments/callbacks/:provider`: a provider's signed callback (Standard Webhooks). The body
 * is read as bytes — the signature covers exactly what was sent — and parsed only once verified, so a
 * forged or replayed-late callback writes nothing, not even its callback row (401). Then the
 * CallbackService processes it exactly once; a duplicate is 200 with nothing done.
 */
export function callbackRoutes(
  app: App,
  ctx: Pick<PaymentsDeps, 'callbacks' | 'paymentProviders' | 'clock'>,
): void {
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: CALLBACK_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/payments/callbacks/:provider',
      {
        bodyLimit: CALLBACK_BODY_LIMIT,
        schema: {
          tags: ['payments'],
          summary:
            'A payment provider reports a payment or payout (signed; duplicates are answered and ignored)',
          security: [{ webhook: [] }],
          params: z.object({ provider: text({ min: 1, max: 40 }) }),
          response: { 200: callbackAnswer },
        },
      },
      async (request) => {
        const { provider } = request.params as { provider: string };
        const entry = ctx.paymentProviders.get(provider);
        if (!entry) throw notFound('Payment provider');
        const raw = request.body;
        if (!Buffer.isBuffer(raw)) throw badCallback('Send the callback as a JSON body', 'body');
        const failure = verifyWebhook(entry.secrets, request.headers, raw, ctx.clock.now());
        if (failure) throw signatureError(failure);
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw badCallback('The body is not valid JSON', 'body');
        }
        const parsed = providerCallbackBody.safeParse(json);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const field = issue.path.join('.') || 'body';
          throw badCallback(`${field}: ${issue.message}`, field);
        }
        const webhookId = request.headers['webhook-id'] as string;
        const result = await ctx.callbacks.process(provider, webhookId, parsed.data);
        return { ok: true as const, duplicate: result.duplicate };
      },
    );
  });
}
