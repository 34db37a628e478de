import { copyFile } from 'node:fs/promises';
import { CURRENT_SCHEMA_VERSION, type Database } from '../../../shared/domain';
import type { LibraryFile } from './library-layout';
import type { LibraryWriter } from './library-writer';
import { readDocuments } from './read-library';
import { restoreDamagedDocuments } from './recovery';
import { fileStamp } from './file-stamp';
import type { HeldTexts } from './held-texts';
import { SharedStrings } from './shared-strings';

/**
 * Reads every document a library file lists (their texts held by `heldTexts` when given) and makes the library whole: a damaged document is restored from a
 * backup (or taken out, and said so), counts that do not match are corrected, a log damaged after good lines is folded
 * with those lines into its document's file (and kept aside), and logs no file names any more are removed.
 */
export async function loadDocuments(
  dataDir: string,
  library: LibraryFile,
  writer: LibraryWriter,
  now: Date,
  heldTexts?: HeldTexts,
): Promise<{ data: Database; notices: string[] }> {
  const read = await readDocuments(dataDir, library.documents, library.entityAliases, new SharedStrings(heldTexts));
  const { layout, documents: entries, entityAliases, ...lists } = library;
  const data: Database = {
    ...lists,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    documents: read.documents,
    highlights: read.highlights,
  };
  for (const [id, { highlights, ...state }] of read.logs) writer.logs.read(id, state, highlights);
  // The lists just read, by document: a recovery below that changes the highlights makes the index build itself anew.
  writer.highlights.adopt(data.highlights, new Map([...read.logs].map(([id, log]) => [id, log.highlights])));
  const restored = await restoreDamagedDocuments(dataDir, data, read.damaged, now);
  const notices = [...restored.notices];
  const order = new Map(entries.map((d, i) => [d.id, i]));
  data.documents.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  // Files from before holders and targets became one list are written anew, and the library file without the
  // mapping they needed (migrations/007-one-entity-list.ts).
  const realiased = entityAliases !== undefined && Object.keys(entityAliases).length > 0;
  if (restored.changed || realiased) await writer.writeAll(data);
  // Counts that do not match are corrected.
  else if (!read.countsMatch) await writer.writeLibraryFile(data);
  for (const damagedLog of read.damagedLogs) {
    const aside = `${damagedLog.file}.unreadable-${fileStamp(now)}`;
    await copyFile(damagedLog.file, aside);
    await writer.writeWhole(data, [damagedLog.details.id], false);
    notices.push(
      `The document "${damagedLog.details.title}" was opened with part of its changes. ${damagedLog.description} ` +
        `The log was kept as ${aside}.`,
    );
  }
  await writer.logs.removeObsolete();
  return { data, notices };
}
