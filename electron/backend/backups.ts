import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, readdir, rm, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../shared/domain';
import { DataFileTooNewError } from './migrations/index';
import { mapLimited } from './storage/map-limited';
import type { LibraryRead } from './storage/read-library';
import { fileStamp as stampOf } from './storage/file-stamp';

export const BACKUP_DIR_NAME = 'backups';
/** How many of each kind of rolling backup are kept. */
export const KEEP_LAUNCH_BACKUPS = 5;
export const KEEP_DAILY_BACKUPS = 7;

/**
 * Keeps the library's files, as they are at launch, in backups/: one copy per launch (the last five kept) and one per
 * day (the last seven kept), each a folder laid out like the data folder. Called only for a library that was read
 * successfully, so every backup is a good one.
 *
 * Real copies, never links to the live files (a file damaged in place would take its backup with it). But a file
 * unchanged since the newest backup (same size and modification time, which the copy keeps) is hard-linked to that
 * backup's copy, as rsync's --link-dest does: a library of 2,000 documents where one changed copies one file, not
 * 90 MB, at each launch. Copies are reflinks where the disk can make them.
 *
 * `files` are paths inside `dataDir`.
 */
export async function takeRollingBackups(dataDir: string, files: readonly string[], now: Date): Promise<void> {
  const dir = path.join(dataDir, BACKUP_DIR_NAME);
  await mkdir(dir, { recursive: true });
  const previous = (await listBackups(dataDir)).find((b) => !b.singleFile)?.path ?? null;
  const launch = path.join(dir, `launch-${stampOf(now)}`);
  await snapshot(dataDir, files, launch, previous);
  const daily = `daily-${now.toISOString().slice(0, 10)}`;
  const names = await readdir(dir);
  if (!names.some((name) => name === daily || name === `${daily}.json`)) {
    await snapshot(dataDir, files, path.join(dir, daily), launch);
  }
  await prune(dir, 'launch-', KEEP_LAUNCH_BACKUPS);
  await prune(dir, 'daily-', KEEP_DAILY_BACKUPS);
}

async function snapshot(dataDir: string, files: readonly string[], into: string, previous: string | null) {
  // The few folders the files are in, then where each goes: resolving 20,000 paths at once held the backend 0.1 s.
  const folders = new Set(files.map((file) => path.dirname(file)));
  for (const folder of folders) await mkdir(path.join(into, path.relative(dataDir, folder)), { recursive: true });
  await mapLimited(files, 16, async (file) => {
    const relative = path.relative(dataDir, file);
    const copy = path.join(into, relative);
    const info = await stat(file);
    if (previous && (await sameFile(path.join(previous, relative), info.size, info.mtimeMs))) {
      try {
        await link(path.join(previous, relative), copy);
        return;
      } catch {
        // No hard links on this disk (FAT, some network shares): copy instead.
      }
    }
    await copyFile(file, copy, constants.COPYFILE_FICLONE);
    await utimes(copy, info.atimeMs / 1000, info.mtimeMs / 1000);
  });
}

async function sameFile(file: string, size: number, mtimeMs: number): Promise<boolean> {
  try {
    const info = await stat(file);
    // utimes keeps the time to about a microsecond; no write follows another that closely.
    return info.size === size && Math.abs(info.mtimeMs - mtimeMs) < 0.01;
  } catch {
    return false;
  }
}

/** Keeps the newest `keep` backups with this prefix (their names sort by time); older versions kept single files. */
async function prune(dir: string, prefix: string, keep: number): Promise<void> {
  const names = (await readdir(dir)).filter((n) => n.startsWith(prefix)).sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) await removeBackup(path.join(dir, name));
}

/**
 * Removes a backup: a folder a few files at a time, or a single file. `rm(…, { recursive: true })` asks for every
 * file's status at once, which held the backend for half a second at each launch with 20,000 documents.
 */
async function removeBackup(backup: string): Promise<void> {
  if (!(await lstat(backup)).isDirectory()) return rm(backup, { force: true });
  const entries = await readdir(backup, { withFileTypes: true });
  await mapLimited(entries, 16, async (entry) => {
    const inside = path.join(backup, entry.name);
    await (entry.isDirectory() ? removeBackup(inside) : unlink(inside));
  });
  await rmdir(backup);
}

/**
 * The backups, newest first (by modification time, so launch and daily copies interleave correctly): folders, and
 * the single files that versions before the split into document files kept.
 */
export async function listBackups(dataDir: string): Promise<{ path: string; singleFile: boolean }[]> {
  const dir = path.join(dataDir, BACKUP_DIR_NAME);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.startsWith('launch-') || n.startsWith('daily-'));
  } catch {
    return [];
  }
  const entries = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const info = await stat(file);
      return { path: file, singleFile: info.isFile(), time: info.mtimeMs };
    }),
  );
  return entries
    .sort((a, b) => b.time - a.time || b.path.localeCompare(a.path))
    .map(({ path: file, singleFile }) => ({ path: file, singleFile }));
}

/** The newest backup this version can read whole, with its library; null when there is none. */
export async function newestGoodBackup(
  dataDir: string,
  read: (backup: { path: string; singleFile: boolean }) => Promise<LibraryRead>,
): Promise<{ file: string; data: Database } | null> {
  for (const backup of await listBackups(dataDir)) {
    try {
      const result = await read(backup);
      if (result.kind === 'library' && result.damagedDocuments.length === 0) {
        return { file: backup.path, data: result.data };
      }
    } catch (error) {
      if (!(error instanceof DataFileTooNewError)) throw error;
    }
  }
  return null;
}
