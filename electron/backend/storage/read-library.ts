import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  CURRENT_SCHEMA_VERSION,
  databaseSchema,
  type Database,
  type Highlight,
  type StoredDocument,
} from '../../../shared/domain';
import { DataFileShapeError, DataFileTooNewError, migrate } from '../migrations/index';
import { withEntityAliases } from './entity-aliases';
import { checkDocumentFile } from './document-file-check';
import { checkLibraryFile, type LibraryFileCheck } from './library-file-check';
import { describeLogDamage, replayLog } from './document-log';
import { readTextFile } from './durable-file';
import {
  DOCUMENT_FILES_LAYOUT,
  documentFileName,
  documentLogName,
  documentsDirPath,
  libraryFilePath,
  withText,
  type DocumentEntry,
  type DocumentFile,
  type LibraryFile,
} from './library-layout';
import { documentHoldingText } from './held-documents';
import { mapLimited } from './map-limited';
import type { SharedStrings } from './shared-strings';

/** A document whose file could not be read: the rest of the library is usable without it. */
export interface DamagedDocument {
  details: DocumentEntry;
  /** Its file, and its change log when that was the damaged part: to move aside. */
  files: string[];
  reason: string;
}

/**
 * What the library file of a data folder (or of a backup) holds: nothing yet, the library file of this layout (its
 * documents still to be read), a whole single-file library of an earlier version (migrated in memory), or something
 * unreadable.
 */
export type LibraryFileRead =
  | { kind: 'missing' }
  | { kind: 'document-files'; file: LibraryFile; fromVersion: number; notices: string[] }
  | { kind: 'single-file'; data: Database; fromVersion: number; notices: string[] }
  | { kind: 'unreadable'; reason: string };

/** The documents a library file lists, read from their files. */
export interface DocumentsRead {
  documents: StoredDocument[];
  highlights: Highlight[];
  /** Documents left out because their files could not be read. */
  damaged: DamagedDocument[];
  /** Whether every entry's counts in the library file matched its file (false after a crash or a restore). */
  countsMatch: boolean;
  /** Each document's change log, and its highlights as read (what its files hold now). */
  logs: Map<string, DocumentLogState & { highlights: Highlight[] }>;
  /** Documents whose change log was damaged after some good lines: read with those lines. */
  damagedLogs: Array<DamagedLog & { details: DocumentEntry }>;
}

/** A whole library: read, but documents whose files could not be read are left out and listed. */
export type LibraryRead =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'library'; data: Database; damagedDocuments: DamagedDocument[] };

/** How many document files are read at once: enough to keep the disk busy, few enough for any file-handle limit. */
const READ_CONCURRENCY = 32;

/**
 * Reads and checks the library file in `dataDir` without changing anything on disk. A library from a newer schema
 * throws {@link DataFileTooNewError}: it is readable, just not by this version.
 */
export async function readLibraryFile(
  dataDir: string,
  check: (raw: unknown) => LibraryFileCheck = checkLibraryFile,
): Promise<LibraryFileRead> {
  const raw = await readJson(libraryFilePath(dataDir));
  if (raw.kind !== 'json') return raw.kind === 'missing' ? raw : { kind: 'unreadable', reason: raw.reason };
  const value = raw.value as { layout?: unknown; schemaVersion?: unknown } | null;
  if (typeof value !== 'object' || value === null || value.layout !== DOCUMENT_FILES_LAYOUT) {
    return singleFileLibrary(raw.value);
  }
  if (typeof value.schemaVersion === 'number' && value.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new DataFileTooNewError(value.schemaVersion, CURRENT_SCHEMA_VERSION);
  }
  let migrated: ReturnType<typeof migrate>;
  try {
    migrated = migrate(value);
  } catch (error) {
    if (error instanceof DataFileShapeError) return { kind: 'unreadable', reason: error.message };
    throw error;
  }
  const parsed = check(migrated.data);
  if (!parsed.success) return { kind: 'unreadable', reason: shapeProblem('The data file', parsed.error) };
  return { kind: 'document-files', file: parsed.data, fromVersion: migrated.fromVersion, notices: migrated.notices };
}

/**
 * Reads the files of the documents `entries` list, in their order, their stances in this schema's ids
 * (`entityAliases` of the library file: entity-aliases.ts).
 */
export async function readDocuments(
  dataDir: string,
  entries: readonly DocumentEntry[],
  entityAliases?: Readonly<Record<string, string>>,
  shared?: SharedStrings,
): Promise<DocumentsRead> {
  const names = new Set(await readdir(documentsDirPath(dataDir)).catch(() => []));
  const files = await mapLimited(entries, READ_CONCURRENCY, async (d) => {
    const result = await readDocumentFile(dataDir, d.id, names);
    if (!('file' in result)) return result;
    const { file, ...rest } = result;
    // With `shared`, the highlights share the strings they repeat (shared-strings.ts), and the text may be held on
    // disk: as soon as its file is parsed, so that no text of a large library stays in memory meanwhile.
    const text = shared ? shared.hold(file.text) : file.text;
    const highlights = shared ? shared.shareIn(file.highlights, d.id, file.text, text) : file.highlights;
    return { ...rest, text, highlights };
  });
  const read: DocumentsRead = {
    documents: [],
    highlights: [],
    damaged: [],
    countsMatch: true,
    logs: new Map(),
    damagedLogs: [],
  };
  entries.forEach((details, i) => {
    const result = files[i]!;
    if ('problem' in result) {
      read.damaged.push({ details, files: result.files, reason: result.problem });
      read.countsMatch = false;
      return;
    }
    const { text } = result;
    const highlights = withEntityAliases(result.highlights, entityAliases);
    read.documents.push(typeof text === 'string' ? withText(details, text) : documentHoldingText(details, text));
    for (const highlight of highlights) read.highlights.push(highlight);
    read.logs.set(details.id, { ...result.log, highlights });
    if (result.damagedLog) read.damagedLogs.push({ ...result.damagedLog, details });
    if (details.charCount !== text.length || details.highlightCount !== highlights.length) read.countsMatch = false;
  });
  return read;
}

/**
 * Reads a whole library: a data folder, or a backup folder laid out like one. It is a consistent snapshot even while
 * the app writes the library: never less than what was saved before it began. A document whose file is gone (deleted
 * after the library file was read) makes it read the library file again.
 */
export async function readLibrary(dataDir: string): Promise<LibraryRead> {
  for (let attempt = 1; ; attempt++) {
    const read = await readLibraryOnce(dataDir);
    const vanished = read.kind === 'library' && read.damagedDocuments.some((d) => d.files.length === 0);
    if (!vanished || attempt >= MAX_READ_ATTEMPTS) return read;
  }
}

async function readLibraryOnce(dataDir: string): Promise<LibraryRead> {
  const file = await readLibraryFile(dataDir);
  switch (file.kind) {
    case 'missing':
    case 'unreadable':
      return file;
    case 'single-file':
      return { kind: 'library', data: file.data, damagedDocuments: [] };
    case 'document-files': {
      const { layout, documents: entries, entityAliases, ...lists } = file.file;
      const { documents, highlights, damaged } = await readDocuments(dataDir, entries, entityAliases);
      // A library file of an earlier schema of this layout holds the same records (library-layout.ts).
      const data: Database = { ...lists, schemaVersion: CURRENT_SCHEMA_VERSION, documents, highlights };
      return { kind: 'library', data, damagedDocuments: damaged };
    }
    default:
      throw new Error(`Unknown library file state ${String(file satisfies never)}`);
  }
}

/** Reads a library kept in one file (an earlier version's data file, or one of its backups). */
export async function readSingleFileLibrary(filePath: string): Promise<LibraryRead> {
  const raw = await readJson(filePath);
  if (raw.kind !== 'json') return raw.kind === 'missing' ? raw : { kind: 'unreadable', reason: raw.reason };
  const file = singleFileLibrary(raw.value);
  return file.kind === 'single-file' ? { kind: 'library', data: file.data, damagedDocuments: [] } : file;
}

/** What is known of a document's change log once it is read (see document-log.ts). */
export interface DocumentLogState {
  /** The token its file names; null for a file written before change logs. */
  token: string | null;
  /** The log's length, in bytes; 0 when there is none yet. */
  logLength: number;
  /** The length of the document's file, in characters. */
  fileLength: number;
  /** Whether the log ends in a line a crash cut short. */
  torn: boolean;
}

/** A change log that is damaged after some good lines: those were replayed; the log is to be kept aside. */
export interface DamagedLog {
  file: string;
  /** What was kept and what was not (document-log.ts's `describeLogDamage`). */
  description: string;
}

export type DocumentFileRead =
  | { file: DocumentFile; log: DocumentLogState; damagedLog?: DamagedLog }
  | { problem: string; /** The files to move aside. */ files: string[] };

/** What a documents folder holds, as far as a reader of document files asks: whether a file of that name is there. */
export type FolderNames = Pick<ReadonlySet<string>, 'has'>;

/**
 * For a reader of one document: every change log is looked for. One that is not there costs a failed open and a
 * second read of the document's file (which tells a log never written from one a save removed); listing the folder
 * instead read every document's names, 35 ms at 20,000 documents, on the way to the first document shown.
 */
const EVERY_NAME: FolderNames = { has: () => true };

/**
 * Reads one document's file and replays its change log; a reason when either is missing, damaged, or belongs to
 * another id. `names` (what the documents folder holds, when the caller listed it) saves looking for logs not there.
 */
export function readDocumentFile(dataDir: string, documentId: string, names?: FolderNames): Promise<DocumentFileRead> {
  return readDocumentFileIn(documentsDirPath(dataDir), documentId, names);
}

/** {@link readDocumentFile} from a documents folder: the data folder's, or one moved aside. */
export async function readDocumentFileIn(
  documentsDir: string,
  documentId: string,
  names: FolderNames = EVERY_NAME,
): Promise<DocumentFileRead> {
  const file = path.join(documentsDir, documentFileName(documentId));
  // `names` is listed (by a reader of many documents) before the file is read: a log with no line yet is then never
  // looked for, nor mistaken for one a save has just removed (which costs a second read of the file).
  for (let attempt = 1; ; attempt++) {
    const read = await readDocumentFileOnce(file, documentsDir, documentId, names);
    // The file named a log that was gone when it was read: a save wrote the file whole in between, which makes its
    // old log obsolete and removes it. Read the new file, which holds what the old log did (a reader must never see
    // less than what was saved before it began). A log that was never written (no line yet) is simply missing.
    const result = !('logGone' in read)
      ? read
      : attempt >= MAX_READ_ATTEMPTS || (await readTextFile(file)) === read.text
        ? read.result
        : null;
    if (result === null) continue;
    return result;
  }
}

/** How often a reader reads a document again when a save replaced its file while it read. */
const MAX_READ_ATTEMPTS = 20;

async function readDocumentFileOnce(
  file: string,
  documentsDir: string,
  documentId: string,
  names: FolderNames,
): Promise<DocumentFileRead | { logGone: true; text: string; result: DocumentFileRead }> {
  const text = await readTextFile(file);
  if (text === null) return { problem: 'Its file is missing.', files: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'Its file was not valid JSON.', files: [file] };
  }
  const parsed = checkDocumentFile(raw);
  if (!parsed.success) return { problem: shapeProblem('Its file', parsed.error), files: [file] };
  const read = parsed.data;
  if (read.documentId !== documentId) return { problem: 'Its file belongs to another document.', files: [file] };
  if (read.highlights.some((h) => h.documentId !== documentId)) {
    return { problem: 'Its file holds highlights of another document.', files: [file] };
  }
  const log: DocumentLogState = { token: read.log ?? null, logLength: 0, fileLength: text.length, torn: false };
  if (!read.log || !names.has(documentLogName(documentId, read.log))) return { file: read, log };
  const logFile = path.join(documentsDir, documentLogName(documentId, read.log));
  const logText = await readTextFile(logFile);
  if (logText === null) return { logGone: true, text, result: { file: read, log } };
  const replayed = replayLog(documentId, read.highlights, logText);
  return {
    file: { ...read, highlights: replayed.highlights },
    log: { ...log, logLength: Buffer.byteLength(logText), torn: replayed.torn || replayed.damage !== undefined },
    ...(replayed.damage && { damagedLog: { file: logFile, description: describeLogDamage(replayed.damage) } }),
  };
}

function singleFileLibrary(raw: unknown): Extract<LibraryFileRead, { kind: 'single-file' | 'unreadable' }> {
  let migrated: ReturnType<typeof migrate>;
  try {
    migrated = migrate(raw);
  } catch (error) {
    if (error instanceof DataFileShapeError) return { kind: 'unreadable', reason: error.message };
    throw error;
  }
  const parsed = databaseSchema.safeParse(migrated.data);
  if (!parsed.success) return { kind: 'unreadable', reason: shapeProblem('The data file', parsed.error) };
  return { kind: 'single-file', data: parsed.data, fromVersion: migrated.fromVersion, notices: migrated.notices };
}

type JsonRead = { kind: 'missing' } | { kind: 'unreadable'; reason: string } | { kind: 'json'; value: unknown };

async function readJson(file: string): Promise<JsonRead> {
  const text = await readTextFile(file);
  if (text === null) return { kind: 'missing' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'unreadable', reason: 'The data file was not valid JSON.' };
  }
}

function shapeProblem(what: string, error: { issues: ReadonlyArray<{ path: PropertyKey[] }> }): string {
  const where = error.issues[0]?.path.join('.') || 'the top level';
  return `${what} did not have the expected shape (at ${where}).`;
}
