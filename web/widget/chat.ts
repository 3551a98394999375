import type {
  WidgetConfig,
  WidgetMessage,
  WidgetSession,
  WidgetState,
} from '../../src/shared/contracts/support';
import { Connection, type ServerFrame } from './connection';
import { fill, isRtl, LANGUAGE_NAMES, uiLanguage, UI_LANGUAGES, type Strings } from './i18n';
import css from './widget.css?inline';
import { h, type El } from './dom';
import { renderRating } from './rating';
import { widgetApi } from './api';
import { attachControl, bubble, fileList, type FileDeps } from './files';
import { decorateBot } from './bot';

export interface ChatOptions {
  /** The desk's origin (where /api lives): the loader's own script origin. */
  base: string;
  /** The chat's language to start with (data-language, or the browser's). */
  language?: string | null;
  /** The cabinet's signed token: the visitor is that trader (no pre-chat form). */
  traderToken?: string | null;
  /** Called when the visitor closes the panel (the loader hides it). */
  onClose?: () => void;
  /** Where the visitor token is kept between visits. */
  storageKey?: string;
}

let uid = 0;
const newId = () => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${uid++}`;

/**
 * The chat panel, plain DOM (no framework; the whole widget stays a few KB). Every text from the
 * server goes in with textContent, never as HTML. Messages are kept by seq, so a replay after a
 * reconnect never shows one twice.
 */
export function mountChat(host: El, opts: ChatOptions): { destroy(): void; focus(): void } {
  const storageKey = opts.storageKey ?? 'bdw.token';
  const root = h('div', { class: 'bdw-panel', role: 'dialog', 'aria-modal': 'false' });
  const style = h('style');
  style.textContent = css;
  host.append(style, root);
  let lang = uiLanguage(opts.language ?? navigator.language);
  let t: Strings = UI_LANGUAGES[lang];
  let conn: Connection | null = null;
  let token: string | null = null;
  let state: WidgetState | null = null;
  let config: WidgetConfig | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let lastTypingSent = 0;
  const shown = new Map<number, El>();
  const pending = new Map<string, El>();

  const api = widgetApi(opts.base, () => token);

  // ── the skeleton ──────────────────────────────────────────────────────────────────────────────
  const title = h('h2', { class: 'bdw-title', id: 'bdw-title' });
  const agentLine = h('p', { class: 'bdw-agent', 'aria-live': 'polite' });
  const closeBtn = h('button', { type: 'button', class: 'bdw-close' }, '×');
  const header = h('header', { class: 'bdw-head' }, h('div', {}, title, agentLine), closeBtn);
  const notice = h('p', { class: 'bdw-notice', role: 'status' });
  // The list keeps its list semantics inside the live log; the log scrolls and takes focus (keyboard
  // users scroll it with the arrow keys).
  const list = h('ol', { class: 'bdw-list' });
  const log = h(
    'div',
    {
      class: 'bdw-log',
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-labelledby': 'bdw-title',
      tabindex: '0',
    },
    list,
  );
  const typingLine = h('p', { class: 'bdw-typing', 'aria-live': 'polite' });
  const input = h('textarea', { id: 'bdw-input', rows: '2', maxlength: '20000' });
  const inputLabel = h('label', { for: 'bdw-input', class: 'bdw-sr' });
  const sendBtn = h('button', { type: 'submit', class: 'bdw-send' });
  const files: FileDeps = {
    base: opts.base,
    token: () => token,
    conversationId: () => state?.conversationId ?? null,
    t: () => t,
    say: (text) => (notice.textContent = text),
    newId,
  };
  const attach = attachControl(files);
  const composer = h(
    'form',
    { class: 'bdw-composer' },
    inputLabel,
    input,
    attach.input,
    attach.button,
    sendBtn,
  );
  const transcriptBtn = h('button', { type: 'button', class: 'bdw-link' });
  const rating = h('form', { class: 'bdw-rate', hidden: '' });
  const chatView = h(
    'div',
    { class: 'bdw-chat', hidden: '' },
    notice,
    log,
    typingLine,
    rating,
    composer,
    transcriptBtn,
  );

  const nameIn = h('input', { id: 'bdw-name', autocomplete: 'name', required: '', maxlength: '120' });
  const emailIn = h('input', { id: 'bdw-email', type: 'email', autocomplete: 'email', maxlength: '254' });
  const langIn = h('select', { id: 'bdw-lang' });
  const startBtn = h('button', { type: 'submit', class: 'bdw-send' });
  const labels = {
    name: h('label', { for: 'bdw-name' }),
    email: h('label', { for: 'bdw-email' }),
    lang: h('label', { for: 'bdw-lang' }),
  };
  const offlineNote = h('p', { class: 'bdw-notice' });
  const prechat = h(
    'form',
    { class: 'bdw-pre', hidden: '' },
    offlineNote,
    labels.name,
    nameIn,
    labels.email,
    emailIn,
    labels.lang,
    langIn,
    startBtn,
  );
  root.append(header, prechat, chatView);
  root.setAttribute('aria-labelledby', 'bdw-title');

  const texts = () => {
    t = UI_LANGUAGES[lang];
    root.setAttribute('lang', lang);
    root.setAttribute('dir', isRtl(lang) ? 'rtl' : 'ltr');
    title.textContent = t.title;
    closeBtn.setAttribute('aria-label', t.close);
    inputLabel.textContent = t.message;
    sendBtn.textContent = t.send;
    startBtn.textContent = t.start;
    transcriptBtn.textContent = t.transcript;
    attach.label();
    labels.name.textContent = t.name;
    labels.email.textContent = t.email;
    labels.lang.textContent = t.language;
    offlineNote.textContent = config && !config.online ? (config.texts.offline ?? t.offline) : '';
    renderState();
  };

  // ── messages ──────────────────────────────────────────────────────────────────────────────────
  const addMessage = (m: WidgetMessage) => {
    if (shown.has(m.seq)) return;
    const mine = m.authorKind === 'customer';
    const li = bubble(mine ? t.you : (m.authorName ?? t.support), m.body, mine);
    if (m.attachments?.length) li.append(fileList(m.attachments, files));
    decorateBot(li, m, { ...files, list, api });
    li.dataset.seq = String(m.seq);
    // In seq order even when a replay and a live one interleave.
    const after = [...shown.keys()].filter((s) => s > m.seq).sort((a, b) => a - b)[0];
    const next = after === undefined ? null : shown.get(after)!;
    if (next) list.insertBefore(li, next);
    else list.insertBefore(li, pending.size ? [...pending.values()][0]! : null);
    shown.set(m.seq, li);
    if (conn) conn.lastSeq = Math.max(conn.lastSeq, m.seq);
    log.scrollTop = log.scrollHeight;
  };

  // ── state ─────────────────────────────────────────────────────────────────────────────────────
  const renderState = () => {
    if (!state) return;
    if (state.agent)
      agentLine.textContent = `${state.agent.name} · ${state.agent.online ? t.online : t.away}`;
    else if (state.queuePosition) agentLine.textContent = fill(t.queue, { n: state.queuePosition });
    else if (config && !config.online) agentLine.textContent = config.texts.offline ?? t.offline;
    else agentLine.textContent = state.status === 'none' ? (config?.texts.greeting ?? '') : t.waiting;
    notice.textContent = state.status === 'resolved' ? t.resolved : '';
    transcriptBtn.hidden = !state.conversationId;
    // Files go into the chat once it exists (the first message opens it).
    attach.button.hidden = !state.conversationId || state.status === 'closed';
    if (state.csatPending && rating.hidden) showRating();
    if (!state.csatPending && !rating.dataset.done) rating.hidden = true;
  };

  const onFrame = (f: ServerFrame) => {
    if (f.type === 'message') {
      addMessage(f);
      if (f.authorKind !== 'customer') setTyping(false);
    } else if (f.type === 'ack') {
      const el = pending.get(f.clientMessageId);
      pending.delete(f.clientMessageId);
      if (conn && conn.conversationId !== f.conversationId) switchConversation(f.conversationId);
      // The message itself arrives as a `message` frame with this seq (maybe already has).
      el?.remove();
    } else if (f.type === 'state') {
      if (f.conversationId && conn && conn.conversationId !== f.conversationId)
        switchConversation(f.conversationId);
      state = f;
      renderState();
    } else if (f.type === 'typing') {
      setTyping(f.typing, f.by);
    } else if (f.type === 'error') {
      // Refused with `retry`: the connection sends it again (same id); it stays "sending", not failed.
      if (f.retry) return;
      if (f.clientMessageId) pending.get(f.clientMessageId)?.classList.add('bdw-failed');
      notice.textContent = f.code === 'rate_limited' ? t.rateLimited : t.error;
    }
  };

  const switchConversation = (id: string) => {
    if (!conn) return;
    if (conn.conversationId && conn.conversationId !== id) {
      // A new conversation (the last one was closed): its seqs start again at 1.
      for (const el of shown.values()) el.remove();
      shown.clear();
      conn.lastSeq = 0;
    }
    conn.conversationId = id;
  };

  const setTyping = (on: boolean, by?: string | null) => {
    clearTimeout(typingTimer);
    typingLine.textContent = on ? (by ? fill(t.typing, { name: by }) : t.agentTyping) : '';
    // Cleared within seconds even if the "stopped" never comes.
    if (on) typingTimer = setTimeout(() => (typingLine.textContent = ''), 6000);
  };

  // ── rating ────────────────────────────────────────────────────────────────────────────────────
  const showRating = () =>
    renderRating(rating, t, async (score, comment) => {
      if (!state?.conversationId) return;
      try {
        await api('POST', '/api/support/widget/csat', {
          conversationId: state.conversationId,
          score,
          ...(comment && { comment }),
        });
        return true;
      } catch {
        notice.textContent = t.error;
        return false;
      }
    });

  // ── actions ───────────────────────────────────────────────────────────────────────────────────
  const send = () => {
    const body = input.value.trim();
    if (!body || !conn) return;
    const clientMessageId = newId();
    const li = bubble(t.you, body, true, 'bdw-pending');
    li.setAttribute('aria-label', t.sending);
    list.append(li);
    pending.set(clientMessageId, li);
    log.scrollTop = log.scrollHeight;
    conn.send(body, clientMessageId);
    conn.typing(false);
    lastTypingSent = 0;
    input.value = '';
    input.focus();
  };
  composer.onsubmit = (e) => {
    e.preventDefault();
    send();
  };
  input.onkeydown = (e) => {
    // Enter sends, Shift+Enter is a new line.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  };
  input.oninput = () => {
    const now = Date.now();
    if (now - lastTypingSent > 2000 && input.value) {
      lastTypingSent = now;
      conn?.typing(true);
    }
  };
  transcriptBtn.onclick = async () => {
    if (!state?.conversationId) return;
    try {
      const res = await api<{ to: string }>('POST', '/api/support/widget/transcript', {
        conversationId: state.conversationId,
      });
      notice.textContent = fill(t.transcriptSent, { to: res.to });
    } catch {
      notice.textContent = t.error;
    }
  };
  // In the cabinet the chat is the page itself: nothing to close.
  closeBtn.hidden = !opts.onClose;
  closeBtn.onclick = () => opts.onClose?.();
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') opts.onClose?.();
  });

  const startChat = (session: WidgetSession) => {
    token = session.token;
    try {
      localStorage.setItem(storageKey, session.token);
    } catch {
      // Private mode: the chat works for this page view only.
    }
    if (session.visitor.language) lang = uiLanguage(session.visitor.language);
    state = session.state;
    const wsUrl = `${opts.base.replace(/^http/, 'ws')}/api/support/widget/ws`;
    conn = new Connection(wsUrl, session.token, {
      frame: onFrame,
      status: (up) => (notice.textContent = up ? '' : t.reconnecting),
    });
    conn.conversationId = session.state.conversationId;
    prechat.hidden = true;
    chatView.hidden = false;
    texts();
    conn.connect();
    input.focus();
  };

  prechat.onsubmit = async (e) => {
    e.preventDefault();
    try {
      startChat(
        await api<WidgetSession>('POST', '/api/support/widget/session', {
          name: nameIn.value.trim(),
          ...(emailIn.value.trim() && { email: emailIn.value.trim() }),
          language: langIn.value,
        }),
      );
    } catch {
      offlineNote.textContent = t.error;
    }
  };
  langIn.onchange = () => {
    lang = uiLanguage(langIn.value);
    texts();
  };

  // ── start: config, then resume a stored visitor or show the form ─────────────────────────────
  void (async () => {
    texts();
    config = await api<WidgetConfig>(
      'GET',
      `/api/support/widget/config${opts.language ? `?language=${encodeURIComponent(opts.language)}` : ''}`,
    ).catch(() => null);
    const chatLanguages = config?.languages.length ? config.languages : Object.keys(UI_LANGUAGES);
    for (const code of chatLanguages) {
      const o = h('option', { value: code });
      o.textContent = LANGUAGE_NAMES[code] ?? code;
      langIn.append(o);
    }
    langIn.value = chatLanguages.includes(opts.language ?? '')
      ? opts.language!
      : chatLanguages.includes(lang)
        ? lang
        : chatLanguages[0]!;
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(storageKey);
    } catch {
      stored = null;
    }
    if (stored || opts.traderToken) {
      try {
        token = null;
        return startChat(
          await api<WidgetSession>('POST', '/api/support/widget/session', {
            ...(stored && { token: stored }),
            ...(opts.traderToken && { traderToken: opts.traderToken }),
            ...(opts.language && { language: opts.language }),
          }),
        );
      } catch {
        // An unknown or expired token: a fresh start below.
      }
    }
    texts();
    prechat.hidden = false;
    nameIn.focus();
  })();

  return {
    destroy() {
      conn?.close();
      clearTimeout(typingTimer);
      style.remove();
      root.remove();
    },
    focus() {
      (prechat.hidden ? input : nameIn).focus();
    },
  };
}
