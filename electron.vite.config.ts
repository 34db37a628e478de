import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// lowdb, steno and approx-string-match ship as ES modules only; bundling them keeps the CommonJS main/serve output loadable everywhere.
// zod is bundled so that what the backend does not use (its locales, a third of its loading) is left out of the start.
const bundledDeps = ['lowdb', 'steno', 'approx-string-match', 'zod'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundledDeps },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          serve: resolve(__dirname, 'electron/serve/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          // The command line's export threads (electron/backend/exchange/export-workers.ts), a script of their own.
          'export-worker': resolve(__dirname, 'electron/backend/exchange/export-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
