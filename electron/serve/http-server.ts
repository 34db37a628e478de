import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ExportRequest } from '../../shared/api-contract';
import type { Backend } from '../backend/backend';
import { clientIdSchema } from '../backend/client-session';
import { ACCEPT_GZIP_HEADER, CLIENT_HEADER, GZIPPED_ANSWER_TYPE, UPLOAD_BACKUP_PATH } from '../../shared/api-names';
import { CONTENT_SECURITY_POLICY } from '../backend/content-security-policy';
import { parseExportRequest } from '../backend/export-writer';
import { readStaticFile, resolveStaticFile } from '../backend/static-files';

/** Largest API request body accepted; larger ones get 413 before they are read in full. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/**
 * Largest backup uploaded as a file: what the backend takes (`MAX_IMPORT_LENGTH` characters) written in mostly
 * two-byte letters. Read whole, as the backend reads a backup's text whole.
 */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const API_PREFIX = '/api/';
/** Where an export is downloaded from: `POST` its request (JSON) and the file comes back, written as it is built. */
export const EXPORT_PATH = '/export';
const ALLOWED_HOSTNAMES = new Set(['127.0.0.1', 'localhost']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextEncoder();
const JSON_TYPE = 'application/json; charset=utf-8';
/**
 * API answers from this size on go gzipped to a page that takes them so (api-names.ts, `ACCEPT_GZIP_HEADER`): below
 * it, Chromium's handing over costs about what gzipping and inflating do (1 ms).
 */
export const GZIP_FROM_BYTES = 32 * 1024;
const gzipAsync = promisify(gzip);

/** Writes an export's bytes, a block at a time, through `write` (export-writer.ts's `writeExportBlocks`). */
export type ExportWriter = (request: ExportRequest, write: (bytes: Buffer) => Promise<void>) => Promise<number>;

interface ServerOptions {
  backend: Backend;
  writeExport: ExportWriter;
  rendererDir: string;
  maxBodyBytes?: number;
  maxUploadBytes?: number;
}

export interface BrowserModeServer {
  readonly url: string;
  readonly token: string;
  readonly port: number;
  /** Stops accepting connections and resolves once every request under way has been answered. */
  close(): Promise<void>;
}

/**
 * The browser mode: the backend behind an HTTP server bound to 127.0.0.1 only. Static files of the built renderer
 * are public; every `POST /api/<method>` (and the export download, and a backup's upload) needs
 * `Authorization: Bearer <token>` (a fresh random token per launch,
 * printed in the start-up URL), and any request with a Host other than 127.0.0.1/localhost is refused (DNS
 * rebinding). No CORS headers are ever sent, so other origins cannot read answers.
 */
export async function startBrowserModeServer(options: ServerOptions & { port: number }): Promise<BrowserModeServer> {
  const token = randomBytes(24).toString('hex');
  const pending = new Set<Promise<void>>();

  const server: Server = createServer((request, response) => {
    const work = handleRequest(request, response, options, token).catch(() => {
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'Server error.' } });
      else response.destroy();
    });
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.all(pending);
    },
  };
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  options: ServerOptions,
  token: string,
): Promise<void> {
  if (!hostAllowed(request.headers.host, request.socket.localPort ?? 0)) {
    sendText(response, 403, 'Forbidden: this server answers only to 127.0.0.1 and localhost, on its own port.');
    return;
  }
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');

  const upload = url.pathname === UPLOAD_BACKUP_PATH;
  if (url.pathname.startsWith(API_PREFIX) || url.pathname === EXPORT_PATH || upload) {
    if (!tokenMatches(request.headers.authorization, token)) {
      sendJson(response, 401, { ok: false, error: { code: 'invalid-request', message: 'Missing or wrong token.' } });
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      sendJson(response, 405, { ok: false, error: { code: 'invalid-request', message: 'Use POST.' } });
      return;
    }
    const limit = upload ? (options.maxUploadBytes ?? MAX_UPLOAD_BYTES) : (options.maxBodyBytes ?? MAX_BODY_BYTES);
    const body = await readBody(request, limit);
    if (body === 'too-large') {
      // Close the connection rather than read the rest of an oversized upload.
      response.setHeader('Connection', 'close');
      const size = limit >= 2 ** 20 ? `${Math.round(limit / 2 ** 20)} MB` : `${Math.round(limit / 1024)} KB`;
      const message =
        `The ${upload ? 'backup' : 'request'} is larger than the browser mode takes (${size}). Import a file this ` +
        'large in the desktop app, or with `stance-annotator import`.';
      sendJson(response, 413, { ok: false, error: { code: 'invalid-request', message } });
      return;
    }
    let payload: unknown;
    let text: string;
    try {
      // Strictly: malformed UTF-8 is refused, not stored as U+FFFD in the analyst's text.
      text = strictUtf8.decode(body);
    } catch {
      sendJson(response, 400, {
        ok: false,
        error: { code: 'invalid-request', message: 'The body is not valid UTF-8.' },
      });
      return;
    }
    try {
      // An uploaded backup is the importBackup request's content, its job named in the address.
      const jobId = url.searchParams.get('jobId');
      payload = upload
        ? { content: text.replace(/^\ufeff/, ''), ...(jobId !== null && { jobId }) }
        : body.length === 0
          ? {}
          : JSON.parse(text);
    } catch {
      sendJson(response, 400, {
        ok: false,
        error: { code: 'invalid-request', message: 'The body is not valid JSON.' },
      });
      return;
    }
    if (url.pathname === EXPORT_PATH) {
      await sendExport(response, payload, options.writeExport);
      return;
    }
    // Each tab names its session (for its own undo history); a request that names none shares the default one.
    const clientHeader = request.headers[CLIENT_HEADER];
    const clientId = clientHeader === undefined ? undefined : clientIdSchema.safeParse(clientHeader);
    if (clientId && !clientId.success) {
      sendJson(response, 400, {
        ok: false,
        error: { code: 'invalid-request', message: `The ${CLIENT_HEADER} header is not a valid session id.` },
      });
      return;
    }
    const method = upload ? 'importBackup' : url.pathname.slice(API_PREFIX.length);
    const result = await options.backend(method, payload, clientId?.data);
    await sendAnswer(request, response, result);
    return;
  }

  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed.');
    return;
  }
  const file = await resolveStaticFile(options.rendererDir, url.pathname);
  if (!file) {
    sendText(response, 404, 'Not found.');
    return;
  }
  const { body, contentType } = await readStaticFile(file);
  response.writeHead(200, {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/**
 * Answers a download with the export's file, block by block as it is built. The headers go with the first block, so
 * an export that fails before it has a byte still gets an error the page can show; one that fails later is cut off,
 * which the page sees as an interrupted download.
 */
async function sendExport(response: ServerResponse, payload: unknown, writeExport: ExportWriter): Promise<void> {
  const parsed = parseExportRequest(payload);
  if (!parsed.ok) {
    sendJson(response, 400, parsed);
    return;
  }
  const { fileName, mimeType } = parsed.file;
  const write = (bytes: Buffer): Promise<void> => {
    if (!response.headersSent)
      response.writeHead(200, {
        'Content-Type': mimeType,
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
    return new Promise((resolve, reject) => {
      if (response.destroyed) return reject(new Error('The download was cancelled.'));
      if (response.write(bytes)) return resolve();
      // Wait for the socket to take the block before building the next: a slow reader holds one block, not them all.
      const drained = (): void => void (response.off('close', closed), resolve());
      const closed = (): void =>
        void (response.off('drain', drained), reject(new Error('The download was cancelled.')));
      response.once('drain', drained);
      response.once('close', closed);
    });
  };
  try {
    await writeExport(parsed.request, write);
  } catch (error) {
    if (response.headersSent) throw error;
    const message = `The export failed: ${(error as Error).message}`;
    sendJson(response, 500, { ok: false, error: { code: 'internal', message } });
    return;
  }
  response.end();
}

/** The Host header names this server: 127.0.0.1 or localhost, with this server's own port (DNS rebinding). */
function hostAllowed(host: string | undefined, port: number): boolean {
  const match = /^(.+?)(?::(\d+))?$/.exec(host ?? '');
  if (!match) return false;
  const givenPort = match[2] === undefined ? 80 : Number(match[2]);
  return ALLOWED_HOSTNAMES.has(match[1]!) && givenPort === port;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * An API answer: gzipped if it is large and the page takes it so. Level 1, on a thread of the pool, in one piece (a
 * chunk of zlib's default 16 KB each went back through the event loop: 270 turns for the listing): 20 ms for 4.5 MB.
 */
async function sendAnswer(request: IncomingMessage, response: ServerResponse, value: unknown): Promise<void> {
  const body = jsonBytes(value);
  if (body.length < GZIP_FROM_BYTES || request.headers[ACCEPT_GZIP_HEADER] !== '1') {
    sendBody(response, 200, body, JSON_TYPE);
    return;
  }
  const zipped = await gzipAsync(body, { level: 1, chunkSize: Math.min(body.length, 8 * 2 ** 20) });
  sendBody(response, 200, zipped, GZIPPED_ANSWER_TYPE);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendBody(response, status, jsonBytes(value), JSON_TYPE);
}

/**
 * A value's JSON as UTF-8, encoded once with its length known: given the string, Node scans all of it for its byte
 * length, then encodes it (an opened 1 MB article is a 3.5 MB answer). By TextEncoder, which copies ASCII as it is
 * (1 ms for the 4.5 MB listing of 20,000 documents, where `Buffer.from` took 15); the buffer is its bytes, not a copy.
 */
function jsonBytes(value: unknown): Buffer {
  const bytes = utf8.encode(JSON.stringify(value));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function sendBody(response: ServerResponse, status: number, body: Buffer, contentType: string): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
