import type { Clock } from '../../core/clock.js';
import type { Viewer } from '../../core/events.js';
import type { App } from '../../core/http.js';
import type { Database } from '../../db/connection.js';
import type { Guard } from '../identity/index.js';
import { supportFloor } from '../support/index.js';
import type { Wallboard } from '../../shared/contracts/reports.js';
import { wallboardRoutes } from './routes/wallboard.js';

export interface WallboardDeps {
  database: Database;
  clock: Clock;
  guard: Guard;
}

/**
 * The support floor's live wallboard: waiting chats, the longest wait, agents online, today's (UTC)
 * median first response and CSAT average, from the support module's face. Management sees the whole
 * desk; a team lead (team scope) their team. The page refetches when support events arrive.
 */
export class WallboardService {
  constructor(private readonly deps: WallboardDeps) {}

  async now(viewer: Viewer): Promise<Wallboard> {
    const now = this.deps.clock.now();
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    return supportFloor(this.deps.database.db, {
      now,
      since,
      teamId: viewer.scope === 'all' ? null : viewer.teamId,
    });
  }
}

/** GET /api/reports/wallboard (called by the composition root beside the reports module's own routes). */
export function registerWallboard(app: App, deps: WallboardDeps): WallboardService {
  const service = new WallboardService(deps);
  wallboardRoutes(app, { guard: deps.guard, wallboard: service });
  return service;
}
