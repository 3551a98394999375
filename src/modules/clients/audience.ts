import type { clients } from './schema.js';

/** Who receives a client's events live: the manager, and the team for team leads. */
export const clientAudience = (c: Pick<typeof clients.$inferSelect, 'managerId' | 'teamId'>) => ({
  users: c.managerId ? [c.managerId] : [],
  teams: c.teamId ? [c.teamId] : [],
});
