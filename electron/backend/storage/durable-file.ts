import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * Writes that survive a power loss once they resolve. Renaming a temporary file into place (what lowdb's steno does)
 * is atomic against a crash of the process, but not against the machine losing power: the rename and the data can
 * still sit in the page cache, and after a reboot the file may be empty or old. So each write here syncs the data
 * before the rename and the folder after it, and an append syncs what it appended, before anything is acknowledged.
 *
 * The file system calls go through {@link fsOps}, so a test can see their order.
 */
export const fsOps = { open, rename, unlink, readFile };

/**
 * Makes this thread read files synchronously: for a worker thread, which has no event loop to keep free, a read is then
 * one call instead of four round trips through libuv's pool (open, stat, read, close).
 */
export function readFilesSynchronously(): void {
  fsOps.readFile = (async (file: string, encoding: BufferEncoding) => readFileSync(file, encoding)) as typeof readFile;
}

/** What a file is written with: text, its UTF-8 bytes, or those bytes in pieces (written one after another). */
export type FileContent = string | Uint8Array | readonly Uint8Array[];

async function writeContent(handle: FileHandle, content: FileContent): Promise<void> {
  if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content, 'utf8');
  // Each piece after the last: a file handle writes on from where it is.
  else for (const piece of content) await handle.writeFile(piece);
}

/** Syncs a folder, so that a rename or a new name inside it is on disk. Windows cannot open folders: it has no need. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fsOps.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `content` to a new temporary file beside `file`, syncs it, renames it into place and syncs the folder. */
export async function writeFileDurably(file: string, content: FileContent): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsOps.open(temporary, 'w');
  try {
    await writeContent(handle, content);
    await handle.datasync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fsOps.unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await fsOps.rename(temporary, file);
  } catch (error) {
    await fsOps.unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(path.dirname(file));
}

/**
 * Writes `content` to `file` in place and syncs its data, not its name: for a file that means nothing until something
 * durable names it (a staged file of a set, named by its journal once its folder is synced: file-set-writer.ts).
 */
export async function writeDataDurably(file: string, content: FileContent): Promise<void> {
  const handle = await fsOps.open(file, 'w');
  try {
    await writeContent(handle, content);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Appends `content` to `file` and syncs it (and its folder, when the append created it). */
export async function appendDurably(file: string, content: string): Promise<void> {
  const handle = await fsOps.open(file, 'a');
  let created: boolean;
  try {
    created = (await handle.stat()).size === 0;
    await writeContent(handle, content);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (created) await syncFolder(path.dirname(file));
}

/** Renames a file and syncs the folders involved. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await fsOps.rename(from, to);
  await syncFolder(path.dirname(to));
  if (path.dirname(from) !== path.dirname(to)) await syncFolder(path.dirname(from));
}

/** Removes a file (one that is not there is fine) and syncs its folder. */
export async function removeDurably(file: string): Promise<void> {
  try {
    await fsOps.unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await syncFolder(path.dirname(file));
}

/** A file's text; null when it does not exist. */
export async function readTextFile(file: string): Promise<string | null> {
  try {
    return await fsOps.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * lowdb's text adapter, made durable: `write` resolves once the text is on disk to stay. Writes to one file are run
 * one after another (each renames its own temporary file, so two at once could land out of order).
 */
export class DurableTextFile implements Adapter<string> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  read(): Promise<string | null> {
    return readTextFile(this.file);
  }

  write(content: FileContent): Promise<void> {
    const run = this.queue.then(
      () => writeFileDurably(this.file, content),
      () => writeFileDurably(this.file, content),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }
}
