// `npm start`: builds the web app when its sources are newer than the last build, then serves everything.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/app/config.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// The support desk's inbound SMTP listener runs on 2525 unless told otherwise (tests leave it off).
process.env.SUPPORT_SMTP_PORT ??= '2525';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

const built = 'dist/web/index.html';
if (!existsSync(built) || newestMtime('web') > statSync(built).mtimeMs) {
  console.log('building the web app…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}
// The support widget (its own bundle, served at /widget.js and /widget-test.html).
const widget = 'dist/widget/widget.js';
if (!existsSync(widget) || newestMtime('web/widget') > statSync(widget).mtimeMs) {
  console.log('building the support widget…');
  const { buildWidget } = await import('./build-widget.js');
  await buildWidget();
}
const { start } = await import('../src/app/start.js');
await start(config);
