import { copyFile, mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { CURRENT_SCHEMA_VERSION, type Database, type Highlight, type StoredDocument } from '../../shared/domain';
import { notFound } from './api-error';
import { listBackups, newestGoodBackup, takeRollingBackups } from './backups';
import { DataFileTooNewError } from './migrations';
import { newLibrary } from './new-library';
import { removeDanglingReferences } from './storage/dangling-references';
import { newLogToken } from './storage/document-log';
import { DocumentLogs } from './storage/document-logs';
import { FileSetWriter, recoverFileSet, type FileWrite } from './storage/file-set-writer';
import {
  documentEntries,
  documentFilePath,
  documentFileText,
  documentsDirPath,
  highlightsByDocument,
  isLogOf,
  libraryFilePath,
  libraryFileText,
  withText,
  type LibraryFile,
} from './storage/library-layout';
import {
  readDocumentFile,
  readDocuments,
  readLibrary,
  readLibraryFile,
  readSingleFileLibrary,
  type DamagedDocument,
  type LibraryFileRead,
  type LibraryRead,
} from './storage/read-library';

/** What a change touched, and so which files a save rewrites: the library file, and documents' files by id. */
export interface Touched {
  library?: boolean;
  /** Only the documents' highlight counts in the library file: written after the rest, outside its atomic step. */
  counts?: boolean;
  documentIds?: Iterable<string>;
}

/** What the library file lists: the documents (with their counts) and everything but texts and highlights. */
export type Listing = Omit<LibraryFile, 'schemaVersion' | 'layout'>;

/** The library in memory, and the one way to put it on disk. */
export interface Store {
  readonly dataDir: string;
  /** What the analyst should be told about opening the library (shown once in the UI). */
  readonly notices: readonly string[];
  /**
   * Resolves once every document is read and `data` holds the whole library; rejects if they cannot be read. Asking
   * for it starts the reading, if it has not started.
   */
  readonly loaded: Promise<void>;
  readonly isLoaded: boolean;
  /** The whole library. Only once {@link loaded}: before, it throws. */
  readonly data: Database;
  /** The documents as the library lists them, and the codebook, holders, targets and settings: at hand at once. */
  listing(): Listing;
  /** One document with its highlights: from memory once loaded, straight from its file before. */
  openDocument(documentId: string): Promise<{ document: StoredDocument; highlights: Highlight[] }>;
  /**
   * Resolves once the files holding what `touched` names are on disk as `data` has them now: renamed into place, all
   * of them or none (see {@link FileSetWriter}).
   */
  save(touched: Touched): Promise<void>;
}

/** An empty library: no documents, no codebook (what a backup is restored into). */
export function emptyLibrary(): Database {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    documents: [],
    tags: [],
    actors: [],
    targets: [],
    highlights: [],
    settings: { annotator: '', lastDocumentId: null, snapToWords: true, readingPositions: {} },
  };
}

const LIBRARY_PART = 'library';
const COUNTS_PART = 'counts';
/** How long after opening the documents are read in the background, if nothing asked for them before. */
const BACKGROUND_LOAD_DELAY_MS = 3_000;
const documentPart = (id: string): string => `document:${id}`;

export interface OpenOptions {
  now?: () => Date;
  /** false: start an empty library (to restore a backup into) instead of one with the sample article. */
  seed?: boolean;
  /**
   * Return as soon as the library file is read, and read the documents' files in the background (what the app does:
   * a library of 2,000 documents is shown at once). Otherwise the store is returned whole.
   */
  documentsInBackground?: boolean;
}

/**
 * Opens the library in `dataDir`, creating it on first start — with the sample article and the starter codebook,
 * or empty when `seed` is false.
 *
 * The files are read and written directly (lowdb's `JSONFilePreset` swaps in an in-memory adapter under
 * NODE_ENV=test, and tests must exercise the real disk). A library that reads well is kept in the rolling backups
 * first. A library file that cannot be read as this version's (damaged, or from a newer version) is moved aside with
 * the document files, never overwritten, and the newest good backup takes its place; a damaged document file is
 * moved aside and that document alone restored from the newest backup that has it. The notices say what happened and
 * where the old files are. A single-file library of an earlier version is converted, and kept as it was.
 */
export async function openStore(dataDir: string, options: OpenOptions = {}): Promise<Store> {
  const now = options.now ?? (() => new Date());
  await mkdir(documentsDirPath(dataDir), { recursive: true });
  await recoverFileSet(dataDir, [documentsDirPath(dataDir)]);
  const notices: string[] = [];
  const fresh = (): Database => (options.seed === false ? emptyLibrary() : newLibrary(now()));
  const writer = new FileSetWriter(dataDir);
  const logs = new DocumentLogs(dataDir);

  let file: LibraryFileRead;
  try {
    file = await readLibraryFile(dataDir);
  } catch (error) {
    // A library from a newer version is not damaged, but this version cannot use it: keep it aside, untouched.
    if (!(error instanceof DataFileTooNewError)) throw error;
    file = { kind: 'unreadable', reason: error.message };
  }

  let data: Database | null = null;
  let listed: LibraryFile | null = null;
  let backups: Promise<void> = Promise.resolve();
  switch (file.kind) {
    case 'missing':
      data = fresh();
      await writeWholeLibrary(dataDir, writer, logs, data);
      break;
    case 'unreadable': {
      const aside = await moveAside(dataDir, now());
      const backup = await newestGoodBackup(dataDir, readBackup);
      if (backup) {
        data = backup.data;
        notices.push(
          `${file.reason} The library was moved to ${aside}, and restored from the backup ${backup.file}. ` +
            'Changes made after that backup are only in the moved files.',
        );
      } else {
        data = fresh();
        notices.push(
          `${file.reason} The library was moved to ${aside}; there was no backup, so a new one was started.`,
        );
      }
      await writeWholeLibrary(dataDir, writer, logs, data);
      break;
    }
    case 'single-file':
      // Back up, and keep, the single file as the older version wrote it, so a conversion bug can never cost data.
      // It stays the library until the converted library file is renamed over it, the last step of writing all.
      await takeRollingBackups(dataDir, [libraryFilePath(dataDir)], now());
      await copyFile(libraryFilePath(dataDir), `${libraryFilePath(dataDir)}.schema-${file.fromVersion}.bak`);
      data = file.data;
      await writeWholeLibrary(dataDir, writer, logs, data);
      break;
    case 'document-files':
      listed = file.file;
      break;
    default:
      throw new Error(`Unknown library state ${String(file satisfies never)}`);
  }

  /** Reads every document's file, restores the damaged ones, then takes the launch backup. */
  const loadDocuments = async (library: LibraryFile): Promise<void> => {
    const read = await readDocuments(dataDir, library.documents);
    const { layout, documents: entries, ...lists } = library;
    const whole: Database = {
      ...lists,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      documents: read.documents,
      highlights: read.highlights,
    };
    for (const [id, { highlights, ...state }] of read.logs) logs.read(id, state, highlights);
    const restored = await restoreDamagedDocuments(dataDir, whole, read.damaged, now());
    notices.push(...restored.notices);
    const order = new Map(entries.map((d, i) => [d.id, i]));
    whole.documents.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    data = whole;
    if (restored.changed) await writeWholeLibrary(dataDir, writer, logs, whole);
    // Counts that do not match are corrected; a library file of schema 4 is marked 5 before any document's file
    // names a change log, so that a version before 5 refuses the library rather than ignore its logs.
    else if (!read.countsMatch || library.schemaVersion < CURRENT_SCHEMA_VERSION)
      await writer.write([{ file: libraryFilePath(dataDir), content: libraryFileText(whole) }]);
    await logs.removeObsolete();
    // Taken after the library opens rather than before it; the first write waits for it, so it is the library at
    // launch.
    const files = [
      libraryFilePath(dataDir),
      ...whole.documents.map((d) => documentFilePath(dataDir, d.id)),
      ...logs.files(),
    ];
    backups = takeRollingBackups(dataDir, files, now()).catch((error: Error) => {
      notices.push(`The launch backup of the library could not be taken: ${error.message}`);
    });
  };
  // In the background, the documents are read once something needs them (any call but the first screen's two, and
  // the renderer's `getWorkspace({ settled: true })` right after its first screen), or after a few seconds anyway:
  // reading 2,000 files at once would slow the very start it is meant to speed up.
  let loading: Promise<void> | null = null;
  const load = (): Promise<void> => {
    if (!loading) {
      loading = listed ? loadDocuments(listed) : Promise.resolve();
      // A failure is reported to every caller that waits for the documents, never as an unhandled rejection.
      loading.catch(() => undefined);
    }
    return loading;
  };
  if (options.documentsInBackground) setTimeout(() => void load(), BACKGROUND_LOAD_DELAY_MS).unref();
  else await load();

  const whole = (): Database => {
    if (!data) throw new Error('The library is still loading its documents.');
    return data;
  };
  /** Appends the change to the document's log; null when its file must be written whole instead. */
  const appendToLog = (library: Database, documentId: string): Promise<void> | null => {
    if (!library.documents.some((d) => d.id === documentId)) return null;
    const current = highlightsByDocument(library.highlights, [documentId]).get(documentId)!;
    const line = logs.lineFor(documentId, current);
    if (line === null) return null;
    return line === '' ? Promise.resolve() : logs.append(documentId, line, current);
  };
  /** Writes the documents' files whole (each with a new log) and the library file, all or none. */
  const writeWhole = async (library: Database, documentIds: readonly string[], withLibrary: boolean) => {
    const highlights = highlightsByDocument(library.highlights, documentIds);
    const documents = new Map(library.documents.map((d) => [d.id, d]));
    const planned = documentIds.map((id) => {
      const document = documents.get(id);
      const current = highlights.get(id) ?? [];
      // A document that is gone (deleted) loses its file in the same step.
      return { id, current, ...(document ? wholeDocumentFile(document, current) : { token: null, content: null }) };
    });
    const writes: FileWrite[] = planned.map((p) => ({ file: documentFilePath(dataDir, p.id), content: p.content }));
    // The library file comes last, so a document added with it is never listed before its file exists.
    if (withLibrary) writes.push({ file: libraryFilePath(dataDir), content: libraryFileText(library) });
    try {
      await writer.write(writes);
    } catch (error) {
      for (const p of planned) logs.uncertain(p.id);
      throw error;
    }
    await Promise.all(planned.map((p) => logs.rewritten(p.id, p.token, p.content?.length ?? 0, p.current)));
  };
  const save = coalescedWriter<string>(async (parts) => {
    await load();
    await backups;
    const library = whole();
    const documentIds = [...parts]
      .filter((p) => p.startsWith(documentPart('')))
      .map((p) => p.slice(documentPart('').length));
    // One document's highlights alone (the usual save): a line appended to its log. A change to the library file,
    // or to several documents, is written whole, in one atomic step.
    const [only] = documentIds;
    const appended =
      only !== undefined && documentIds.length === 1 && !parts.has(LIBRARY_PART) ? appendToLog(library, only) : null;
    const writes = [appended ?? writeWhole(library, documentIds, parts.has(LIBRARY_PART))];
    // Counts alone: the library file beside the documents' files, not in their atomic step. A crash between the two
    // leaves a count that does not match its document's file, which the next reading of the documents corrects.
    if (parts.has(COUNTS_PART) && !parts.has(LIBRARY_PART)) {
      writes.push(writer.write([{ file: libraryFilePath(dataDir), content: libraryFileText(library) }]));
    }
    await Promise.all(writes);
  });
  return {
    dataDir,
    notices,
    get loaded() {
      return load();
    },
    get isLoaded() {
      return data !== null;
    },
    get data() {
      return whole();
    },
    listing() {
      if (!data) {
        const { schemaVersion, layout, ...rest } = listed!;
        return rest;
      }
      const { schemaVersion, documents, highlights, ...rest } = data;
      return { documents: documentEntries(data), ...rest };
    },
    async openDocument(documentId) {
      if (!data) {
        const details = listed!.documents.find((d) => d.id === documentId);
        if (!details) throw notFound('document', documentId);
        const read = await readDocumentFile(dataDir, documentId);
        // A file that cannot be read is restored (or reported) by the load: wait for it.
        if ('file' in read) return { document: withText(details, read.file.text), highlights: read.file.highlights };
        await load();
      }
      const library = whole();
      const document = library.documents.find((d) => d.id === documentId);
      if (!document) throw notFound('document', documentId);
      return { document, highlights: library.highlights.filter((h) => h.documentId === documentId) };
    },
    save: ({ library, counts, documentIds = [] }) =>
      save([
        ...(library ? [LIBRARY_PART] : []),
        ...(counts ? [COUNTS_PART] : []),
        ...[...documentIds].map(documentPart),
      ]),
  };
}

/** Reads a backup: a folder laid out like the data folder, or a single file kept by an earlier version. */
function readBackup(backup: { path: string; singleFile: boolean }): Promise<LibraryRead> {
  return backup.singleFile ? readSingleFileLibrary(backup.path) : readLibrary(backup.path);
}

/** A document's file written whole: with a new change log, which makes any earlier log obsolete. */
function wholeDocumentFile(document: StoredDocument, highlights: readonly Highlight[]) {
  const token = newLogToken();
  return { token, content: documentFileText(document, highlights, token) };
}

/** Every document's file first, the library file last: until it is written, the library on disk is the old one. */
async function writeWholeLibrary(
  dataDir: string,
  writer: FileSetWriter,
  logs: DocumentLogs,
  data: Database,
): Promise<void> {
  const highlights = highlightsByDocument(
    data.highlights,
    data.documents.map((d) => d.id),
  );
  for (const document of data.documents) {
    const current = highlights.get(document.id)!;
    const { token, content } = wholeDocumentFile(document, current);
    await writer.write([{ file: documentFilePath(dataDir, document.id), content }]);
    await logs.rewritten(document.id, token, content.length, current);
  }
  await writer.write([{ file: libraryFilePath(dataDir), content: libraryFileText(data) }]);
}

/**
 * Puts back each document whose file could not be read, from the newest backup holding a good copy of it, and says
 * so; a document no backup holds is taken out of the library (its file stays aside). Returns whether `data` changed.
 */
async function restoreDamagedDocuments(
  dataDir: string,
  data: Database,
  damaged: readonly DamagedDocument[],
  now: Date,
): Promise<{ changed: boolean; notices: string[] }> {
  const notices: string[] = [];
  const backupDirs = damaged.length > 0 ? await listFolderBackups(dataDir) : [];
  const names = damaged.length > 0 ? await readdir(documentsDirPath(dataDir)) : [];
  for (const { details, files, reason } of damaged) {
    // Its file, and any change log of it: a log is no use without its file, but it is the analyst's work.
    const logs = names.filter((n) => isLogOf(details.id, n));
    const moved = [...new Set([...files, ...logs.map((n) => path.join(documentsDirPath(dataDir), n))])];
    const aside = (await Promise.all(moved.map((file) => moveFileAside(file, now)))).filter((a) => a !== null);
    const where =
      aside.length > 0 ? ` The file${aside.length > 1 ? 's were' : ' was'} moved to ${aside.join(', ')}.` : '';
    let restoredFrom: string | null = null;
    for (const dir of backupDirs) {
      const copy = await readDocumentFile(dir, details.id);
      if ('file' in copy) {
        data.documents.push(withText(details, copy.file.text));
        data.highlights.push(...removeDanglingReferences(data, copy.file.highlights));
        restoredFrom = dir;
        break;
      }
    }
    notices.push(
      restoredFrom
        ? `The document "${details.title}" could not be read: ${reason}${where} It was restored from the backup ` +
            `${restoredFrom}; its changes made after that backup are only in the moved file.`
        : `The document "${details.title}" could not be read: ${reason}${where} No backup holds it, so it was taken ` +
            'out of the library.',
    );
  }
  return { changed: damaged.length > 0, notices };
}

async function listFolderBackups(dataDir: string): Promise<string[]> {
  return (await listBackups(dataDir)).filter((b) => !b.singleFile).map((b) => b.path);
}

/**
 * Serialises the library at most once per write on disk: while one write is under way, every save asked for meanwhile
 * shares the single write that starts after it (and so holds all their changes, and every part they touched). A burst
 * of 10,000 changes costs a handful of writes, not 10,000; each caller still resolves only once a write that began
 * after its change has been renamed into place.
 */
export function coalescedWriter<T>(
  write: (parts: ReadonlySet<T>) => Promise<void>,
): (parts: Iterable<T>) => Promise<void> {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  let queued = new Set<T>();
  const start = (parts: ReadonlySet<T>): Promise<void> => {
    const run = write(parts).finally(() => {
      if (current === run) current = null;
    });
    current = run;
    return run;
  };
  return (parts) => {
    if (!current) return start(new Set(parts));
    for (const part of parts) queued.add(part);
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = null;
        const batch = queued;
        queued = new Set();
        return start(batch);
      });
    return next;
  };
}

/** Moves an unreadable library (its file and its documents folder) out of the way; returns where it went. */
async function moveAside(dataDir: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${libraryFilePath(dataDir)}.unreadable-${stamp}`;
  await rename(libraryFilePath(dataDir), aside);
  try {
    await rename(documentsDirPath(dataDir), `${documentsDirPath(dataDir)}.unreadable-${stamp}`);
    await mkdir(documentsDirPath(dataDir), { recursive: true });
    return `${aside} (and its documents to ${path.basename(documentsDirPath(dataDir))}.unreadable-${stamp})`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(documentsDirPath(dataDir), { recursive: true });
    return aside;
  }
}

/** Renames a damaged document file out of the way; null when there was no file. */
async function moveFileAside(file: string, now: Date): Promise<string | null> {
  const aside = `${file}.unreadable-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(file, aside);
    return aside;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
