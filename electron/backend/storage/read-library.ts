import { TextFile } from 'lowdb/node';
import { CURRENT_SCHEMA_VERSION, databaseSchema, type Database, type StoredDocument } from '../../../shared/domain';
import { mapLimited } from './map-limited';
import { DataFileShapeError, DataFileTooNewError, migrate } from '../migrations';
import {
  DOCUMENT_FILES_LAYOUT,
  documentFilePath,
  documentFileSchema,
  libraryFilePath,
  libraryFileSchema,
  withText,
  type DocumentFile,
  type LibraryFile,
} from './library-layout';

/** A document whose file could not be read: the rest of the library is usable without it. */
export interface DamagedDocument {
  details: Omit<StoredDocument, 'text'>;
  file: string;
  reason: string;
}

/** What is in a data folder (or a backup of one): nothing yet, a library, or something unreadable. */
export type LibraryRead =
  | { kind: 'missing' }
  | {
      kind: 'library';
      data: Database;
      /** The schema the library was written in, and whether it was still one single file. */
      fromVersion: number;
      singleFile: boolean;
      /** Documents left out of `data` because their files could not be read. */
      damagedDocuments: DamagedDocument[];
    }
  | { kind: 'unreadable'; reason: string };

/** How many document files are read at once: enough to keep the disk busy, few enough for any file-handle limit. */
const READ_CONCURRENCY = 32;

/**
 * Reads and checks the library in `dataDir` without changing anything on disk: the library file and every document
 * file it lists, or a single-file library of an earlier version (migrated in memory). A library from a newer schema
 * throws {@link DataFileTooNewError}: it is readable, just not by this version.
 */
export async function readLibrary(dataDir: string): Promise<LibraryRead> {
  const raw = await readJson(libraryFilePath(dataDir));
  if (raw.kind !== 'json') return raw.kind === 'missing' ? raw : { kind: 'unreadable', reason: raw.reason };
  const value = raw.value as { layout?: unknown; schemaVersion?: unknown } | null;
  if (typeof value !== 'object' || value === null || value.layout !== DOCUMENT_FILES_LAYOUT) {
    return singleFileLibrary(raw.value);
  }
  if (typeof value.schemaVersion === 'number' && value.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new DataFileTooNewError(value.schemaVersion, CURRENT_SCHEMA_VERSION);
  }
  const parsed = libraryFileSchema.safeParse(value);
  if (!parsed.success) return { kind: 'unreadable', reason: shapeProblem('The data file', parsed.error) };
  return assemble(dataDir, parsed.data);
}

/** Reads a library kept in one file (an earlier version's data file, or one of its backups). */
export async function readSingleFileLibrary(filePath: string): Promise<LibraryRead> {
  const raw = await readJson(filePath);
  if (raw.kind !== 'json') return raw.kind === 'missing' ? raw : { kind: 'unreadable', reason: raw.reason };
  return singleFileLibrary(raw.value);
}

/** Reads one document's file; null when it is missing, a reason when it is damaged or belongs to another id. */
export async function readDocumentFile(
  dataDir: string,
  documentId: string,
): Promise<{ file: DocumentFile } | { problem: string }> {
  const raw = await readJson(documentFilePath(dataDir, documentId));
  if (raw.kind === 'missing') return { problem: 'Its file is missing.' };
  if (raw.kind === 'unreadable') return { problem: 'Its file was not valid JSON.' };
  const parsed = documentFileSchema.safeParse(raw.value);
  if (!parsed.success) return { problem: shapeProblem('Its file', parsed.error) };
  if (parsed.data.documentId !== documentId) return { problem: 'Its file belongs to another document.' };
  if (parsed.data.highlights.some((h) => h.documentId !== documentId)) {
    return { problem: 'Its file holds highlights of another document.' };
  }
  return { file: parsed.data };
}

async function assemble(dataDir: string, library: LibraryFile): Promise<LibraryRead> {
  const files = await mapLimited(library.documents, READ_CONCURRENCY, (d) => readDocumentFile(dataDir, d.id));
  const { layout, documents, ...lists } = library;
  const data: Database = { ...lists, documents: [], highlights: [] };
  const damagedDocuments: DamagedDocument[] = [];
  documents.forEach((details, i) => {
    const read = files[i]!;
    if ('problem' in read) {
      damagedDocuments.push({ details, file: documentFilePath(dataDir, details.id), reason: read.problem });
      return;
    }
    data.documents.push(withText(details, read.file.text));
    for (const highlight of read.file.highlights) data.highlights.push(highlight);
  });
  return { kind: 'library', data, fromVersion: library.schemaVersion, singleFile: false, damagedDocuments };
}

function singleFileLibrary(raw: unknown): LibraryRead {
  let migrated: ReturnType<typeof migrate>;
  try {
    migrated = migrate(raw);
  } catch (error) {
    if (error instanceof DataFileShapeError) return { kind: 'unreadable', reason: error.message };
    throw error;
  }
  const parsed = databaseSchema.safeParse(migrated.data);
  if (!parsed.success) return { kind: 'unreadable', reason: shapeProblem('The data file', parsed.error) };
  return {
    kind: 'library',
    data: parsed.data,
    fromVersion: migrated.fromVersion,
    singleFile: true,
    damagedDocuments: [],
  };
}

type JsonRead = { kind: 'missing' } | { kind: 'unreadable'; reason: string } | { kind: 'json'; value: unknown };

async function readJson(file: string): Promise<JsonRead> {
  const text = await new TextFile(file).read();
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
