import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks secrets a phone system signs its events with: the configured ones
 * (TELEPHONY_WEBHOOK_SECRET, several while rotating), else one derived from the instance's SECRET_KEY,
 * so a fresh install (and its simulated PBX) works without setup and the value survives restarts.
 */
export function telephonyWebhookSecrets(
  config: { TELEPHONY_WEBHOOK_SECRET?: string | undefined },
  secretKey: Buffer,
): string[] {
  if (config.TELEPHONY_WEBHOOK_SECRET) return config.TELEPHONY_WEBHOOK_SECRET.split(' ');
  const derived = createHmac('sha256', secretKey).update('brokerdesk telephony webhook v1').digest('base64');
  return [`whsec_${derived}`];
}
