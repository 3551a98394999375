import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import { routeDocs } from '../../../core/http.js';
import { createHash } from 'node:crypto';
import type { App } from '../../../core/http.js';
import type { TradingDeps } from '../index.js';
import { badRequest } from '../../../core/errors.js';
import { appendEvent } from '../../../core/events.js';
import {
  checkWebhookHeaders,
  parseSignedJson,
  signatureError,
  verifyWebhook,
} from '../../../core/webhook-signature.js';
import { ingestBatchSchema, MAX_BATCH } from '../platform-events.js';
import { tradingAccounts, tradingGaps, tradingInbox } from '../schema.js';
import { gatewayInfo, ingestResult, ingestStatus } from '../../../shared/contracts/trading.js';

const doc = routeDocs(['trading']);

/** Room for a full batch of the largest events (MAX_BATCH × ~1 KB). */
const INGEST_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * The ingestion API for trading-platform gateways (docs/integrations/trading-platform.md). The body is
 * read as bytes because the signature covers the exact bytes sent; it is parsed only once verified.
 */
export function ingestRoutes(
  app: App,
  ctx: Pick<
    TradingDeps,
    'tradingIngest' | 'tradingPlatform' | 'database' | 'clock' | 'metrics' | 'config' | 'guard'
  >,
  secrets: string[],
): void {
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: INGEST_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/trading/ingest',
      {
        bodyLimit: INGEST_BODY_LIMIT,
        schema: {
          tags: ['trading'],
          summary: `Ingest a signed batch of up to ${MAX_BATCH} platform events (Standard Webhooks signature)`,
          security: [{ webhook: [] }],
          response: { 200: ingestResult },
        },
        // Headers and timestamp are checked before the body is read: an unsigned or stale request
        // should not get to make us buffer megabytes.
        onRequest: async (request) => {
          const failure = checkWebhookHeaders(request.headers, ctx.clock.now());
          if (failure) throw signatureError(failure);
        },
      },
      async (request) => {
        const raw = request.body;
        if (!Buffer.isBuffer(raw)) throw badRequest('body_required', 'Send the batch as a JSON body', 'body');
        const failure = verifyWebhook(secrets, request.headers, raw, ctx.clock.now());
        if (failure) throw signatureError(failure);
        const batch = parseSignedJson(raw, ingestBatchSchema);
        const webhookId = request.headers['webhook-id'] as string;
        const result = await ctx.tradingIngest.ingest(batch.events, {
          batchId: webhookId,
          bodyHash: createHash('sha256').update(raw).digest('base64'),
        });
        ctx.metrics.tradingEvents.inc({ outcome: 'accepted' }, result.accepted);
        ctx.metrics.tradingEvents.inc({ outcome: 'duplicate' }, result.duplicates);
        return result;
      },
    );
  });

  app.get(
    '/api/trading/ingest/status',
    doc(
      'Ingestion health: open gaps and recent volume (admins)',
      { response: { 200: ingestStatus } },
      ctx.guard('settings.write'),
    ),
    async () => {
      const db = ctx.database.db;
      const hourAgo = new Date(ctx.clock.now().getTime() - 3_600_000);
      const [[recent], gaps] = await Promise.all([
        db.select({ n: count() }).from(tradingInbox).where(gt(tradingInbox.receivedAt, hourAgo)),
        db
          .select({
            login: tradingAccounts.login,
            fromSeq: tradingGaps.fromSeq,
            toSeq: tradingGaps.toSeq,
            detectedAt: tradingGaps.detectedAt,
          })
          .from(tradingGaps)
          .innerJoin(tradingAccounts, eq(tradingAccounts.id, tradingGaps.accountId))
          .where(and(isNull(tradingGaps.resolvedAt)))
          .orderBy(desc(tradingGaps.detectedAt))
          .limit(200),
      ]);
      return {
        platform: ctx.tradingPlatform.name,
        eventsLastHour: recent?.n ?? 0,
        openGaps: gaps.map((g) => ({ ...g, detectedAt: g.detectedAt.toISOString() })),
      };
    },
  );

  app.get(
    '/api/trading/gateway',
    doc(
      'Where and how a gateway posts events (admins): URL and signing secret',
      { response: { 200: gatewayInfo } },
      ctx.guard('settings.write'),
    ),
    async (request) => {
      // Reading a signing secret is worth a line in the audit trail.
      await ctx.database.db.transaction((tx) =>
        appendEvent(tx, {
          type: 'trading.gateway_secret_viewed',
          subjectType: 'trading',
          actorId: request.staff!.id,
          ip: request.ip,
          audience: { permissions: ['audit.read'] },
        }),
      );
      return {
        platform: ctx.tradingPlatform.name,
        ingestUrl: `${ctx.config.baseUrl}/api/trading/ingest`,
        secret: secrets[0]!,
        configured: Boolean(ctx.config.TRADING_WEBHOOK_SECRET),
      };
    },
  );
}
