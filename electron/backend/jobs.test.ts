import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupOf } from '../../shared/export/backup-format';
import { createBackend } from './backend';
import { writeExportFile } from './export-writer';
import { Jobs, type JobProgress } from './jobs';
import { openStore } from './store';
import { hardCaseLibrary } from './test/hard-cases';
import { callOk, libraryFiles, useTempDirs } from './test-support';

const tempDir = useTempDirs();

/** A backup of the hard cases with `count` more highlights: several megabytes, read in several parts. */
function bigBackup(count: number): string {
  const library = hardCaseLibrary();
  const template = library.highlights[3]!;
  const more = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: `more-${i}`,
    note: `note ${i}`.repeat(20),
  }));
  return JSON.stringify(backupOf({ ...library, highlights: [...library.highlights, ...more] }), null, 2);
}

describe('long work the page follows and stops', () => {
  it('tells how far an import of a backup is, and a cancelled one leaves the library as it was', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const jobs = new Jobs();
    const backend = createBackend(store, undefined, jobs);
    const before = await libraryFiles(dir);
    const content = bigBackup(20_000);
    expect(content.length).toBeGreaterThan(3 * 2 ** 20);
    const jobId = 'import-job-1';
    const importing = backend('importBackup', { content, jobId });
    // Once the request is checked the job is there, and says how much there is to read and how much is read.
    const progressOf = async () => (await callOk(backend, 'getJobProgress', { jobId })) as JobProgress | null;
    let progress = await progressOf();
    for (let turn = 0; turn < 100 && !progress?.total; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      progress = await progressOf();
    }
    expect(progress?.total).toBe(Buffer.byteLength(content));
    expect(progress!.done).toBeGreaterThanOrEqual(0);
    expect(progress!.done).toBeLessThan(progress!.total);
    expect(await backend('cancelJob', { jobId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await importing).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Cancelled: nothing was changed or written.' },
    });
    expect(await libraryFiles(dir)).toEqual(before);
    expect(store.data.highlights).toHaveLength(0);
    // Over: no such job any more.
    expect(await backend('getJobProgress', { jobId })).toEqual({ ok: true, value: null });
    expect(await backend('cancelJob', { jobId })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('stops a job cancelled before its request arrived, as soon as it begins', async () => {
    const store = await openStore(await tempDir(), { seed: false });
    const backend = createBackend(store);
    expect(await backend('cancelJob', { jobId: 'early-job-1' })).toEqual({ ok: true, value: { cancelled: false } });
    const result = await backend('importBackup', { content: bigBackup(10), jobId: 'early-job-1' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Cancelled: nothing was changed or written.' },
    });
    expect(store.data.highlights).toHaveLength(0);
  });

  it('imports the backup whole when not cancelled, and refuses a damaged one saying where', async () => {
    const store = await openStore(await tempDir(), { seed: false });
    const backend = createBackend(store);
    const content = bigBackup(3_000);
    const summary = await callOk(backend, 'importBackup', { content, jobId: 'import-job-2' });
    expect(summary.highlights.added).toBe(3_008);
    const damaged = await backend('importBackup', { content: content.slice(0, content.length / 2) });
    expect(damaged.ok).toBe(false);
    expect(!damaged.ok && damaged.error.message).toMatch(
      /^The backup ends too soon: it is cut short in its highlights, after [0-9,]+ records \(at byte [0-9,]+\)\.$/,
    );
  });

  it('stops an export between two documents, leaving no file', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { seed: false });
    await createBackend(store)('importBackup', { content: bigBackup(10) });
    const jobs = new Jobs();
    const target = path.join(await tempDir(), 'annotations.csv');
    const writing = jobs.run('export-job-1', (control) =>
      writeExportFile(store, { kind: 'annotations' }, target, {
        signal: control.signal,
        progress: (done, total) => {
          control.progress(done, total);
          if (done === 1) jobs.cancel('export-job-1');
        },
      }),
    );
    await expect(writing).rejects.toMatchObject({ code: 'cancelled' });
    expect(await readdir(path.dirname(target))).toEqual([]);
  });
});
