import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import type { BotSettingsView } from '../../../src/shared/contracts/support';

// The FAQ bot's settings (Support → Settings → Bot).

/** Under the support prefix: the desk's settings events (support.settings_changed) refresh it. */
export const botKeys = { settings: ['support', 'botSettings'] as const };

export const botApi = {
  settings: (signal?: AbortSignal) => http.get<BotSettingsView>('/api/support/bot/settings', { signal }),
  save: (input: Partial<BotSettingsView>) => http.put<BotSettingsView>('/api/support/bot/settings', input),
};

export function useBotSettings() {
  return useQuery({ queryKey: botKeys.settings, queryFn: ({ signal }) => botApi.settings(signal) });
}

export function useSaveBotSettings(callbacks?: MutationCallbacks<BotSettingsView, Partial<BotSettingsView>>) {
  return useApiMutation(botApi.save, callbacks, invalidate(botKeys.settings));
}
