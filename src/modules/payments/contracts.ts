import { z } from 'zod';
import {
  isoInstant,
  int,
  money,
  pagingQuery,
  queryInt,
  text,
  textRecord,
  uuid,
} from '../../core/primitives.js';
import {
  isPaymentCurrency,
  PAYMENT_DIRECTIONS,
  PAYMENT_METHODS,
  PAYMENT_PROBLEMS,
  PAYMENT_STATUSES,
  PAYMENT_SYSTEM_KINDS,
} from '../../shared/payments.js';

/**
 * Input shapes of the payments API. Answers are in src/shared/contracts/payments.ts. Money is integer
 * minor units (`money()`): a float, a negative or anything past 10^15 is a 400 naming the field.
 */
export type * from '../../shared/contracts/payments.js';

/** An ISO 4217 code the CRM takes payments in (src/shared/payments.ts). */
export const currency = () =>
  text({ label: 'Currency', trim: true })
    .toUpperCase()
    .refine(isPaymentCurrency, 'Unknown or unsupported currency (use an ISO 4217 code such as USD)');

/** A positive amount in minor units. */
export const positiveMoney = () => money().refine((v) => v > 0, 'Must be more than 0');

const country = text({ trim: true, min: 2, max: 2, label: 'Country' }).toUpperCase();
const localeText = textRecord({ keyMax: 5, valueMax: 4000, maxEntries: 10, label: 'Instructions' });

export const paymentSystemInput = z
  .strictObject({
    name: text({ trim: true, min: 1, max: 120, label: 'Name' }),
    kind: z.enum(PAYMENT_SYSTEM_KINDS),
    method: z.enum(PAYMENT_METHODS),
    provider: text({ trim: true, min: 1, max: 40, label: 'Provider' }).nullable().default(null),
    currencies: z.array(currency()).min(1, 'Choose at least one currency').max(20),
    countries: z.array(country).max(250).default([]),
    minAmount: money().default(0),
    maxAmount: positiveMoney().nullable().default(null),
    feePercent: int({ min: 0, max: 10_000 }).default(0),
    feeFixed: money().default(0),
    sortOrder: int({ min: 0, max: 100_000 }).default(0),
    instructions: localeText.default({}),
    enabled: z.boolean().default(true),
    directions: z
      .array(z.enum(PAYMENT_DIRECTIONS))
      .min(1, 'Choose deposits, withdrawals or both')
      .default(['deposit']),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'automatic' && !v.provider)
      ctx.addIssue({ code: 'custom', path: ['provider'], message: 'An automatic system needs a provider' });
    if (v.kind === 'manual' && v.provider)
      ctx.addIssue({ code: 'custom', path: ['provider'], message: 'A manual system has no provider' });
    if (v.maxAmount !== null && v.maxAmount < v.minAmount)
      ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: 'Must not be below the minimum' });
  });
export type PaymentSystemInput = z.output<typeof paymentSystemInput>;

export const portalSystemsQuery = z.strictObject({
  direction: z.enum(PAYMENT_DIRECTIONS).default('deposit'),
  login: text({ trim: true, min: 1, max: 64, label: 'Account' }),
});

export const depositInput = z.strictObject({
  login: text({ trim: true, min: 1, max: 64, label: 'Account' }),
  systemId: uuid(),
  amount: positiveMoney(),
  currency: currency(),
});
export type DepositInput = z.output<typeof depositInput>;

const note = text({ trim: true, max: 2000, label: 'Note' });
export const rejectInput = z.strictObject({
  reasonCode: text({ trim: true, min: 1, max: 60, label: 'Reason' }),
  note: note.nullable().optional(),
});
export type RejectInput = z.output<typeof rejectInput>;

/** Confirming a deposit whose provider amount differs: credit what was paid (default) or the request. */
export const confirmInput = z.strictObject({
  amount: positiveMoney().optional(),
  note: note.nullable().optional(),
});

export const bulkInput = z
  .strictObject({
    action: z.enum(['execute', 'reject']),
    ids: z.array(uuid()).min(1).max(200),
    reasonCode: text({ trim: true, min: 1, max: 60, label: 'Reason' }).optional(),
    note: note.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'reject' && !v.reasonCode)
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'Choose a reason to reject' });
  });

const csvOf = <T extends z.ZodType<string, string>>(item: T) =>
  text({ max: 2000 })
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50));

export const REQUEST_SORTS = ['createdAt', 'amount', 'status', 'updatedAt'] as const;
export const requestListQuery = z.strictObject({
  status: csvOf(z.enum(PAYMENT_STATUSES as [string, ...string[]])).optional(),
  direction: z.enum(PAYMENT_DIRECTIONS).optional(),
  systemId: uuid().optional(),
  clientId: uuid().optional(),
  problem: csvOf(z.enum(PAYMENT_PROBLEMS)).optional(),
  /** Only requests at least this many minutes old (the ageing filter). */
  olderThanMinutes: queryInt({ min: 0, max: 525_600 }).optional(),
  from: isoInstant().optional(),
  to: isoInstant().optional(),
  sort: z.enum(REQUEST_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pagingQuery,
});
export type RequestListQuery = z.output<typeof requestListQuery>;
export const exportQuery = requestListQuery.omit({ page: true, pageSize: true });
export type PaymentExportQuery = z.output<typeof exportQuery>;

const reason = z.strictObject({
  code: text({ trim: true, min: 1, max: 60, label: 'Code' }).regex(
    /^[a-z0-9_]+$/,
    'Use lower-case letters, digits and _',
  ),
  label: text({ trim: true, min: 1, max: 200, label: 'Label' }),
});
export const paymentSettingsInput = z.strictObject({
  rejectionReasons: z
    .array(reason)
    .min(1, 'Keep at least one reason')
    .max(50)
    .refine((l) => new Set(l.map((r) => r.code)).size === l.length, 'Reason codes must be unique'),
  stuckPendingMinutes: int({ min: 1, max: 10_080 }),
  twoPersonThreshold: money(),
  baseCurrency: currency().optional(),
});
export type PaymentSettingsInput = z.output<typeof paymentSettingsInput>;

/** A rate as a decimal string ("1.0845"): exact as typed, positive, at most 12 decimals. */
export const rateText = () =>
  text({ trim: true, min: 1, max: 32, label: 'Rate' })
    .regex(/^\d{1,9}(\.\d{1,12})?$/, 'Use a decimal number such as 1.0845')
    .refine((v) => Number(v) > 0, 'Must be more than 0');

export const ratesInput = z.strictObject({
  rates: z
    .array(z.strictObject({ from: currency(), to: currency(), rate: rateText() }))
    .min(1)
    .max(200)
    .refine((l) => l.every((r) => r.from !== r.to), 'A rate converts between two different currencies'),
});
