import { Buffer } from 'node:buffer';
import path from 'node:path';
import { z } from 'zod';
import {
  CURRENT_SCHEMA_VERSION,
  databaseSchema,
  documentSchema,
  highlightSchema,
  idSchema,
  type Database,
  type Highlight,
  type StoredDocument,
  type Variable,
} from '../../../shared/domain';
import { textLengthOf } from './held-documents';
import { DATA_FILE_NAME } from '../data-dir';

/**
 * How a library lies in its data folder: one library file (the documents' details, the codebook, holders, targets,
 * settings) and one file per document (its text and its highlights). A highlight saved at library scale then rewrites
 * one document's file of a few kilobytes, not the whole library: a single JSON file of 2,000 documents and 100,000
 * highlights took 0.7 s to rewrite and blocked the backend for most of it.
 *
 * The library file says which layout it is in, so a single-file library (every earlier version, and a project backup)
 * is told apart from this one and converted when opened.
 */
export const DOCUMENT_FILES_LAYOUT = 'document-files';
export const DOCUMENTS_DIR_NAME = 'documents';

export const libraryFilePath = (dataDir: string): string => path.join(dataDir, DATA_FILE_NAME);
export const documentsDirPath = (dataDir: string): string => path.join(dataDir, DOCUMENTS_DIR_NAME);

/**
 * A document's file name. Ids made by the app are lowercase UUIDs and are used as they are; any other id (a backup
 * can bring ids from elsewhere) is hex-encoded, so that no id can name a path outside the folder or collide with
 * another on a case-insensitive disk. A plain name never contains a dot, so it never equals an encoded one.
 */
export function documentFileName(documentId: string): string {
  return /^[a-z0-9_-]+$/.test(documentId)
    ? `${documentId}.json`
    : `${Buffer.from(documentId, 'utf8').toString('hex')}.hex.json`;
}

/** The document id a file name in a documents folder stands for; null for any other file (a log, a moved file). */
export function documentIdOfFileName(name: string): string | null {
  const hex = /^((?:[0-9a-f]{2})+)\.hex\.json$/.exec(name);
  if (hex) return Buffer.from(hex[1]!, 'hex').toString('utf8');
  const plain = /^([a-z0-9_-]+)\.json$/.exec(name);
  return plain ? plain[1]! : null;
}

export const documentFilePath = (dataDir: string, documentId: string): string =>
  path.join(documentsDirPath(dataDir), documentFileName(documentId));

/** The file name of a document's change log (see document-log.ts): its file's name with the log's token. */
export const documentLogName = (documentId: string, token: string): string =>
  documentFileName(documentId).replace(/\.json$/, `.${token}.log`);

/** Whether `name` is the name of a change log of the document, whatever its token. */
export function isLogOf(documentId: string, name: string): boolean {
  const stem = `${documentFileName(documentId).replace(/\.json$/, '')}.`;
  return name.startsWith(stem) && /^[0-9a-f]{16}\.log$/.test(name.slice(stem.length));
}

export const documentLogPath = (dataDir: string, documentId: string, token: string): string =>
  path.join(documentsDirPath(dataDir), documentLogName(documentId, token));

const { tags, entities, variables, settings } = databaseSchema.shape;

/**
 * A document as the library file lists it: its details, and its size and number of highlights, so that the library
 * can be shown before any document file is read. The counts are kept with every change that alters them, and checked
 * when the documents are read.
 */
export const documentEntrySchema = documentSchema.omit({ text: true }).extend({
  charCount: z.number().int().nonnegative(),
  highlightCount: z.number().int().nonnegative(),
});
export type DocumentEntry = z.infer<typeof documentEntrySchema>;

/** The library file as this version reads it: one of an earlier schema is migrated first (read-library.ts). */
export const libraryFileSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  layout: z.literal(DOCUMENT_FILES_LAYOUT),
  documents: z.array(documentEntrySchema),
  tags,
  entities,
  variables,
  settings,
  /**
   * Targets joined with holders of the same name when the two lists became one, by old id: applied to the documents'
   * files written before (entity-aliases.ts) until all of them are written anew. Never written by this version.
   */
  entityAliases: z.record(idSchema, idSchema).optional(),
});
export type LibraryFile = Omit<z.infer<typeof libraryFileSchema>, 'variables'> & { variables: Variable[] };

/**
 * A document's file: its text and its highlights, and the token of the change log that applies on top of them
 * (document-log.ts; absent in files written before logs, which have none).
 */
export const documentFileSchema = z.object({
  documentId: idSchema,
  log: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
  text: z.string(),
  highlights: z.array(highlightSchema),
});
export type DocumentFile = Omit<z.infer<typeof documentFileSchema>, 'highlights'> & { highlights: Highlight[] };

/** The library file's contents for `data`. */
export function libraryFileText(data: Database): string {
  return listingFileText(libraryFile(data, documentEntries(data)));
}

/** The library file for `data`, listing `documents`. */
function libraryFile(data: Database, documents: DocumentEntry[]): LibraryFile {
  const { tags, entities, variables, settings } = data;
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    layout: DOCUMENT_FILES_LAYOUT,
    documents,
    tags,
    entities,
    variables,
    settings,
  };
}

/** A stand-in for the documents' entries in the library file's text, replaced by them a slice at a time. */
const ENTRIES = '\u0000entries\u0000';
/** Entries per slice: some 3 ms of JSON.stringify each (a scavenge of a large heap may add 15 ms to any turn). */
const ENTRIES_PER_SLICE = 500;
/** Highlights counted per slice: some 4 ms. */
const HIGHLIGHTS_PER_SLICE = 50_000;

/**
 * {@link libraryFileText} as UTF-8 in pieces, built a slice of documents at a time with turns of the event loop between them.
 * At 20,000 documents the file is 10 MB: one JSON.stringify of it, joined and encoded, held the backend for 150 ms
 * (every save waiting), so the counts written after a pause are built this way. It is the library as it was when it
 * began, whatever changes meanwhile.
 */
export async function libraryFileBytes(data: Database): Promise<Buffer[]> {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  // The documents as they are now (a copy of the list: records are replaced, never changed, but the list changes in
  // place), and everything small written at once.
  const documents = data.documents.slice();
  const [head, tail] = aroundEntries(libraryFile(data, []));
  // Counting a million highlights reads a million objects spread over the heap (70 ms at once), and copying the list
  // first takes 30: they are counted in the list itself, a slice at a time. A highlight added or removed meanwhile may
  // be counted wrong; counts are advisory (checked against the document files whenever they are read) and that change
  // has asked for the counts to be written again.
  const { highlights } = data;
  const counts = new Map<string, number>();
  for (let i = 0; i < highlights.length; i += HIGHLIGHTS_PER_SLICE) {
    if (i > 0) await turn();
    countRuns(highlights, i, Math.min(i + HIGHLIGHTS_PER_SLICE, highlights.length), counts);
  }
  const pieces: Buffer[] = [Buffer.from(`${head}[`)];
  for (let i = 0; i < documents.length; i += ENTRIES_PER_SLICE) {
    await turn();
    const entries = entriesWithCounts(documents.slice(i, i + ENTRIES_PER_SLICE), counts);
    pieces.push(Buffer.from(`${i === 0 ? '\n' : ',\n'}${entryLines(entries)}`));
  }
  pieces.push(Buffer.from(`${documents.length === 0 ? '' : '\n  '}]${tail}`));
  // In pieces, written one after another: joined, 10 MB would take another 30 ms to copy.
  return pieces;
}

/**
 * A library file's contents: indented, as people do look inside, but each document's entry on a line of its own. At
 * 20,000 documents the entries indented a property a line made 10 MB of the file, read at every start and written
 * with every change to the list; a line each makes 7 MB, and a document a line is easier to look through too.
 */
export function listingFileText(file: LibraryFile): string {
  const [head, tail] = aroundEntries(file);
  const entries = file.documents.length === 0 ? '' : `\n${entryLines(file.documents)}\n  `;
  return `${head}[${entries}]${tail}`;
}

/** A library file's text, indented, before its documents' entries and after them (each side of the list's brackets). */
function aroundEntries(file: LibraryFile): [string, string] {
  return JSON.stringify({ ...file, documents: ENTRIES }, null, 2).split(JSON.stringify(ENTRIES)) as [string, string];
}

/** Documents' entries as elements of the library file's `documents`: one a line, indented, separated by ",\n". */
function entryLines(entries: readonly DocumentEntry[]): string {
  let text = '';
  for (let i = 0; i < entries.length; i++) text += `${i === 0 ? '' : ',\n'}    ${JSON.stringify(entries[i])}`;
  return text;
}

/**
 * Every document's entry: its details (in the schema's order) with its size and its number of highlights. A
 * document's highlights mostly follow one another in the list, so they are counted a run at a time: a lookup per run,
 * not per highlight (a million highlights: 15 ms instead of 65).
 */
export function documentEntries(data: Database): DocumentEntry[] {
  return entriesWithCounts(data.documents, countRuns(data.highlights, 0, data.highlights.length, new Map()));
}

/** Adds to `counts` the highlights of `highlights[from, to)`, by document, a run of one document's at a time. */
function countRuns(
  highlights: readonly Highlight[],
  from: number,
  to: number,
  counts: Map<string, number>,
): Map<string, number> {
  let current: string | null = null;
  let run = 0;
  const endRun = () => current !== null && counts.set(current, (counts.get(current) ?? 0) + run);
  for (let i = from; i < to; i++) {
    const { documentId } = highlights[i]!;
    if (documentId === current) run++;
    else {
      endRun();
      current = documentId;
      run = 1;
    }
  }
  endRun();
  return counts;
}

function entriesWithCounts(documents: readonly StoredDocument[], counts: Map<string, number>): DocumentEntry[] {
  return documents.map((document) => {
    const { id, title, source, meta, memo, variables, sha256, addedAt } = document;
    const highlightCount = counts.get(id) ?? 0;
    const charCount = textLengthOf(document);
    return { id, title, source, meta, memo, variables, sha256, addedAt, charCount, highlightCount };
  });
}

/**
 * A document's file from its text's JSON (compact: it can hold a megabyte of text and ten thousand highlights):
 * exactly `JSON.stringify({ documentId, log, text, highlights })`, each highlight's JSON from `json`
 * (document-json.ts keeps them for the documents written last).
 */
export function documentFileJson(
  documentId: string,
  textJson: string,
  highlights: readonly Highlight[],
  log: string,
  json: (highlight: Highlight) => string = (highlight) => JSON.stringify(highlight),
): string {
  const head = `{"documentId":${JSON.stringify(documentId)},"log":${JSON.stringify(log)},"text":`;
  return `${head}${textJson},"highlights":[${highlights.map(json).join(',')}]}`;
}

/** A document from its details in the library file and the text from its own file, in the schema's key order. */
export function withText(details: Omit<StoredDocument, 'text'>, text: string): StoredDocument {
  const { id, title, source, meta, memo, variables, sha256, addedAt } = details;
  return { id, title, text, source, meta, memo, variables, sha256, addedAt };
}
