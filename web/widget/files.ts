import type { WidgetAttachment, WidgetUploaded } from '../../src/shared/contracts/support';
import { h, type El } from './dom';
import { fill, type Strings } from './i18n';

/** What the desk takes (it sniffs the content; this only guides the file picker). */
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,.docx,.xlsx,.txt,.csv,text/plain';

const size = (bytes: number) =>
  bytes < 1_048_576 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;

/** A paperclip (an emoji would need a font the visitor may not have). */
function clip(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({
    viewBox: '0 0 24 24',
    width: '16',
    height: '16',
    'aria-hidden': 'true',
  }))
    svg.setAttribute(k, v);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute(
    'd',
    'M15 7l-6.5 6.5a1.5 1.5 0 0 0 3 3l6.5-6.5a3 3 0 0 0-6-6l-6.5 6.5a4.5 4.5 0 0 0 9 9l6.5-6.5',
  );
  for (const [k, v] of Object.entries({
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
  }))
    path.setAttribute(k, v);
  svg.append(path);
  return svg;
}

/** A chat bubble: the author and the text, both as text (never HTML). */
export function bubble(who: string, body: string, mine: boolean, extra = ''): El {
  const li = h('li', { class: `bdw-msg ${mine ? 'bdw-mine' : 'bdw-theirs'} ${extra}` });
  const author = h('span', { class: 'bdw-author' });
  author.textContent = who;
  const text = h('p', { class: 'bdw-body' });
  text.textContent = body;
  text.hidden = body === '';
  li.append(author, text);
  return li;
}

export interface FileDeps {
  base: string;
  token: () => string | null;
  conversationId: () => string | null;
  t: () => Strings;
  /** Where progress and refusals are said (a live region). */
  say: (text: string) => void;
  newId: () => string;
}

/** The files on a message: buttons that download each with the visitor token. */
export function fileList(items: WidgetAttachment[], deps: FileDeps): El {
  const ul = h('ul', { class: 'bdw-files' });
  for (const a of items) {
    const button = h('button', { type: 'button', class: 'bdw-link' });
    button.append(clip(), ` ${a.fileName} (${size(a.size)})`);
    button.setAttribute('aria-label', fill(deps.t().download, { name: a.fileName }));
    button.onclick = async () => {
      try {
        const res = await fetch(`${deps.base}/api/support/widget/attachments/${encodeURIComponent(a.id)}`, {
          headers: { authorization: `Bearer ${deps.token() ?? ''}` },
        });
        if (!res.ok) throw new Error(String(res.status));
        const url = URL.createObjectURL(await res.blob());
        const link = h('a', { href: url, download: a.fileName });
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      } catch {
        deps.say(deps.t().error);
      }
    };
    ul.append(h('li', {}, button));
  }
  return ul;
}

/**
 * The attach button and its file input: the file goes up at once (with its progress said in the
 * status line) onto a message of its own; the message itself comes back over the socket.
 */
export function attachControl(deps: FileDeps): { button: El; input: HTMLInputElement; label(): void } {
  const input = h('input', {
    type: 'file',
    accept: ACCEPT,
    class: 'bdw-sr',
    tabindex: '-1',
    'aria-hidden': 'true',
  });
  const button = h('button', { type: 'button', class: 'bdw-attach' }, clip());
  button.onclick = () => input.click();
  const send = (file: File) => {
    const t = deps.t();
    const conversationId = deps.conversationId();
    if (!conversationId) return;
    const xhr = new XMLHttpRequest();
    const query = `conversationId=${encodeURIComponent(conversationId)}&clientMessageId=${deps.newId()}`;
    xhr.open('POST', `${deps.base}/api/support/widget/attachments?${query}`);
    xhr.setRequestHeader('authorization', `Bearer ${deps.token() ?? ''}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable)
        deps.say(fill(t.uploading, { name: file.name, n: Math.round((100 * e.loaded) / e.total) }));
    };
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as Partial<WidgetUploaded> & { code?: string; maxMb?: number };
      if (xhr.status === 200 || xhr.status === 201) return deps.say('');
      deps.say(
        body.code === 'attachment_too_large'
          ? fill(t.fileTooLarge, { name: file.name, mb: body.maxMb ?? '?' })
          : body.code === 'attachment_type_refused'
            ? fill(t.fileType, { name: file.name })
            : xhr.status === 429
              ? t.rateLimited
              : t.error,
      );
    };
    xhr.onerror = () => deps.say(t.error);
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  };
  input.onchange = () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) send(file);
  };
  return {
    button,
    input,
    label: () => button.setAttribute('aria-label', deps.t().attach),
  };
}
