import { fill, isRtl, uiLanguage, UI_LANGUAGES } from './i18n';

/**
 * The one tag on the broker's site: `<script src="https://desk.example/widget.js" data-language="id"
 * async></script>`. It adds a launcher button and loads the chat (widget/app.js) only when opened.
 * Options: data-language (the chat's language), data-position ("left" | "right"), data-color.
 */
(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script || document.getElementById('bdw-launcher')) return;
  const base = new URL(script.src).origin;
  const language = script.dataset.language ?? null;
  const side = script.dataset.position === 'left' ? 'left' : 'right';
  const color = /^#[0-9a-f]{3,8}$/i.test(script.dataset.color ?? '') ? script.dataset.color! : '#1c64d1';
  const lang = uiLanguage(language ?? navigator.language);
  const t = UI_LANGUAGES[lang];

  const button = document.createElement('button');
  button.id = 'bdw-launcher';
  button.type = 'button';
  button.setAttribute('aria-label', t.open);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'bdw-frame');
  // A speech bubble drawn inline (an emoji needs a font the visitor may lack).
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '28');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  svg.append(path);
  button.append(svg);
  button.style.cssText = `position:fixed;bottom:20px;${side}:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;background:${color};color:#fff;cursor:pointer;display:grid;place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.3)`;
  const frame = document.createElement('div');
  frame.id = 'bdw-frame';
  frame.hidden = true;
  frame.style.cssText = `position:fixed;bottom:88px;${side}:20px;z-index:2147483000;width:min(370px,calc(100vw - 24px));height:min(560px,calc(100vh - 110px))`;
  frame.dir = isRtl(lang) ? 'rtl' : 'ltr';
  document.body.append(frame, button);

  let chat: { focus(): void } | null = null;
  let loading: Promise<void> | null = null;
  const load = () =>
    (loading ??= new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = `${base}/widget/app.js`;
      s.async = true;
      s.onload = () => resolve();
      s.onerror = () => {
        loading = null;
        reject(new Error('widget failed to load'));
      };
      document.head.append(s);
    }));
  const close = () => {
    frame.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  };
  button.onclick = async () => {
    if (!frame.hidden) return close();
    frame.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    if (chat) return chat.focus();
    try {
      await load();
      chat = window.BrokerDeskWidget!.mount(frame, { base, language, onClose: close });
    } catch {
      frame.hidden = true;
      button.setAttribute('aria-label', fill('{open} (!)', { open: t.open }));
    }
  };
})();
