// A backup, without its schema (backup.ts): what it holds, and what says a file is one (the renderer decides with it
// which import a chosen file takes, and so bundles no zod).
import type { Database } from '../domain';

/** The `format` a backup names itself with. */
export const BACKUP_FORMAT = 'stance-annotator-backup';

/** A backup as the app holds it: the library, and what says it is a backup. */
export type Backup = Database & { format: typeof BACKUP_FORMAT };

/** Everything in the library. No export time inside, so that the same library always gives the same file. */
export function backupOf(database: Database): Backup {
  return {
    format: BACKUP_FORMAT,
    schemaVersion: database.schemaVersion,
    documents: database.documents,
    tags: database.tags,
    entities: database.entities,
    variables: database.variables,
    highlights: database.highlights,
    settings: database.settings,
  };
}

/**
 * Whether a JSON text is this app's backup rather than web annotations: a backup says so (`format`, or for one of
 * an early version `schemaVersion`) in its first characters.
 */
export function looksLikeBackup(text: string): boolean {
  const head = text
    .slice(0, 200)
    .replace(/^\ufeff/, '')
    .trimStart();
  return head.startsWith('{') && (head.includes(`"${BACKUP_FORMAT}"`) || /"schemaVersion"\s*:/.test(head));
}
