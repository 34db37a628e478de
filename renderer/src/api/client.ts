import type { ApiArgs, ApiError, ApiMethod, ApiResult, ApiResults, StanceApi } from '../../../shared/api-contract';
import {
  ACCEPT_GZIP_HEADER,
  API_GLOBAL_NAME,
  CLIENT_HEADER,
  GZIPPED_ANSWER_TYPE,
  UPLOAD_BACKUP_PATH,
} from '../../../shared/api-names';

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

/** The desktop app's API, which its preload puts on `window`; undefined in browser mode. */
const injectedApi = (): StanceApi | undefined =>
  (window as unknown as Record<string, StanceApi | undefined>)[API_GLOBAL_NAME];

function pickTransport(): Transport {
  const injected = injectedApi();
  if (injected) {
    return (method, args) => injected[method](args);
  }
  const token = browserModeToken();
  return (method, args) => httpCall(method, args, token);
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

/**
 * Imports a backup file as one step: in the desktop app through the API; in browser mode its bytes are uploaded as
 * they are, since a backup may be far larger than an API request may be (and needs no JSON around it).
 */
export async function importBackupFile(file: File, jobId?: string): Promise<ApiResults['importBackup']> {
  if (!injectedApi()) {
    const token = browserModeToken();
    if (!token) throw new ApiCallError(failure(MISSING_TOKEN).error);
    const address = `${UPLOAD_BACKUP_PATH}${jobId ? `?jobId=${encodeURIComponent(jobId)}` : ''}`;
    const result = await post<ApiResults['importBackup']>(address, file, 'application/octet-stream', token);
    if (!result.ok) throw new ApiCallError(result.error);
    return result.value;
  }
  return callApi('importBackup', { content: await file.text(), ...(jobId && { jobId }) });
}

const MISSING_TOKEN = 'This page needs the address printed by `npm run serve`, which carries its access token.';

async function httpCall<M extends ApiMethod>(
  method: M,
  args: ApiArgs<M>,
  token: string | null,
): Promise<ApiResult<ApiResults[M]>> {
  if (!token) return failure(MISSING_TOKEN);
  const body = JSON.stringify(args);
  // A change sent as the page closes (the last keystrokes of a note) still reaches the server. Browsers cap keepalive
  // bodies at 64 KiB; larger ones go as ordinary requests.
  return post(`/api/${method}`, body, 'application/json', token, body.length < KEEPALIVE_LIMIT);
}

/** Posts `body` to the browser mode's server with the token and the tab's session; its answer, or why none came. */
async function post<T>(
  address: string,
  body: string | Blob,
  contentType: string,
  token: string,
  keepalive = false,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(address, {
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        Authorization: `Bearer ${token}`,
        [CLIENT_HEADER]: tabSession(),
        [ACCEPT_GZIP_HEADER]: '1',
      },
      body,
      keepalive,
    });
  } catch {
    return failure(SERVER_UNREACHABLE);
  }
  if (response.status === 401) return failure(TOKEN_REFUSED);
  try {
    return (await answerJson(response)) as ApiResult<T>;
  } catch {
    return failure(`The server answered ${response.status} without a readable result.`);
  }
}

/** An answer's JSON: inflated first if the server sent it gzipped (a large answer: api-names.ts). */
function answerJson(response: Response): Promise<unknown> {
  if (response.headers.get('Content-Type') !== GZIPPED_ANSWER_TYPE || !response.body) return response.json();
  return new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).json();
}

function failure(message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: 'internal', message } };
}
