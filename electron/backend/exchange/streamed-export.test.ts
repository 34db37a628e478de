import { rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Database, Highlight } from '../../../shared/domain';
import { backupOf } from '../../../shared/export/backup';
import { exportBlocks, rowsAsJson, type ExportScope } from '../../../shared/export/build-export';
import { CODEBOOK_COLUMNS, codebookRows, documentColumns, documentRows } from '../../../shared/export/library-rows';
import {
  memorySource,
  streamedExport,
  streamedKinds,
  type LibrarySource,
  type StreamedKind,
} from '../../../shared/export/streamed-export';
import { withSpill } from '../export-writer';
import { documentFilePath, libraryFilePath } from '../storage/library-layout';
import { openStore } from '../store';
import { hardCaseLibrary } from '../test/hard-cases';
import { libraryOnDisk, useTempDirs } from '../test-support';
import { openLibrarySource } from './library-source';

const tempDir = useTempDirs();

/** The hard cases, with an orphan and a second coder, in a data folder of document files (the app's layout). */
async function libraryFolder(library: Database = hardCaseLibrary()): Promise<{ dir: string; data: Database }> {
  const dir = await tempDir();
  const highlights: Highlight[] = library.highlights.map((h, i) =>
    i === 4 ? { ...h, anchor: 'orphan' } : i % 3 === 1 ? { ...h, annotator: 'ben' } : h,
  );
  // As an earlier version saved it, in one file.
  await writeFile(libraryFilePath(dir), JSON.stringify({ ...library, highlights }));
  // Opened once: the single file becomes the library file and a file per document.
  await (await openStore(dir, { seed: false })).close();
  return { dir, data: await libraryOnDisk(dir) };
}

async function fromDisk(dir: string): Promise<LibrarySource> {
  const opened = await openLibrarySource(dir);
  if (opened.kind !== 'source') throw new Error(`no source: ${JSON.stringify(opened)}`);
  return opened.source;
}

async function collect(
  source: LibrarySource,
  kind: StreamedKind,
  scope: ExportScope = {},
  options: { bom?: boolean; formulaEscape?: boolean; json?: boolean } = {},
): Promise<string> {
  const csv = { bom: options.bom ?? true, formulaEscape: options.formulaEscape ?? true };
  let text = '';
  for await (const block of withSpill((spill) =>
    streamedExport(source, kind, scope, { csv, spill, json: options.json ?? false }),
  )) {
    text += block;
  }
  return text;
}

/** The whole library's export in memory, as the app built it before exports were streamed. */
function inMemory(data: Database, kind: Exclude<StreamedKind, 'backup'>, scope: ExportScope, bom = true): string {
  return [...exportBlocks(data, kind, scope, { bom, formulaEscape: true })].join('');
}

/** A backup with its highlights listed by document, in the library's order: what a streamed backup holds. */
function backupByDocument(data: Database): string {
  const order = new Map(data.documents.map((d, i) => [d.id, i]));
  const highlights = data.highlights
    .map((h, i) => ({ h, i }))
    .sort((a, b) => order.get(a.h.documentId)! - order.get(b.h.documentId)! || a.i - b.i)
    .map(({ h }) => h);
  return `${JSON.stringify(backupOf({ ...data, highlights }), null, 2)}\n`;
}

describe('exports streamed from the library’s files, a document at a time', () => {
  const scopes: Array<[string, ExportScope]> = [
    ['the whole library', {}],
    ['one document', { documentIds: ['?'] }],
    ['one coder', { coders: ['ben'] }],
    ['chosen highlights', { highlightIds: ['h-0', 'h-3', 'h-6'] }],
  ];

  it.each(scopes)('gives exactly the bytes of the export in memory: %s', async (_name, given) => {
    const { dir, data } = await libraryFolder();
    const scope = given.documentIds ? { documentIds: [data.documents[1]!.id] } : given;
    const source = await fromDisk(dir);
    for (const kind of streamedKinds) {
      if (kind === 'backup') continue;
      expect(await collect(source, kind, scope), kind).toBe(inMemory(data, kind, scope));
      expect(await collect(source, kind, scope, { bom: false }), kind).toBe(inMemory(data, kind, scope, false));
    }
  });

  it('writes documents and codebook as JSON rows, as the command line did', async () => {
    const { dir, data } = await libraryFolder();
    const source = await fromDisk(dir);
    expect(await collect(source, 'documents', {}, { json: true })).toBe(
      rowsAsJson(documentColumns(data), documentRows(data)),
    );
    expect(await collect(source, 'codebook', {}, { json: true })).toBe(
      rowsAsJson(CODEBOOK_COLUMNS, codebookRows(data)),
    );
  });

  it('writes the whole library as a backup, its highlights listed by document, whatever the scope', async () => {
    const { dir, data } = await libraryFolder();
    const source = await fromDisk(dir);
    expect(await collect(source, 'backup')).toBe(backupByDocument(data));
    expect(await collect(source, 'backup', { coders: ['ben'] })).toBe(backupByDocument(data));
  });

  it('gives the same from memory as from the files, and the same as before for an empty library', async () => {
    const { dir, data } = await libraryFolder();
    const memory = memorySource(data);
    const disk = await fromDisk(dir);
    for (const kind of streamedKinds) expect(await collect(memory, kind)).toBe(await collect(disk, kind));
    const empty = { ...data, documents: [], highlights: [] };
    for (const kind of streamedKinds) {
      const expected = kind === 'backup' ? backupByDocument(empty) : inMemory(empty, kind, {});
      expect(await collect(memorySource(empty), kind), kind).toBe(expected);
    }
    expect(await collect(memorySource(empty), 'documents', {}, { json: true })).toBe('[]\n');
  });

  it('spills more than a block of text in several scripts and reads it back whole', async () => {
    const base = hardCaseLibrary();
    const document = base.documents[1]!;
    const template = base.highlights.find((h) => h.documentId === document.id)!;
    // About 4 MB of notes in Cyrillic and emoji: several blocks of the spill, characters cut between its reads.
    const highlights = Array.from({ length: 4_000 }, (_, i) => ({
      ...template,
      id: `many-${i}`,
      note: `Примечание ${i} 😀 `.repeat(40),
    }));
    const { dir, data } = await libraryFolder({ ...base, highlights: [...base.highlights, ...highlights] });
    const source = await fromDisk(dir);
    expect(await collect(source, 'web-annotation')).toBe(inMemory(data, 'web-annotation', {}));
    expect(await collect(source, 'backup')).toBe(backupByDocument(data));
  });

  it('stops with the reason when a document is deleted, or its file damaged, while the export runs', async () => {
    const { dir, data } = await libraryFolder();
    const source = await fromDisk(dir);
    await rm(documentFilePath(dir, data.documents[2]!.id));
    await expect(collect(source, 'annotations')).rejects.toThrow(
      /"=HYPERLINK\("http:\/\/evil"\)" could not be read\. Its file is gone: the document was deleted while the export ran/,
    );
  });

  it('stops between two documents when cancelled, and reports how far it got', async () => {
    const { dir } = await libraryFolder();
    const source = await fromDisk(dir);
    const controller = new AbortController();
    const seen: Array<[number, number]> = [];
    const blocks = streamedExport(
      source,
      'annotations',
      {},
      {
        csv: { bom: false, formulaEscape: true },
        spill: { write: () => Promise.reject(new Error('unused')), read: () => [] as never },
        progress: (done, total) => {
          seen.push([done, total]);
          if (done === 1) controller.abort(new Error('Cancelled.'));
        },
        signal: controller.signal,
      },
    );
    await expect(
      (async () => {
        for await (const block of blocks) void block;
      })(),
    ).rejects.toThrow('Cancelled.');
    expect(seen).toEqual([
      [0, 3],
      [1, 3],
    ]);
  });
});
