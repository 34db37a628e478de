import { copyFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { CURRENT_SCHEMA_VERSION, databaseSchema, type Database } from '../../shared/domain';
import { DATA_FILE_NAME } from './data-dir';
import { newestGoodBackup, takeRollingBackups } from './backups';
import { DataFileShapeError, DataFileTooNewError, migrate } from './migrations';
import { newLibrary } from './new-library';

/** The library in memory, and the one way to put it on disk. */
export interface Store {
  readonly data: Database;
  readonly filePath: string;
  /** What the analyst should be told about opening the file (shown once in the UI). */
  readonly notices: readonly string[];
  /** Resolves once the whole library is on disk (written to a temp file and renamed over the data file). */
  save(): Promise<void>;
}

/** What is in a data file: nothing yet, a library (with the version it was written in), or something unreadable. */
export type LibraryFile =
  | { kind: 'missing' }
  | { kind: 'library'; data: Database; fromVersion: number }
  | { kind: 'unreadable'; reason: string };

/**
 * Reads and checks a data file without changing anything on disk. A file from a newer schema throws
 * {@link DataFileTooNewError}: it is readable, just not by this version.
 */
export async function readLibraryFile(filePath: string): Promise<LibraryFile> {
  let raw: unknown;
  try {
    raw = await new JSONFile<unknown>(filePath).read();
  } catch (error) {
    if (error instanceof SyntaxError) return { kind: 'unreadable', reason: 'The data file was not valid JSON.' };
    throw error;
  }
  if (raw === null) return { kind: 'missing' };
  let migrated: ReturnType<typeof migrate>;
  try {
    migrated = migrate(raw);
  } catch (error) {
    if (error instanceof DataFileShapeError) return { kind: 'unreadable', reason: error.message };
    throw error;
  }
  const parsed = databaseSchema.safeParse(migrated.data);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the top level';
    return { kind: 'unreadable', reason: `The data file did not have the expected shape (at ${where}).` };
  }
  return { kind: 'library', data: parsed.data, fromVersion: migrated.fromVersion };
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

/**
 * Opens the library in `dataDir`, creating it on first start — with the sample article and the starter codebook,
 * or empty when `seed` is false (to restore a backup into).
 *
 * lowdb's `JSONFilePreset` swaps in an in-memory adapter under NODE_ENV=test, so the file adapter is used directly:
 * tests then exercise the real disk. A file that reads well is copied to the rolling backups first. A file that cannot
 * be read as this version's library (damaged, or from a newer version) is moved aside, never overwritten, and the
 * newest good backup takes its place; the notices say what happened and where the old file is.
 */
export async function openStore(dataDir: string, options: { now?: () => Date; seed?: boolean } = {}): Promise<Store> {
  const now = options.now ?? (() => new Date());
  await mkdir(dataDir, { recursive: true });
  const filePath = path.join(dataDir, DATA_FILE_NAME);
  const notices: string[] = [];
  const fresh = (): Database => (options.seed === false ? emptyLibrary() : newLibrary(now()));

  let file: LibraryFile;
  try {
    file = await readLibraryFile(filePath);
  } catch (error) {
    // A file from a newer version is not damaged, but this version cannot use it: keep it aside, untouched.
    if (!(error instanceof DataFileTooNewError)) throw error;
    file = { kind: 'unreadable', reason: error.message };
  }
  let data: Database;
  let needsWrite = true;
  switch (file.kind) {
    case 'missing':
      data = fresh();
      break;
    case 'unreadable': {
      const aside = await moveAside(filePath, now());
      const backup = await newestGoodBackup(dataDir, readLibraryFile);
      if (backup) {
        data = backup.data;
        notices.push(
          `${file.reason} The file was moved to ${aside}, and the library was restored from the backup ${backup.file}. ` +
            'Changes made after that backup are only in the moved file.',
        );
      } else {
        data = fresh();
        notices.push(
          `${file.reason} The file was moved to ${aside}; there was no backup, so a new library was started.`,
        );
      }
      break;
    }
    case 'library':
      data = file.data;
      await takeRollingBackups(dataDir, filePath, now());
      if (file.fromVersion < data.schemaVersion) {
        // Keep the file as the older version wrote it, so a migration bug can never cost data.
        await copyFile(filePath, `${filePath}.schema-${file.fromVersion}.bak`);
      } else {
        needsWrite = false;
      }
      break;
    default:
      throw new Error(`Unknown file state ${String(file satisfies never)}`);
  }

  const db = new Low<Database>(new JSONFile<Database>(filePath), data);
  if (needsWrite) await db.write();
  return {
    get data() {
      return db.data;
    },
    filePath,
    notices,
    save: coalescedWriter(() => db.write()),
  };
}

/**
 * Serialises the library at most once per write on disk: while one write is under way, every save asked for meanwhile
 * shares the single write that starts after it (and so holds all their changes). A burst of 10,000 changes costs a
 * handful of writes, not 10,000 serialisations of the whole file; each caller still resolves only once a write that
 * began after its change has been renamed into place.
 */
export function coalescedWriter(write: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const run = write().finally(() => {
      if (current === run) current = null;
    });
    current = run;
    return run;
  };
  return () => {
    if (!current) return start();
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}

/** Renames an unreadable data file out of the way and returns its new path. */
async function moveAside(filePath: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${filePath}.unreadable-${stamp}`;
  await rename(filePath, aside);
  return aside;
}
