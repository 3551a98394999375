import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../../../core/http.js';

/** dist/widget, found from this file whether it runs from src/ (tsx) or dist/server/ (built). */
function widgetDist(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'widget');
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  html: 'text/html; charset=utf-8',
  map: 'application/json',
};

/**
 * The built widget (`npm run build` → dist/widget): `/widget.js`, the loader the broker's site
 * embeds, `/widget/<file>` the app it fetches when opened, and `/widget-test.html`, a plain page with
 * the tag. Scripts are served cross-origin (the broker's site loads them), unlike the rest of the app.
 * Without a build nothing is registered.
 */
export function widgetAssetRoutes(app: App, dir = widgetDist()): boolean {
  if (!existsSync(join(dir, 'widget.js'))) return false;
  const serve =
    (file: string, cache: string) => (_request: unknown, reply: import('fastify').FastifyReply) => {
      const path = join(dir, file);
      if (!existsSync(path)) return reply.status(404).send({ code: 'not_found', message: 'No such file' });
      return reply
        .type(TYPES[file.split('.').pop()!] ?? 'application/octet-stream')
        .header('cache-control', cache)
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(readFileSync(path));
    };
  const crossOrigin = {
    onSend: async (_request: unknown, reply: import('fastify').FastifyReply) => {
      void reply.header('cross-origin-resource-policy', 'cross-origin');
    },
  };
  app.get('/widget.js', { schema: { hide: true }, ...crossOrigin }, serve('widget.js', 'no-cache'));
  app.get('/widget-test.html', { schema: { hide: true } }, serve('widget-test.html', 'no-cache'));
  app.get<{ Params: { file: string } }>(
    '/widget/:file',
    { schema: { hide: true }, ...crossOrigin },
    (request, reply) => {
      const file = request.params.file;
      // Only the build's own file names: no path separators, no dot files.
      if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(js|map)$/.test(file))
        return reply.status(404).send({ code: 'not_found', message: 'No such file' });
      return serve(`widget/${file}`, 'public, max-age=3600')(request, reply);
    },
  );
  return true;
}
