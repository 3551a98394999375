import type { WidgetMessage } from '../../src/shared/contracts/support';
import type { widgetApi } from './api';
import { h, type El } from './dom';
import type { FileDeps } from './files';
import { fill } from './i18n';

export interface BotDeps extends FileDeps {
  /** The message list, so a handover can take the offers off the earlier messages. */
  list: El;
  api: ReturnType<typeof widgetApi>;
}

/**
 * A FAQ bot's message: labelled as the bot's (never mistaken for a person), the article it cites as a
 * link to the help centre, and the "Talk to a person" button under every message until the handover.
 */
export function decorateBot(li: El, m: WidgetMessage, deps: BotDeps): void {
  if (!m.bot) return;
  const t = deps.t();
  li.classList.add('bdw-bot');
  const author = li.querySelector('.bdw-author');
  if (author) author.textContent = t.bot;
  const article = m.bot.article;
  const href = article ? new URL(article.url, deps.base) : null;
  if (article && href && /^https?:$/.test(href.protocol)) {
    const a = h('a', { class: 'bdw-article', href: href.href, target: '_blank', rel: 'noopener' });
    a.textContent = fill(t.article, { title: article.title });
    li.append(a);
  }
  if (m.bot.kind === 'handover' || m.bot.kind === 'away') {
    for (const b of deps.list.querySelectorAll<HTMLButtonElement>('.bdw-human')) b.hidden = true;
    return;
  }
  const button = h('button', { type: 'button', class: 'bdw-human' });
  button.textContent = t.human;
  button.onclick = async () => {
    const conversationId = deps.conversationId();
    if (!conversationId) return;
    button.disabled = true;
    try {
      // The bot's "passing you to a person" arrives as a message; the offers go with it.
      await deps.api('POST', '/api/support/widget/handover', { conversationId });
    } catch {
      deps.say(t.error);
    } finally {
      button.disabled = false;
    }
  };
  li.append(button);
}
