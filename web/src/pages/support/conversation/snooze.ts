export type SnoozePreset = 'hour' | 'tomorrow' | 'nextWeek';
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['hour', 'tomorrow', 'nextWeek'];

/**
 * When a preset wakes the conversation, in the agent's local time: in one hour (to the minute),
 * tomorrow at 9:00, next week's Monday at 9:00 (a week from today when today is Monday).
 */
export function snoozeUntil(preset: SnoozePreset, now: Date): Date {
  const at = new Date(now);
  if (preset === 'hour') {
    at.setSeconds(0, 0);
    at.setHours(at.getHours() + 1);
    return at;
  }
  const days = preset === 'tomorrow' ? 1 : (8 - now.getDay()) % 7 || 7;
  at.setDate(at.getDate() + days);
  at.setHours(9, 0, 0, 0);
  return at;
}
