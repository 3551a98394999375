export type Changes = Record<string, { from: unknown; to: unknown }>;

/** What a PATCH actually changes on a row, as {field: {from, to}} for the audit trail and the timeline. */
export function changedFields<T extends object>(before: T, patch: object): Changes {
  const out: Changes = {};
  for (const [key, to] of Object.entries(patch)) {
    if (to === undefined) continue;
    const from = before[key as keyof T];
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  }
  return out;
}
