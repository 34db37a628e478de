import { copyFile, mkdir, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../shared/domain';
import { DataFileTooNewError } from './migrations';

export const BACKUP_DIR_NAME = 'backups';
/** How many of each kind of rolling backup are kept. */
export const KEEP_LAUNCH_BACKUPS = 5;
export const KEEP_DAILY_BACKUPS = 7;

const stampOf = (date: Date): string => date.toISOString().replace(/[:.]/g, '-');

/**
 * Copies the data file, as it is at launch, into backups/: one copy per launch (the last five kept) and one per day
 * (the last seven kept). Called only for a file that was read successfully, so every backup is a good one.
 */
export async function takeRollingBackups(dataDir: string, dataFile: string, now: Date): Promise<void> {
  const dir = path.join(dataDir, BACKUP_DIR_NAME);
  await mkdir(dir, { recursive: true });
  await copyFile(dataFile, path.join(dir, `launch-${stampOf(now)}.json`));
  const daily = path.join(dir, `daily-${now.toISOString().slice(0, 10)}.json`);
  const names = await readdir(dir);
  if (!names.includes(path.basename(daily))) await copyFile(dataFile, daily);
  await prune(dir, 'launch-', KEEP_LAUNCH_BACKUPS);
  await prune(dir, 'daily-', KEEP_DAILY_BACKUPS);
}

/** Keeps the newest `keep` files with this prefix (their names sort by time). */
async function prune(dir: string, prefix: string, keep: number): Promise<void> {
  const names = (await readdir(dir)).filter((n) => n.startsWith(prefix) && n.endsWith('.json')).sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) await unlink(path.join(dir, name));
}

/** The backups, newest first (by modification time, so launch and daily copies interleave correctly). */
export async function listBackups(dataDir: string): Promise<string[]> {
  const dir = path.join(dataDir, BACKUP_DIR_NAME);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const withTimes = await Promise.all(
    names.map(async (name) => ({ file: path.join(dir, name), time: (await stat(path.join(dir, name))).mtimeMs })),
  );
  return withTimes.sort((a, b) => b.time - a.time || b.file.localeCompare(a.file)).map((b) => b.file);
}

/** The newest backup this version can read, with its library; null when there is none. */
export async function newestGoodBackup(
  dataDir: string,
  read: (file: string) => Promise<{ kind: string; data?: Database }>,
): Promise<{ file: string; data: Database } | null> {
  for (const file of await listBackups(dataDir)) {
    try {
      const result = await read(file);
      if (result.kind === 'library' && result.data) return { file, data: result.data };
    } catch (error) {
      if (!(error instanceof DataFileTooNewError)) throw error;
    }
  }
  return null;
}
