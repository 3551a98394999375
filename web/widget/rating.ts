import { h } from './dom';
import { fill, type Strings } from './i18n';

/**
 * The rating asked once a chat is resolved: five labelled toggle buttons (1–5), an optional comment,
 * and a thank-you that takes focus once sent. `send` answers whether the rating was taken.
 */
export function renderRating(
  form: HTMLFormElement,
  t: Strings,
  send: (score: number, comment: string) => Promise<boolean | undefined>,
): void {
  form.replaceChildren();
  const legend = h('legend', {});
  legend.textContent = t.rateTitle;
  const group = h('fieldset', { class: 'bdw-stars' }, legend);
  let score = 0;
  const buttons: HTMLButtonElement[] = [];
  for (let n = 1; n <= 5; n++) {
    const b = h(
      'button',
      { type: 'button', 'aria-pressed': 'false', 'aria-label': fill(t.rate, { n }) },
      String(n),
    );
    b.onclick = () => {
      score = n;
      buttons.forEach((x, i) => x.setAttribute('aria-pressed', String(i + 1 === n)));
    };
    buttons.push(b);
    group.append(b);
  }
  const comment = h('textarea', { id: 'bdw-comment', rows: '2', maxlength: '2000' });
  const label = h('label', { for: 'bdw-comment' });
  label.textContent = t.comment;
  const submit = h('button', { type: 'submit', class: 'bdw-send' });
  submit.textContent = t.rateSend;
  form.append(group, label, comment, submit);
  form.onsubmit = async (e) => {
    e.preventDefault();
    if (!score) return buttons[0]?.focus();
    if (!(await send(score, comment.value.trim()))) return;
    form.dataset.done = '1';
    const thanks = h('p', { class: 'bdw-notice', role: 'status', tabindex: '-1' });
    thanks.textContent = t.thanks;
    form.replaceChildren(thanks);
    // The socket's "rated" state can beat the HTTP answer and hide the form before `done` is set.
    form.hidden = false;
    thanks.focus();
  };
  form.hidden = false;
}
