import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Phone numbers to E.164 with libphonenumber-js (Google's metadata, maintained upstream): "+62 812-3456
 * 7890" → "+6281234567890"; a national number ("020 7946 0958") is read in `region` (the client's
 * country, else the broker's default). A number that does not parse is kept as given, trimmed.
 */
export function toE164(raw: string, region?: string | null): { number: string; valid: boolean } {
  const given = raw.trim();
  const parsed = parsePhoneNumberFromString(given, regionOf(region));
  if (!parsed) return { number: given, valid: false };
  // Possible (a length the country's plan allows) rather than valid: the metadata may lag a new range.
  return { number: parsed.number, valid: parsed.isPossible() };
}

/** The ISO 3166 code libphonenumber knows, upper-cased, or none. */
function regionOf(region?: string | null): CountryCode | undefined {
  const r = region?.trim().toUpperCase();
  return r && /^[A-Z]{2}$/.test(r) ? (r as CountryCode) : undefined;
}

/**
 * The digit strings a stored client phone may reduce to for this number: its international digits
 * ("6281234567890"), and its national forms with and without the trunk prefix ("081234567890",
 * "81234567890"), because client records hold numbers as people typed them. Nothing for an
 * unparseable number but its own digits.
 */
export function matchKeys(raw: string, region?: string | null): string[] {
  const parsed = parsePhoneNumberFromString(raw.trim(), regionOf(region));
  const own = raw.replace(/\D/g, '');
  if (!parsed) return own.length >= 7 ? [own] : [];
  const national = String(parsed.nationalNumber);
  const cc = String(parsed.countryCallingCode);
  // "+44 (0)20 …" is written with the trunk prefix after the country code.
  const keys = new Set([cc + national, `${cc}0${national}`, national, `0${national}`, `00${cc}${national}`]);
  return [...keys].filter((k) => k.length >= 7);
}
