// The full metadata: only it knows a number's type (premium rate), which the callback form must refuse.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { AppError, badRequest } from '../../../core/errors.js';

/**
 * A phone number as typed (with or without +, spaces, dashes, brackets) in E.164, using the country
 * (ISO 3166 alpha-2) for a national number. Anything libphonenumber-js does not accept as a valid
 * number is 400 `invalid_phone` on `field`. A premium-rate or shared-cost number is 422 `premium_rate_number`: a
 * public form that makes the desk dial one would bill the broker (toll fraud).
 */
export function toE164(raw: string, country?: string | null, field = 'number'): string {
  const region =
    country && /^[A-Za-z]{2}$/.test(country) ? (country.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw, region);
  if (!parsed || !parsed.isValid())
    throw badRequest(
      'invalid_phone',
      'Give a phone number with its country code, e.g. +971 50 123 4567',
      field,
    );
  const type = parsed.getType();
  if (type === 'PREMIUM_RATE' || type === 'SHARED_COST')
    throw new AppError(422, 'premium_rate_number', 'We cannot call premium-rate numbers back', field);
  return parsed.number;
}
