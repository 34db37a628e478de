import { csvBlocks, type CsvOptions } from '../csv';
import {
  CURRENT_SCHEMA_VERSION,
  type Entity,
  type Highlight,
  type Settings,
  type StoredDocument,
  type Tag,
  type Variable,
} from '../domain';
import { ANNOTATION_COLUMNS, annotationRows, type ExportLibrary } from './annotation-rows';
import { BACKUP_FORMAT } from './backup';
import { rowsAsJson, scopeFilters, type ExportScope } from './build-export';
import { CODEBOOK_COLUMNS, codebookRowsFromCounts, documentColumns, documentRows, TagCounts } from './library-rows';
import { webAnnotationHead, webAnnotationItems } from './web-annotation';

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
  tags: Tag[];
  entities: Entity[];
  variables: Variable[];
  settings: Settings;
  /** Every document's id, in the library's order. */
  documentIds: readonly string[];
  /** Each of `ids` with its text and highlights, in the order given. */
  documents(ids: readonly string[]): AsyncIterable<DocumentWithHighlights>;
}

/**
 * Where an export puts what must come later in the file than it is read: a backup lists every document before any
 * highlight, and a web annotation collection its total before its items, yet a document's file holds its text and its
 * highlights together. Kept in a temporary file by the backend, so that memory does not grow with the library.
 */
export interface Spill {
  write(text: string): Promise<void>;
  /** What was written, in order, once everything is written. */
  read(): AsyncIterable<string>;
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
 * The text of one export in blocks, read from `source` a document at a time: the same text as `exportBlocks` gives
 * for the whole library in memory (a test holds them to it), except that a backup lists its highlights by document.
 */
export async function* streamedExport(
  source: LibrarySource,
  kind: StreamedKind,
  scope: ExportScope,
  { csv, json = false, spill, progress, signal }: StreamOptions,
): AsyncGenerator<string> {
  // A backup is always the whole library (as exportBlocks writes it), whatever part the other exports cover.
  const filters = scopeFilters(kind === 'backup' ? {} : scope);
  const ids = source.documentIds.filter(filters.document);
  const keep = filters.highlight;
  const lists: Omit<ExportLibrary, 'documents' | 'highlights'> = source;
  async function* eachDocument(): AsyncGenerator<ExportLibrary> {
    let done = 0;
    progress?.(done, ids.length);
    for await (const { document, highlights } of source.documents(ids)) {
      signal?.throwIfAborted();
      yield { ...lists, documents: [document], highlights: highlights.filter(keep) };
      progress?.(++done, ids.length);
    }
    signal?.throwIfAborted();
  }

  switch (kind) {
    case 'annotations': {
      yield* csvBlocks(ANNOTATION_COLUMNS, [], csv);
      for await (const one of eachDocument()) yield* rowBlocks(ANNOTATION_COLUMNS, annotationRows(one), csv);
      return;
    }
    case 'documents': {
      const columns = documentColumns(source);
      if (json) {
        let rows = 0;
        for await (const one of eachDocument()) {
          for (const row of documentRows(one))
            yield `${rows++ === 0 ? '[\n' : ',\n'}${jsonAt(asObject(columns, row), 1)}`;
        }
        yield rows === 0 ? '[]\n' : '\n]\n';
        return;
      }
      yield* csvBlocks(columns, [], csv);
      for await (const one of eachDocument()) yield* rowBlocks(columns, documentRows(one), csv);
      return;
    }
    case 'codebook': {
      const counts = new TagCounts(source.tags);
      for await (const one of eachDocument()) for (const h of one.highlights) counts.add(h);
      const rows = codebookRowsFromCounts(source.tags, counts);
      if (json) yield rowsAsJson(CODEBOOK_COLUMNS, rows);
      else yield* csvBlocks(CODEBOOK_COLUMNS, rows, csv);
      return;
    }
    case 'web-annotation': {
      let total = 0;
      for await (const one of eachDocument()) {
        for (const item of webAnnotationItems(one)) {
          await spill.write(`${total === 0 ? '' : ',\n'}${jsonAt(item, 2)}`);
          total += 1;
        }
      }
      const [head, tail] = webAnnotationHead(total);
      yield head;
      yield* spilledList(total, spill);
      yield tail;
      return;
    }
    case 'backup': {
      const [head, middle, tail] = backupFrame(source);
      yield head;
      let documents = 0;
      let highlights = 0;
      for await (const one of eachDocument()) {
        yield `${documents++ === 0 ? '[\n' : ',\n'}${jsonAt(one.documents[0], 2)}`;
        for (const h of one.highlights) await spill.write(`${highlights++ === 0 ? '' : ',\n'}${jsonAt(h, 2)}`);
      }
      yield documents === 0 ? '[]' : '\n  ]';
      yield middle;
      yield* spilledList(highlights, spill);
      yield tail;
      return;
    }
    default:
      throw new Error(`Unknown streamed export ${String(kind satisfies never)}`);
  }
}

/** A top-level array whose `count` elements were spilled (each at depth 2, separated by commas), as JSON. */
async function* spilledList(count: number, spill: Spill): AsyncGenerator<string> {
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

/** CSV blocks of rows alone: the header (and byte order mark) are written once, before the first document's rows. */
function* rowBlocks(
  columns: readonly string[],
  rows: Iterable<ReadonlyArray<string | number>>,
  csv: CsvOptions,
): Generator<string> {
  let first = true;
  for (const block of csvBlocks(columns, rows, { ...csv, bom: false })) {
    const text = first ? block.slice(block.indexOf('\r\n') + 2) : block;
    first = false;
    if (text !== '') yield text;
  }
}

/**
 * A value as `JSON.stringify(…, null, 2)` writes it as an element of an array `depth` levels deep: each line indented
 * by two spaces a level. Strings never hold a raw line break in JSON, so every `\n` is one of the layout's.
 */
export function jsonAt(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  return pad + JSON.stringify(value, null, 2).replaceAll('\n', `\n${pad}`);
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
  const byDocument = new Map<string, Highlight[]>();
  for (const h of library.highlights) {
    const list = byDocument.get(h.documentId);
    if (list) list.push(h);
    else byDocument.set(h.documentId, [h]);
  }
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
