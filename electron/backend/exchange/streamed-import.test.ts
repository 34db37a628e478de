import { cp, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../shared/domain';
import { backupOf } from '../../../shared/export/backup-format';
import type { ImportSummary } from '../../../shared/export/import-summary';
import { createBackend } from '../backend';
import { documentsDirPath, libraryFilePath } from '../storage/library-layout';
import { openStore } from '../store';
import { hardCaseLibrary } from '../test/hard-cases';
import { callOk, libraryFiles, libraryOnDisk, openSampleBackend, SAMPLE_CLAIM, useTempDirs } from '../test-support';
import { importBackupStreamed, NotStreamable } from './streamed-import';

const tempDir = useTempDirs();

/** A backup file of `library`, as the app writes it. */
async function backupFile(library: Database): Promise<string> {
  const file = path.join(await tempDir(), 'backup.json');
  await writeFile(file, `${JSON.stringify(backupOf(library), null, 2)}\n`);
  return file;
}

/** The same backup imported through the app's handler (read whole): what the streamed import must equal. */
async function importedWhole(dir: string, file: string): Promise<ImportSummary> {
  const store = await openStore(dir, { seed: false });
  const summary = await callOk(createBackend(store), 'importBackup', { content: await readFile(file, 'utf8') });
  await store.close();
  return summary;
}

/** A library that already holds the hard cases' second document (same text) with a highlight, and the sample. */
async function libraryInUse(dir: string): Promise<void> {
  const { store, backend, highlight } = await openSampleBackend(dir);
  await highlight(SAMPLE_CLAIM);
  const shared = hardCaseLibrary().documents[1]!;
  const imported = await callOk(backend, 'importText', { title: 'Shared', text: shared.text });
  if (imported.status !== 'imported') throw new Error('not imported');
  const start = shared.text.indexOf('Emoji');
  await callOk(backend, 'createHighlight', {
    documentId: imported.document.id,
    start,
    end: start + 5,
    quote: 'Emoji',
    tagIds: [store.data.tags[0]!.id],
  });
  // Not closed: the new document's change log stays as a crash would leave it, for the import to fold.
}

/** Every file the library's folders hold, by name, and the temporary folder's import leftovers. */
async function leftovers(dir: string): Promise<string[]> {
  const names = [...(await readdir(dir)), ...(await readdir(documentsDirPath(dir)))];
  const temporary = (await readdir(tmpdir())).filter((n) => n.startsWith('.stance-annotator-'));
  return [...names.filter((n) => n.endsWith('.pending') || n.startsWith('pending-writes')), ...temporary];
}

describe('importing a backup a record at a time', () => {
  it('gives what the import read whole gives, into an empty library and into one in use', async () => {
    const file = await backupFile(hardCaseLibrary());
    for (const prepare of [async () => undefined, libraryInUse]) {
      const [streamed, whole] = [await tempDir(), await tempDir()];
      await prepare(streamed);
      // The same library twice: ids are random.
      await cp(streamed, whole, { recursive: true });
      const logs = async () =>
        (await readdir(documentsDirPath(streamed)).catch(() => [] as string[])).filter((n) => n.endsWith('.log'));
      const logsBefore = await logs();
      const summary = await importBackupStreamed(streamed, file);
      expect(summary).toEqual(await importedWhole(whole, file));
      const [a, b] = [await libraryOnDisk(streamed), await libraryOnDisk(whole)];
      const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
      expect(byId(a.highlights)).toEqual(byId(b.highlights));
      expect(a.documents.map((d) => d.id).sort()).toEqual(b.documents.map((d) => d.id).sort());
      expect(byId(a.documents)).toEqual(byId(b.documents));
      expect({ ...a, documents: [], highlights: [] }).toEqual({ ...b, documents: [], highlights: [] });
      // No journal or staged file is left, and the change log of the document the import rewrote is gone (the
      // sample's, untouched, stays for the app to fold).
      expect(await leftovers(streamed)).toEqual([]);
      expect((await logs()).length).toBe(Math.max(0, logsBefore.length - 1));
      // The library opens without a word to say: its counts match its files.
      expect((await openStore(streamed, { seed: false })).notices).toEqual([]);
    }
  });

  it('adds nothing the second time, and takes highlights of a document listed in two runs', async () => {
    const library = hardCaseLibrary();
    const [first, ...rest] = library.highlights;
    // A backup written by another tool: the first document's highlights before and after the others.
    const file = await backupFile({ ...library, highlights: [...rest.reverse(), first!] });
    const dir = await tempDir();
    expect((await importBackupStreamed(dir, file)).highlights).toEqual({ added: 8, alreadyThere: 0 });
    const again = await importBackupStreamed(dir, file);
    expect(again.highlights).toEqual({ added: 0, alreadyThere: 8 });
    expect(again.documents).toEqual({ added: 0, alreadyThere: 3 });
    const read = await libraryOnDisk(dir);
    expect(read.highlights.map((h) => h.id).sort()).toEqual(library.highlights.map((h) => h.id).sort());
  });

  it('finds the highlights a library holds whatever the counts in its library file say (stale after a crash)', async () => {
    const file = await backupFile(hardCaseLibrary());
    const dir = await tempDir();
    await importBackupStreamed(dir, file);
    const listing = JSON.parse(await readFile(libraryFilePath(dir), 'utf8')) as { documents: object[] };
    listing.documents = listing.documents.map((d) => ({ ...d, highlightCount: 0 }));
    await writeFile(libraryFilePath(dir), JSON.stringify(listing));
    expect((await importBackupStreamed(dir, file)).highlights).toEqual({ added: 0, alreadyThere: 8 });
    expect((await libraryOnDisk(dir)).highlights).toHaveLength(8);
  });

  it('refuses a backup cut short, saying where, and leaves the library as it was', async () => {
    const dir = await tempDir();
    await libraryInUse(dir);
    const before = await libraryFiles(dir);
    const file = await backupFile(hardCaseLibrary());
    await truncate(file, Math.floor((await readFile(file)).length * 0.8));
    await expect(importBackupStreamed(dir, file)).rejects.toThrow(
      /^The backup ends too soon: it is cut short in its highlights, after 1 record \(at byte [0-9,]+\)\.$/,
    );
    expect(await libraryFiles(dir)).toEqual(before);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('refuses a backup with a bad record in the middle, naming the record, and leaves the library as it was', async () => {
    const dir = await tempDir();
    await libraryInUse(dir);
    const before = await libraryFiles(dir);
    const library = hardCaseLibrary();
    const highlights = library.highlights.map((h, i) => (i === 5 ? { ...h, quote: 'not the text' } : h));
    await expect(importBackupStreamed(dir, await backupFile({ ...library, highlights }))).rejects.toThrow(
      /^The backup is damaged at its highlight 6 \(bytes [0-9,]+–[0-9,]+\): highlight h-5 does not match its document's text\.$/,
    );
    // Broken JSON in the middle of a record.
    const file = await backupFile(library);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"h-3"', '"h-3" "oops"'));
    await expect(importBackupStreamed(dir, file)).rejects.toThrow(
      /^The backup is damaged at its highlight 4 \(bytes [0-9,]+–[0-9,]+\): Expected ',' or '}' after property value in JSON at position 20\.$/,
    );
    // A long list that is no list.
    await writeFile(file, '{"format":"stance-annotator-backup","schemaVersion":8,"documents":5}');
    await expect(importBackupStreamed(dir, file)).rejects.toThrow(
      'The backup is damaged: its "documents" is not a list.',
    );
    expect(await libraryFiles(dir)).toEqual(before);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('stops when cancelled, leaving nothing behind', async () => {
    const dir = await tempDir();
    await libraryInUse(dir);
    const before = await libraryFiles(dir);
    const base = hardCaseLibrary();
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...base.highlights[3]!, id: `many-${i}` }));
    const file = await backupFile({ ...base, highlights: [...base.highlights, ...many] });
    const controller = new AbortController();
    const seen: number[] = [];
    const progress = (fraction: number) => {
      seen.push(fraction);
      if (fraction > 0.5) controller.abort(new Error('Cancelled by the analyst.'));
    };
    await expect(importBackupStreamed(dir, file, { signal: controller.signal, progress })).rejects.toThrow(
      'Cancelled by the analyst.',
    );
    expect(seen.length).toBeGreaterThan(2);
    expect(await libraryFiles(dir)).toEqual(before);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('leaves a backup of an earlier schema to the import that reads it whole', async () => {
    const library = hardCaseLibrary();
    const file = path.join(await tempDir(), 'old.json');
    await writeFile(file, JSON.stringify({ ...backupOf(library), schemaVersion: 7 }));
    const dir = await tempDir();
    await expect(importBackupStreamed(dir, file)).rejects.toThrow(NotStreamable);
    await expect(readFile(libraryFilePath(dir), 'utf8')).resolves.toContain('"documents": []');
  });
});
