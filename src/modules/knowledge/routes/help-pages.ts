import type { App } from '../../../core/http.js';
import type { KnowledgeDeps } from '../index.js';

/** The public help centre (server-rendered HTML under /help). */
export function helpPages(_app: App, _deps: KnowledgeDeps) {}
