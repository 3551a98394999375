import type { Clock } from '../../core/clock.js';
import type { Viewer } from '../../core/events.js';
import type { App } from '../../core/http.js';
import type { Database } from '../../db/connection.js';
import type { Guard } from '../identity/index.js';
import { supportFloor } from '../support/index.js';
import type { Wallboard } from '../../shared/contracts/reports.js';
import { wallboardRoutes } from './routes/wallboard.js';

/** Matches no team: a viewer without reports.all and without a team sees an empty floor. */
const NO_TEAM = '00000000-0000-0000-0000-000000000000';

export interface WallboardDeps {
  database: Database;
  clock: Clock;
  guard: Guard;
}

/**
 * The support floor's live wallboard: waiting chats, the longest wait, agents online, today's (UTC)
 * median first response and CSAT average, from the support module's face. Holders of reports.all see
 * the whole desk; everyone else their own team's floor (a team lead, an agent). The page refetches when support events arrive.
 */
export class WallboardService {
  constructor(private readonly deps: WallboardDeps) {}

  async now(viewer: Viewer): Promise<Wallboard> {
    const now = this.deps.clock.now();
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    return supportFloor(this.deps.database.db, {
      now,
      since,
      // The whole desk with reports.all; otherwise the viewer's own team (none: nothing to show).
      teamId: viewer.permissions.has('reports.all') ? null : (viewer.teamId ?? NO_TEAM),
    });
  }
}

/** GET /api/reports/wallboard (called by the composition root beside the reports module's own routes). */
export function registerWallboard(app: App, deps: WallboardDeps): WallboardService {
  const service = new WallboardService(deps);
  wallboardRoutes(app, { guard: deps.guard, wallboard: service });
  return service;
}
