import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach } from 'vitest';
import type { ApiArgs, ApiMethod, ApiResults } from '../../shared/api-contract';
import type { Database } from '../../shared/domain';
import type { Backend } from './backend';
import { BACKUP_DIR_NAME } from './backups';
import { LOCK_FILE_NAME } from './data-lock';
import { readLibrary } from './storage/read-library';

/**
 * Measures what share of the time from now on this thread spends working. On Linux that is its own CPU time (read
 * from /proc; utime and stime are in USER_HZ ticks, 1/100 s), which a busy machine cannot inflate by making the thread
 * wait for a core; elsewhere the event loop's utilization, which can.
 */
export function threadBusyShare(): () => number {
  const procStat = '/proc/thread-self/stat';
  const cpuMs = (): number => {
    const stat = readFileSync(procStat, 'utf8');
    // The fields after the thread's name, which is in parentheses and may hold anything.
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  if (existsSync(procStat)) {
    const [cpuAtStart, wallAtStart] = [cpuMs(), performance.now()];
    return () => (cpuMs() - cpuAtStart) / Math.max(1, performance.now() - wallAtStart);
  }
  const atStart = performance.eventLoopUtilization();
  return () => performance.eventLoopUtilization(atStart).utilization;
}

/** A temporary data directory per test, removed afterwards. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 5 })));
  });
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'stance-annotator-test-'));
    made.push(dir);
    return dir;
  };
}

/** A request under way, and whether it has been answered yet. */
export function underWay<T>(request: Promise<T>): { answered: boolean; answer: Promise<T> } {
  const state = { answered: false, answer: request };
  void request.finally(() => (state.answered = true)).catch(() => undefined);
  return state;
}

/**
 * Waits, a turn of the event loop at a time, until the job says some of it is done: the backend answers meanwhile.
 * Fails if the work is over first (the backend answered nothing, or nothing about the job, while it ran).
 */
export async function jobProgressOf(
  backend: Backend,
  jobId: string,
  work: { answered: boolean },
): Promise<{ done: number; total: number }> {
  for (;;) {
    const progress = await callOk(backend, 'getJobProgress', { jobId });
    if (progress && progress.done > 0) return progress;
    if (work.answered) throw new Error(`The job ${jobId} was over before any of its progress was answered`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Calls the backend and returns the value, failing the test with the backend's message on an error result. */
export async function callOk<M extends ApiMethod>(
  backend: Backend,
  method: M,
  args: ApiArgs<M>,
): Promise<ApiResults[M]> {
  const result = await backend(method, args);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as ApiResults[M];
}

export const SAMPLE_CLAIM = 'NATO and peacekeeping do not go hand in hand.';

/** A backend over a new library in a temporary folder, with handy ids from the sample. */
export async function openSampleBackend(dir: string, now?: () => Date) {
  const { openStore } = await import('./store');
  const { createBackend } = await import('./backend');
  const store = await openStore(dir);
  const backend = createBackend(store, now);
  const document = store.data.documents[0]!;
  const tagIds = store.data.tags.map((t) => t.id);
  /** Creates a highlight over the first occurrence of `quote` in the sample. */
  const highlight = (quote: string, tags: string[] = [tagIds[0]!]) => {
    const start = document.text.indexOf(quote);
    if (start < 0) throw new Error(`not in the sample: ${quote}`);
    return callOk(backend, 'createHighlight', {
      documentId: document.id,
      start,
      end: start + quote.length,
      quote,
      tagIds: tags,
    });
  };
  return { store, backend, document, tagIds, highlight };
}

/** The library in `dataDir` as the files on disk hold it, read back the way the app reads it. */
export async function libraryOnDisk(dataDir: string): Promise<Database> {
  const read = await readLibrary(dataDir);
  if (read.kind !== 'library') throw new Error(`No readable library in ${dataDir}: ${JSON.stringify(read)}`);
  if (read.damagedDocuments.length > 0) throw new Error(`Damaged documents: ${JSON.stringify(read.damagedDocuments)}`);
  return read.data;
}

/** Every file of the library (not the backups, not the lock) by path inside `dataDir`, as text: to compare. */
export async function libraryFiles(dataDir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dataDir, file);
    if (!entry.isFile() || relative.startsWith(BACKUP_DIR_NAME + path.sep) || entry.name === LOCK_FILE_NAME) continue;
    files[relative] = await readFile(file, 'utf8');
  }
  return files;
}
