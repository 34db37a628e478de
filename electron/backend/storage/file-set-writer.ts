import { readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { TextFile } from 'lowdb/node';
import { z } from 'zod';

/** A file to write (`content`) or to remove (`content: null`). */
export interface FileWrite {
  file: string;
  content: string | null;
}

export const JOURNAL_FILE_NAME = 'pending-writes.json';
const PENDING_SUFFIX = '.pending';

const journalSchema = z.object({
  files: z.array(z.object({ file: z.string().min(1), remove: z.boolean() })),
});
type JournalEntry = z.infer<typeof journalSchema>['files'][number];

/**
 * Writes lowdb text files so that, whatever moment a crash comes at, either every one of them holds its new contents
 * or none does. One file is written the way lowdb always writes (steno: a temp file renamed into place). Several are
 * written beside their targets first; then a journal naming them is renamed into place, which is the moment the
 * change happens; then each is renamed over its target and the journal removed. {@link recoverFileSet} finishes a set
 * whose journal exists and discards one whose journal was never written.
 */
export class FileSetWriter {
  private readonly adapters = new Map<string, TextFile>();

  constructor(private readonly dataDir: string) {}

  async write(writes: readonly FileWrite[]): Promise<void> {
    const [only] = writes;
    if (writes.length === 1 && only) {
      if (only.content === null) await removeIfPresent(only.file);
      else await this.adapter(only.file).write(only.content);
      return;
    }
    if (writes.length === 0) return;
    await Promise.all(
      writes.flatMap((w) => (w.content === null ? [] : [this.adapter(w.file + PENDING_SUFFIX).write(w.content)])),
    );
    const entries = writes.map((w) => ({ file: path.relative(this.dataDir, w.file), remove: w.content === null }));
    await this.adapter(journalPath(this.dataDir)).write(JSON.stringify({ files: entries }));
    await applyJournal(this.dataDir, entries);
    await removeIfPresent(journalPath(this.dataDir));
  }

  /** One adapter per file: steno queues the writes to its file, and its temp file name is per file. */
  private adapter(file: string): TextFile {
    let adapter = this.adapters.get(file);
    if (!adapter) {
      adapter = new TextFile(file);
      this.adapters.set(file, adapter);
    }
    return adapter;
  }
}

/**
 * Run when a library is opened, before it is read: completes a set of writes that a crash interrupted after its
 * journal was in place, and removes the pending files of one interrupted before (the old contents still stand).
 */
export async function recoverFileSet(dataDir: string, folders: readonly string[]): Promise<void> {
  const text = await new TextFile(journalPath(dataDir)).read();
  if (text !== null) {
    const parsed = journalSchema.safeParse(safeJson(text));
    // The journal is renamed into place whole, so it is never half written; one that does not parse was not ours.
    if (parsed.success)
      await applyJournal(
        dataDir,
        parsed.data.files.filter((e) => isInside(dataDir, e.file)),
      );
    await removeIfPresent(journalPath(dataDir));
  }
  for (const folder of [dataDir, ...folders]) {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith(PENDING_SUFFIX)) await removeIfPresent(path.join(folder, name));
  }
}

async function applyJournal(dataDir: string, entries: readonly JournalEntry[]): Promise<void> {
  for (const entry of entries) {
    const file = path.join(dataDir, entry.file);
    if (entry.remove) {
      await removeIfPresent(file);
      continue;
    }
    try {
      await rename(file + PENDING_SUFFIX, file);
    } catch (error) {
      // Already renamed, by the write itself or by an earlier recovery that was interrupted in its turn.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

const journalPath = (dataDir: string): string => path.join(dataDir, JOURNAL_FILE_NAME);

const isInside = (dataDir: string, relative: string): boolean => {
  const resolved = path.resolve(dataDir, relative);
  return resolved.startsWith(path.resolve(dataDir) + path.sep);
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Removes a file; one that is not there is fine. */
export async function removeIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
