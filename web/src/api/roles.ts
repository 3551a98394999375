import { http } from './client';
import type { RolesMatrix } from './types';

export const rolesApi = {
  matrix: () => http.get<RolesMatrix>('/api/roles'),
};
