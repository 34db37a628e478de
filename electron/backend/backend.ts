import {
  apiArgumentSchemas,
  isApiMethod,
  type ApiMethod,
  type ApiResult,
  type ApiResults,
} from '../../shared/api-contract';
import { requestProblem } from '../../shared/well-formed';
import { ApiFailure, invalidRequest } from './api-error';
import { asClient, DEFAULT_CLIENT_ID } from './client-session';
import { createHandlers } from './handlers/index';
import type { Jobs } from './jobs';
import type { Store } from './store';

/** Methods answered before the library's documents are read: the first screen's, and a job's progress. */
const AT_ONCE: ReadonlySet<string> = new Set([
  'getWorkspace',
  'listDocuments',
  'getDocument',
  'getJobProgress',
  'cancelJob',
]);

/**
 * The one entry point every shell calls: untrusted method name and payload in, an {@link ApiResult} out. `clientId`
 * names the client session (a window, a tab) whose undo history the call belongs to; the shell vouches for it.
 */
export type Backend = (
  method: string,
  payload: unknown,
  clientId?: string,
) => Promise<ApiResult<ApiResults[ApiMethod]>>;

/** `jobs`: the registry of long work, shared with the shell's export writer so that the page can follow and stop it. */
export function createBackend(store: Store, now?: () => Date, jobs?: Jobs): Backend {
  const handlers = createHandlers(store, now, jobs);
  return async (method, payload, clientId = DEFAULT_CLIENT_ID) => {
    if (!isApiMethod(method)) {
      return { ok: false, error: { code: 'unknown-method', message: `Unknown API method ${JSON.stringify(method)}.` } };
    }
    // Before the schema: nothing further walks a request nested without end, or keeps text that is not Unicode.
    const problem = requestProblem(payload);
    if (problem !== null) {
      return { ok: false, error: { code: 'invalid-request', message: `${method} request: ${problem}` } };
    }
    const parsed = apiArgumentSchemas[method].safeParse(payload);
    if (!parsed.success) return { ok: false, error: invalidRequest(`${method} request`, parsed.error) };
    try {
      // Just after start-up the documents are still being read: the first screen needs only these methods;
      // everything else waits the fraction of a second until the library is whole.
      if (!AT_ONCE.has(method)) await store.loaded;
      // The schema and the handler belong to the same method; TypeScript cannot correlate the two through the union.
      const handler = handlers[method] as (args: unknown) => Promise<ApiResults[ApiMethod]>;
      return { ok: true, value: await asClient(clientId, () => handler(parsed.data)) };
    } catch (error) {
      if (error instanceof ApiFailure) return { ok: false, error: error.toApiError() };
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'internal', message: `The ${method} request failed: ${message}` } };
    }
  };
}

/**
 * The backend of a library that is still opening: each call waits until it is open. A shell starts listening (or
 * loading its window) at once and opens the library meanwhile, so that the page's script loads while the library
 * file is read: a library of 20,000 documents takes 0.2 s to open, as long as the page takes to load. If the library
 * cannot be opened, every call says why (the shell reports it too, and stops).
 */
export function backendWhenOpen(opening: Promise<Backend>): Backend {
  const ready = opening.then(
    (backend) => ({ backend }),
    (error: unknown) => ({ failure: error instanceof Error ? error.message : String(error) }),
  );
  return async (method, payload, clientId) => {
    const opened = await ready;
    if ('failure' in opened) {
      return {
        ok: false,
        error: { code: 'internal', message: `The library could not be opened: ${opened.failure}` },
      };
    }
    return opened.backend(method, payload, clientId);
  };
}
