import { build } from 'vite';
import { chromiumPath } from './browser.js';

/** Builds the web app once for the browser scenarios (they run against the real built assets). */
export default async function setup(): Promise<void> {
  if (!chromiumPath()) return;
  await build({ logLevel: 'warn' });
}
