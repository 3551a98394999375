/**
 * One-line preview of an event payload for the table ("role: admin · team: Sales").
 * The full JSON is one click away, so this only needs to be a hint.
 */
export function summarizePayload(payload: Record<string, unknown> | null | undefined, maxParts = 3): string {
  if (!payload) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (parts.length === maxParts) break;
    if (value === null || value === undefined || typeof value === 'object') continue;
    const text = String(value);
    parts.push(`${key}: ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`);
  }
  return parts.join(' · ');
}
