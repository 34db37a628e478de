import path from 'node:path';
import { build } from 'vite';
import type { ExportWorkers } from '../exchange/export-workers';

const projectRoot = path.resolve(__dirname, '../../..');

/**
 * The export worker's script built into `outDir` as electron-vite builds it for the command line (a CommonJS file
 * Node runs as a worker thread): tests run the exports through real threads without the whole app being built.
 */
export async function buildExportWorker(outDir: string, count = 2): Promise<ExportWorkers> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: projectRoot,
    // Self-contained, so that it runs from a temporary folder with no node_modules beside it.
    ssr: { noExternal: true },
    build: {
      ssr: path.join(projectRoot, 'electron/backend/exchange/export-worker.ts'),
      outDir,
      emptyOutDir: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'export-worker.js' } },
    },
  });
  return { script: path.join(outDir, 'export-worker.js'), count };
}
