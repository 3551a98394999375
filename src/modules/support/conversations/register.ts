import type { App } from '../../../core/http.js';
import type { SupportDeps } from '../index.js';

/** The conversations part's routes and jobs (the inbox API, cabinet tickets, canned responses). */
export function registerConversations(_app: App, _deps: SupportDeps): void {
  // Routes follow in the next commits (inbox, cabinet tickets, canned responses).
}
