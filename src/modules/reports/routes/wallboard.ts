import { principal, routeDocs, type App } from '../../../core/http.js';
import { wallboard } from '../../../shared/contracts/reports.js';
import type { Guard } from '../../identity/index.js';
import type { WallboardService } from '../wallboard.js';

const doc = routeDocs(['reports']);

export function wallboardRoutes(app: App, ctx: { guard: Guard; wallboard: WallboardService }): void {
  app.get(
    '/api/reports/wallboard',
    doc(
      "The support floor now: waiting chats, the longest wait, agents online, today's median first response and CSAT (a team lead: their team)",
      { response: { 200: wallboard } },
      ctx.guard('reports.read'),
    ),
    async (request) => ctx.wallboard.now(principal(request)),
  );
}
