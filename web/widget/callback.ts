import type { CallbackRequested } from '../../src/shared/contracts/support-callbacks';
import { widgetApi } from './api';
import { h } from './dom';
import { fill, uiLanguage, UI_LANGUAGES } from './i18n';

/**
 * "Request a callback" in the widget: a link under the panel opens a small form (number with country
 * code, preferred time, name); sending it opens a callback request at the desk, routed by the chosen
 * language like a chat (POST /api/support/widget/callback). The panel's current language (its `lang`,
 * set by the chat) picks the texts and the request's language. No visitor token is needed.
 */
export function mountCallback(panel: HTMLElement, base: string): void {
  const api = widgetApi(base, () => null);
  const t = () => UI_LANGUAGES[uiLanguage(panel.getAttribute('lang'))];
  const open = h('button', { type: 'button', class: 'bdw-link', 'data-testid': 'bdw-callback-open' });
  const status = h('p', { class: 'bdw-notice', role: 'status', tabindex: '-1' });
  const heading = h('h3', { class: 'bdw-title' });
  const phone = h('input', {
    id: 'bdw-cb-phone',
    type: 'tel',
    autocomplete: 'tel',
    required: '',
    maxlength: '32',
    'data-testid': 'bdw-callback-phone',
  });
  const when = h('input', { id: 'bdw-cb-when', type: 'datetime-local' });
  const name = h('input', { id: 'bdw-cb-name', autocomplete: 'name', maxlength: '120' });
  const labels = [
    h('label', { for: 'bdw-cb-phone' }),
    h('label', { for: 'bdw-cb-when' }),
    h('label', { for: 'bdw-cb-name' }),
  ] as const;
  const send = h('button', { type: 'submit', class: 'bdw-send', 'data-testid': 'bdw-callback-send' });
  const back = h('button', { type: 'button', class: 'bdw-link' });
  const form = h(
    'form',
    { class: 'bdw-pre bdw-callback', hidden: '', 'data-testid': 'bdw-callback-form' },
    heading,
    labels[0],
    phone,
    labels[1],
    when,
    labels[2],
    name,
    status,
    send,
    back,
  );
  const label = () => {
    const s = t();
    open.textContent = s.callback;
    heading.textContent = s.callbackTitle;
    labels[0].textContent = s.phone;
    labels[1].textContent = s.preferredTime;
    labels[2].textContent = s.name;
    send.textContent = s.callbackSend;
    back.textContent = s.back;
  };
  // The other views of the panel (pre-chat form, chat), hidden while the callback form shows.
  const others = () => [...panel.children].filter((c) => c !== form && c !== open && c.tagName !== 'HEADER');
  let hiddenBefore: boolean[] = [];
  const show = (on: boolean) => {
    label();
    if (on) {
      hiddenBefore = others().map((c) => (c as HTMLElement).hidden);
      others().forEach((c) => ((c as HTMLElement).hidden = true));
      status.textContent = '';
      form.hidden = false;
      open.hidden = true;
      phone.focus();
    } else {
      others().forEach((c, i) => ((c as HTMLElement).hidden = hiddenBefore[i] ?? false));
      form.hidden = true;
      open.hidden = false;
      open.focus();
    }
  };
  open.onclick = () => show(true);
  back.onclick = () => show(false);
  form.onsubmit = async (e) => {
    e.preventDefault();
    const s = t();
    send.disabled = true;
    try {
      const done = await api<CallbackRequested>('POST', '/api/support/widget/callback', {
        number: phone.value.trim(),
        language: panel.getAttribute('lang') ?? 'en',
        ...(when.value && { preferredAt: new Date(when.value).toISOString() }),
        ...(name.value.trim() && { name: name.value.trim() }),
      });
      form.replaceChildren(heading, status);
      status.textContent = fill(s.callbackDone, { number: done.number });
      status.focus();
    } catch (err) {
      const code = (err as { code?: string }).code;
      status.textContent =
        code === 'invalid_phone' || code === 'validation_failed'
          ? s.callbackInvalid
          : code === 'rate_limited'
            ? s.rateLimited
            : s.error;
      status.focus();
    } finally {
      send.disabled = false;
    }
  };
  panel.append(form, open);
  label();
  // The chat sets the panel's language as the visitor picks one: follow it.
  new MutationObserver(label).observe(panel, { attributes: true, attributeFilter: ['lang'] });
}
