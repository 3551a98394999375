// `npm run build`, the support widget: web/widget → dist/widget (widget.js, widget/app.js, the test
// page), then its gzipped size (the target: ≤ 30 KB with styles).
import { copyFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { widgetConfig } from '../vite.widget.config.js';

export async function buildWidget(opts: { quiet?: boolean } = {}): Promise<{ loader: number; app: number }> {
  await build(widgetConfig('loader'));
  await build(widgetConfig('app'));
  copyFileSync('web/widget/widget-test.html', 'dist/widget/widget-test.html');
  const gz = (f: string) => gzipSync(readFileSync(f), { level: 9 }).length;
  const sizes = { loader: gz('dist/widget/widget.js'), app: gz('dist/widget/widget/app.js') };
  if (!opts.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `widget: loader ${kb(sizes.loader)} + app ${kb(sizes.app)} = ${kb(sizes.loader + sizes.app)} gzipped, styles included (target ≤ 30 KB)`,
    );
  }
  return sizes;
}

if (process.argv[1]?.endsWith('build-widget.ts')) await buildWidget();
