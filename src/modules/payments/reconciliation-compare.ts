import { minorDigits } from '../../shared/payments.js';
import type { AccountDifference } from './reconciliation-schema.js';

/** A ledger entry that is a platform posting (it has a platform operation id). */
export interface LedgerPosting {
  login: string;
  clientId: string;
  opId: string;
  /** Signed minor units of the account currency. */
  amount: number;
  currency: string;
  at: Date;
}

/** A balance operation as the platform reported it. */
export interface PlatformPosting {
  login: string;
  clientId: string;
  opId: string;
  /** Signed decimal account-currency units. */
  amount: number;
  currency: string;
  executedAt: Date;
}

/** Decimal platform amount → minor units (rounded: the platform keeps two decimals in a double). */
export const platformMinor = (amount: number, currency: string) =>
  Math.round(amount * 10 ** minorDigits(currency));

/**
 * Every account whose two sides differ, matched by account and operation id. Both sides are read
 * whole (the sums are the books as they stand), but a record younger than `cutoff` is not reported
 * missing on the other side: a posting made a moment ago may still be on its way to ingestion, and a
 * ledger entry is written just before its posting. Amounts are compared whenever both sides have the
 * operation. Accounts ordered by login.
 */
export function compareBooks(
  ledger: readonly LedgerPosting[],
  platform: readonly PlatformPosting[],
  cutoff: Date,
): Omit<AccountDifference, 'clientName'>[] {
  const accounts = new Map<string, Omit<AccountDifference, 'clientName'>>();
  const account = (login: string, clientId: string, currency: string) => {
    let a = accounts.get(login);
    if (!a) {
      a = {
        login,
        clientId,
        currency,
        ledgerAmount: 0,
        platformAmount: 0,
        difference: 0,
        missingOnPlatform: [],
        missingInLedger: [],
        amountDiffers: [],
      };
      accounts.set(login, a);
    }
    return a;
  };
  const key = (login: string, opId: string) => `${login}\u0000${opId}`;
  const onPlatform = new Map(platform.map((p) => [key(p.login, p.opId), p]));
  const inLedger = new Set<string>();
  for (const l of ledger) {
    const k = key(l.login, l.opId);
    inLedger.add(k);
    const a = account(l.login, l.clientId, l.currency);
    a.ledgerAmount += l.amount;
    const p = onPlatform.get(k);
    if (!p) {
      if (l.at <= cutoff) a.missingOnPlatform.push(l.opId);
      continue;
    }
    const platformAmount = platformMinor(p.amount, p.currency);
    if (platformAmount !== l.amount)
      a.amountDiffers.push({ opId: l.opId, ledgerAmount: l.amount, platformAmount });
  }
  for (const p of platform) {
    const a = account(p.login, p.clientId, p.currency);
    a.platformAmount += platformMinor(p.amount, p.currency);
    if (!inLedger.has(key(p.login, p.opId)) && p.executedAt <= cutoff) a.missingInLedger.push(p.opId);
  }
  return [...accounts.values()]
    .map((a) => ({ ...a, difference: a.ledgerAmount - a.platformAmount }))
    .filter((a) => a.missingOnPlatform.length + a.missingInLedger.length + a.amountDiffers.length > 0)
    .sort((a, b) => a.login.localeCompare(b.login));
}
