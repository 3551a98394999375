import { defineConfig, type InlineConfig } from 'vite';

/**
 * The support widget (web/widget), built apart from the workspace: no React, no Mantine, CSS inlined
 * into the script. Two self-contained scripts (IIFE, so a broker's page loads them with a plain
 * <script> and no CORS): widget.js, the loader, and widget/app.js, fetched when the chat is opened.
 * `WIDGET_ENTRY=loader|app` picks one; scripts/build-widget.ts builds both and prints their sizes.
 */
const entries = {
  loader: { entry: 'web/widget/loader.ts', fileName: 'widget.js', outDir: 'dist/widget' },
  app: { entry: 'web/widget/app.ts', fileName: 'app.js', outDir: 'dist/widget/widget' },
} as const;

export function widgetConfig(which: keyof typeof entries): InlineConfig {
  const e = entries[which];
  return {
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: e.outDir,
      emptyOutDir: which === 'loader',
      target: 'es2020',
      minify: true,
      sourcemap: false,
      lib: { entry: e.entry, formats: ['iife'], name: 'BrokerDeskWidget', fileName: () => e.fileName },
    },
  };
}

export default defineConfig(widgetConfig((process.env.WIDGET_ENTRY as 'loader' | 'app') ?? 'loader'));
