import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataLock, DataDirLockedError, LOCK_FILE_NAME, processStartOf } from './data-lock';
import { useTempDirs } from './test-support';

const tempDir = useTempDirs();

describe('data folder lock', () => {
  it('lets one holder in and refuses the next with a clear message until it is released', async () => {
    const dir = await tempDir();
    const lock = await acquireDataLock(dir, 'browser mode');
    await expect(acquireDataLock(dir, 'command line')).rejects.toThrow(DataDirLockedError);
    await expect(acquireDataLock(dir, 'command line')).rejects.toThrow(
      /already open in another Stance Annotator \(browser mode, process/,
    );
    lock.release();
    (await acquireDataLock(dir, 'command line')).release();
  });

  it('creates the data folder of a first start', async () => {
    const dir = path.join(await tempDir(), 'new', 'library');
    const lock = await acquireDataLock(dir, 'browser mode');
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('refuses while another live process holds it', async () => {
    const dir = await tempDir();
    // The parent of this test process is alive for sure.
    await writeFile(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: process.ppid, hostname: hostname(), shell: 'Electron', startedAt: 'earlier' }),
    );
    await expect(acquireDataLock(dir, 'browser mode')).rejects.toThrow(/Electron, process/);
  });

  it('takes over a stale lock left by a process that has died, and an unreadable one', async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    await writeFile(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: dead, hostname: hostname(), shell: 'browser mode', startedAt: 'yesterday' }),
    );
    const lock = await acquireDataLock(dir, 'browser mode');
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    lock.release();

    await writeFile(path.join(dir, LOCK_FILE_NAME), 'garbage');
    (await acquireDataLock(dir, 'browser mode')).release();
  });

  it.skipIf(process.platform !== 'linux')(
    'takes over a lock whose process id now names another process (a reused id), and names the lock file',
    async () => {
      const dir = await tempDir();
      const file = path.join(dir, LOCK_FILE_NAME);
      const start = processStartOf(process.ppid);
      expect(start).not.toBeNull(); // Linux: /proc tells when a process started
      // The parent process runs, but it is not the one that wrote the lock: that one started at another time.
      const reused = { pid: process.ppid, hostname: hostname(), shell: 'browser mode', startedAt: 'earlier' };
      await writeFile(file, JSON.stringify({ ...reused, processStart: 'another-boot:12345' }));
      const lock = await acquireDataLock(dir, 'command line');
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, shell: 'command line' });
      lock.release();
      // Even this process's own id, left in a lock by an earlier process that had it.
      await writeFile(file, JSON.stringify({ ...reused, pid: process.pid, processStart: 'another-boot:1' }));
      (await acquireDataLock(dir, 'command line')).release();

      // The same process, started when the lock says: it runs, so the lock holds, and the message names the file.
      await writeFile(file, JSON.stringify({ ...reused, processStart: start }));
      const refusal = acquireDataLock(dir, 'command line');
      await expect(refusal).rejects.toThrow(DataDirLockedError);
      await expect(acquireDataLock(dir, 'command line')).rejects.toThrow(`the lock file ${file} is left over`);
    },
  );
});
