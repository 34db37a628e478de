import { app, session, shell } from 'electron';

/**
 * Electron's security checklist, applied to every web contents the app ever creates: no navigation away from the
 * app, no new windows (https links go to the system browser), no webviews, and every permission request denied.
 */
export function hardenWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // A link the analyst clicks (a window.open needs a user gesture in Chromium) opens in the system browser, and
    // only for https; the app itself never opens a window.
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** Only https URLs are handed to the operating system: never file:, javascript:, custom schemes or plain http. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
