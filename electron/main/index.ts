import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { backendWhenOpen, createBackend } from '../backend/backend';
import { Jobs } from '../backend/jobs';
import { resolveDataDir } from '../backend/data-dir';
import { acquireDataLock } from '../backend/data-lock';
import { openStore, type Store } from '../backend/store';
import { installAppMenu } from './app-menu';
import { APP_ORIGIN, handleAppProtocol, registerAppSchemeAsPrivileged } from './app-protocol';
import { hardenWebContents } from './hardening';
import { registerApiHandlers, whenIdle } from './ipc';
import { createMainWindow } from './main-window';
import { registerSaveExport } from './save-export';

// electron-vite sets this in `electron-vite dev` only; the built app always uses the custom protocol.
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

registerAppSchemeAsPrivileged();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data file: hand over to it (it focuses its window) and leave.
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  let openedStore: Store | undefined;
  void app.whenReady().then(async () => {
    hardenWebContents();
    installAppMenu(() => mainWindow);
    const dataDir = resolveDataDir(process.argv, process.env, app.getPath('userData'));
    try {
      // The single-instance lock keeps out a second app; this file keeps out the browser mode and the command line.
      await acquireDataLock(dataDir, 'Electron');
    } catch (error) {
      cannotOpen(error as Error);
      return;
    }
    // The window loads while the library opens; the page's calls wait for it (backendWhenOpen).
    const opening = openStore(dataDir, { documentsInBackground: true });
    opening.then((store) => (openedStore = store), cannotOpen);
    const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
    const jobs = new Jobs();
    registerApiHandlers(
      backendWhenOpen(opening.then((store) => createBackend(store, undefined, jobs))),
      trustedOrigins,
    );
    registerSaveExport(() => mainWindow, trustedOrigins, opening, jobs);
    handleAppProtocol(path.join(__dirname, '../renderer'));
    mainWindow = createMainWindow(devServerUrl ?? `${APP_ORIGIN}/index.html`);
    mainWindow.on('closed', () => (mainWindow = null));
  });

  function cannotOpen(error: Error): void {
    dialog.showErrorBox('Stance Annotator cannot open its library', error.message);
    app.exit(1);
  }

  app.on('window-all-closed', () => app.quit());

  // Nothing acknowledged-to-be is lost on quit: changes under way (the last keystrokes of a note) are written first,
  // then the change logs are folded into their documents' files, so that the closed library is plain JSON.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void whenIdle()
      .then(() => openedStore?.close())
      .catch(() => undefined) // a failed fold loses nothing: the logs stay, and are read at the next start
      .then(() => {
        closed = true;
        app.quit();
      });
  });
}
