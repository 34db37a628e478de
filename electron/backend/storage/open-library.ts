import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { CURRENT_SCHEMA_VERSION, type Database } from '../../../shared/domain';
import { newestGoodBackup, takeRollingBackups } from '../backups';
import { DataFileTooNewError } from '../migrations/index';
import { recoverFileSet } from './file-set-writer';
import { documentIdOfFileName, documentsDirPath, libraryFilePath, type LibraryFile } from './library-layout';
import type { LibraryWriter } from './library-writer';
import {
  readLibrary,
  readLibraryFile,
  readSingleFileLibrary,
  type LibraryFileRead,
  type LibraryRead,
} from './read-library';
import { keepIntactDocuments, moveLibraryAside } from './recovery';

/** A data folder once opened: the whole library (new, restored or converted), or its library file, documents unread. */
export type OpenedFolder = { kind: 'whole'; data: Database } | { kind: 'listed'; file: LibraryFile };

/**
 * Opens a data folder, creating its library on first start (`fresh()`), and recovers what a crash or damage left:
 * an interrupted set of writes is finished or discarded; a library file that cannot be read as this version's
 * (damaged, missing beside document files, or from a newer version) is moved aside with the documents, never
 * overwritten, and the newest good backup takes its place, with the intact document files that are newer than it; a
 * single-file library of an earlier version is converted, and kept as it was. Returns what to tell the analyst.
 */
export async function openLibraryFolder(
  dataDir: string,
  options: { now: Date; fresh: () => Database; writer: LibraryWriter },
): Promise<{ opened: OpenedFolder; notices: string[] }> {
  const { now, fresh, writer } = options;
  await mkdir(documentsDirPath(dataDir), { recursive: true });
  const notices = await recoverFileSet(dataDir, [documentsDirPath(dataDir)], now);
  const file = await libraryFileState(dataDir);
  switch (file.kind) {
    case 'missing': {
      const data = fresh();
      await writer.writeAll(data);
      return { opened: { kind: 'whole', data }, notices };
    }
    case 'unreadable': {
      const aside = await moveLibraryAside(dataDir, now);
      const backup = await newestGoodBackup(dataDir, readBackup);
      let data: Database;
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
      await writer.writeAll(data);
      return { opened: { kind: 'whole', data }, notices };
    }
    case 'single-file':
      notices.push(...file.notices);
      // Back up, and keep, the single file as the older version wrote it, so a conversion bug can never cost data.
      // It stays the library until the converted library file is renamed over it, the last step of writing all
      // (migrations/004-document-files.ts).
      await takeRollingBackups(dataDir, [libraryFilePath(dataDir)], now);
      await copyFile(libraryFilePath(dataDir), `${libraryFilePath(dataDir)}.schema-${file.fromVersion}.bak`);
      await writer.writeAll(file.data);
      return { opened: { kind: 'whole', data: file.data }, notices };
    case 'document-files':
      notices.push(...file.notices);
      // A library file of an earlier schema is written in this one before anything else is written (and so before
      // any document's file names a change log, which a version before 5 would ignore): an older version then
      // refuses the library rather than drop what it does not know, and what the migration reported is said once.
      if (file.fromVersion < CURRENT_SCHEMA_VERSION) await writer.writeListing(file.file);
      return { opened: { kind: 'listed', file: file.file }, notices };
    default:
      throw new Error(`Unknown library state ${String(file satisfies never)}`);
  }
}

/** The library file's state; a newer version's or one missing beside document files counts as unreadable. */
async function libraryFileState(dataDir: string): Promise<LibraryFileRead> {
  let file: LibraryFileRead;
  try {
    file = await readLibraryFile(dataDir);
  } catch (error) {
    // A library from a newer version is not damaged, but this version cannot use it: keep it aside, untouched.
    if (!(error instanceof DataFileTooNewError)) throw error;
    return { kind: 'unreadable', reason: error.message };
  }
  if (file.kind !== 'missing') return file;
  // Document files with no library file to list them are someone's work: never start a fresh library over them.
  const found = (await readdir(documentsDirPath(dataDir))).filter((n) => documentIdOfFileName(n) !== null).length;
  if (found === 0) return file;
  const files = `${found} document file${found > 1 ? 's are' : ' is'}`;
  return { kind: 'unreadable', reason: `The library file is missing, but ${files} there.` };
}

/** Reads a backup: a folder laid out like the data folder, or a single file kept by an earlier version. */
function readBackup(backup: { path: string; singleFile: boolean }): Promise<LibraryRead> {
  return backup.singleFile ? readSingleFileLibrary(backup.path) : readLibrary(backup.path);
}
