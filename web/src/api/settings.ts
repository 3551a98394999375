import { http } from './client';
import type { SecuritySettings } from './types';

export const settingsApi = {
  security: () => http.get<SecuritySettings>('/api/settings/security'),
  updateSecurity: (settings: SecuritySettings) =>
    http.patch<SecuritySettings>('/api/settings/security', settings),
};
