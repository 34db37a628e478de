import { closeSync, existsSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fsOps, syncFolder } from './durable-file';
import { mapLimited } from './map-limited';

/**
 * A line appended to a file as part of a set of writes (file-set-writer.ts): the change log of each document a change
 * touched. The journal holds the line itself and the file's length before it, so the set is durable once the journal
 * is, and the files appended to are synced after it is acknowledged: one synced journal instead of a synced file per
 * document ("Code all matches" appends to 2,000 logs).
 *
 * Until they are synced and the journal removed, a recovery must be able to finish what a crash interrupted: each
 * file holds its old length with none, part or all of the line after it, and then maybe later lines, appended (and
 * synced) on their own after the set was acknowledged. A file with its whole line is left as it is; any other has
 * the line written at its offset.
 */
export const appendEntrySchema = z.object({
  /** Relative to the data folder. */
  file: z.string().min(1),
  /** The file's length in bytes before the line. */
  offset: z.number().int().nonnegative(),
  line: z.string().min(1),
});
export type AppendEntry = z.infer<typeof appendEntrySchema>;

/** Files synced at once: enough to keep the disk busy, few enough never to run out of file handles. */
const SYNC_CONCURRENCY = 16;
/** How many lines are written between turns of the event loop: a few milliseconds' work, even creating the files. */
const APPEND_BATCH = 32;

/**
 * Writes each entry's line at its offset. Not synced. The writes go to the page cache, tens of microseconds each
 * (a few hundred to create a file): they are made synchronously, a batch between turns of the event loop, several
 * times faster than a round trip through libuv's threads for each system call.
 */
export async function applyAppends(dataDir: string, entries: readonly AppendEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += APPEND_BATCH) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const entry of entries.slice(i, i + APPEND_BATCH)) writeLineAt(dataDir, entry);
  }
}

/** After a crash: writes the lines that are not whole in their files (a recovery has checked every entry first). */
export async function finishAppends(dataDir: string, entries: readonly AppendEntry[]): Promise<void> {
  for (const entry of entries) {
    if ((await stateOf(dataDir, entry)) !== 'applied') writeLineAt(dataDir, entry);
  }
}

/**
 * Cuts each entry's file back to its length before the line, and syncs it: the appends have not happened. A file a
 * first line was to create may not be there yet: there is nothing to cut.
 */
export async function revertAppends(dataDir: string, entries: readonly AppendEntry[]): Promise<void> {
  await mapLimited(entries, SYNC_CONCURRENCY, async (entry) => {
    let handle;
    try {
      handle = await fsOps.open(path.join(dataDir, entry.file), 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      await handle.truncate(entry.offset);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  });
}

/** Syncs the files the entries appended to, then their folders (an append may have created its file). */
export async function syncAppended(dataDir: string, entries: readonly AppendEntry[]): Promise<void> {
  const files = entries.map((e) => path.join(dataDir, e.file));
  await mapLimited(files, SYNC_CONCURRENCY, async (file) => {
    const handle = await fsOps.open(file, 'r');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  });
  for (const folder of new Set(files.map((f) => path.dirname(f)))) await syncFolder(folder);
}

/**
 * Why the entry's file is not in a state its writer could have left (see above), and so why a journal naming it is
 * not this library's to apply; null when it is.
 */
export async function appendProblem(dataDir: string, entry: AppendEntry): Promise<string | null> {
  const state = await stateOf(dataDir, entry);
  if (state === 'missing') return `${entry.file}, to append to, is missing`;
  if (state === 'changed') return `${entry.file} is not as it was when the line to append to it was written`;
  return null;
}

type AppendState = 'to-write' | 'applied' | 'missing' | 'changed';

async function stateOf(dataDir: string, entry: AppendEntry): Promise<AppendState> {
  let current: Buffer;
  try {
    current = await fsOps.readFile(path.join(dataDir, entry.file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return entry.offset === 0 ? 'to-write' : 'missing';
  }
  if (current.length < entry.offset) return 'changed';
  const line = Buffer.from(entry.line, 'utf8');
  const after = current.subarray(entry.offset, entry.offset + line.length);
  if (!line.subarray(0, after.length).equals(after)) return 'changed';
  return after.length === line.length ? 'applied' : 'to-write';
}

/** Writes the entry's line at its offset, cutting off the part of it a crash may have left there. */
function writeLineAt(dataDir: string, entry: AppendEntry): void {
  const bytes = Buffer.from(entry.line, 'utf8');
  const file = path.join(dataDir, entry.file);
  // A log's first line creates it.
  const fd = openSync(file, entry.offset === 0 || !existsSync(file) ? 'w' : 'r+');
  try {
    if (entry.offset > 0) ftruncateSync(fd, entry.offset);
    writeSync(fd, bytes, 0, bytes.length, entry.offset);
  } finally {
    closeSync(fd);
  }
}
