import { z } from 'zod';
import { CLIENT_STATUSES, contactFields, type Utm } from './clients.js';
import { isoTime } from './common.js';

// The trader's cabinet API's answers: what a trader may see about themselves, nothing more.

/** What a trader sees about themselves. */
export const cabinetClientView = z.object({
  id: z.string(),
  ...contactFields,
  login: z.string().nullable(),
  status: z.enum(CLIENT_STATUSES),
  emailConfirmed: z.boolean(),
  /** When the confirmation link that still works was sent; null when none does (never sent, used, expired). */
  confirmationLinkSentAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type CabinetClientView = z.input<typeof cabinetClientView>;
/** The web app's name for CabinetClientView. */
export type Trader = CabinetClientView;

export const cabinetAnswer = z.object({ client: cabinetClientView });
export type CabinetAnswer = z.input<typeof cabinetAnswer>;
/** "Who is signed in", for public pages: null rather than a 401 when nobody is. */
export const cabinetSessionAnswer = z.object({ client: cabinetClientView.nullable() });
export type CabinetSessionAnswer = z.input<typeof cabinetSessionAnswer>;

/** The same body for every password-reset request, whether or not the email is known. */
export const resetAcceptedAnswer = z.object({ status: z.literal('accepted'), message: z.string() });
export type ResetAcceptedAnswer = z.input<typeof resetAcceptedAnswer>;

// ── requests the web app sends ──────────────────────────────────────────────────────────────────

/** Where a visitor came from, kept from their landing page to the registration. */
export interface Attribution {
  utm?: Utm;
  referralCode?: string;
}

/** POST /api/portal/register */
export interface RegistrationInput extends Attribution {
  name: string;
  email: string;
  phone: string;
  /** null when the visitor left it empty: the server stores it as unknown. */
  country: string | null;
  language: string | null;
  password: string;
  acceptTerms: boolean;
  acceptRisk: boolean;
}

/** PATCH /api/portal/me */
export interface ProfilePatch {
  phone?: string;
  language?: string;
  country?: string;
}
