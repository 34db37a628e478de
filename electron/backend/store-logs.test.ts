import { appendFile, copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../shared/domain';
import { createBackend } from './backend';
import { DATA_FILE_NAME } from './data-dir';
import { DocumentLogs } from './storage/document-logs';
import { documentFilePath, documentsDirPath } from './storage/library-layout';
import { openStore } from './store';
import { callOk, libraryOnDisk, openSampleBackend, SAMPLE_CLAIM, useTempDirs } from './test-support';

const tempDir = useTempDirs();

/** A new library and a highlight in its sample article, made through the backend; and the article's file. */
async function sampleWithHighlight(dir: string) {
  const sample = await openSampleBackend(dir);
  const highlight = await sample.highlight(SAMPLE_CLAIM);
  return { ...sample, highlight, file: documentFilePath(dir, sample.document.id) };
}

const logsIn = async (dir: string): Promise<string[]> =>
  (await readdir(documentsDirPath(dir))).filter((name) => name.endsWith('.log'));
const tokenOf = async (file: string): Promise<string> =>
  (JSON.parse(await readFile(file, 'utf8')) as { log: string }).log;

describe('document change logs', () => {
  it('append one line per save, and write the file whole once the log outgrows its limit', async () => {
    const dir = await tempDir();
    const { store, backend, highlight, file } = await sampleWithHighlight(dir);
    const fileBefore = await readFile(file, 'utf8');
    const token = await tokenOf(file);
    expect(await logsIn(dir)).toEqual([path.basename(file).replace(/\.json$/, `.${token}.log`)]);

    // Notes of 20,000 characters: the log reaches its 64 KB limit on the fourth.
    for (let i = 1; i <= 3; i++) {
      await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: `${i}`.repeat(20_000) });
      expect(await readFile(file, 'utf8')).toBe(fileBefore);
      const [log] = await logsIn(dir);
      expect((await readFile(path.join(documentsDirPath(dir), log!), 'utf8')).split('\n')).toHaveLength(i + 2);
    }
    await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: '4'.repeat(20_000) });
    expect(await tokenOf(file)).not.toBe(token);
    // The new file holds everything; its log is not there until the next save, and the old one is gone.
    expect(await logsIn(dir)).toEqual([]);
    expect(await libraryOnDisk(dir)).toEqual(store.data);
    await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: 'again' });
    expect(await logsIn(dir)).toHaveLength(1);
    expect((await libraryOnDisk(dir)).highlights[0]!.note).toBe('again');
  });

  it('take a change to highlights in several documents as lines appended to their logs, in one journaled set', async () => {
    const dir = await tempDir();
    const { store, backend, file } = await sampleWithHighlight(dir);
    await callOk(backend, 'updateSettings', { annotator: 'coder' });
    const texts = ['A first article about Kyïv.', 'A second one: Kyiv, and Kyiv again.', 'Nothing to find here.'];
    for (const [i, text] of texts.entries()) await callOk(backend, 'importText', { title: `T${i}`, text });
    const files = store.data.documents.map((d) => documentFilePath(dir, d.id));
    const before = await Promise.all(files.map((f) => readFile(f, 'utf8')));

    const { coded } = await callOk(backend, 'codeMatches', { query: 'kyiv', tagId: store.data.tags[0]!.id });
    expect(coded).toBe(3);
    // No document's file was written whole: both documents with matches got a line in their logs.
    expect(await Promise.all(files.map((f) => readFile(f, 'utf8')))).toEqual(before);
    const withMatches = store.data.documents.filter((d) => /Ky/.test(d.text)).map((d) => d.id);
    const logged = (await logsIn(dir)).map((name) => name.split('.')[0]);
    for (const id of withMatches) expect(logged).toContain(id);
    // A save right after it, while its logs may still be syncing, appends too; everything reads back.
    await callOk(backend, 'updateHighlight', { highlightId: store.data.highlights[0]!.id, note: 'after' });
    expect(await readFile(file, 'utf8')).toBe(before[0]);
    expect(await libraryOnDisk(dir)).toEqual(store.data);
    await callOk(backend, 'undo', {});
    await callOk(backend, 'undo', {});
    expect(store.data.highlights).toHaveLength(1);
    await store.close();
    expect(await readdir(dir)).not.toContain('pending-writes.json');
    expect((await openStore(dir)).data.highlights).toEqual(store.data.highlights);
  });

  it('take highlights changed beside the library file (a tag deleted) as log lines, and a replaced text whole', async () => {
    const dir = await tempDir();
    const { store, backend } = await sampleWithHighlight(dir);
    await callOk(backend, 'updateSettings', { annotator: 'coder' });
    for (const [i, text] of ['Kyiv said no.', 'Kyiv said yes.'].entries()) {
      await callOk(backend, 'importText', { title: `T${i}`, text });
    }
    const tag = await callOk(backend, 'createTag', { name: 'Place', color: '#123456' });
    await callOk(backend, 'codeMatches', { query: 'kyiv', tagId: tag.id });
    const files = store.data.documents.map((d) => documentFilePath(dir, d.id));
    const before = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    const linesIn = async () =>
      (await Promise.all((await logsIn(dir)).map((log) => readFile(path.join(documentsDirPath(dir), log), 'utf8'))))
        .join('')
        .split('\n').length;
    const lines = await linesIn();

    // The tag goes from the library file, and from the highlights of two documents: a line in each of their logs.
    await callOk(backend, 'deleteTag', { tagId: tag.id });
    expect(await Promise.all(files.map((f) => readFile(f, 'utf8')))).toEqual(before);
    expect(await linesIn()).toBe(lines + 2);
    expect(await libraryOnDisk(dir)).toEqual(store.data);
    await callOk(backend, 'undo', {});
    expect(await Promise.all(files.map((f) => readFile(f, 'utf8')))).toEqual(before);
    expect(await libraryOnDisk(dir)).toEqual(store.data);

    // A replaced text is in the document's own file: written whole, whatever else the step changes.
    const first = store.data.documents.find((d) => d.title === 'T0')!;
    await callOk(backend, 'replaceDocumentText', { documentId: first.id, text: 'Kyiv said no, twice.' });
    expect(JSON.parse(await readFile(documentFilePath(dir, first.id), 'utf8')).text).toBe('Kyiv said no, twice.');
    expect(await libraryOnDisk(dir)).toEqual(store.data);
    await callOk(backend, 'undo', {});
    expect(JSON.parse(await readFile(documentFilePath(dir, first.id), 'utf8')).text).toBe('Kyiv said no.');
    expect(await libraryOnDisk(dir)).toEqual(store.data);
    await store.close();
    expect((await openStore(dir)).data).toEqual(store.data);
  });

  it('plan a step over many documents a slice at a time, and save what changed meanwhile after it', async () => {
    const dir = await tempDir();
    const { store, backend } = await sampleWithHighlight(dir);
    await callOk(backend, 'updateSettings', { annotator: 'coder' });
    for (let i = 0; i < 8; i++) await callOk(backend, 'importText', { title: `T${i}`, text: `Kyiv said ${i}.` });
    const tag = await callOk(backend, 'createTag', { name: 'Place', color: '#123456' });
    await callOk(backend, 'codeMatches', { query: 'kyiv', tagId: tag.id });
    const coded = store.data.highlights.filter((h) => h.tagIds.includes(tag.id));
    expect(coded).toHaveLength(8);

    // A slice per document: the clock moves on 20 ms each time it is read.
    let clock = performance.now();
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
    const planned = vi.spyOn(DocumentLogs.prototype, 'lineFor');
    try {
      const deleting = callOk(backend, 'deleteTag', { tagId: tag.id });
      while (planned.mock.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
      // Halfway through the documents, each of their highlights gets a note: in documents planned already, and not.
      expect(planned.mock.calls.length).toBeLessThan(8);
      const noting = coded.map((h, i) => callOk(backend, 'updateHighlight', { highlightId: h.id, note: `n${i}` }));
      await deleting;
      await Promise.all(noting);
    } finally {
      now.mockRestore();
      planned.mockRestore();
    }
    expect(store.data.highlights.filter((h) => h.tagIds.includes(tag.id))).toEqual([]);
    expect(store.data.highlights.filter((h) => /^n\d$/.test(h.note))).toHaveLength(8);
    expect(await libraryOnDisk(dir)).toEqual(store.data);
    await store.close();
    expect((await openStore(dir)).data).toEqual(store.data);
  });

  it('give a document opened before the rest are read with its log replayed, and one whose log is not written yet', async () => {
    const dir = await tempDir();
    const { backend, highlight, document } = await sampleWithHighlight(dir);
    await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: 'In the log' });
    const pasted = await callOk(backend, 'importText', { title: 'Second', text: 'Another article.' });
    // The pasted document's file names a log that no save has written yet; the sample's log has lines.
    expect((await logsIn(dir)).map((name) => name.split('.')[0])).toEqual([document.id]);

    const reopened = await openStore(dir, { documentsInBackground: true, backgroundLoadDelayMs: 60_000 });
    const sample = await reopened.openDocument(document.id);
    expect(sample.highlights.map((h) => h.note)).toEqual(['In the log']);
    const second = await reopened.openDocument(pasted.document.id);
    expect(second.document.text).toBe('Another article.');
    expect(second.highlights).toEqual([]);
    expect(reopened.isLoaded).toBe(false);
  });

  it('ignore a last line a crash cut short, and write the file whole at the next save', async () => {
    const dir = await tempDir();
    const { store, backend, highlight, file } = await sampleWithHighlight(dir);
    await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: 'acknowledged' });
    const [log] = await logsIn(dir);
    // A kill in the middle of an append: half a line, never acknowledged.
    await appendFile(path.join(documentsDirPath(dir), log!), '{"put":[{"id":"h-half","docum');

    const reopened = await openStore(dir);
    expect(reopened.notices).toEqual([]);
    expect(reopened.data.highlights).toEqual(store.data.highlights);
    const token = await tokenOf(file);
    await callOk(createBackend(reopened), 'updateHighlight', { highlightId: highlight.id, note: 'after the crash' });
    expect(await tokenOf(file)).not.toBe(token);
    expect(await logsIn(dir)).toEqual([]);
    expect((await libraryOnDisk(dir)).highlights).toEqual(reopened.data.highlights);
  });

  it('never replay a log over a file written whole after it, and remove such a log', async () => {
    const dir = await tempDir();
    const { backend, highlight, file, document } = await sampleWithHighlight(dir);
    await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: 'old' });
    const [log] = await logsIn(dir);
    const kept = path.join(dir, 'kept.log');
    await copyFile(path.join(documentsDirPath(dir), log!), kept);
    // A text replaced writes the document's file whole (a new log)...
    await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: 'new' });
    await callOk(backend, 'replaceDocumentText', { documentId: document.id, text: `${document.text}\n\nOne more.` });
    expect(await tokenOf(file)).not.toBe(log!.split('.').at(-2));
    // ...and a crash before the old log was removed leaves it behind.
    await copyFile(kept, path.join(documentsDirPath(dir), log!));

    const reopened = await openStore(dir);
    expect(reopened.notices).toEqual([]);
    expect(reopened.data.highlights.map((h) => [h.note, h.quote])).toEqual([['new', SAMPLE_CLAIM]]);
    expect(await logsIn(dir)).not.toContain(log);
  });

  it('replay every good line of a log damaged at its end, keep the log aside, and say what was kept', async () => {
    const dir = await tempDir();
    const { backend, highlight, file } = await sampleWithHighlight(dir);
    for (let i = 1; i <= 110; i++)
      await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: `n${i}` });
    const [log] = await logsIn(dir);
    const logText = await readFile(path.join(documentsDirPath(dir), log!), 'utf8');
    expect(logText.split('\n')).toHaveLength(112); // the creation, 110 notes, and the empty text after the last newline
    await appendFile(path.join(documentsDirPath(dir), log!), 'garbage\n{"put":7}\n');

    const reopened = await openStore(dir);
    expect(reopened.data.highlights.map((h) => h.note)).toEqual(['n110']);
    expect(reopened.notices).toHaveLength(1);
    expect(reopened.notices[0]).toMatch(
      /opened with part of its changes\. Its change log is damaged at line 112 \(it is not valid JSON\): the 111 saves before it were kept; lines 112–113 could not be applied\. The log was kept as .*\.log\.unreadable-/,
    );
    // The log is kept aside as it was, and the document's file now holds the good lines itself.
    const aside = (await readdir(documentsDirPath(dir))).filter((n) => n.includes('.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(documentsDirPath(dir), aside[0]!), 'utf8')).toBe(`${logText}garbage\n{"put":7}\n`);
    expect(await logsIn(dir)).toEqual([]);
    expect(await tokenOf(file)).not.toBe(log!.split('.').at(-2));
    expect(await libraryOnDisk(dir)).toEqual(reopened.data);
    expect((await openStore(dir)).notices).toEqual([]);
  });

  it('fold every log into its document’s file on close: a closed library is plain JSON', async () => {
    const dir = await tempDir();
    const { store, backend, highlight, file } = await sampleWithHighlight(dir);
    await callOk(backend, 'updateHighlight', { highlightId: highlight.id, note: 'only in the log so far' });
    expect(await logsIn(dir)).toHaveLength(1);
    await store.close();
    expect(await logsIn(dir)).toEqual([]);
    // Read as any JSON tool would, without replaying anything.
    const plain = JSON.parse(await readFile(file, 'utf8')) as { highlights: Array<{ note: string }> };
    expect(plain.highlights.map((h) => h.note)).toEqual(['only in the log so far']);
    expect(await libraryOnDisk(dir)).toEqual(store.data);
  });

  it('open a library of schema 4, whose files have no logs, and mark it current before any log is written', async () => {
    const dir = await tempDir();
    const { store, file } = await sampleWithHighlight(dir);
    const libraryFile = path.join(dir, DATA_FILE_NAME);
    // As version 4 wrote it: no log token in the document's file, schema 4 in the library file.
    const { log: _token, ...documentFile } = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    documentFile.highlights = store.data.highlights;
    await writeFile(file, JSON.stringify(documentFile));
    for (const name of await logsIn(dir)) await writeFile(path.join(documentsDirPath(dir), name), '');
    const { variables: _variables, ...library } = JSON.parse(await readFile(libraryFile, 'utf8')) as {
      variables: unknown;
      documents: Array<{ memo?: string; variables?: unknown }>;
    };
    for (const document of library.documents) {
      delete document.memo;
      delete document.variables;
    }
    await writeFile(libraryFile, JSON.stringify({ ...library, schemaVersion: 4 }));

    const reopened = await openStore(dir, { documentsInBackground: true });
    // Marked before the documents are read, and so before any log is written.
    expect(reopened.isLoaded).toBe(false);
    expect((JSON.parse(await readFile(libraryFile, 'utf8')) as { schemaVersion: number }).schemaVersion).toBe(
      CURRENT_SCHEMA_VERSION,
    );
    await reopened.loaded;
    expect(reopened.notices).toEqual([]);
    expect(reopened.data.highlights).toEqual(store.data.highlights);
    const highlightId = reopened.data.highlights[0]!.id;
    await callOk(createBackend(reopened), 'updateHighlight', { highlightId, note: 'first save' });
    expect(await tokenOf(file)).toMatch(/^[0-9a-f]{16}$/);
    expect((await libraryOnDisk(dir)).highlights[0]!.note).toBe('first save');
  });

  it('open a library of schema 5 with free-text dates: read as dates where they can be, reported once', async () => {
    const dir = await tempDir();
    const { store } = await sampleWithHighlight(dir);
    const libraryFile = path.join(dir, DATA_FILE_NAME);
    const { variables: _variables, ...library } = JSON.parse(await readFile(libraryFile, 'utf8')) as {
      variables: unknown;
      documents: Array<{ title: string; meta: Record<string, string>; memo?: string; variables?: unknown }>;
    };
    const [sample] = library.documents;
    delete sample!.memo;
    delete sample!.variables;
    sample!.meta.publishedAt = 'sometime in May';
    await writeFile(libraryFile, JSON.stringify({ ...library, schemaVersion: 5 }));

    const reopened = await openStore(dir);
    expect(reopened.notices).toEqual([
      `1 publication date could not be read as a date and was kept as text: "sometime in May" (${sample!.title}). ` +
        "Choose the date in each document's details; the text stays in the export (published_text) until then.",
    ]);
    expect(reopened.data.documents[0]!.meta).toEqual({
      ...sample!.meta,
      publishedAt: undefined,
      publishedText: 'sometime in May',
    });
    expect(reopened.data.highlights).toEqual(store.data.highlights);
    expect((await openStore(dir)).notices).toEqual([]);
  });

  it('open a library of schema 6: holders and targets of one name become one entity, documents’ stances follow', async () => {
    const dir = await tempDir();
    const { backend, highlight, file, document } = await sampleWithHighlight(dir);
    await callOk(backend, 'updateHighlight', {
      highlightId: highlight.id,
      stances: [{ holderName: 'Grushko', targetName: 'NATO', stance: 'against' }],
    });
    const libraryFile = path.join(dir, DATA_FILE_NAME);
    // As version 6 wrote it: "NATO" a holder (a-nato) and a target (the id the stance uses).
    const { entities, ...library } = JSON.parse(await readFile(libraryFile, 'utf8')) as {
      entities: Array<{ id: string; name: string }>;
    };
    const [grushko, nato] = entities;
    await writeFile(
      libraryFile,
      JSON.stringify({
        ...library,
        schemaVersion: 6,
        actors: [grushko, { id: 'a-nato', name: 'NATO' }],
        targets: [nato],
      }),
    );

    const reopened = await openStore(dir, { documentsInBackground: true });
    expect(reopened.notices).toEqual([expect.stringMatching(/1 name in both \("NATO"\) became one entry/)]);
    // Before the documents are read, a document opens with its stance pointing at the joined entity.
    const before = await reopened.openDocument(document.id);
    expect(before.highlights[0]!.stances).toEqual([{ holderId: grushko!.id, targetId: 'a-nato', stance: 'against' }]);
    await reopened.loaded;
    expect(reopened.data.entities.map((e) => e.name)).toEqual(['Grushko', 'NATO']);
    // Every document's file is written anew, and the mapping is gone from the library file.
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { highlights: Array<{ stances: unknown }> };
    expect(onDisk.highlights[0]!.stances).toEqual([{ holderId: grushko!.id, targetId: 'a-nato', stance: 'against' }]);
    expect(await readFile(libraryFile, 'utf8')).not.toContain('entityAliases');
    expect((await openStore(dir)).notices).toEqual([]);
  });
});
