import { http } from './client';
import type { Team, TeamInput } from './types';

export const teamsApi = {
  list: () => http.get<{ items: Team[] }>('/api/teams'),
  create: (input: TeamInput) => http.post<Team>('/api/teams', input),
  update: (id: string, patch: Partial<TeamInput>) =>
    http.patch<Team>(`/api/teams/${encodeURIComponent(id)}`, patch),
  remove: (id: string) => http.delete<void>(`/api/teams/${encodeURIComponent(id)}`),
};
