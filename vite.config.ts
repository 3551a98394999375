import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The staff workspace lives in web/ and is served by the backend from dist/web.
// In development the Vite server proxies the API (HTTP + WebSocket) to the backend.
const backend = 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: backend, ws: true, changeOrigin: false },
      '/health': { target: backend },
    },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Stable vendor chunks: they change far less often than app code, so browsers keep them cached.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
              priority: 30,
            },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-number-format)/,
              priority: 20,
              // Only what the first page needs; lazy-only libraries (date pickers) stay with their lazy chunk.
              tags: ['$initial'],
            },
            { name: 'icons', test: /node_modules[\\/]@tabler[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10, tags: ['$initial'] },
          ],
        },
      },
    },
  },
});
