/** What a rule matches on; an empty list matches anything. */
export interface RuleCriteria {
  countries: readonly string[];
  languages: readonly string[];
  sources: readonly string[];
}

export interface RuleLike extends RuleCriteria {
  id: string;
  position: number;
  teamId: string;
  active: boolean;
}

export interface ClientTraits {
  country: string | null;
  language: string | null;
  source: string | null;
}

const matchesList = (list: readonly string[], value: string | null) =>
  list.length === 0 || (value !== null && list.some((v) => v.toLowerCase() === value.toLowerCase()));

export const ruleMatches = (rule: RuleCriteria, client: ClientTraits): boolean =>
  matchesList(rule.countries, client.country) &&
  matchesList(rule.languages, client.language) &&
  matchesList(rule.sources, client.source);

/** The active rules that match, in order: the first team with someone available wins. */
export function matchingRules<R extends RuleLike>(rules: readonly R[], client: ClientTraits): R[] {
  return [...rules].filter((r) => r.active && ruleMatches(r, client)).sort((a, b) => a.position - b.position);
}
