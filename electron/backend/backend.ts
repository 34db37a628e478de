import {
  apiArgumentSchemas,
  isApiMethod,
  type ApiMethod,
  type ApiResult,
  type ApiResults,
} from '../../shared/api-contract';
import { findMalformedString } from '../../shared/well-formed';
import { ApiFailure, invalidRequest } from './api-error';
import { asClient, DEFAULT_CLIENT_ID } from './client-session';
import { createHandlers } from './handlers/index';
import type { Store } from './store';

/**
 * The one entry point every shell calls: untrusted method name and payload in, an {@link ApiResult} out. `clientId`
 * names the client session (a window, a tab) whose undo history the call belongs to; the shell vouches for it.
 */
export type Backend = (
  method: string,
  payload: unknown,
  clientId?: string,
) => Promise<ApiResult<ApiResults[ApiMethod]>>;

export function createBackend(store: Store, now?: () => Date): Backend {
  const handlers = createHandlers(store, now);
  return async (method, payload, clientId = DEFAULT_CLIENT_ID) => {
    if (!isApiMethod(method)) {
      return { ok: false, error: { code: 'unknown-method', message: `Unknown API method ${JSON.stringify(method)}.` } };
    }
    const malformed = findMalformedString(payload);
    if (malformed !== null) {
      const message = `${method} request: the text at ${malformed} is not valid Unicode (a lone surrogate).`;
      return { ok: false, error: { code: 'invalid-request', message } };
    }
    const parsed = apiArgumentSchemas[method].safeParse(payload);
    if (!parsed.success) return { ok: false, error: invalidRequest(`${method} request`, parsed.error) };
    try {
      // Just after start-up the documents are still being read: the first screen needs only these two methods;
      // everything else waits the fraction of a second until the library is whole.
      if (method !== 'getWorkspace' && method !== 'getDocument') await store.loaded;
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
