import { mkdir, readdir, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createBackend } from './backend';
import { BACKUP_DIR_NAME, listBackups } from './backups';
import { DATA_FILE_NAME } from './data-dir';
import { fsOps } from './storage/durable-file';
import { JOURNAL_FILE_NAME } from './storage/file-set-writer';
import { documentFilePath, documentsDirPath } from './storage/library-layout';
import { readLibrary } from './storage/read-library';
import { openStore } from './store';
import { callOk, libraryOnDisk, openSampleBackend, useTempDirs } from './test-support';

const tempDir = useTempDirs();

/** Words of the sample article to highlight, one highlight each. */
const quotesIn = (text: string, count: number): string[] =>
  [...new Set(text.match(/\b[A-Za-z]{6,}\b/g))].slice(0, count);

async function libraryWithWork(dir: string, highlights = 10) {
  const sample = await openSampleBackend(dir);
  for (const quote of quotesIn(sample.document.text, highlights)) await sample.highlight(quote);
  const second = await callOk(sample.backend, 'importText', {
    title: 'Second',
    text: 'A second article.\n\nIt stays healthy.',
  });
  return { ...sample, second: second.document };
}

describe('recovering a library', () => {
  it('takes the first backup of a new library at once', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { documentsInBackground: true });
    await store.save({ library: true }); // a write waits for the launch backup
    const backups = await listBackups(dir);
    expect(backups.length).toBeGreaterThan(0);
    const read = await readLibrary(backups[0]!.path);
    expect(read.kind === 'library' && read.data.documents.map((d) => d.id)).toEqual(
      store.data.documents.map((d) => d.id),
    );
  });

  it('never fails a launch on a damaged last-opened document with no backup: the rest opens, and it says why', async () => {
    const dir = await tempDir();
    const { document, second } = await libraryWithWork(dir);
    await rm(path.join(dir, BACKUP_DIR_NAME), { recursive: true });
    await truncate(documentFilePath(dir, document.id), 100);

    // As the app opens it: the library file first, the documents in the background.
    const store = await openStore(dir, { documentsInBackground: true });
    const backend = createBackend(store);
    const first = await callOk(backend, 'getWorkspace', {});
    expect(first.settings.lastDocumentId).toBe(document.id);
    expect(first.startDocumentId).toBe(document.id);
    const whileLoading = await callOk(backend, 'listDocuments', {});
    const opened = await backend('getDocument', { documentId: document.id });
    expect(opened.ok).toBe(false);
    const loaded = await callOk(backend, 'documentsLoaded', {});
    expect(loaded.notices.join('\n')).toMatch(/"Russia rejects.*could not be read.*No backup holds it/);
    const listing = await callOk(backend, 'listDocuments', { unlessRevision: whileLoading.revision });
    expect(listing.documents!.map((d) => d.id)).toEqual([second.id]);
    expect((await callOk(backend, 'getWorkspace', {})).settings.lastDocumentId).toBeNull();
    expect((await callOk(backend, 'getDocument', { documentId: second.id })).document.title).toBe('Second');

    // And the next launch does not stumble on it again.
    const again = createBackend(await openStore(dir, { documentsInBackground: true }));
    expect((await callOk(again, 'getWorkspace', {})).settings.lastDocumentId).not.toBe(document.id);
  });

  it('keeps intact document files newer than the backup when the library file is damaged, and brings back the rest', async () => {
    const dir = await tempDir();
    const { store, backend, document, tagIds } = await libraryWithWork(dir, 5);
    await (await openStore(dir)).save({ library: true }); // launch 2: backed up with 5 highlights, two documents
    // After the backup: 40 more highlights in the sample, and a third document with 3 highlights.
    const highlightIn = (documentId: string, text: string, quote: string) => {
      const start = text.indexOf(quote);
      return callOk(backend, 'createHighlight', { documentId, start, end: start + quote.length, quote, tagIds });
    };
    for (const quote of quotesIn(document.text, 45).slice(5)) await highlightIn(document.id, document.text, quote);
    const thirdText = 'Third article\n\nWith words.';
    const third = (await callOk(backend, 'importText', { title: 'Third', text: thirdText })).document;
    for (const quote of ['Third', 'article', 'words']) await highlightIn(third.id, thirdText, quote);
    expect(store.data.highlights).toHaveLength(48);
    await truncate(path.join(dir, DATA_FILE_NAME), 200);

    const reopened = await openStore(dir);
    expect(reopened.notices.join('\n')).toMatch(
      /restored from the backup .*The highlights of 1 document were taken from their intact files/,
    );
    expect(reopened.data.highlights.filter((h) => h.documentId === document.id)).toHaveLength(45);
    expect(reopened.recoverable()).toEqual([
      expect.objectContaining({ documentId: third.id, title: 'Third article', highlightCount: 3 }),
    ]);

    const reopenedBackend = createBackend(reopened);
    const workspace = await callOk(reopenedBackend, 'getWorkspace', {});
    expect(workspace.recoverable).toEqual([
      { documentId: third.id, title: 'Third article', charCount: third.charCount, highlightCount: 3 },
    ]);
    const brought = await callOk(reopenedBackend, 'bringBackDocument', { documentId: third.id });
    expect(brought).toMatchObject({ id: third.id, title: 'Third article', highlightCount: 3 });
    expect((await callOk(reopenedBackend, 'getWorkspace', {})).recoverable).toEqual([]);
    expect((await libraryOnDisk(dir)).highlights).toHaveLength(48);
    // One step to undo: the document is recoverable again.
    await callOk(reopenedBackend, 'undo', {});
    expect((await callOk(reopenedBackend, 'getWorkspace', {})).recoverable).toHaveLength(1);
    expect((await libraryOnDisk(dir)).highlights).toHaveLength(45);
  });

  it('never starts fresh silently over document files whose library file is missing', async () => {
    const dir = await tempDir();
    const { store } = await libraryWithWork(dir, 3);
    await (await openStore(dir)).save({ library: true }); // launch 2: backed up
    await unlink(path.join(dir, DATA_FILE_NAME));
    const reopened = await openStore(dir);
    expect(reopened.notices.join('\n')).toMatch(/The library file is missing, but 2 document files are there\./);
    expect(reopened.data.highlights).toEqual(store.data.highlights);
    expect(reopened.data.documents.map((d) => d.id)).toEqual(store.data.documents.map((d) => d.id));
  });

  it('refuses a stale journal that names the library file for removal, and says so', async () => {
    const dir = await tempDir();
    const { store } = await libraryWithWork(dir, 3);
    const journal = { id: '0123456789abcdef', files: [{ file: DATA_FILE_NAME, remove: true }] };
    await writeFile(path.join(dir, JOURNAL_FILE_NAME), JSON.stringify(journal));
    const reopened = await openStore(dir);
    expect(reopened.notices).toEqual([
      expect.stringMatching(/did not stage \(it would remove stance-annotator\.json\)/),
    ]);
    expect(reopened.data).toEqual(store.data);
    expect((await readdir(dir)).some((n) => n.startsWith(`${JOURNAL_FILE_NAME}.refused-`))).toBe(true);
  });
});

describe('reading a library while it is written', () => {
  it('never reads less than was saved before it began, when a save replaces a file between reading it and its log', async () => {
    const dir = await tempDir();
    const { store, document } = await libraryWithWork(dir, 5);
    const file = documentFilePath(dir, document.id);
    const names = await readdir(documentsDirPath(dir));
    expect(names.some((n) => n.endsWith('.log'))).toBe(true); // the five highlights are in the sample's log
    const saved = store.data.highlights.map((h) => h.id).sort();

    // Right after the reader has read the document's file, the app writes it whole (which removes its old log).
    const readFileOriginal = fsOps.readFile;
    let raced = false;
    vi.spyOn(fsOps, 'readFile').mockImplementation((async (...args: Parameters<typeof readFileOriginal>) => {
      const text = await readFileOriginal(...args);
      if (!raced && args[0] === file) {
        raced = true;
        await store.save({ library: true, documentIds: [document.id] });
      }
      return text;
    }) as typeof readFileOriginal);
    const read = await readLibrary(dir);
    expect(raced).toBe(true);
    expect(read.kind === 'library' && read.data.highlights.map((h) => h.id).sort()).toEqual(saved);
  });

  it('reads the library file again when a document it lists is deleted while it reads', async () => {
    const dir = await tempDir();
    const { backend, second } = await libraryWithWork(dir, 2);
    const secondFile = documentFilePath(dir, second.id);
    const readFileOriginal = fsOps.readFile;
    let raced = false;
    vi.spyOn(fsOps, 'readFile').mockImplementation((async (...args: Parameters<typeof readFileOriginal>) => {
      if (!raced && args[0] === secondFile) {
        raced = true;
        await callOk(backend, 'deleteDocument', { documentId: second.id });
      }
      return readFileOriginal(...args);
    }) as typeof readFileOriginal);
    const read = await readLibrary(dir);
    expect(raced).toBe(true);
    expect(read.kind === 'library' && read.damagedDocuments).toEqual([]);
    expect(read.kind === 'library' && read.data.documents).toHaveLength(1);
    await mkdir(dir, { recursive: true });
    expect(await readFile(path.join(dir, DATA_FILE_NAME), 'utf8')).not.toContain(second.id);
  });
});
