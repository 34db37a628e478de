import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';

const serveScript = path.join(__dirname, '..', 'out', 'main', 'serve.js');
const hasStrace = process.platform === 'linux' && spawnSync('strace', ['-V']).status === 0;

/**
 * The system calls of one save, as the kernel sees them (strace): the change log's line is written and
 * `fdatasync`ed before the answer that acknowledges it is written to the socket. The unit tests spy on the fs layer;
 * this checks the built browser-mode server end to end.
 */
test('a save is synced to disk before it is acknowledged (traced with strace)', async ({ shell }) => {
  test.skip(shell !== 'browser', 'Traces the browser-mode server; the Electron main process runs the same backend.');
  test.skip(!hasStrace, 'strace is not installed (apt-get install strace); storage/durability.test.ts spies instead.');
  const dir = await mkdtemp(path.join(tmpdir(), 'stance-annotator-strace-'));
  const trace = path.join(dir, 'trace.txt');
  const calls = 'trace=openat,write,writev,fdatasync,fsync,rename,renameat,renameat2';
  const child = spawn(
    'strace',
    [
      '-f',
      '-qq',
      '-e',
      calls,
      '-s',
      '8192',
      '-o',
      trace,
      process.execPath,
      serveScript,
      '--port',
      '0',
      '--data-dir',
      path.join(dir, 'library'),
    ],
    // Its own process group, so that stopping it stops strace and the server together.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Stance Annotator at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output);
        if (match?.[1]) resolve(new URL(match[1]));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`The server exited (${code}):\n${output}`)));
    });
    const call = async (method: string, args: unknown) => {
      const response = await fetch(new URL(`/api/${method}`, url), {
        method: 'POST',
        headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      const result = (await response.json()) as { ok: boolean; value: Record<string, unknown> };
      expect(result.ok).toBe(true);
      return result.value as never;
    };
    const { startDocumentId: documentId }: { startDocumentId: string } = await call('getWorkspace', {});
    const quote = 'NATO and peacekeeping do not go hand in hand.';
    const { document }: { document: { text: string } } = await call('getDocument', { documentId });
    const start = document.text.indexOf(quote);
    const id = randomUUID();
    await call('createHighlight', { id, documentId, start, end: start + quote.length, quote, tagIds: [] });
    const marker = `durable-${randomUUID()}`;
    await call('updateHighlight', { highlightId: id, note: marker });

    const lines = (await readFile(trace, 'utf8')).split('\n');
    // The log's file descriptor, from the openat that opened it for appending.
    const fds = new Set(
      lines.flatMap((line) => {
        // Anchored, and without `.*`: a traced line can hold 8 KB of a written string.
        const match = /^\d+ +openat\(AT_FDCWD, "[^"]*\.log", [A-Z_|]*O_APPEND[A-Z_|]*, \d+\) = (\d+)$/.exec(line);
        return match ? [match[1]!] : [];
      }),
    );
    const appended = lines.findIndex(
      (line) => /\bwrite\((\d+),/.test(line) && line.includes(marker) && fds.has(/\bwrite\((\d+),/.exec(line)![1]!),
    );
    expect(appended, 'the log line with the note is written').toBeGreaterThan(-1);
    const fd = /\bwrite\((\d+),/.exec(lines[appended]!)![1]!;
    const synced = lines.findIndex((line, i) => i > appended && new RegExp(`\\bf(data)?sync\\(${fd}[ )]`).test(line));
    const answered = lines.findIndex(
      (line, i) =>
        i > appended &&
        /\bwritev?\((\d+),/.exec(line)?.[1] !== fd &&
        line.includes('HTTP/1.1 200') &&
        line.includes(marker),
    );
    expect(synced, 'the log is synced').toBeGreaterThan(appended);
    expect(answered, 'the answer is sent').toBeGreaterThan(-1);
    expect(synced, 'synced before the answer').toBeLessThan(answered);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  }
});
