import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE_NAME = 'stance-annotator.lock';

interface LockOwner {
  pid: number;
  hostname: string;
  shell: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, owner: LockOwner) {
    super(
      `The library in ${dataDir} is already open in another Stance Annotator (${owner.shell}, process ${owner.pid}, ` +
        `since ${owner.startedAt}). Close that one first, or choose another folder with --data-dir.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataLock {
  /** Gives the folder up (also done when the process exits). */
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per library: a lock file in the data folder, created exclusively. A lock left by a process that no
 * longer runs on this machine is taken over; a live one makes this process refuse with a clear message. (Electron
 * also holds its single-instance lock; this file is what keeps the browser mode, the command line and the app from
 * writing one file together.)
 */
export async function acquireDataLock(dataDir: string, shell: string): Promise<DataLock> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, hostname: hostname(), shell, startedAt: new Date().toISOString() };
  const text = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, text, { flag: 'wx' });
      return holdLock(file, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner && owner.hostname === me.hostname && owner.pid !== me.pid && isAlive(owner.pid)) {
      throw new DataDirLockedError(dataDir, owner);
    }
    if (owner && owner.hostname !== me.hostname) {
      // Another machine (a shared folder): its processes cannot be checked from here, so never take over.
      throw new DataDirLockedError(dataDir, owner);
    }
    if (owner?.pid === me.pid) throw new DataDirLockedError(dataDir, owner);
    // Stale (its process is gone) or unreadable: take it over.
    await unlink(file).catch(() => undefined);
  }
  throw new Error(`Could not take the lock ${file}.`);
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string'
      ? { pid: owner.pid, hostname: owner.hostname, shell: String(owner.shell), startedAt: String(owner.startedAt) }
      : null;
  } catch {
    return null;
  }
}

function holdLock(file: string, text: string): DataLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      // Only our own lock: never remove one another process took over.
      if (readFileSync(file, 'utf8') === text) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return { release };
}
