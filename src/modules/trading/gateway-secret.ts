import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks secrets a gateway signs with. Configured ones win (several while rotating);
 * otherwise one is derived from the instance's SECRET_KEY, so a fresh install works without setup and
 * the value survives restarts. Admins read it in Admin → Trading platform.
 */
export function tradingWebhookSecrets(
  config: { TRADING_WEBHOOK_SECRET?: string | undefined },
  secretKey: Buffer,
): string[] {
  if (config.TRADING_WEBHOOK_SECRET) return config.TRADING_WEBHOOK_SECRET.split(' ');
  const derived = createHmac('sha256', secretKey).update('brokerdesk trading webhook v1').digest('base64');
  return [`whsec_${derived}`];
}
