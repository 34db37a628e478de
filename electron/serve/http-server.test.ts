import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../backend/backend';
import { buildExport } from '../../shared/export/build-export';
import { writeExportBlocks } from '../backend/export-writer';
import { openStore, type Store } from '../backend/store';
import { useTempDirs } from '../backend/test-support';
import { ACCEPT_GZIP_HEADER, CLIENT_HEADER, GZIPPED_ANSWER_TYPE, UPLOAD_BACKUP_PATH } from '../../shared/api-names';
import { GZIP_FROM_BYTES, MAX_BODY_BYTES, startBrowserModeServer, type BrowserModeServer } from './http-server';

const tempDir = useTempDirs();
let server: BrowserModeServer;
let store: Store;

beforeEach(async () => {
  const rendererDir = path.join(await tempDir(), 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(path.dirname(rendererDir), 'secret.txt'), 'secret');
  store = await openStore(await tempDir());
  server = await startBrowserModeServer({
    backend: createBackend(store),
    writeExport: (request, write) => writeExportBlocks(store, request, write),
    rendererDir,
    port: 0,
    maxBodyBytes: 4096,
    maxUploadBytes: 1024 * 1024,
  });
});

afterEach(() => server.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytes: Buffer;
}

/** A raw HTTP request, so that the Host header and the path go out exactly as written. */
function send(options: {
  method?: string;
  path: string;
  host?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: options.host ?? `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (
  method: string,
  body: unknown,
  token = server.token,
  host?: string,
  headers: Record<string, string> = {},
): Promise<Reply> =>
  send({
    method: 'POST',
    path: `/api/${method}`,
    host,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only', async () => {
    const { createConnection } = await import('node:net');
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!external) return; // no non-loopback address on this machine to try
    const refused = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: external, port: server.port });
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('prints a loopback URL with a fresh token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('answers API calls that carry the token', async () => {
    const reply = await api('getWorkspace', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { tags: expect.any(Array) } });
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends a large answer gzipped to a page that takes it so, and as JSON otherwise', async () => {
    const text = 'A long article, word after word. '.repeat(4_000);
    const added = await createBackend(store)('importText', { title: 'Long', text });
    if (!added.ok) throw new Error(added.error.message);
    const documentId = (added.value as { document: { id: string } }).document.id;
    const plain = await api('getDocument', { documentId });
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    const answer = JSON.parse(plain.body) as { ok: boolean; value: { document: { text: string } } };
    expect(answer.value.document.text).toBe(text);
    expect(plain.bytes.length).toBeGreaterThan(GZIP_FROM_BYTES);

    const zipped = await api('getDocument', { documentId }, server.token, undefined, { [ACCEPT_GZIP_HEADER]: '1' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-type']).toBe(GZIPPED_ANSWER_TYPE);
    expect(zipped.headers['content-encoding']).toBeUndefined();
    expect(Number(zipped.headers['content-length'])).toBe(zipped.bytes.length);
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 10);
    expect(gunzipSync(zipped.bytes).toString('utf8')).toBe(plain.body);

    // A small answer goes as JSON, whatever the page takes.
    const small = await api('getWorkspace', {}, server.token, undefined, { [ACCEPT_GZIP_HEADER]: '1' });
    expect(small.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(small.body)).toMatchObject({ ok: true });
  });

  it('answers 401 without the right token', async () => {
    expect((await send({ method: 'POST', path: '/api/getWorkspace', body: '{}' })).status).toBe(401);
    expect((await api('getWorkspace', {}, 'wrong')).status).toBe(401);
    expect((await api('getWorkspace', {}, `${server.token}0`)).status).toBe(401);
  });

  it('answers 403 to a Host other than 127.0.0.1 or localhost (DNS rebinding)', async () => {
    expect((await api('getWorkspace', {}, server.token, 'evil.example:80')).status).toBe(403);
    expect((await send({ path: '/', host: 'attacker.test' })).status).toBe(403);
    expect((await api('getWorkspace', {}, server.token, `localhost:${server.port}`)).status).toBe(200);
  });

  it("answers 403 to localhost or 127.0.0.1 on another port than the server's own", async () => {
    for (const host of [`localhost:${server.port + 1}`, 'localhost', `127.0.0.1:${server.port}0`, 'localhost:80']) {
      expect((await api('getWorkspace', {}, server.token, host)).status, host).toBe(403);
    }
  });

  it('refuses a body that is not valid UTF-8 instead of storing U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"x": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const reply = await send({
      method: 'POST',
      path: '/api/getWorkspace',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'The body is not valid UTF-8.' },
    });
  });

  it('answers 413 to a body over the limit, declared or streamed', async () => {
    const declared = await api('getWorkspace', { padding: 'x'.repeat(4096) });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({
      error: {
        message: expect.stringMatching(/^The request is larger than the browser mode takes \(\d+ KB\)\. Import/),
      },
    });
    const chunked = await send({
      method: 'POST',
      path: '/api/getWorkspace',
      headers: { Authorization: `Bearer ${server.token}`, 'Transfer-Encoding': 'chunked' },
      body: 'x'.repeat(5000),
    });
    expect(chunked.status).toBe(413);
    expect(MAX_BODY_BYTES).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  it('imports a backup uploaded as a file, larger than any API request may be, as one step of its session', async () => {
    // A backup of another library: one article with a highlight, far over the 4 KB an API request may carry here.
    const source = await openStore(await tempDir());
    const document = source.data.documents[0]!;
    const quote = document.text.slice(0, 20);
    await createBackend(source)('createHighlight', { documentId: document.id, start: 0, end: 20, quote, tagIds: [] });
    const backup = buildExport(source.data, 'backup', {}, { bom: false, formulaEscape: false }).content;
    expect(Buffer.byteLength(backup)).toBeGreaterThan(4096);
    const upload = (body: string | Buffer, token = server.token) =>
      send({
        method: 'POST',
        path: `${UPLOAD_BACKUP_PATH}?jobId=upload-1`,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/octet-stream',
          [CLIENT_HEADER]: 'a'.repeat(32),
        },
        body,
      });
    expect((await upload(backup, 'wrong')).status).toBe(401);
    const reply = await upload(`\ufeff${backup}`);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { highlights: { added: 1, alreadyThere: 0 } } });
    expect(store.data.highlights.map((h) => h.id)).toEqual(source.data.highlights.map((h) => h.id));
    // Bytes that are not UTF-8, or more than the upload limit, are refused with the reason, and nothing changes.
    const broken = await upload(Buffer.concat([Buffer.from(backup.slice(0, 100)), Buffer.from([0xc3, 0x28])]));
    expect(broken.status).toBe(400);
    const tooLarge = await upload('x'.repeat(1024 * 1024 + 1));
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.message).toMatch(
      /^The backup is larger than the browser mode takes \(1 MB\)/,
    );
    expect(store.data.highlights).toHaveLength(1);
  });

  it('answers 400 to a body that is not JSON and passes invalid payloads to the backend’s validation', async () => {
    const notJson = await send({
      method: 'POST',
      path: '/api/getWorkspace',
      headers: { Authorization: `Bearer ${server.token}` },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const invalid = JSON.parse((await api('getDocument', { documentId: 42 })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('serves the renderer with its Content-Security-Policy', async () => {
    const index = await send({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>app</title>');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect((await send({ path: '/assets/app.js' })).headers['content-type']).toContain('text/javascript');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2E%2E/%2e%2e/secret.txt',
      '/%2fetc%2fpasswd',
      '/..%5csecret.txt',
      '/a%00b',
    ]) {
      const reply = await send({ path: attempt });
      expect(reply.status, attempt).toBe(404);
      expect(reply.body).not.toContain('secret');
    }
  });
});

describe('downloading an export from the browser-mode server', () => {
  const download = (body: unknown, token = server.token): Promise<Reply> =>
    send({
      method: 'POST',
      path: '/export',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers with the file, named, exactly as the export builds it', async () => {
    await store.loaded;
    const document = store.data.documents[0]!;
    const created = await api('createHighlight', {
      documentId: document.id,
      start: 0,
      end: 12,
      quote: document.text.slice(0, 12),
      tagIds: [],
    });
    expect(JSON.parse(created.body)).toMatchObject({ ok: true });
    const reply = await download({ kind: 'annotations', formulaEscape: false });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv;charset=utf-8');
    expect(reply.headers['content-disposition']).toBe('attachment; filename="annotations.csv"');
    const expected = buildExport(store.data, 'annotations', {}, { bom: true, formulaEscape: false }).content;
    expect(reply.body).toBe(expected);
    expect(reply.body).toContain(document.text.slice(0, 12));
  });

  it('refuses a request without the token, or an invalid one, with a message and no file', async () => {
    expect((await download({ kind: 'annotations' }, 'wrong')).status).toBe(401);
    const invalid = await download({ kind: 'everything' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringContaining('Invalid export request') },
    });
    const extra = await download({ kind: 'annotations', path: '/etc/passwd' });
    expect(extra.status).toBe(400);
  });
});

describe('stopping the browser-mode server', () => {
  it('answers the requests under way (their changes written) before it has stopped', async () => {
    let release: () => void = () => undefined;
    const slowBackend = async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { ok: true as const, value: { highlightId: 'written' } };
    };
    const dir = await tempDir();
    const slow = await startBrowserModeServer({
      backend: slowBackend,
      writeExport: () => Promise.reject(new Error('not in this test')),
      rendererDir: dir,
      port: 0,
    });
    const answer = new Promise<Omit<Reply, 'bytes'>>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: slow.port,
          method: 'POST',
          path: '/api/deleteHighlight',
          headers: { Host: `127.0.0.1:${slow.port}`, Authorization: `Bearer ${slow.token}` },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end('{"highlightId":"h"}');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    let stopped = false;
    const closing = slow.close().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    expect(JSON.parse((await answer).body)).toEqual({ ok: true, value: { highlightId: 'written' } });
    await closing;
    expect(stopped).toBe(true);
  });
});
