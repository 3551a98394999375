import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from '../../core/http.js';

/** The project root, found from this file whether it runs from src/ (tsx) or dist/server/ (built). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const WEB_DIST = join(projectRoot(), 'dist', 'web');

/** Serves the built web app; without a build (API-only tests) nothing is registered. */
export async function registerWebAssets(app: App, dir = WEB_DIST): Promise<boolean> {
  if (!existsSync(`${dir}/index.html`)) return false;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: true,
    index: false,
    maxAge: '1h',
    immutable: false,
  });
  // The entry page is never cached, so a deploy's new hashed assets are picked up at once.
  app.get('/', { schema: { hide: true } }, (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
  return true;
}
