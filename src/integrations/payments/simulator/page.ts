import { groupedCard, TEST_CARDS } from './cards.js';
import type { SimPayment } from './sim-provider.js';

/**
 * The simulated provider's hosted payment page: plain server-rendered HTML, no script (the app's CSP
 * allows none inline), so it works the same in every browser and for assistive technology. Layout uses
 * logical CSS properties only, so a right-to-left locale wrapping it (or a trader's browser
 * translating it) mirrors cleanly; card numbers and amounts are always left-to-right.
 */

export interface FieldErrors {
  card?: string;
  name?: string;
  expiry?: string;
  cvc?: string;
}

export interface FormValues {
  card?: string;
  name?: string;
  expiry?: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** 12345 USD minor units → "$123.45" (the currency's own number of decimals). */
export function formatMinor(amount: number, currency: string): string {
  let f: Intl.NumberFormat;
  try {
    f = new Intl.NumberFormat('en', { style: 'currency', currency });
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency}`;
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(amount / 10 ** digits);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;color:#1a1b1e;background:#f1f3f5}
main{max-width:34rem;margin-block:2rem;margin-inline:auto;padding:1.5rem;background:#fff;border-radius:.5rem;border:1px solid #dee2e6}
h1{font-size:1.35rem;margin-block:0 .25rem}
h2{font-size:1.05rem;margin-block:1.5rem .5rem}
.test{display:inline-block;padding-block:.1rem;padding-inline:.5rem;border-radius:1rem;background:#fff3bf;color:#5c3c00;font-size:.85rem}
.summary{margin-block:1rem;padding:1rem;border-radius:.5rem;background:#f8f9fa}
.amount{font-size:1.6rem;font-weight:700;unicode-bidi:isolate}
label{display:block;font-weight:600;margin-block-start:.75rem}
input{display:block;width:100%;padding:.55rem .7rem;margin-block-start:.25rem;font:inherit;border:1px solid #868e96;border-radius:.35rem}
input[aria-invalid=true]{border-color:#c92a2a;border-width:2px}
.row{display:flex;gap:1rem}.row>div{flex:1}
.hint,.err{font-size:.9rem;margin-block:.2rem 0}
.err{color:#c92a2a;font-weight:600}
button{font:inherit;padding:.55rem 1rem;border-radius:.35rem;border:1px solid #1864ab;background:#1c7ed6;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1864ab}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f59f00;outline-offset:2px}
.pay{width:100%;margin-block-start:1.25rem;font-weight:700}
.alert{padding:.75rem 1rem;border-radius:.35rem;border:2px solid #c92a2a;background:#fff5f5}
ul.cards{list-style:none;padding:0;margin:0}
ul.cards button{white-space:nowrap}
ul.cards li{display:flex;align-items:center;justify-content:space-between;gap:.75rem;padding-block:.45rem;border-block-end:1px solid #e9ecef}
.num{font-family:ui-monospace,monospace;direction:ltr;unicode-bidi:isolate}
.ltr{direction:ltr;text-align:start}
a{color:#1864ab}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — BrokerDesk Pay (simulated)</title><style>${STYLE}</style></head>
<body><main>
<p class="test">Simulated provider: test mode, no real money moves</p>
${body}
</main></body></html>`;
}

function summary(p: SimPayment): string {
  return `<section class="summary" aria-label="Payment">
<p dir="auto">${esc(p.description)}</p>
<p class="amount">${esc(formatMinor(p.amount, p.currency))}</p>
<p class="hint">Reference <span class="num">${esc(p.ref)}</span></p>
</section>`;
}

function field(
  name: keyof FieldErrors,
  label: string,
  input: string,
  errors: FieldErrors,
  hint?: string,
): string {
  const error = errors[name];
  const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  const aria = `${error ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}`;
  return `<div><label for="${name}">${esc(label)}</label>
${input.replace('<input ', `<input id="${name}" name="${name}"${aria} `)}
${hint ? `<p class="hint" id="${name}-hint">${esc(hint)}</p>` : ''}
${error ? `<p class="err" id="${name}-error">${esc(error)}</p>` : ''}</div>`;
}

/** The card form of an open session, with the test cards that pick an outcome. */
export function paymentPage(p: SimPayment, values: FormValues = {}, errors: FieldErrors = {}): string {
  const action = `/sim-pay/${encodeURIComponent(p.ref)}`;
  const messages = Object.values(errors).filter(Boolean);
  const alert = messages.length
    ? `<div class="alert" role="alert"><p><strong>The payment did not go through.</strong></p><ul>${messages
        .map((m) => `<li>${esc(m!)}</li>`)
        .join('')}</ul></div>`
    : '';
  const v = (s?: string) => esc(s ?? '');
  const cards = TEST_CARDS.map(
    (c) => `<li><span><span class="num">${groupedCard(c.number)}</span> — ${esc(c.label)}</span>
<form method="post" action="${action}"><input type="hidden" name="action" value="pay"><input type="hidden" name="quick" value="1"><input type="hidden" name="card" value="${c.number}">
<button type="submit" class="secondary" aria-label="Use this card: ${esc(c.label)}">Use this card</button></form></li>`,
  ).join('\n');
  return layout(
    'Pay',
    `<h1>Pay by card</h1>
${summary(p)}
${alert}
<form method="post" action="${action}" novalidate>
<input type="hidden" name="action" value="pay">
${field('card', 'Card number', `<input class="num" inputmode="numeric" autocomplete="cc-number" dir="ltr" value="${v(values.card)}" required>`, errors, 'Any valid card number pays; the test cards below pick another outcome.')}
${field('name', 'Name on the card', `<input autocomplete="cc-name" dir="auto" value="${v(values.name)}" required>`, errors)}
<div class="row">
${field('expiry', 'Expiry (MM/YY)', `<input class="ltr" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" value="${v(values.expiry)}" required>`, errors)}
${field('cvc', 'Security code', `<input class="ltr" inputmode="numeric" autocomplete="cc-csc" required>`, errors, '3 or 4 digits')}
</div>
<button type="submit" class="pay">Pay <span class="amount-inline">${esc(formatMinor(p.amount, p.currency))}</span></button>
</form>
<h2 id="test-cards">Test cards</h2>
<ul class="cards" aria-labelledby="test-cards">
${cards}
</ul>
<form method="post" action="${action}"><input type="hidden" name="action" value="cancel">
<p><button type="submit" class="secondary">Cancel and go back</button></p></form>`,
  );
}

const CLOSED: Record<SimPayment['status'], string> = {
  open: 'This payment is waiting for you.',
  pending: 'This payment is being processed by your bank.',
  succeeded: 'This payment has been made.',
  declined: 'This payment was not made.',
  expired: 'This payment session has expired.',
};

/** A session that is over (paid, declined, expired): what happened, and the way back. */
export function closedPage(p: SimPayment, opts: { disputes: boolean }): string {
  const disputable = opts.disputes && p.status === 'succeeded' && !p.chargedBack && p.paid > p.refunded;
  const paid =
    p.status === 'succeeded'
      ? `<p>Paid <span class="amount-inline">${esc(formatMinor(p.paid, p.currency))}</span>${
          p.refunded ? `, refunded ${esc(formatMinor(p.refunded, p.currency))}` : ''
        }${p.chargedBack ? ', charged back' : ''}.</p>`
      : '';
  const dispute = disputable
    ? `<h2>Do not recognise this payment?</h2>
<form method="post" action="/sim-pay/${encodeURIComponent(p.ref)}"><input type="hidden" name="action" value="dispute">
<p class="hint">Simulates the cardholder disputing it with their bank: the provider takes the money back (a chargeback).</p>
<button type="submit" class="secondary">Dispute this payment</button></form>`
    : '';
  return layout(
    'Payment',
    `<h1>${esc(CLOSED[p.status])}</h1>
${summary(p)}
${paid}
<p><a href="${esc(p.returnUrl)}">Back to your account</a></p>
${dispute}`,
  );
}

/** No such session: a wrong link, or the provider restarted and forgot it. */
export function unknownPage(): string {
  return layout(
    'Payment not found',
    `<h1>Payment not found</h1>
<p>This payment link is not valid or has expired. Start the deposit again from your account.</p>`,
  );
}
