/**
 * Test cards of the simulated provider's hosted page, in the manner of real acquirers' sandboxes: the
 * card number picks what happens. Any other number that passes the Luhn check pays normally.
 */
export type PaymentOutcome =
  | { kind: 'success' }
  /** Paid, but the provider reports another amount than requested (fees taken, a currency rounding). */
  | { kind: 'different_amount' }
  | { kind: 'declined'; reason: string }
  | { kind: 'insufficient_funds' }
  /** `payment.pending` now, `payment.succeeded` after the settle delay (3-D Secure, a bank transfer). */
  | { kind: 'pending' }
  /** Paid, then disputed by the cardholder: `payment.chargeback` after the chargeback delay. */
  | { kind: 'chargeback_later' };

export interface TestCard {
  number: string;
  label: string;
  outcome: PaymentOutcome;
}

export const TEST_CARDS: readonly TestCard[] = [
  { number: '4242424242424242', label: 'Pays', outcome: { kind: 'success' } },
  {
    number: '4000000000000002',
    label: 'Declined by the issuer',
    outcome: { kind: 'declined', reason: 'Do not honour' },
  },
  {
    number: '4000000000000069',
    label: 'Declined: expired card',
    outcome: { kind: 'declined', reason: 'Expired card' },
  },
  { number: '4000000000009995', label: 'Insufficient funds', outcome: { kind: 'insufficient_funds' } },
  { number: '4000000000003220', label: 'Pending, then settled', outcome: { kind: 'pending' } },
  {
    number: '4000000000000077',
    label: 'Pays a different amount',
    outcome: { kind: 'different_amount' },
  },
  {
    number: '4000000000000259',
    label: 'Pays, then charged back',
    outcome: { kind: 'chargeback_later' },
  },
];

/** Digits only: spaces and dashes as people type them are dropped. */
export const cardDigits = (typed: string) => typed.replace(/[\s-]/g, '');

/** The Luhn check digit test every card number passes. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** What paying with this card does; null when the number is not a card number at all. */
export function outcomeOfCard(typed: string): PaymentOutcome | null {
  const digits = cardDigits(typed);
  const test = TEST_CARDS.find((c) => c.number === digits);
  if (test) return test.outcome;
  return luhnValid(digits) ? { kind: 'success' } : null;
}

/** "4242 4242 4242 4242", as the page shows a test card. */
export const groupedCard = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');
