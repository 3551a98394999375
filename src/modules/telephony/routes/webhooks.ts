import { z } from 'zod';
import { AppError, badRequest } from '../../../core/errors.js';
import type { App } from '../../../core/http.js';
import { storableCopy, uuid } from '../../../core/primitives.js';
import {
  checkWebhookHeaders,
  parseSignedJson,
  signatureError,
  verifyWebhook,
} from '../../../core/webhook-signature.js';
import { textBody } from '../../../shared/contracts/common.js';
import { webhookAnswer, type CallEvent } from '../../../shared/contracts/telephony.js';
import { webhookBody } from '../contracts.js';
import type { TelephonyDeps } from '../index.js';
import { twilioProblem, twilioRecordingEvent, twilioStatusEvent, verifyTwilio } from '../twilio.js';

/** 500 events of a few hundred bytes each. */
const WEBHOOK_BODY_LIMIT = 512 * 1024;
const TWILIO_BODY_LIMIT = 16 * 1024;
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

type WebhookDeps = Pick<TelephonyDeps, 'telephony' | 'clock' | 'webhookSecrets' | 'twilio'>;

/**
 * The phone systems' way in (docs/integrations/telephony.md): the generic signed webhook a PBX bridge
 * posts normalised events to, and Twilio's voice status and recording callbacks. Each body is checked
 * against its signature before it is parsed, so a forged or unsigned request writes nothing (401/403).
 */
export function webhookRoutes(app: App, deps: WebhookDeps): void {
  genericWebhook(app, deps);
  twilioRoutes(app, deps);
}

function genericWebhook(app: App, deps: WebhookDeps): void {
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/telephony/webhook',
      {
        bodyLimit: WEBHOOK_BODY_LIMIT,
        schema: {
          tags: ['telephony'],
          summary: 'A phone system posts call events (Standard Webhooks signature; repeats are ignored)',
          security: [{ webhook: [] }],
          response: { 200: webhookAnswer },
        },
        onRequest: async (request) => {
          const failure = checkWebhookHeaders(request.headers, deps.clock.now());
          if (failure) throw signatureError(failure);
        },
      },
      async (request) => {
        const raw = request.body;
        if (!Buffer.isBuffer(raw))
          throw badRequest('body_required', 'Send the events as a JSON body', 'body');
        const failure = verifyWebhook(deps.webhookSecrets, request.headers, raw, deps.clock.now());
        if (failure) throw signatureError(failure);
        const batch = parseSignedJson(raw, webhookBody);
        const { accepted, duplicates } = await deps.telephony.ingest.ingest(batch.events);
        return { accepted, duplicates };
      },
    );
  });
}

const twilioQuery = z.object({ callId: uuid().optional() });

function twilioRoutes(app: App, deps: WebhookDeps): void {
  const routes = [
    { path: '/api/telephony/twilio/status', read: twilioStatusEvent, required: ['CallSid', 'CallStatus'] },
    { path: '/api/telephony/twilio/recording', read: twilioRecordingEvent, required: ['CallSid'] },
  ] as const;
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: TWILIO_BODY_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    for (const route of routes)
      scope.post(
        route.path,
        {
          bodyLimit: TWILIO_BODY_LIMIT,
          schema: {
            tags: ['telephony'],
            summary: `Twilio's voice ${route.path.endsWith('status') ? 'status' : 'recording'} callback (X-Twilio-Signature)`,
            security: [{ twilio: [] }],
            querystring: twilioQuery,
            response: { 200: textBody },
          },
        },
        async (request, reply) => {
          const form = request.body;
          if (!form || typeof form !== 'object')
            throw badRequest('validation_failed', 'Send the callback form-encoded', 'body');
          const params = form as Record<string, string>;
          if (!deps.twilio.authTokens.length)
            throw new AppError(403, 'not_configured', 'Twilio is not configured (TWILIO_AUTH_TOKEN)');
          const url = `${deps.twilio.baseUrl}${request.url}`;
          const offered = request.headers['x-twilio-signature'];
          if (!offered) throw new AppError(401, 'missing_signature', 'X-Twilio-Signature is required');
          if (!verifyTwilio(deps.twilio.authTokens, String(offered), url, params))
            throw new AppError(403, 'bad_signature', 'The signature does not match the request');
          const problem = twilioProblem(params, route.required);
          if (problem) throw badRequest('validation_failed', problem.message, problem.field);
          // Signed as sent; stored as text the database can hold, each field within reason.
          const clean = Object.fromEntries(
            Object.entries(params).map(([k, v]) => [k, storableCopy(v).slice(0, 2_000)]),
          );
          const event: CallEvent | null = route.read(
            clean,
            request.query as z.output<typeof twilioQuery>,
            deps.clock.now(),
          );
          if (event) await deps.telephony.ingest.ingest([event]);
          return reply.type('text/xml').send(EMPTY_TWIML);
        },
      );
  });
}
