import type { App } from '../../../core/http.js';
import type { SupportDeps } from '../index.js';
import { attachmentRoutes } from './routes.js';
import { widgetAttachmentRoutes } from './widget-routes.js';

/** The attachments part's routes: staff upload to a conversation, download; the visitor's upload and download. */
export function registerAttachments(app: App, deps: SupportDeps): void {
  const ctx = {
    ...deps,
    store: deps.attachments,
    maxBytes: deps.config.SUPPORT_ATTACHMENT_MAX_MB * 1_048_576,
  };
  attachmentRoutes(app, ctx);
  widgetAttachmentRoutes(app, ctx);
}
