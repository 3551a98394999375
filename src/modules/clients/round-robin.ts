/**
 * Smooth weighted round-robin (the nginx algorithm): every pick, each candidate's running weight grows
 * by its capacity, the highest wins and pays back the total. Over any window each manager gets their
 * capacity share within one assignment, picks interleave instead of bunching, and the state is a small
 * map that survives restarts. Pure, so it is property-tested on its own.
 */
export interface Candidate {
  id: string;
  capacity: number;
}

export function pickWeighted(
  candidates: readonly Candidate[],
  weights: Readonly<Record<string, number>>,
): { chosen: string; weights: Record<string, number> } | null {
  const eligible = candidates.filter((c) => c.capacity > 0);
  if (eligible.length === 0) return null;
  const total = eligible.reduce((sum, c) => sum + c.capacity, 0);
  // Only current candidates keep state: someone absent today starts fresh when they return.
  const next: Record<string, number> = {};
  let best: Candidate | undefined;
  for (const c of eligible) {
    next[c.id] = (weights[c.id] ?? 0) + c.capacity;
    // Ties go to the lowest id, so the choice never depends on input order.
    if (!best || next[c.id]! > next[best.id]! || (next[c.id] === next[best.id] && c.id < best.id)) best = c;
  }
  next[best!.id]! -= total;
  return { chosen: best!.id, weights: next };
}
