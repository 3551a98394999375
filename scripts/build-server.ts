// `npm run build`, server half: src/ → dist/server/ as JavaScript, one file per module, plus the SQL
// migrations. Transpiled with esbuild (installed with tsx, a runtime dependency), not type-checked:
// a production install (`npm ci --omit=dev`) has no TypeScript; `npm run typecheck` (CI) checks types.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const entryPoints = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
  .map((f) => `src/${f}`);

rmSync('dist/server', { recursive: true, force: true });
await build({
  entryPoints,
  outdir: 'dist/server',
  outbase: 'src',
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  logLevel: 'warning',
});
cpSync('src/db/migrations', 'dist/server/db/migrations', { recursive: true });
console.log(`server: ${entryPoints.length} modules → dist/server`);
