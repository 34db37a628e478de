import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../backend/content-security-policy';
import { readStaticFile, resolveStaticFile } from '../backend/static-files';

/** The renderer is served from app://stance/, never file://, so it has a real origin and a CSP header. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'stance';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready. */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer; paths that would leave its folder get 404 (see resolveStaticFile). */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await resolveStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const { body, contentType } = await readStaticFile(file);
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': contentType,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
