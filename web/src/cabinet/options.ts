import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

// ISO 3166-1 alpha-2 codes of inhabited countries and territories; names come from the browser (Intl),
// in the interface language, so no list of names ships with the app.
const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
  'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS ' +
  'IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
  'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL ' +
  'PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC ' +
  'TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

// ISO 639-1 languages a brokerage's clients commonly speak.
const LANGUAGE_CODES = (
  'en ru id ar zh es pt fr de it tr fa hi bn ur ms th vi ko ja pl uk nl sv no da fi cs sk ro hu el he kk uz ' +
  'az ka hy sr hr bg sl lt lv et tl sw am ha yo ig zu af ta te mr gu kn ml pa si my km lo mn ne ps ku so'
).split(' ');

export interface Option {
  value: string;
  label: string;
}

function named(codes: string[], locale: string, type: 'region' | 'language'): Option[] {
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

/** Countries in the UI language, sorted by name. */
export function useCountryOptions(): Option[] {
  const { i18n } = useTranslation();
  return useMemo(() => named(COUNTRY_CODES, i18n.language, 'region'), [i18n.language]);
}

/** Languages in the UI language, sorted by name. */
export function useLanguageOptions(): Option[] {
  const { i18n } = useTranslation();
  return useMemo(() => named(LANGUAGE_CODES, i18n.language, 'language'), [i18n.language]);
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
    if (code && LANGUAGE_CODES.includes(code)) return code;
  }
  return null;
}
