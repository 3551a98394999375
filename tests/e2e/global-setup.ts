import { build } from 'vite';
import { buildWidget } from '../../scripts/build-widget.js';
import { chromiumPath } from './browser.js';

/**
 * Builds the web app and the support widget once for the browser scenarios (they run against the
 * real built assets). Once, before any file starts: the widget's build empties dist/widget, so a
 * file building it while another serves it would race, and a server started before the first build
 * serves no widget at all.
 */
export default async function setup(): Promise<void> {
  if (!chromiumPath()) return;
  await build({ logLevel: 'warn' });
  await buildWidget({ quiet: true });
}
