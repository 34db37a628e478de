import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../../shared/domain';
import { pushAll } from '../../../shared/collections';
import { listBackups } from '../backups';
import { removeDanglingReferences } from './dangling-references';
import { renameDurably } from './durable-file';
import { documentIdOfFileName, documentsDirPath, isLogOf, libraryFilePath, withText } from './library-layout';
import { readDocumentFile, readDocumentFileIn, type DamagedDocument } from './read-library';
import { fileStamp as stampOf } from './file-stamp';

/**
 * Recovering a library from damage: moving what cannot be read aside (never overwriting it), restoring from backups,
 * and finding the analyst's work that the moved files still hold.
 */

const ASIDE_DOCUMENTS_PREFIX = `${path.basename(documentsDirPath(''))}.unreadable-`;

/** A document whose intact file lies in a folder moved aside, and that the library does not hold. */
export interface RecoverableDocument {
  documentId: string;
  /** Its first line: the library file that had its title could not be read. */
  title: string;
  charCount: number;
  highlightCount: number;
  /** The file it would be brought back from. */
  file: string;
}

/**
 * Moves an unreadable library (its file, when there is one, and its documents folder) out of the way. Returns what
 * to tell the analyst, and the documents folder as moved (null when there was none).
 */
export async function moveLibraryAside(
  dataDir: string,
  now: Date,
): Promise<{ description: string; documentsDir: string | null }> {
  const stamp = stampOf(now);
  const moved: string[] = [];
  const libraryAside = `${libraryFilePath(dataDir)}.unreadable-${stamp}`;
  if (await renameIfPresent(libraryFilePath(dataDir), libraryAside)) moved.push(libraryAside);
  const documentsAside = path.join(dataDir, `${ASIDE_DOCUMENTS_PREFIX}${stamp}`);
  const hasDocuments = await renameIfPresent(documentsDirPath(dataDir), documentsAside);
  if (hasDocuments) moved.push(`${documentsAside}${path.sep}`);
  await mkdir(documentsDirPath(dataDir), { recursive: true });
  return { description: moved.join(' and '), documentsDir: hasDocuments ? documentsAside : null };
}

/**
 * After a library was restored from a backup: each document the restored library holds whose file in the moved
 * folder is intact (and holds the same text) takes its highlights from that file, which is newer than the backup.
 * Returns the titles of the documents whose highlights were taken so (those that differ from the backup's).
 */
export async function keepIntactDocuments(data: Database, documentsAside: string): Promise<string[]> {
  const kept: string[] = [];
  const names = new Set(await readdir(documentsAside));
  for (const document of data.documents) {
    const read = await readDocumentFileIn(documentsAside, document.id, names);
    if (!('file' in read) || read.file.text !== document.text) continue;
    const fromBackup = data.highlights.filter((h) => h.documentId === document.id);
    if (sameRecords(fromBackup, read.file.highlights)) continue;
    data.highlights = [
      ...data.highlights.filter((h) => h.documentId !== document.id),
      ...removeDanglingReferences(data, read.file.highlights),
    ];
    kept.push(document.title);
  }
  return kept;
}

/** Whether two lists hold the same records, in any order. */
function sameRecords(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(a.map((r) => [r.id, JSON.stringify(r)]));
  return b.every((r) => byId.get(r.id) === JSON.stringify(r));
}

/**
 * The intact documents in folders moved aside (newest first) that the library does not hold, once each: what the
 * analyst can bring back.
 */
export async function findRecoverableDocuments(
  dataDir: string,
  known: ReadonlySet<string>,
): Promise<RecoverableDocument[]> {
  const folders = (await readdir(dataDir).catch(() => [] as string[]))
    .filter((name) => name.startsWith(ASIDE_DOCUMENTS_PREFIX))
    .sort()
    .reverse();
  const found = new Map<string, RecoverableDocument>();
  for (const folder of folders) {
    const dir = path.join(dataDir, folder);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const documentId = documentIdOfFileName(name);
      if (documentId === null || known.has(documentId) || found.has(documentId)) continue;
      const read = await readDocumentFileIn(dir, documentId, new Set(names));
      if (!('file' in read)) continue;
      const { text, highlights } = read.file;
      const title = (text.split('\n').find((line) => line.trim() !== '') ?? 'Untitled').trim().slice(0, 120);
      found.set(documentId, {
        documentId,
        title,
        charCount: text.length,
        highlightCount: highlights.length,
        file: path.join(dir, name),
      });
    }
  }
  return [...found.values()];
}

/**
 * Puts back each document whose file could not be read, from the newest backup holding a good copy of it, and says
 * so; a document no backup holds is taken out of the library (its file stays aside), and the library no longer
 * reopens on it. Returns whether `data` changed.
 */
export async function restoreDamagedDocuments(
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
        pushAll(data.highlights, removeDanglingReferences(data, copy.file.highlights));
        restoredFrom = dir;
        break;
      }
    }
    if (!restoredFrom && data.settings.lastDocumentId === details.id) {
      data.settings = { ...data.settings, lastDocumentId: null };
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

/** Renames a damaged file out of the way; null when there was no file. */
async function moveFileAside(file: string, now: Date): Promise<string | null> {
  const aside = `${file}.unreadable-${stampOf(now)}`;
  return (await renameIfPresent(file, aside)) ? aside : null;
}

async function renameIfPresent(from: string, to: string): Promise<boolean> {
  try {
    await renameDurably(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
