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
  /**
   * When the process started, as the system tells it (see {@link processStartOf}): a process id is reused once its
   * process is gone (in a container, a restarted app often gets the very same one), so the id alone cannot say
   * whether the lock's process still runs. Absent in locks of earlier versions, and where the system cannot tell.
   */
  processStart?: string;
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, owner: LockOwner) {
    super(
      `The library in ${dataDir} is already open in another Stance Annotator (${owner.shell}, process ${owner.pid}, ` +
        `since ${owner.startedAt}). Close that one first, or choose another folder with --data-dir. (If no other ` +
        `Stance Annotator runs, the lock file ${path.join(dataDir, LOCK_FILE_NAME)} is left over: remove it.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataLock {
  /** Gives the folder up (also done when the process exits). */
  release(): void;
}

/**
 * A process's start, as an opaque string: on Linux the boot's id and the start time in clock ticks since boot
 * (/proc/PID/stat, field 22), which together name one process for good. null where it cannot be read (another
 * system, or the process is gone).
 */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${boot}:${fields[19]}`;
  } catch {
    return null;
  }
}

/** Whether the lock's owner runs: its process id is alive and, where both are known, started when the lock says. */
function ownerRuns(owner: LockOwner): boolean {
  if (!isAlive(owner.pid)) return false;
  if (owner.processStart === undefined) return true;
  const start = processStartOf(owner.pid);
  return start === null || start === owner.processStart;
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
  const processStart = processStartOf(process.pid);
  const me: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    shell,
    startedAt: new Date().toISOString(),
    ...(processStart !== null && { processStart }),
  };
  const text = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, text, { flag: 'wx' });
      return holdLock(file, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner && owner.hostname !== me.hostname) {
      // Another machine (a shared folder): its processes cannot be checked from here, so never take over.
      throw new DataDirLockedError(dataDir, owner);
    }
    // This very process holds it already (a second open), or another process that still runs.
    const itIsMe = owner?.pid === me.pid && (owner.processStart ?? me.processStart) === me.processStart;
    if (owner && (itIsMe || (owner.pid !== me.pid && ownerRuns(owner)))) throw new DataDirLockedError(dataDir, owner);
    // Stale (its process is gone, or its id now names another process) or unreadable: take it over.
    await unlink(file).catch(() => undefined);
  }
  throw new Error(`Could not take the lock ${file}.`);
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string'
      ? {
          pid: owner.pid,
          hostname: owner.hostname,
          shell: String(owner.shell),
          startedAt: String(owner.startedAt),
          ...(typeof owner.processStart === 'string' && { processStart: owner.processStart }),
        }
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
