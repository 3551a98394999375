import type { TFunction, i18n as I18n } from 'i18next';

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
  const base = `notifications.types.${type}`;
  if (!i18n.exists(`${base}.title`)) {
    return { title: t('notifications.generic.title'), body: t('notifications.generic.body', { type }) };
  }
  const values: Record<string, unknown> = { ...payload };
  // Role codes are translated before being put into the sentence.
  if (typeof payload.role === 'string')
    values.role = t(`roles.${payload.role}`, { defaultValue: payload.role });
  return { title: t(`${base}.title`), body: t(`${base}.body`, values) };
}
