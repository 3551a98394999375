import { STAFF_LANGUAGES } from '../../../src/shared/identity';

/**
 * The country and language codes the app offers, in one place. Names are never shipped: they come from
 * the browser (Intl.DisplayNames) in the interface language.
 */

/** ISO 3166-1 alpha-2 codes, for the workspace's suggestions. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW ' +
  'BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
  'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN ' +
  'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ' +
  'MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
  'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
  'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
  'YT ZA ZM ZW'
).split(' ');

/** Territories nobody lives in: a trader cannot come from there. */
const UNINHABITED = ['AQ', 'BV', 'GS', 'HM', 'TF', 'UM'];

/** Where a trader may say they live: inhabited countries and territories, and Kosovo. */
export const RESIDENCE_COUNTRY_CODES = [...COUNTRY_CODES.filter((code) => !UNINHABITED.includes(code)), 'XK'];

/** ISO 639-1 codes offered first in the workspace (staff languages first); any other can still be typed. */
export const COMMON_LANGUAGES: readonly string[] = [
  ...STAFF_LANGUAGES,
  ...'nl sv cs ro hu el he kk uz az ka bn ur tl sw'.split(' '),
];

/** Languages a brokerage's clients commonly speak: what the cabinet offers. */
export const CLIENT_LANGUAGES: readonly string[] = [
  ...COMMON_LANGUAGES,
  ...'no da fi sk hy sr hr bg sl lt lv et am ha yo ig zu af ta te mr gu kn ml pa si my km lo mn ne ps ku so'.split(
    ' ',
  ),
];

export const isCountryCode = (value: string) => /^[A-Z]{2}$/.test(value);
export const isLanguageCode = (value: string) => /^[a-z]{2}$/.test(value);
