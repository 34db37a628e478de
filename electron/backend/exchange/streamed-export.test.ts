import { rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Highlight } from '../../../shared/domain';
import { backupOf } from '../../../shared/export/backup-format';
import { exportBlocks, rowsAsJson, type ExportScope } from '../../../shared/export/build-export';
import { CODEBOOK_COLUMNS, codebookRows, documentColumns, documentRows } from '../../../shared/export/library-rows';
import {
  gathered,
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
import { callOk, libraryOnDisk, useTempDirs } from '../test-support';
import { buildExportWorker } from '../test/export-worker-script';
import { createBackend } from '../backend';
import type { ExportWorkers } from './export-workers';
import { openLibrarySource } from './library-source';
import { qdpxBlocks, type SourceParts } from './refi-qda/qdpx-export';
import { readZip } from './refi-qda/zip-archive';

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

async function fromDisk(dir: string, workers?: ExportWorkers): Promise<LibrarySource> {
  const opened = await openLibrarySource(dir, workers);
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
  // Blocks of bytes may end inside a character (a spill is read back in blocks of bytes): decoded as one stream.
  const decoder = new TextDecoder();
  for await (const block of withSpill((spill) =>
    streamedExport(source, kind, scope, { csv, spill, json: options.json ?? false }),
  )) {
    text += typeof block === 'string' ? block : decoder.decode(block, { stream: true });
  }
  return text + decoder.decode();
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

  it('writes web annotations as it reads them, their total after them, with nothing kept aside', async () => {
    const { dir, data } = await libraryFolder();
    const source = await fromDisk(dir);
    const noSpill = { write: () => Promise.reject(new Error('spilled')), read: () => [] as never };
    let text = '';
    const csv = { bom: false, formulaEscape: true };
    for await (const block of streamedExport(source, 'web-annotation', {}, { csv, spill: noSpill })) {
      text += typeof block === 'string' ? block : new TextDecoder().decode(block);
    }
    expect(text).toBe(inMemory(data, 'web-annotation', {}));
    const collection = JSON.parse(text) as { items: unknown[]; total: number };
    expect(collection.total).toBe(data.highlights.length);
    expect(collection.items).toHaveLength(data.highlights.length);
    expect(Object.keys(collection).at(-1)).toBe('total');
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

describe('exports read and formatted in worker threads (the command line)', () => {
  let built: string;
  let workers: ExportWorkers;
  beforeAll(async () => {
    built = await mkdtemp(path.join(tmpdir(), 'stance-annotator-worker-'));
    workers = await buildExportWorker(built, 3);
  }, 60_000);
  afterAll(() => rm(built, { recursive: true, force: true }));

  /**
   * The hard cases copied into 40 documents — more than the threads are given at once, so that parts come back out of
   * order — with changes saved as lines of the documents' change logs, read while the app holds the library open.
   */
  async function largerLibrary(): Promise<{ dir: string; close: () => Promise<void> }> {
    const base = hardCaseLibrary();
    const copies = Array.from({ length: 37 }, (_, i) => {
      const original = base.documents[i % base.documents.length]!;
      const document = { ...original, id: `copy-${i}`, title: `${original.title} ${i}`, text: `${original.text} ${i}` };
      const highlights = base.highlights
        .filter((h) => h.documentId === original.id)
        .map((h) => ({ ...h, id: `${h.id}-copy-${i}`, documentId: document.id }));
      return { document, highlights };
    });
    const { dir } = await libraryFolder({
      ...base,
      documents: [...base.documents, ...copies.map((c) => c.document)],
      highlights: [...base.highlights, ...copies.flatMap((c) => c.highlights)],
    });
    const store = await openStore(dir, { seed: false });
    const backend = createBackend(store);
    // A coder changes only their own highlights: the coder of most of them, for this session.
    await callOk(backend, 'updateSettings', { annotator: 'Ана, "A"' });
    for (const h of store.data.highlights.filter((h, i) => i % 7 === 0 && h.annotator === 'Ана, "A"')) {
      await callOk(backend, 'updateHighlight', { highlightId: h.id, note: `changed since the file: ${h.id} ✓` });
    }
    return { dir, close: () => store.close() };
  }

  it('gives the same bytes as one thread, for every export and scope', async () => {
    const { dir, close } = await largerLibrary();
    try {
      const one = await fromDisk(dir);
      const threads = await fromDisk(dir, workers);
      expect(threads.parts).toBeDefined();
      const scopes: ExportScope[] = [{}, { coders: ['ben'] }, { documentIds: ['copy-3', 'copy-30'] }];
      for (const kind of streamedKinds) {
        for (const scope of scopes) {
          const expected = await collect(one, kind, scope);
          if (kind === 'annotations' && scope === scopes[0]) expect(expected).toContain('changed since the file');
          expect(await collect(threads, kind, scope), `${kind} ${JSON.stringify(scope)}`).toBe(expected);
        }
      }
      for (const kind of ['documents', 'codebook'] as const) {
        expect(await collect(threads, kind, {}, { json: true })).toBe(await collect(one, kind, {}, { json: true }));
      }
    } finally {
      await close();
    }
  });

  it('makes the same REFI-QDA project in threads as in one, with every GUID that is not random the same', async () => {
    const { dir, close } = await largerLibrary();
    try {
      const opened = await openLibrarySource(dir, workers);
      if (opened.kind !== 'source') throw new Error(opened.kind);
      expect(opened.sourceParts).toBeDefined();
      const project = async (parts?: SourceParts, scope: ExportScope = {}) => {
        const blocks: Uint8Array[] = [];
        for await (const block of qdpxBlocks(opened.source, scope, new Date(2026, 0, 1), parts)) blocks.push(block);
        const zip = await readZip(Buffer.concat(blocks), 'The project');
        const files = await Promise.all(zip.names().map(async (name) => [name, (await zip.text(name))!] as const));
        // A coding's and a note's GUIDs are random: numbered in the order they first appear, the rest as they are.
        const random = new Map<string, string>();
        return files.map(([name, text]) => [
          name,
          text.replace(
            /(<Coding [^>]*guid="|<NoteRef targetGUID="|<Note guid=")([0-9a-f-]{36})/g,
            (_, head: string, guid: string) => {
              if (!random.has(guid)) random.set(guid, `random-${random.size}`);
              return `${head}${random.get(guid)}`;
            },
          ),
        ]);
      };
      for (const scope of [{}, { coders: ['ben'] }] as ExportScope[]) {
        const expected = await project(undefined, scope);
        expect(expected.length).toBe(41); // 40 sources and the project
        expect(expected.at(-1)![0]).toBe('project.qde');
        if (scope === undefined || !('coders' in scope))
          expect(expected.at(-1)![1]).toContain('changed since the file');
        expect(await project(opened.sourceParts, scope)).toEqual(expected);
      }
    } finally {
      await close();
    }
  });

  it('stops with the damaged document’s reason, and stops its threads when the export is abandoned', async () => {
    const { dir, close } = await largerLibrary();
    await close();
    const threads = await fromDisk(dir, workers);
    await writeFile(documentFilePath(dir, 'copy-20'), '{"documentId": "copy-20", "text": ');
    await expect(collect(threads, 'annotations')).rejects.toThrow(
      /could not be read\. Its file was not valid JSON\. .*copy-20\.json\. Start the app once to restore it/,
    );
    // Abandoned after its first block: the threads are stopped (else the test would not end).
    for await (const block of withSpill((spill) =>
      streamedExport(threads, 'annotations', {}, { csv: { bom: false, formulaEscape: true }, spill }),
    )) {
      expect(block.length).toBeGreaterThan(0);
      break;
    }
  });

  it('fails, rather than waits for ever, when a thread stops halfway', async () => {
    const { dir, close } = await largerLibrary();
    await close();
    // A thread that answers its first documents and then stops, as one that ran out of memory would.
    const script = path.join(built, 'stopping-worker.js');
    await writeFile(
      script,
      `const { parentPort } = require('node:worker_threads');
let batches = 0;
parentPort.on('message', ({ first, entries }) => {
  if (batches++ > 0) process.exit(3);
  parentPort.postMessage({ first, answers: entries.map((e) => ({ part: { documentId: e.id, text: new Uint8Array(0), count: 0 } })) });
});`,
    );
    const threads = await fromDisk(dir, { script, count: 1 });
    await expect(collect(threads, 'annotations')).rejects.toThrow('An export worker stopped (exit code 3).');
  });
});

describe('an export gathered into blocks', () => {
  it('encodes text straight into blocks of about a megabyte, characters of several bytes whole at every edge', async () => {
    // Short pieces of one to four bytes a character, bytes among them, and then pieces longer than a block.
    const pieces: Array<string | Uint8Array> = [];
    for (let i = 0; i < 60_000; i++) {
      pieces.push(i % 7 === 0 ? Buffer.from(`bytes ${i};`) : `${i}: a, é, Київ, € and 😀 ${'x'.repeat(i % 50)}\n`);
    }
    pieces.push('', new Uint8Array(0), 'К'.repeat(1_500_000), Buffer.alloc(2_500_000, 'b'), '😀'.repeat(400_000));
    const blocks: Uint8Array[] = [];
    for await (const block of gathered(asyncOf(pieces))) blocks.push(block);
    const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    expect(Buffer.compare(Buffer.concat(blocks), expected)).toBe(0);
    // While the pieces are short, each block holds a megabyte but for the room one more piece could need.
    for (const block of blocks.slice(0, 3)) expect(block.length).toBeGreaterThan(2 ** 20 - 3 * 100);
    expect(blocks.every((block) => block.length > 0)).toBe(true);
  });
});

async function* asyncOf<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
