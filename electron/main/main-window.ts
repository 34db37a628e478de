import path from 'node:path';
import { BrowserWindow } from 'electron';

/** The secure defaults of the one window, spelt out even where they are Electron's defaults. */
export const secureWebPreferences = (preloadPath: string): Electron.WebPreferences => ({
  preload: preloadPath,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: true,
});

export function createMainWindow(startUrl: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Stance Annotator',
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.js')),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(startUrl);
  return window;
}
