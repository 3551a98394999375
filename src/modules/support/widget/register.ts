import type { App } from '../../../core/http.js';
import type { SupportDeps } from '../index.js';
import { widgetAssetRoutes } from './assets.js';
import type { WidgetChat } from './chat.js';
import type { Csat } from './csat.js';
import type { WidgetHub } from './hub.js';
import { registerWidgetCors, widgetOrigins } from './origins.js';
import { ratePageRoutes } from './rate-page.js';
import { widgetRoutes } from './routes.js';
import { widgetSocketRoute } from './socket.js';
import type { TraderTokens } from './tokens.js';
import type { Visitors } from './visitors.js';

/** The widget's services, built in support-wiring.ts. */
export interface WidgetServices {
  visitors: Visitors;
  chat: WidgetChat;
  hub: WidgetHub;
  csat: Csat;
  traderTokens: TraderTokens;
}

export type WidgetDeps = Pick<
  SupportDeps,
  'database' | 'clock' | 'guard' | 'jobs' | 'cabinet' | 'conversations'
> & {
  widget: WidgetServices;
  config: { baseUrl: string; SUPPORT_WIDGET_ORIGINS: string[] };
};

/** The widget's socket and routes, the CSAT page and reminder job, the built widget's files. */
export function registerWidget(app: App, deps: WidgetDeps): void {
  const originAllowed = widgetOrigins(deps.config.baseUrl, deps.config.SUPPORT_WIDGET_ORIGINS);
  registerWidgetCors(app, originAllowed);
  widgetRoutes(app, deps);
  widgetSocketRoute(app, { ...deps.widget, database: deps.database, originAllowed });
  ratePageRoutes(app, deps.widget.csat, deps.database.db);
  widgetAssetRoutes(app);
  deps.jobs.onStart(() => deps.widget.hub.start());
  deps.jobs.onStop(() => deps.widget.hub.stop());
  deps.jobs.every('support csat reminders', 10 * 60_000, () => deps.widget.csat.remindDue());
}
