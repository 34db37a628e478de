import type { ApiArgs, ApiError, ApiMethod, ApiResult, ApiResults, StanceApi } from '../../../shared/api-contract';
import { API_GLOBAL_NAME, CLIENT_HEADER } from '../../../shared/api-names';

/** A failed call, with the backend's message (meant for the analyst). */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

const KEEPALIVE_LIMIT = 60_000;

type Transport = <M extends ApiMethod>(method: M, args: ApiArgs<M>) => Promise<ApiResult<ApiResults[M]>>;

/**
 * The renderer's only way to the backend. Under Electron the preload has put the API on `window`; in browser mode
 * the same calls go to `POST /api/<method>` with the token from the page's URL.
 */
export async function callApi<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const result = await transport()(method, args);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

let chosen: Transport | undefined;

function transport(): Transport {
  chosen ??= pickTransport();
  return chosen;
}

function pickTransport(): Transport {
  const injected = (window as unknown as Record<string, StanceApi | undefined>)[API_GLOBAL_NAME];
  if (injected) {
    return (method, args) => injected[method](args);
  }
  const token = browserModeToken();
  const session = tabSession();
  return (method, args) => httpCall(method, args, token, session);
}

/**
 * This tab's session id, kept across reloads of the tab (sessionStorage is per tab): the backend keeps an undo
 * history per session, so two tabs never undo each other's work.
 */
function tabSession(): string {
  const key = 'stance-annotator-session';
  let id = sessionStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID();
    sessionStorage.setItem(key, id);
  }
  return id;
}

/** Browser mode's access token, from the address the server printed. */
export function browserModeToken(): string | null {
  return new URL(window.location.href).searchParams.get('token');
}

/** What to tell the analyst when browser mode's server does not answer, or refuses the token. */
export const SERVER_UNREACHABLE = 'The Stance Annotator server cannot be reached. Is it still running?';
export const TOKEN_REFUSED = 'The access token was refused: open the address the server printed.';

async function httpCall<M extends ApiMethod>(
  method: M,
  args: ApiArgs<M>,
  token: string | null,
  session: string,
): Promise<ApiResult<ApiResults[M]>> {
  if (!token) {
    return failure('This page needs the address printed by `npm run serve`, which carries its access token.');
  }
  let response: Response;
  const body = JSON.stringify(args);
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, [CLIENT_HEADER]: session },
      body,
      // A change sent as the page closes (the last keystrokes of a note) still reaches the server. Browsers cap
      // keepalive bodies at 64 KiB; larger ones go as ordinary requests.
      keepalive: body.length < KEEPALIVE_LIMIT,
    });
  } catch {
    return failure(SERVER_UNREACHABLE);
  }
  if (response.status === 401) return failure(TOKEN_REFUSED);
  try {
    return (await response.json()) as ApiResult<ApiResults[M]>;
  } catch {
    return failure(`The server answered ${response.status} without a readable result.`);
  }
}

function failure(message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: 'internal', message } };
}
