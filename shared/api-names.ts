// Kept apart from api-contract.ts so that the preload and the renderer can use them without bundling zod.

/** The name under which the preload exposes the API on `window`. */
export const API_GLOBAL_NAME = 'stanceApi';

/** The IPC channel that carries one API method. */
export function ipcChannel(method: string): string {
  return `api:${method}`;
}
