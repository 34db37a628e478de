import { app, session } from 'electron';

/**
 * Electron's security checklist, applied to every web contents the app ever creates: no navigation away from the
 * app, no new windows, no webviews, and every permission request (camera, notifications, …) denied.
 */
export function hardenWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
