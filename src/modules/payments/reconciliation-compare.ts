import { minorDigits } from '../../shared/payments.js';
import type { ReconciliationDifference } from './reconciliation-schema.js';

/** A ledger entry that is a platform posting (it has a platform operation id). */
export interface LedgerPosting {
  login: string;
  clientId: string;
  opId: string;
  /** Signed minor units of the account currency. */
  amount: number;
  currency: string;
  requestId: string;
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
 * Every difference between the two sides, matched by account and operation id. Both sides are read
 * whole, but a side's record younger than `cutoff` is not reported missing on the other: a posting
 * the platform made a moment ago may still be on its way to ingestion (and a ledger entry is written
 * just before its posting). Amounts are compared whenever both sides have the operation.
 */
export function compareBooks(
  ledger: readonly LedgerPosting[],
  platform: readonly PlatformPosting[],
  cutoff: Date,
): ReconciliationDifference[] {
  const key = (login: string, opId: string) => `${login}\u0000${opId}`;
  const onPlatform = new Map(platform.map((p) => [key(p.login, p.opId), p]));
  const inLedger = new Set<string>();
  const out: ReconciliationDifference[] = [];
  for (const l of ledger) {
    const k = key(l.login, l.opId);
    inLedger.add(k);
    const p = onPlatform.get(k);
    const base = { login: l.login, clientId: l.clientId, opId: l.opId, currency: l.currency };
    if (!p) {
      if (l.at <= cutoff)
        out.push({
          ...base,
          kind: 'missing_on_platform',
          ledgerAmount: l.amount,
          platformAmount: null,
          requestId: l.requestId,
          at: l.at.toISOString(),
        });
      continue;
    }
    const platformAmount = platformMinor(p.amount, p.currency);
    if (platformAmount !== l.amount || p.currency !== l.currency)
      out.push({
        ...base,
        kind: 'amount_differs',
        ledgerAmount: l.amount,
        platformAmount,
        requestId: l.requestId,
        at: p.executedAt.toISOString(),
      });
  }
  for (const p of platform) {
    if (inLedger.has(key(p.login, p.opId)) || p.executedAt > cutoff) continue;
    out.push({
      kind: 'missing_in_ledger',
      login: p.login,
      clientId: p.clientId,
      opId: p.opId,
      currency: p.currency,
      ledgerAmount: null,
      platformAmount: platformMinor(p.amount, p.currency),
      requestId: null,
      at: p.executedAt.toISOString(),
    });
  }
  return out.sort((a, b) => a.login.localeCompare(b.login) || a.at.localeCompare(b.at));
}
