import type { App } from '../../../core/http.js';
import type { SupportDeps } from '../index.js';
import { attachmentRoutes } from './routes.js';

/** The attachments part's routes: staff upload to a conversation, download. */
export function registerAttachments(app: App, deps: SupportDeps): void {
  attachmentRoutes(app, {
    ...deps,
    store: deps.attachments,
    maxBytes: deps.config.SUPPORT_ATTACHMENT_MAX_MB * 1_048_576,
  });
}
