import { csvBlocks, csvRowsText, type CsvOptions } from '../csv';
import { CURRENT_SCHEMA_VERSION } from '../domain-values';
import type { Entity, Highlight, Settings, StoredDocument, Tag, Variable } from '../domain';
import { annotationCsvMaker } from './annotation-csv';
import { ANNOTATION_COLUMNS, annotationNames, type ExportLibrary } from './annotation-rows';
import { BACKUP_FORMAT } from './backup-format';
import { rowsAsJson, scopeFilters, type ExportScope } from './build-export';
import { CODEBOOK_COLUMNS, codebookRowsFromCounts, documentColumns, documentRows, TagCounts } from './library-rows';
import { webAnnotationFrame, webAnnotationItems } from './web-annotation';
import { jsonAt, jsonElements } from '../json-elements';
import { groupBy } from '../collections';

/**
 * The exports that are written a document at a time, never holding the library whole: at 1,000,000 highlights a
 * library does not fit in memory as records, so the command line reads it from its files one document after another
 * (electron/backend/exchange/library-source.ts), and the app reads it from memory through the same code.
 */
export const streamedKinds = ['annotations', 'documents', 'codebook', 'web-annotation', 'backup'] as const;
export type StreamedKind = (typeof streamedKinds)[number];
export const isStreamedKind = (kind: string): kind is StreamedKind =>
  (streamedKinds as readonly string[]).includes(kind);

export interface DocumentWithHighlights {
  document: StoredDocument;
  highlights: readonly Highlight[];
}

/** A library as the streamed exports read it: its small lists at hand, its documents one at a time. */
export interface LibrarySource {
  tags: readonly Tag[];
  entities: readonly Entity[];
  variables: readonly Variable[];
  settings: Settings;
  /** Every document's id, in the library's order. */
  documentIds: readonly string[];
  /** Each of `ids` with its text and highlights, in the order given. */
  documents(ids: readonly string[]): AsyncIterable<DocumentWithHighlights>;
  /**
   * The part of each of `ids` in an export, in the order given, when the source makes them itself (in parallel):
   * otherwise the export makes them from {@link documents}.
   */
  parts?(ids: readonly string[], request: PartRequest): AsyncIterable<DocumentPart>;
}

/**
 * Where an export puts what must come later in the file than it is read: a backup lists every document before any
 * highlight (its import needs a highlight's document first), yet a document's file holds its text and its highlights
 * together. Kept in a temporary file by the backend, so that memory does not grow with the library.
 */
export interface Spill {
  write(piece: string | Uint8Array): Promise<void>;
  /** What was written, in order, once everything is written (as bytes: a block may end inside a character). */
  read(): AsyncIterable<Uint8Array>;
}

/** Tells how far an export is: documents read of all it reads. */
export type ExportProgress = (done: number, total: number) => void;

export interface StreamOptions {
  csv: CsvOptions;
  /** documents and codebook as JSON (one object per row, keyed by the CSV's columns: build-export.ts's rowsAsJson). */
  json?: boolean;
  spill: Spill;
  progress?: ExportProgress;
  /** Stops the export between two documents (it then throws the signal's reason). */
  signal?: AbortSignal;
}

/**
 * The text of one export in blocks (UTF-8 bytes, or strings for the small parts), read from `source` a document at a
 * time: the same text as `exportBlocks` gives for the whole library in memory (a test holds them to it), except that a
 * backup lists its highlights by document.
 */
export async function* streamedExport(
  source: LibrarySource,
  kind: StreamedKind,
  scope: ExportScope,
  { csv, json = false, spill, progress, signal }: StreamOptions,
): AsyncGenerator<string | Uint8Array> {
  // A backup is always the whole library (as exportBlocks writes it), whatever part the other exports cover.
  const request: PartRequest = { kind, scope: kind === 'backup' ? {} : scope, csv, json };
  const ids = source.documentIds.filter(scopeFilters(request.scope).document);
  async function* eachPart(): AsyncGenerator<DocumentPart> {
    let done = 0;
    progress?.(done, ids.length);
    const parts = source.parts?.(ids, request) ?? mapDocuments(source.documents(ids), partMaker(source, request));
    for await (const part of parts) {
      signal?.throwIfAborted();
      yield part;
      progress?.(++done, ids.length);
    }
    signal?.throwIfAborted();
  }

  switch (kind) {
    case 'annotations':
      yield* csvBlocks(ANNOTATION_COLUMNS, [], csv);
      yield* gathered(texts(eachPart()));
      return;
    case 'documents': {
      if (!json) {
        yield* csvBlocks(documentColumns(source), [], csv);
        yield* gathered(texts(eachPart()));
        return;
      }
      yield* gathered(elementArray(eachPart(), { empty: '[]\n', end: '\n]\n' }));
      return;
    }
    case 'codebook': {
      const counts = new TagCounts(source.tags);
      for await (const { documentId, tagIds } of eachPart()) {
        for (const ids of tagIds ?? []) counts.add({ documentId, tagIds: ids });
      }
      const rows = codebookRowsFromCounts(source.tags, counts);
      if (json) yield rowsAsJson(CODEBOOK_COLUMNS, rows);
      else yield* csvBlocks(CODEBOOK_COLUMNS, rows, csv);
      return;
    }
    case 'web-annotation': {
      const { head, tail } = webAnnotationFrame();
      yield head;
      const counted = { total: 0 };
      yield* gathered(elementArray(eachPart(), { empty: '[]', end: '\n  ]' }, counted));
      yield tail(counted.total);
      return;
    }
    case 'backup': {
      const [head, middle, tail] = backupFrame(source);
      yield head;
      let highlights = 0;
      yield* gathered(
        (async function* () {
          let documents = 0;
          for await (const { document, text, count } of eachPart()) {
            yield documents++ === 0 ? '[\n' : ',\n';
            yield document!;
            if (count === 0) continue;
            if (highlights > 0) await spill.write(',\n');
            await spill.write(text);
            highlights += count;
          }
          yield documents === 0 ? '[]' : '\n  ]';
        })(),
      );
      yield middle;
      yield* spilledList(highlights, spill);
      yield tail;
      return;
    }
    default:
      throw new Error(`Unknown streamed export ${String(kind satisfies never)}`);
  }
}

/** What a streamed export is: enough for whoever reads a document to make its part (see {@link partMaker}). */
export interface PartRequest {
  kind: StreamedKind;
  scope: ExportScope;
  csv: CsvOptions;
  json: boolean;
}

/**
 * What one document adds to an export, ready to write: made where the document is read, so that the command line can
 * read and format documents in worker threads (electron/backend/exchange/export-workers.ts) while the export only puts
 * the parts together. Text where it is made; a worker thread hands it over as UTF-8 bytes (without a copy), so that
 * the thread that writes the export encodes nothing of it.
 */
export interface DocumentPart {
  documentId: string;
  /** CSV rows (annotations, documents), or `count` JSON elements at the export's depth joined by ",\n". */
  text: string | Uint8Array;
  count: number;
  /** The backup's element for the document itself. */
  document?: string | Uint8Array;
  /** The codebook's input: the tag ids of each highlight kept. */
  tagIds?: string[][];
}

const utf8 = new TextEncoder();

/**
 * What makes each document's part of the export `request` describes, with the library's lists: the scope's filters
 * and the columns are worked out once per export, not once per document (a scope of chosen highlights is a set of
 * their ids, which can be a hundred thousand).
 */
export function partMaker(
  lists: Omit<ExportLibrary, 'documents' | 'highlights'>,
  { kind, scope, csv, json }: PartRequest,
): (one: DocumentWithHighlights) => DocumentPart {
  const keep = scopeFilters(scope).highlight;
  // Every highlight of a document kept: its list as it is, not a copy of it (a million calls of `keep` at the scale step).
  const keepsAll = !scope.highlightIds && !scope.coders;
  const annotationCsv = kind === 'annotations' ? annotationCsvMaker(annotationNames(lists), csv) : null;
  const columns = kind === 'documents' ? documentColumns(lists) : [];
  const none = '';
  return ({ document, highlights }) => {
    const one: ExportLibrary = {
      ...lists,
      documents: [document],
      highlights: keepsAll ? highlights : highlights.filter(keep),
    };
    const documentId = document.id;
    const rows = (rows: Iterable<ReadonlyArray<string | number>>): DocumentPart => ({
      documentId,
      text: csvRowsText(rows, csv),
      count: 0,
    });
    const elements = (items: Iterable<unknown>, depth: number): DocumentPart => {
      const list = Array.isArray(items) ? items : [...items];
      return { documentId, text: jsonElements(list, depth), count: list.length };
    };
    switch (kind) {
      case 'annotations':
        return { documentId, text: annotationCsv!(one), count: 0 };
      case 'documents':
        if (json)
          return elements(
            Array.from(documentRows(one), (row) => asObject(columns, row)),
            1,
          );
        return rows(documentRows(one));
      case 'codebook':
        return { documentId, text: none, count: 0, tagIds: one.highlights.map((h) => [...h.tagIds]) };
      case 'web-annotation':
        return elements(webAnnotationItems(one), 2);
      case 'backup':
        return { ...elements(one.highlights, 2), document: jsonAt(document, 2) };
      default:
        throw new Error(`Unknown streamed export ${String(kind satisfies never)}`);
    }
  };
}

async function* mapDocuments<T>(
  documents: AsyncIterable<DocumentWithHighlights>,
  map: (one: DocumentWithHighlights) => T,
): AsyncGenerator<T> {
  for await (const one of documents) yield map(one);
}

async function* texts(parts: AsyncIterable<DocumentPart>): AsyncGenerator<string | Uint8Array> {
  for await (const { text } of parts) yield text;
}

/**
 * Pieces of an export gathered into blocks of about a megabyte of UTF-8: a write per document (20,000 of them at the
 * scale step) would cost a round trip each. Text is encoded straight into the block (`encodeInto`), not into bytes of
 * its own that are then copied: a buffer and a copy fewer per document.
 */
export async function* gathered(pieces: AsyncIterable<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  let block = new Uint8Array(BLOCK_BYTES);
  let length = 0;
  // What the block holds, handed on; the next block has room for at least `size` bytes.
  const handOn = (size: number): Uint8Array => {
    const full = block.subarray(0, length);
    block = new Uint8Array(Math.max(BLOCK_BYTES, size));
    length = 0;
    return full;
  };
  for await (const piece of pieces) {
    if (piece.length === 0) continue;
    // UTF-8 takes at most three bytes for each UTF-16 unit.
    const most = typeof piece === 'string' ? piece.length * 3 : piece.length;
    if (length + most > block.length) {
      const full = handOn(most);
      if (full.length > 0) yield full;
    }
    if (typeof piece === 'string') length += utf8.encodeInto(piece, block.subarray(length)).written;
    else {
      block.set(piece, length);
      length += piece.length;
    }
    if (length >= BLOCK_BYTES) yield handOn(0);
  }
  if (length > 0) yield block.subarray(0, length);
}

const BLOCK_BYTES = 1 << 20;

/**
 * The parts' JSON elements as one array: "[" and a line break, the elements, then `end`; `empty` when there are none.
 * `counted.total` is how many elements it held, once it has ended.
 */
async function* elementArray(
  parts: AsyncIterable<DocumentPart>,
  { empty, end }: { empty: string; end: string },
  counted = { total: 0 },
): AsyncGenerator<string | Uint8Array> {
  for await (const { text, count } of parts) {
    if (count === 0) continue;
    yield counted.total === 0 ? '[\n' : ',\n';
    yield text;
    counted.total += count;
  }
  yield counted.total === 0 ? empty : end;
}

/** A top-level array whose `count` elements were spilled (each at depth 2, separated by commas), as JSON. */
async function* spilledList(count: number, spill: Spill): AsyncGenerator<string | Uint8Array> {
  if (count === 0) {
    yield '[]';
    return;
  }
  yield '[\n';
  yield* spill.read();
  yield '\n  ]';
}

/** A row as the JSON exports write it: keyed by the CSV's column names. */
function asObject(columns: readonly string[], row: ReadonlyArray<string | number>): object {
  return Object.fromEntries(columns.map((c, i) => [c, row[i]]));
}

/** A stand-in for an array that is written in parts: its JSON string is replaced by the parts. */
const PART = '\u0000part\u0000';

/**
 * The backup's text around its two long arrays, as `JSON.stringify(backup, null, 2)` writes it: before the documents,
 * between them and the highlights, and after the highlights.
 */
function backupFrame(source: LibrarySource): [string, string, string] {
  const backup = {
    format: BACKUP_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    documents: PART,
    tags: source.tags,
    entities: source.entities,
    variables: source.variables,
    highlights: PART,
    settings: source.settings,
  };
  const [head, middle, tail] = `${JSON.stringify(backup, null, 2)}\n`.split(JSON.stringify(PART));
  return [head!, middle!, tail!];
}

/** Everything in memory as a source: what the app streams its exports from (a snapshot of its lists). */
export function memorySource(library: ExportLibrary & { settings: Settings }): LibrarySource {
  const documents = new Map(library.documents.map((d) => [d.id, d]));
  const byDocument = groupBy(library.highlights, (h) => h.documentId);
  return {
    tags: library.tags,
    entities: library.entities,
    variables: library.variables,
    settings: library.settings,
    documentIds: library.documents.map((d) => d.id),
    async *documents(ids) {
      for (const id of ids) {
        const document = documents.get(id);
        if (document) yield { document, highlights: byDocument.get(id) ?? [] };
      }
    },
  };
}
