import { z } from 'zod';
import { money, text, textRecord, uuid } from '../../core/primitives.js';

// Request bodies of the withdrawal routes (built from core/primitives, like every contract).

/** The cabinet's request: amount in minor units of the account's currency. */
export const withdrawalInput = z.strictObject({
  login: text({ label: 'Login', min: 1, max: 64 }),
  systemId: uuid(),
  amount: money().min(1, 'Must be more than 0'),
  /** Where to pay (IBAN, card's last digits, wallet), as the chosen system asks for it. */
  details: textRecord({ keyMax: 40, valueMax: 200, maxEntries: 10, label: 'Payout detail' }).default({}),
});

export const withdrawalRejectInput = z.strictObject({
  reasonCode: text({ label: 'Reason', min: 1, max: 64 }),
  note: text({ label: 'Note', max: 1000 }).nullable().optional(),
});
