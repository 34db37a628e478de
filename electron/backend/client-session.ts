import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';

/**
 * Which client session (a desktop window, a browser tab, the command line) a request came from. Undo history is per
 * session: one analyst's Ctrl+Z never takes back another window's work. Carried through the handlers implicitly, so a
 * handler need not pass it on to the library.
 */
export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The session of requests that name none (tests, scripts): one shared history, as before sessions existed. */
export const DEFAULT_CLIENT_ID = 'default';

const session = new AsyncLocalStorage<string>();

/** Runs `work` as a request of the client `clientId`. */
export function asClient<T>(clientId: string, work: () => Promise<T>): Promise<T> {
  return session.run(clientId, work);
}

/** The client of the request being handled. */
export function currentClientId(): string {
  return session.getStore() ?? DEFAULT_CLIENT_ID;
}
