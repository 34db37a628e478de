import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { CURRENT_SCHEMA_VERSION, type Database, type Highlight, type StoredDocument } from '../../shared/domain';
import { notFound } from './api-error';
import { newestGoodBackup, takeRollingBackups } from './backups';
import { DataFileTooNewError, needsFolderStep } from './migrations/index';
import { newLibrary } from './new-library';
import { newLogToken } from './storage/document-log';
import { DocumentLogs } from './storage/document-logs';
import { FileSetWriter, recoverFileSet, type FileWrite } from './storage/file-set-writer';
import {
  documentEntries,
  documentIdOfFileName,
  documentFilePath,
  documentFileText,
  documentsDirPath,
  highlightsByDocument,
  libraryFilePath,
  libraryFileText,
  withText,
  type LibraryFile,
} from './storage/library-layout';
import {
  findRecoverableDocuments,
  keepIntactDocuments,
  moveLibraryAside,
  restoreDamagedDocuments,
  type RecoverableDocument,
} from './storage/recovery';
import {
  readDocumentFile,
  readDocuments,
  readLibrary,
  readLibraryFile,
  readSingleFileLibrary,
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
  /** Intact documents in folders moved aside that the library does not hold: the analyst can bring them back. */
  recoverable(): RecoverableDocument[];
  /** One document with its highlights: from memory once loaded, straight from its file before. */
  openDocument(documentId: string): Promise<{ document: StoredDocument; highlights: Highlight[] }>;
  /**
   * Resolves once the files holding what `touched` names are on disk as `data` has them now: renamed into place, all
   * of them or none (see {@link FileSetWriter}).
   */
  save(touched: Touched): Promise<void>;
  /**
   * Waits for the saves under way, then folds every change log into its document's file, so that the closed library
   * is plain JSON that any tool reads without replaying logs. Called on a clean quit.
   */
  close(): Promise<void>;
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
const FOLD_PART = 'fold';
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
  const notices = await recoverFileSet(dataDir, [documentsDirPath(dataDir)], now());
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
  // Document files with no library file to list them are someone's work: never start a fresh library over them.
  if (file.kind === 'missing') {
    const found = (await readdir(documentsDirPath(dataDir))).filter((n) => documentIdOfFileName(n) !== null);
    if (found.length > 0) {
      file = {
        kind: 'unreadable',
        reason: `The library file is missing, but ${found.length} document file${found.length > 1 ? 's are' : ' is'} there.`,
      };
    }
  }

  let data: Database | null = null;
  let listed: LibraryFile | null = null;
  let backups: Promise<void> = Promise.resolve();
  let recoverable: RecoverableDocument[] = [];
  switch (file.kind) {
    case 'missing':
      data = fresh();
      await writeWholeLibrary(dataDir, writer, logs, data);
      break;
    case 'unreadable': {
      const aside = await moveLibraryAside(dataDir, now());
      const backup = await newestGoodBackup(dataDir, readBackup);
      if (backup) {
        data = backup.data;
        const kept = aside.documentsDir ? await keepIntactDocuments(data, aside.documentsDir) : [];
        notices.push(
          `${file.reason} The library was moved to ${aside.description}, and restored from the backup ` +
            `${backup.file}. ` +
            (kept.length > 0
              ? `The highlights of ${kept.length} document${kept.length > 1 ? 's' : ''} were taken from their ` +
                'intact files, newer than the backup. '
              : '') +
            'Other changes made after that backup are only in the moved files.',
        );
      } else {
        data = fresh();
        notices.push(
          `${file.reason} The library was moved to ${aside.description}; there was no backup, so a new one was ` +
            'started.',
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
    else if (!read.countsMatch || needsFolderStep(library.schemaVersion, 'mark-library-file'))
      await writer.write([{ file: libraryFilePath(dataDir), content: libraryFileText(whole) }]);
    // A log damaged after good lines: those are kept, written whole into the document's file with a new log, and
    // the damaged log is kept aside.
    for (const damagedLog of read.damagedLogs) {
      const aside = `${damagedLog.file}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`;
      await copyFile(damagedLog.file, aside);
      await writeWhole(whole, [damagedLog.details.id], false);
      notices.push(
        `The document "${damagedLog.details.title}" was opened with part of its changes. ${damagedLog.description} ` +
          `The log was kept as ${aside}.`,
      );
    }
    await logs.removeObsolete();
    await settle(whole);
  };
  /**
   * Once the library is whole: finds the documents that folders moved aside could bring back, and takes the launch
   * backup — after the library opens rather than before it, and the first write waits for it, so it is the library
   * at launch. A new library takes its first backup at once too.
   */
  const settle = async (whole: Database): Promise<void> => {
    recoverable = await findRecoverableDocuments(dataDir, new Set(whole.documents.map((d) => d.id)));
    const files = [
      libraryFilePath(dataDir),
      ...whole.documents.map((d) => documentFilePath(dataDir, d.id)),
      ...logs.files(),
    ];
    backups = takeRollingBackups(dataDir, files, now()).catch((error: Error) => {
      notices.push(`The launch backup of the library could not be taken: ${error.message}`);
    });
  };
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
    // On close: every log with lines folded into its document's file, so a closed library is plain JSON.
    if (parts.has(FOLD_PART)) for (const id of logs.withLines()) await writeWhole(library, [id], false);
  });
  // In the background, the documents are read once something needs them (any call but the first screen's two, and
  // the renderer's `getWorkspace({ settled: true })` right after its first screen), or after a few seconds anyway:
  // reading 2,000 files at once would slow the very start it is meant to speed up.
  let loading: Promise<void> | null = null;
  const load = (): Promise<void> => {
    if (!loading) {
      loading = listed ? loadDocuments(listed) : settle(data!);
      // A failure is reported to every caller that waits for the documents, never as an unhandled rejection.
      loading.catch(() => undefined);
    }
    return loading;
  };
  if (options.documentsInBackground && listed) setTimeout(() => void load(), BACKGROUND_LOAD_DELAY_MS).unref();
  else await load();

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
    recoverable() {
      const known = new Set(data?.documents.map((d) => d.id));
      return recoverable.filter((r) => !known.has(r.documentId));
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
    close: () => save([FOLD_PART]),
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
