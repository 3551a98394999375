import type { TFunction, i18n as I18n } from 'i18next';
import type { AnyNotificationType } from '../../../src/shared/events';
import { createFormatters } from '../i18n/format';
import { paymentSentenceValues, paymentTextKey } from '../pages/payments/card/paymentsTimeline';

/**
 * A notification's type as the catalogue names them (src/shared/events.ts), so comparing it with a
 * renamed type fails the type check; at run time it may still be one this build does not know.
 */
const known = (type: string) => type as AnyNotificationType;

/**
 * Title and body of a notification in the UI language. Known types have
 * their own wording; anything else falls back to a generic sentence so new
 * server-side types never show up blank.
 */
export function describeNotification(
  t: TFunction,
  i18n: I18n,
  type: string,
  payload: Record<string, unknown>,
): { title: string; body: string } {
  // In right-to-left text, names are isolated so a Latin name in an Arabic sentence keeps the words in order.
  const iso =
    i18n.dir(i18n.language) === 'rtl' ? (value: string) => `\u2068${value}\u2069` : (value: string) => value;
  // Payments texts live in the `payments` sub-dictionary (payments.notifications.<event>).
  const paymentKey = paymentTextKey(type, payload);
  if (paymentKey && i18n.exists(`payments.notifications.${paymentKey}.title`)) {
    const values = paymentSentenceValues(payload, { t, iso, fmt: createFormatters(i18n.language) });
    return {
      title: t(`payments.notifications.${paymentKey}.title`, values),
      body: t(`payments.notifications.${paymentKey}.body`, values),
    };
  }
  // Support texts live in the `support` sub-dictionary (support.notifications.<event>).
  if (type.startsWith('support.') && i18n.exists(`support.notifications.${type.slice(8)}.title`)) {
    const base = `support.notifications.${type.slice(8)}`;
    const subject = [payload.subject, payload.clientName, payload.contactName].find(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    const values = {
      number: typeof payload.number === 'number' ? payload.number : '',
      subject: subject ? iso(subject) : '',
      score: typeof payload.score === 'number' ? payload.score : '',
    };
    return { title: t(`${base}.title`, values), body: t(`${base}.body`, values).trim() };
  }
  // Complaint texts live in the `complaints` sub-dictionary (complaints.notifications.<event>).
  if (type.startsWith('complaints.') && i18n.exists(`complaints.notifications.${type.slice(11)}.title`)) {
    const base = `complaints.notifications.${type.slice(11)}`;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const level = payload.to ?? payload.level;
    const values = {
      reference: iso(str(payload.reference)),
      client: iso(str(payload.clientName)),
      level:
        typeof level === 'number' ? level : t(`complaints.level.${str(level)}`, { defaultValue: str(level) }),
      deadline: t(`complaints.deadline.${str(payload.deadline)}`, { defaultValue: str(payload.deadline) }),
    };
    return { title: t(`${base}.title`, values), body: t(`${base}.body`, values) };
  }
  // Trading texts live in the `trading` sub-dictionary (trading.notifications.<event>).
  const base = type.startsWith('trading.')
    ? `trading.notifications.${type.slice('trading.'.length)}`
    : `notifications.types.${type}`;
  if (!i18n.exists(`${base}.title`)) {
    return { title: t('notifications.generic.title'), body: t('notifications.generic.body', { type }) };
  }
  const values: Record<string, unknown> = Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [key, typeof value === 'string' ? iso(value) : value]),
  );
  // Role codes are translated before being put into the sentence.
  if (typeof payload.role === 'string')
    values.role = iso(t(`roles.${payload.role}`, { defaultValue: payload.role }));
  // Client statuses (lead/demo/live) too.
  for (const key of ['from', 'to'] as const) {
    const value = payload[key];
    if (known(type) === 'client.status_changed' && typeof value === 'string')
      values[key] = iso(t(`clients.status.${value}`, { defaultValue: value }));
  }
  if (type.startsWith('trading.')) {
    // Alert kinds are translated; a payload without an account login gets the shorter sentence.
    const kind = typeof payload.kind === 'string' ? payload.kind : '';
    values.alert = iso(
      i18n.exists(`trading.alerts.kind.${kind}`)
        ? t(`trading.alerts.kind.${kind}`)
        : typeof payload.ruleName === 'string'
          ? payload.ruleName
          : t('trading.notifications.alertFallback'),
    );
    const body = typeof payload.login === 'string' ? 'body' : 'bodyShort';
    return { title: t(`${base}.title`, values), body: t(`${base}.${body}`, values) };
  }
  return { title: t(`${base}.title`), body: t(`${base}.body`, values) };
}

/** Where clicking a notification leads, if anywhere: a conversation, a client's card, or the client list for a batch. */
export function notificationLink(type: string, payload: Record<string, unknown>): string | null {
  // A support notification opens the conversation in the inbox (not the linked client's card).
  const conversationId = payload.conversationId;
  if (
    type.startsWith('support.') &&
    typeof conversationId === 'string' &&
    /^[0-9a-f-]{36}$/i.test(conversationId)
  )
    return `/support?view=all&c=${conversationId}`;
  const complaintId = payload.complaintId;
  if (
    type.startsWith('complaints.') &&
    typeof complaintId === 'string' &&
    /^[0-9a-f-]{36}$/i.test(complaintId)
  )
    return `/complaints/${complaintId}`;
  const clientId = payload.clientId;
  if (typeof clientId === 'string' && /^[0-9a-f-]{36}$/i.test(clientId)) return `/clients/${clientId}`;
  if (known(type) === 'clients.assigned') return '/clients';
  if (known(type) === 'payments.reconciliation_diff') return '/payments/reconciliation';
  return null;
}
