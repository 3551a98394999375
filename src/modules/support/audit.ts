import { appendEvent } from '../../core/events.js';
import type { Executor } from '../../db/connection.js';

/** Who changed a desk setting, for the audit trail. */
export interface SettingsActor {
  /** null: the system (the demo seed, defaults written at start). */
  id: string | null;
  ip?: string | null;
}

export type SettingsArea = 'canned' | 'sla_policy' | 'agent' | 'team_calendar' | 'bot';

/**
 * Records a change to the desk's settings (canned responses, SLA policies, agent settings, team
 * calendars) in the caller's transaction: who, what and the changed fields. Ids and settings only, so
 * the support staff and settings admins who receive it see no client data.
 */
export async function recordSettingsChange(
  tx: Executor,
  actor: SettingsActor,
  area: SettingsArea,
  action: 'created' | 'updated' | 'deleted',
  id: string | null,
  changes: Record<string, unknown>,
): Promise<void> {
  await appendEvent(tx, {
    type: 'support.settings_changed',
    subjectType: 'support_settings',
    subjectId: id,
    actorId: actor.id,
    ip: actor.ip ?? null,
    payload: { area, action, id, changes },
    audience: { permissions: ['support.handle', 'settings.write'] },
  });
}
