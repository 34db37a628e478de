import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { Database } from '../shared/domain';
import { AnnotatorPage } from './page-models/annotator-page';
import { electronExecutable, startBrowserMode, startElectron, type RunningApp } from './shells';

export interface ShellOptions {
  /** Which shell the specs drive: set per Playwright project. */
  shell: 'browser' | 'electron';
}

interface AppFixtures {
  /** A fresh data directory for this test alone. */
  dataDir: string;
  app: RunningApp;
  annotator: AnnotatorPage;
  /** The data file as it is on disk now. */
  readDataFile(): Promise<Database>;
}

/**
 * The specs are written once: `app` is the browser mode in Chromium, or the Electron app where its binary is
 * installed. Without the binary the Electron project's tests are skipped with the reason.
 */
export const test = base.extend<AppFixtures & ShellOptions>({
  shell: ['browser', { option: true }],

  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring.
  dataDir: async ({}, use) => {
    const parent = await mkdtemp(path.join(tmpdir(), 'stance-annotator-e2e-'));
    // A folder that does not exist yet, as on a first start: the app must create it.
    await use(path.join(parent, 'library'));
    await rm(parent, { recursive: true, force: true });
  },

  app: async ({ shell, dataDir, browser }, use, testInfo) => {
    let app: RunningApp;
    if (shell === 'electron') {
      const executable = electronExecutable();
      testInfo.skip(
        !executable,
        'Electron binary not installed (its download failed, e.g. offline); the browser-mode project runs these specs.',
      );
      app = await startElectron(executable!, dataDir);
    } else {
      app = await startBrowserMode(browser, dataDir);
    }
    await use(app);
    await app.stop();
  },

  annotator: async ({ app }, use) => {
    await use(new AnnotatorPage(() => app.page));
  },

  readDataFile: async ({ dataDir }, use) => {
    await use(() => readLibraryOnDisk(dataDir));
  },
});

export { expect } from '@playwright/test';

/**
 * The library as its files hold it: the library file, and the text and highlights from each document's file under
 * documents/ (found by the id inside each file, so the spec does not depend on how files are named), with the lines of
 * the change log it names applied (each line: the highlights put, whole, and the ids removed).
 */
async function readLibraryOnDisk(dataDir: string): Promise<Database> {
  type Listed = Omit<Database, 'documents' | 'highlights'> & { documents: Array<{ id: string }> };
  type Highlight = Database['highlights'][number];
  const library = JSON.parse(await readFile(path.join(dataDir, 'stance-annotator.json'), 'utf8')) as Listed;
  const files = new Map<string, { text: string; highlights: Highlight[] }>();
  const folder = path.join(dataDir, 'documents');
  const names = await readdir(folder);
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = JSON.parse(await readFile(path.join(folder, name), 'utf8'));
    const logName = file.log && name.replace(/\.json$/, `.${file.log}.log`);
    if (logName && names.includes(logName)) {
      const byId = new Map<string, Highlight>(file.highlights.map((h: Highlight) => [h.id, h]));
      const log = await readFile(path.join(folder, logName), 'utf8');
      for (const line of log.split('\n').slice(0, -1)) {
        const { put, remove } = JSON.parse(line) as { put: Highlight[]; remove: string[] };
        for (const id of remove) byId.delete(id);
        for (const h of put) byId.set(h.id, h);
      }
      file.highlights = [...byId.values()];
    }
    files.set(file.documentId, file);
  }
  const documents = library.documents.map(({ id, ...details }) => ({ id, ...details, text: files.get(id)!.text }));
  const highlights = library.documents.flatMap(({ id }) => files.get(id)!.highlights);
  return { ...library, documents, highlights } as unknown as Database;
}
