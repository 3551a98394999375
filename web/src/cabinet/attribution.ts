import type { Attribution } from '../../../src/shared/contracts/cabinet';

const STORAGE_KEY = 'bd.cabinet.attribution';
const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/**
 * Where the visitor came from: `utm_*` and `ref` from the landing URL. Kept for the browser session, so a
 * visitor who wanders to the sign-in page and back still registers with the campaign that brought them.
 */
export function captureAttribution(search: string): Attribution {
  const params = new URLSearchParams(search);
  const fromUrl: Attribution = {};
  const utm: NonNullable<Attribution['utm']> = {};
  for (const key of UTM_KEYS) {
    const value = params.get(`utm_${key}`)?.trim();
    if (value) utm[key] = value.slice(0, key === 'source' || key === 'medium' ? 120 : 200);
  }
  if (Object.keys(utm).length) fromUrl.utm = utm;
  const ref = params.get('ref')?.trim();
  if (ref) fromUrl.referralCode = ref.slice(0, 64);

  if (fromUrl.utm || fromUrl.referralCode) {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(fromUrl));
    } catch {
      // storage may be disabled; the URL still carries it this time
    }
    return fromUrl;
  }
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return stored ? (JSON.parse(stored) as Attribution) : {};
  } catch {
    return {};
  }
}
