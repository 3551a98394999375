import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from '../context.js';

export const WEB_DIST = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** Serves the built web app; without a build (API-only tests) nothing is registered. */
export async function registerWebAssets(app: App, dir = WEB_DIST): Promise<boolean> {
  if (!existsSync(`${dir}/index.html`)) return false;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    maxAge: '1h',
    immutable: false,
  });
  return true;
}
