import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CLIENT_LANGUAGES, RESIDENCE_COUNTRY_CODES } from '../i18n/codes';

export interface Option {
  value: string;
  label: string;
}

function named(codes: readonly string[], locale: string, type: 'region' | 'language'): Option[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type });
  } catch {
    names = null;
  }
  const collator = new Intl.Collator(locale);
  return codes
    .map((value) => {
      let label = value;
      try {
        label = names?.of(value) ?? value;
      } catch {
        // keep the code
      }
      return { value, label };
    })
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** Countries or languages in the UI language, sorted by name. */
export function useCodeOptions(kind: 'country' | 'language'): Option[] {
  const { i18n } = useTranslation();
  return useMemo(
    () =>
      kind === 'country'
        ? named(RESIDENCE_COUNTRY_CODES, i18n.language, 'region')
        : named(CLIENT_LANGUAGES, i18n.language, 'language'),
    [kind, i18n.language],
  );
}

/**
 * The first of the browser's preferred languages ("id-ID", "en-US", …) that is in our list, or null.
 * Only the language is taken: the region of a browser locale says little about where the visitor lives,
 * so the country is left for the visitor to choose (an empty country is "unknown" to the assignment rules).
 */
export function browserLanguage(
  preferred: readonly string[] = navigator.languages?.length ? navigator.languages : [navigator.language],
): string | null {
  for (const tag of preferred) {
    const code = tag.split('-')[0]?.toLowerCase();
    if (code && CLIENT_LANGUAGES.includes(code)) return code;
  }
  return null;
}
