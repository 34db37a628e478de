import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { readLibrary } from '../electron/backend/storage/read-library';
import type { Database } from '../shared/domain';
import { AnnotatorPage } from './page-models/annotator-page';
import { electronExecutable, startBrowserMode, startElectron, type RunningApp } from './shells';

/** The coder the specs code as. */
export const E2E_CODER = 'Tester';

export interface ShellOptions {
  /** Which shell the specs drive: set per Playwright project. */
  shell: 'browser' | 'electron';
}

export interface AppFixtures {
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
    const annotator = new AnnotatorPage(() => app.page);
    // Every highlight records its coder, and a new library asks for one before its first highlight (coders.spec.ts
    // drives that question): the specs code as "Tester", named once in the toolbar.
    await annotator.nameCoder(E2E_CODER);
    await use(annotator);
  },

  readDataFile: async ({ dataDir }, use) => {
    await use(() => readLibraryOnDisk(dataDir));
  },
});

export { expect } from '@playwright/test';

/**
 * The library as its files hold it, read the way the app and the command line read it (`readLibrary`): a consistent
 * snapshot even while the app is saving (a reader of its own raced the app's saves and failed on a change log a save
 * had just made obsolete).
 */
async function readLibraryOnDisk(dataDir: string): Promise<Database> {
  const read = await readLibrary(dataDir);
  if (read.kind !== 'library') throw new Error(`No readable library in ${dataDir}: ${JSON.stringify(read)}`);
  if (read.damagedDocuments.length > 0) throw new Error(`Damaged documents: ${JSON.stringify(read.damagedDocuments)}`);
  return read.data;
}
