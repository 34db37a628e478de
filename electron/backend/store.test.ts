import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CURRENT_SCHEMA_VERSION, documentListItem, type Database } from '../../shared/domain';
import { createBackend } from './backend';
import { BACKUP_DIR_NAME } from './backups';
import { DATA_FILE_NAME } from './data-dir';
import { newLibrary } from './new-library';
import { documentFilePath, libraryFileSchema } from './storage/library-layout';
import { openStore } from './store';
import { callOk, libraryOnDisk, SAMPLE_CLAIM, useTempDirs } from './test-support';

const tempDir = useTempDirs();
const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));

/** A new library with one highlight made through the backend; returns the backend and the ids. */
async function libraryWithHighlight(dir: string) {
  const store = await openStore(dir);
  const backend = createBackend(store);
  const document = store.data.documents[0]!;
  const start = document.text.indexOf(SAMPLE_CLAIM);
  const args = { documentId: document.id, start, end: start + SAMPLE_CLAIM.length, quote: SAMPLE_CLAIM };
  const highlight = await callOk(backend, 'createHighlight', { ...args, tagIds: [store.data.tags[0]!.id] });
  return { store, backend, document, highlight };
}

/** Writes that follow a save in the background: given time on a busy machine (the whole suite runs in parallel). */
const WAIT = { timeout: 10_000, interval: 20 };

describe('openStore', () => {
  it('starts a new library on disk: a library file, and a file for the sample article', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const library = libraryFileSchema.parse(await readJson(path.join(dir, DATA_FILE_NAME)));
    expect(library.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(library.documents).toHaveLength(1);
    expect(library.documents[0]).not.toHaveProperty('text');
    expect(library.tags.map((t) => t.name)).toEqual(['Claim', 'Evidence', 'Quote', 'Proposal', 'Condition']);
    expect(library.settings.lastDocumentId).toBe(library.documents[0]!.id);
    const documentFile = (await readJson(documentFilePath(dir, library.documents[0]!.id))) as { text: string };
    expect(documentFile.text).toContain(SAMPLE_CLAIM);
    expect(await libraryOnDisk(dir)).toEqual(store.data);
    expect(store.notices).toEqual([]);
  });

  it("writes an acknowledged highlight into its document's file, and its count into the library file", async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { countsDelayMs: 50 });
    const libraryAtStart = await readFile(path.join(dir, DATA_FILE_NAME), 'utf8');
    const document = store.data.documents[0]!;
    const documentBefore = await readFile(documentFilePath(dir, document.id), 'utf8');
    const start = document.text.indexOf(SAMPLE_CLAIM);
    const tagIds = [store.data.tags[0]!.id];
    const backend = createBackend(store);
    const created = await callOk(backend, 'createHighlight', {
      documentId: document.id,
      start,
      end: start + SAMPLE_CLAIM.length,
      quote: SAMPLE_CLAIM,
      tagIds,
    });

    // Acknowledged means written: the document's change log (not memory) holds the highlight now, appended beside
    // its file, which is not rewritten.
    expect(await readFile(documentFilePath(dir, document.id), 'utf8')).toBe(documentBefore);
    const log = (await readdir(path.dirname(documentFilePath(dir, document.id)))).find((n) => n.endsWith('.log'))!;
    const logged = await readFile(path.join(path.dirname(documentFilePath(dir, document.id)), log), 'utf8');
    expect(logged.split('\n')).toEqual([expect.stringContaining(created.id), '']);
    const listed = () => readJson(path.join(dir, DATA_FILE_NAME)).then((f) => libraryFileSchema.parse(f).documents[0]);
    // Its count is not part of the save: the library file follows once the analyst pauses.
    expect(await readFile(path.join(dir, DATA_FILE_NAME), 'utf8')).toBe(libraryAtStart);
    await vi.waitFor(async () => expect(await listed()).toMatchObject({ highlightCount: 1 }), WAIT);
    expect(await listed()).toMatchObject({ charCount: document.text.length });
    const onDisk = await libraryOnDisk(dir);
    expect(onDisk.highlights).toHaveLength(1);
    expect(onDisk.highlights[0]).toMatchObject({ quote: SAMPLE_CLAIM, start, tagIds });
    expect(onDisk.highlights[0]!.prefix).toBe(document.text.slice(start - 32, start));

    // An edit that adds or removes nothing leaves the library file alone: at library scale it costs one small file.
    const libraryBefore = await readFile(path.join(dir, DATA_FILE_NAME), 'utf8');
    await callOk(backend, 'updateHighlight', { highlightId: created.id, note: 'Checked.' });
    expect(await readFile(path.join(dir, DATA_FILE_NAME), 'utf8')).toBe(libraryBefore);
    expect((await libraryOnDisk(dir)).highlights[0]!.note).toBe('Checked.');

    await callOk(backend, 'deleteHighlight', { highlightId: created.id });
    await vi.waitFor(async () => expect(await listed()).toMatchObject({ highlightCount: 0 }), WAIT);
    const reopened = await openStore(dir);
    expect(reopened.data).toEqual(store.data);
  });

  it('writes counts still waiting when the library is closed', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { countsDelayMs: 60_000 });
    const backend = createBackend(store);
    const document = store.data.documents[0]!;
    const start = document.text.indexOf(SAMPLE_CLAIM);
    const args = { documentId: document.id, start, end: start + SAMPLE_CLAIM.length, quote: SAMPLE_CLAIM };
    await callOk(backend, 'createHighlight', { ...args, tagIds: [] });
    const listed = async () => libraryFileSchema.parse(await readJson(path.join(dir, DATA_FILE_NAME))).documents[0];
    expect(await listed()).toMatchObject({ highlightCount: 0 });
    await store.close();
    expect(await listed()).toMatchObject({ highlightCount: 1 });
  });

  it('answers the first screen before the documents are read, and everything else once they are', async () => {
    const dir = await tempDir();
    const { store: first, document, highlight } = await libraryWithHighlight(dir);
    await first.close(); // the counts too
    const store = await openStore(dir, { documentsInBackground: true });
    expect(store.isLoaded).toBe(false);
    expect(() => store.data).toThrow(/still loading/);
    const backend = createBackend(store);
    const workspace = await callOk(backend, 'getWorkspace', {});
    expect(workspace.loading).toBe(true);
    expect(workspace.startDocumentId).toBe(document.id);
    const listing = await callOk(backend, 'listDocuments', {});
    const { text, ...details } = document;
    // What the Library lists: no checksum, source, memo or size (shared/domain.ts's DocumentListItem).
    expect(listing.documents).toEqual([documentListItem({ ...details, charCount: text.length, highlightCount: 1 })]);
    expect(Object.keys(listing.documents![0]!).sort()).toEqual(
      ['addedAt', 'highlightCount', 'id', 'meta', 'title', 'variables'].sort(),
    );
    const opened = await callOk(backend, 'getDocument', { documentId: document.id });
    expect(opened.highlights.map((h) => h.id)).toEqual([highlight.id]);
    expect(opened.highlights[0]).not.toHaveProperty('prefix'); // the renderer takes quotes from the text
    // A change waits for the documents, then lands.
    await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: 'After loading.' });
    expect(store.isLoaded).toBe(true);
    expect((await callOk(backend, 'getWorkspace', {})).loading).toBe(false);
    // Reading the documents left the listing as the library file gave it: the page need not take it again.
    const after = await callOk(backend, 'listDocuments', { unlessRevision: listing.revision });
    expect(after.documents).toBeNull();
    expect(after.revision).not.toBe(listing.revision);
    expect(store.data.tags).toEqual(first.data.tags);
  });

  it('reads the documents when asked, not when the first screen opens one; the place is remembered once read', async () => {
    const dir = await tempDir();
    const { store: first, backend: firstBackend, document } = await libraryWithHighlight(dir);
    const pasted = await callOk(firstBackend, 'importText', { title: 'Second', text: 'Another article to read.' });
    await first.close();
    const store = await openStore(dir, { documentsInBackground: true, backgroundLoadDelayMs: 60_000 });
    const backend = createBackend(store);
    expect((await callOk(backend, 'getWorkspace', {})).startDocumentId).toBe(document.id);
    await callOk(backend, 'listDocuments', {});
    // The analyst opens the other document at once: opened from its file, the documents still unread.
    expect((await callOk(backend, 'getDocument', { documentId: pasted.document.id })).document.title).toBe('Second');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(store.isLoaded).toBe(false);
    // Asked for (as the page does once its first screen is shown), they are read, and the place follows.
    await callOk(backend, 'documentsLoaded', {});
    expect(store.isLoaded).toBe(true);
    await vi.waitFor(() => expect(store.data.settings.lastDocumentId).toBe(pasted.document.id), WAIT);
  });

  it('corrects counts that do not match the document files (after a restore or a crash)', async () => {
    const dir = await tempDir();
    await libraryWithHighlight(dir);
    const file = path.join(dir, DATA_FILE_NAME);
    const library = libraryFileSchema.parse(await readJson(file));
    library.documents[0]!.highlightCount = 7;
    await writeFile(file, JSON.stringify(library));
    // Opened as the app opens it: the page has the library file's count, and takes the corrected one once read.
    const backend = createBackend(await openStore(dir, { documentsInBackground: true }));
    const whileLoading = await callOk(backend, 'listDocuments', {});
    expect(whileLoading.documents![0]!.highlightCount).toBe(7);
    await callOk(backend, 'documentsLoaded', {});
    const loaded = await callOk(backend, 'listDocuments', { unlessRevision: whileLoading.revision });
    expect(loaded.documents![0]!.highlightCount).toBe(1);
    expect(libraryFileSchema.parse(await readJson(file)).documents[0]!.highlightCount).toBe(1);
  });

  it('writes a new document and its listing together, and removes the file of a deleted one', async () => {
    const dir = await tempDir();
    const backend = createBackend(await openStore(dir));
    const imported = await callOk(backend, 'importText', { title: 'Pasted', text: 'Some words to annotate.' });
    expect((await libraryOnDisk(dir)).documents.map((d) => d.title)).toContain('Pasted');
    await callOk(backend, 'deleteDocument', { documentId: imported.document.id });
    await expect(stat(documentFilePath(dir, imported.document.id))).rejects.toThrow(/ENOENT/);
    expect((await libraryOnDisk(dir)).documents.map((d) => d.title)).not.toContain('Pasted');
    await callOk(backend, 'undo', {});
    expect((await libraryOnDisk(dir)).documents.map((d) => d.title)).toContain('Pasted');
  });

  it('moves an unreadable library file aside, never overwriting it, and says where it went', async () => {
    for (const contents of ['', '{"schemaVersion": 1, "documents": [', '\0\0\0', '[1, 2]', '{"schemaVersion":1}']) {
      const dir = await tempDir();
      const file = path.join(dir, DATA_FILE_NAME);
      await writeFile(file, contents);
      const store = await openStore(dir);
      expect(store.notices).toHaveLength(1);
      const aside = (await readdir(dir)).find((name) => name.startsWith(`${DATA_FILE_NAME}.unreadable-`));
      expect(aside, `moved aside: ${JSON.stringify(contents)}`).toBeDefined();
      expect(await readFile(path.join(dir, aside!), 'utf8')).toBe(contents);
      expect(store.notices[0]).toContain(aside);
      expect(store.data.documents).toHaveLength(1);
    }
  });

  it('moves a library from a newer version aside untouched, and says so', async () => {
    for (const layout of [{}, { layout: 'document-files' }]) {
      const dir = await tempDir();
      const contents = JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION + 1, ...layout, documents: [] });
      await writeFile(path.join(dir, DATA_FILE_NAME), contents);
      const store = await openStore(dir);
      const aside = (await readdir(dir)).find((name) => name.startsWith(`${DATA_FILE_NAME}.unreadable-`))!;
      expect(await readFile(path.join(dir, aside), 'utf8')).toBe(contents);
      expect(store.notices[0]).toMatch(/written by a newer version of Stance Annotator/);
      expect(store.notices[0]).toContain(aside);
    }
  });

  it('restores the newest good backup when the library file is damaged in any way', async () => {
    const damaged = {
      empty: '',
      truncated: '{"schemaVersion": 4, "layout": "document-files", "documents": [{"id": "x", "tit',
      'invalid JSON': '{schemaVersion: 2}',
      'NUL bytes': '\0\0\0\0',
      'wrong shape': JSON.stringify({ schemaVersion: 4, layout: 'document-files', documents: 'none', tags: [] }),
      'future schema': JSON.stringify({ schemaVersion: 999 }),
    };
    for (const [kind, contents] of Object.entries(damaged)) {
      const dir = await tempDir();
      // Two launches: the second one's backup holds the highlight made during the first.
      const { store } = await libraryWithHighlight(dir);
      const good = structuredClone(store.data);
      await (await openStore(dir)).save({ library: true }); // a save waits for the launch backup
      await writeFile(path.join(dir, DATA_FILE_NAME), contents);

      const restored = await openStore(dir);
      expect(restored.data, kind).toEqual(good);
      expect(await libraryOnDisk(dir), kind).toEqual(good);
      const aside = (await readdir(dir)).find((name) => name.startsWith(`${DATA_FILE_NAME}.unreadable-`))!;
      expect(await readFile(path.join(dir, aside), 'utf8'), kind).toBe(contents);
      expect(restored.notices[0], kind).toMatch(/restored from the backup .*backups.(launch|daily)-/);
      expect(restored.notices[0], kind).toContain(aside);
    }
  });

  it("restores a damaged document's file alone from the newest backup that has it", async () => {
    const dir = await tempDir();
    const { store, backend, document, highlight } = await libraryWithHighlight(dir);
    const other = await callOk(backend, 'importText', { title: 'Other', text: 'Another article, fine on disk.' });
    await (await openStore(dir)).save({ library: true }); // launch 2: backed up with the highlight
    const file = documentFilePath(dir, document.id);
    await writeFile(file, '{"documentId": "');

    const restored = await openStore(dir);
    expect(restored.notices, restored.notices.join('\n')).toHaveLength(1);
    expect(restored.notices[0]).toMatch(
      /"Russia rejects.*could not be read: Its file was not valid JSON\..*restored from the backup/,
    );
    expect(restored.data.highlights.map((h) => h.id)).toEqual([highlight.id]);
    expect(restored.data.documents.map((d) => d.id).sort()).toEqual([document.id, other.document.id].sort());
    const asideNames = (await readdir(path.dirname(file))).filter((name) => name.includes('.unreadable-'));
    const aside = asideNames.find((name) => name.startsWith(`${path.basename(file)}.unreadable-`))!;
    expect(await readFile(path.join(path.dirname(file), aside), 'utf8')).toBe('{"documentId": "');
    // Its change log, which held the highlight, went aside with it.
    expect(asideNames.filter((name) => /\.log\.unreadable-/.test(name))).toHaveLength(1);
    expect(await libraryOnDisk(dir)).toEqual(restored.data);
    expect(store.data.tags).toEqual(restored.data.tags);
  });

  it('takes a document no backup holds out of the library, and says so', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const document = store.data.documents[0]!;
    await writeFile(
      documentFilePath(dir, document.id),
      JSON.stringify({ documentId: 'someone-else', text: '', highlights: [] }),
    );
    // A new library's first backup is taken at once (a save waits for it): without it, no backup holds the document.
    await store.save({ library: true });
    await rm(path.join(dir, BACKUP_DIR_NAME), { recursive: true });
    const reopened = await openStore(dir);
    expect(reopened.notices[0]).toMatch(/could not be read: Its file belongs to another document.*No backup holds it/);
    expect(reopened.data.documents).toEqual([]);
    expect(await libraryOnDisk(dir)).toEqual(reopened.data);
  });

  it('keeps the last five launch backups and one a day for seven days, as copies that share unchanged files', async () => {
    const dir = await tempDir();
    // Backups of a version that kept single files, the oldest of all: pruned like the folders.
    const singleFiles = ['launch-2026-04-30T00-00-00-000Z.json', 'daily-2026-04-30.json'];
    await mkdir(path.join(dir, 'backups'), { recursive: true });
    for (const name of singleFiles) await writeFile(path.join(dir, 'backups', name), '{}');
    for (let day = 1; day <= 9; day++) {
      for (let launch = 0; launch < 2; launch++) {
        const now = () => new Date(`2026-05-${String(day).padStart(2, '0')}T0${launch}:00:00.000Z`);
        await (await openStore(dir, { now })).save({ library: true });
      }
    }
    const backups = path.join(dir, 'backups');
    const names = (await readdir(backups)).sort();
    expect(names.filter((n) => n.startsWith('launch-'))).toHaveLength(5);
    expect(names.filter((n) => n.startsWith('daily-'))).toEqual(
      [3, 4, 5, 6, 7, 8, 9].map((d) => `daily-2026-05-0${d}`),
    );
    for (const name of singleFiles) expect(names).not.toContain(name);

    const { documents } = await libraryOnDisk(dir);
    const relative = path.relative(dir, documentFilePath(dir, documents[0]!.id));
    const live = await stat(path.join(dir, relative));
    const first = await stat(path.join(backups, names[0]!, relative));
    const last = await stat(path.join(backups, names.at(-1)!, relative));
    expect(first.ino).not.toBe(live.ino); // a copy: damage to the live file cannot reach it
    expect(first.ino).toBe(last.ino); // the unchanged document was copied once, then linked
  });

  it('converts a single-file library of an earlier version, keeping a copy of it as it was', async () => {
    const dir = await tempDir();
    const file = path.join(dir, DATA_FILE_NAME);
    const legacy = JSON.stringify({ documents: [], tags: [], highlights: [] });
    await writeFile(file, legacy);
    const store = await openStore(dir);
    expect(store.data.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(await readFile(`${file}.schema-0.bak`, 'utf8')).toBe(legacy);
    expect(libraryFileSchema.parse(await readJson(file)).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);

    const withHighlights = await tempDir();
    const version3: Database = {
      ...newLibrary(new Date('2026-01-01T00:00:00Z')),
      schemaVersion: CURRENT_SCHEMA_VERSION,
    };
    const { store: source } = await libraryWithHighlight(await tempDir());
    Object.assign(version3, { ...source.data, schemaVersion: 3 });
    await writeFile(path.join(withHighlights, DATA_FILE_NAME), JSON.stringify(version3));
    const converted = await openStore(withHighlights);
    expect(converted.data).toEqual({ ...version3, schemaVersion: CURRENT_SCHEMA_VERSION });
    expect(await libraryOnDisk(withHighlights)).toEqual(converted.data);
  });
});
