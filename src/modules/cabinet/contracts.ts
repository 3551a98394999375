import { z } from 'zod';
import { credential, text } from '../../core/primitives.js';
import { passwordSchema } from '../identity/index.js';
import { COUNTRY, EMAIL, LANGUAGE, PERSON_NAME, PHONE, SOURCE, utmInput } from '../clients/index.js';

// Input and output shapes of the trader's cabinet API. The client's status, manager and id are never
// accepted from a request; what comes back is what the trader may see about themselves, nothing more.

/** C0 control characters and DEL: NUL breaks text and jsonb columns, the rest has no place in these fields. */
const hasControl = (v: string) => [...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
/** Refuses control characters; everything else (any script, emoji, RTL marks) is kept as typed. */
const printable = <T extends z.ZodType<string | undefined>>(schema: T) =>
  schema.refine((v) => v === undefined || !hasControl(v), 'Contains control characters');

const utm = z.strictObject({
  source: printable(utmInput.shape.source),
  medium: printable(utmInput.shape.medium),
  campaign: printable(utmInput.shape.campaign),
  term: printable(utmInput.shape.term),
  content: printable(utmInput.shape.content),
});

/** Both boxes must be ticked: anything but literally `true` is a 400 naming the field. */
const accepted = (message: string) => z.literal(true, { error: message });

export const registerInput = z.strictObject({
  name: PERSON_NAME,
  email: EMAIL,
  phone: PHONE,
  // Left empty by the visitor: stored as unknown (null), so no country or language rule claims them.
  country: COUNTRY.nullable().default(null),
  language: LANGUAGE.nullable().default(null),
  password: passwordSchema,
  acceptTerms: accepted('Accept the terms and conditions'),
  acceptRisk: accepted('Acknowledge the risk disclosure'),
  utm: utm.optional(),
  referralCode: printable(text({ trim: true, max: 64 })).optional(),
  source: printable(SOURCE).optional(),
});
export type RegisterInput = z.output<typeof registerInput>;

const token = text({ trim: true, min: 1, max: 200, label: 'The link' });
export const tokenInput = z.strictObject({ token });

/**
 * The cabinet login: the email, or the login a manager opened the cabinet with. Any text: a sign-in with
 * text that cannot be stored is a wrong sign-in, throttled and audited.
 */
export const traderLoginInput = z.strictObject({
  email: credential({ max: 254, required: 'Enter your email or login', identifier: true }),
  password: credential({ max: 200, required: 'Enter your password' }),
});

export const profilePatchInput = z.strictObject({
  phone: PHONE.optional(),
  language: LANGUAGE.optional(),
  country: COUNTRY.optional(),
});

export const passwordChangeInput = z.strictObject({
  currentPassword: text({ min: 1, max: 200, label: 'Password' }),
  newPassword: passwordSchema,
});

export const resetRequestInput = z.strictObject({ email: EMAIL });
export const resetConfirmInput = z.strictObject({
  token,
  password: passwordSchema,
});

// What the cabinet answers is shared with the web app: src/shared/contracts/cabinet.ts.
export {
  cabinetAnswer,
  cabinetClientView,
  cabinetSessionAnswer,
  resetAcceptedAnswer,
  type CabinetClientView,
} from '../../shared/contracts/cabinet.js';

/** The same body for every password-reset request, whether or not the email is known. */
export const RESET_ACCEPTED = {
  status: 'accepted' as const,
  message: 'If this email belongs to a cabinet, a link to set a new password is on its way.',
};
