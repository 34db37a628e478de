import { copyFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { databaseSchema, type Database } from '../../shared/domain';
import { DATA_FILE_NAME } from './data-dir';
import { DataFileShapeError, migrate } from './migrations';
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

/**
 * Opens the library in `dataDir`, creating it with the sample article on first start.
 *
 * lowdb's `JSONFilePreset` swaps in an in-memory adapter under NODE_ENV=test, so the file adapter is used directly:
 * tests then exercise the real disk. A file that cannot be read as a library is moved aside, never overwritten;
 * a file from a newer schema is refused (the {@link DataFileTooNewError} from `migrate` propagates).
 */
export async function openStore(dataDir: string, now: () => Date = () => new Date()): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const filePath = path.join(dataDir, DATA_FILE_NAME);
  const notices: string[] = [];

  const loaded = await readLibrary(filePath, now(), notices);
  const db = new Low<Database>(new JSONFile<Database>(filePath), loaded.data);
  if (loaded.needsWrite) await db.write();

  return {
    get data() {
      return db.data;
    },
    filePath,
    notices,
    save: () => db.write(),
  };
}

async function readLibrary(
  filePath: string,
  now: Date,
  notices: string[],
): Promise<{ data: Database; needsWrite: boolean }> {
  let raw: unknown;
  try {
    raw = await new JSONFile<unknown>(filePath).read();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const aside = await moveAside(filePath, now);
    notices.push(`The data file was not valid JSON. It was moved to ${aside}; a new library was started.`);
    return { data: newLibrary(now), needsWrite: true };
  }
  if (raw === null) return { data: newLibrary(now), needsWrite: true };

  let migrated: ReturnType<typeof migrate>;
  try {
    migrated = migrate(raw);
  } catch (error) {
    if (!(error instanceof DataFileShapeError)) throw error;
    const aside = await moveAside(filePath, now);
    notices.push(`${error.message} It was moved to ${aside}; a new library was started.`);
    return { data: newLibrary(now), needsWrite: true };
  }

  const parsed = databaseSchema.safeParse(migrated.data);
  if (!parsed.success) {
    const aside = await moveAside(filePath, now);
    const where = parsed.error.issues[0]?.path.join('.') || 'the top level';
    notices.push(
      `The data file did not have the expected shape (at ${where}). It was moved to ${aside}; a new library was started.`,
    );
    return { data: newLibrary(now), needsWrite: true };
  }

  if (migrated.fromVersion < parsed.data.schemaVersion) {
    // Keep the file as the older version wrote it, so a migration bug can never cost data.
    await copyFile(filePath, `${filePath}.schema-${migrated.fromVersion}.bak`);
    return { data: parsed.data, needsWrite: true };
  }
  return { data: parsed.data, needsWrite: false };
}

/** Renames an unreadable data file out of the way and returns its new path. */
async function moveAside(filePath: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${filePath}.unreadable-${stamp}`;
  await rename(filePath, aside);
  return aside;
}
