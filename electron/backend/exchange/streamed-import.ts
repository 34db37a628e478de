import { readdir, stat } from 'node:fs/promises';
import { z } from 'zod';
import {
  CURRENT_SCHEMA_VERSION,
  documentSchema,
  entitySchema,
  highlightSchema,
  settingsSchema,
  tagSchema,
  variableSchema,
  type Database,
  type Highlight,
  type Settings,
  type StoredDocument,
} from '../../../shared/domain';
import { BACKUP_FORMAT } from '../../../shared/export/backup-format';
import type { ImportSummary } from '../../../shared/export/import-summary';
import { ApiFailure } from '../api-error';
import { applyChanges } from '../change-set';
import {
  countAdded,
  DocumentMatcher,
  documentsProblem,
  emptySummary,
  highlightProblemIn,
  importedSettings,
  listsProblem,
  matchLists,
  type ImportLists,
} from '../import-backup';
import { emptyLibrary } from '../store';
import { newLogToken } from '../storage/document-log';
import { withEntityAliases } from '../storage/entity-aliases';
import { FileSetWriter, type StagedFileSet } from '../storage/file-set-writer';
import {
  documentFileJson,
  documentFilePath,
  documentLogPath,
  documentsDirPath,
  libraryFilePath,
  listingFileText,
  type LibraryFile,
} from '../storage/library-layout';
import { LibraryWriter } from '../storage/library-writer';
import { openLibraryFolder } from '../storage/open-library';
import { readDocumentFile, readLibraryFile } from '../storage/read-library';
import { BackupDamage, backupParts, type BackupPart } from './backup-records';
import { openLibrarySource } from './library-source';
import { TextStash } from './text-stash';

/**
 * A backup this import cannot read as a stream — one of an earlier schema, which its migrations change as a whole,
 * or one whose parts come in another order than this app writes them — to be read whole instead (import-backup.ts).
 */
export class NotStreamable extends Error {}

export interface StreamedImportOptions {
  /** How far the import is, from 0 to 1. */
  progress?: (fraction: number) => void;
  /** Stops the import; nothing of it is then left in the library. */
  signal?: AbortSignal;
  now?: Date;
}

/** Staged document files written at once: enough to keep the disk busy. */
const STAGING_CONCURRENCY = 16;

/**
 * Imports the backup in `file` into the library in `dataDir` as the app's import does (import-backup.ts: documents
 * matched by text, tags, holders and targets and variables by name, no highlight twice), reading the backup a record
 * at a time and writing each document's file as soon as its highlights are read, so that memory does not grow with
 * the backup: a million highlights import on an ordinary laptop. Every file is staged, and the whole import is
 * committed at the end in one step (file-set-writer.ts): a backup found damaged halfway, a failure or a cancellation
 * leaves the library as it was. The caller holds the library's lock.
 */
export async function importBackupStreamed(
  dataDir: string,
  file: string,
  options: StreamedImportOptions = {},
): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const size = (await stat(file)).size;
  // Opened as the app opens it (an interrupted write finished, damage recovered), its documents left unread.
  await openLibraryFolder(dataDir, { now, fresh: emptyLibrary, writer: new LibraryWriter(dataDir) });
  const listed = await readLibraryFile(dataDir);
  if (listed.kind !== 'document-files') throw new Error(`The library in ${dataDir} could not be opened.`);
  const set = new FileSetWriter(dataDir).begin();
  const importer = new StreamedImport(dataDir, listed.file, set, await libraryHighlightIds(dataDir, listed.file));
  try {
    for await (const part of backupParts(file, {
      signal: options.signal,
      progress: (bytes) => options.progress?.((0.95 * bytes) / Math.max(1, size)),
    })) {
      await importer.take(part);
    }
    await importer.finish();
    options.signal?.throwIfAborted();
    await set.commit();
    options.progress?.(1);
    return importer.summary;
  } catch (error) {
    await importer.settle();
    await set.discard();
    if (error instanceof BackupDamage) throw new ApiFailure('invalid-request', error.message);
    throw error;
  } finally {
    await importer.dispose();
  }
}

/** The ids of every highlight the library holds: an import adds none of them again. */
async function libraryHighlightIds(dataDir: string, file: LibraryFile): Promise<Set<string>> {
  const ids = new Set<string>();
  // Every document's file, whatever its count says: the counts in the library file are a convenience that may lag
  // behind its files (written once the analyst pauses; stale after a crash), and a highlight missed here would be
  // added twice.
  const listed = file.documents.map((d) => d.id);
  if (listed.length === 0) return ids;
  const opened = await openLibrarySource(dataDir);
  if (opened.kind !== 'source') throw new Error(`The library in ${dataDir} could not be read.`);
  for await (const { highlights } of opened.source.documents(listed)) for (const h of highlights) ids.add(h.id);
  return ids;
}

/** A backup's document as the import keeps it: its details (the text waits in the stash) and its id in the library. */
interface BackupDocument {
  details: Omit<StoredDocument, 'text'>;
  charCount: number;
  libraryId: string;
  added: boolean;
}

class StreamedImport {
  readonly summary = emptySummary();
  private format: unknown = undefined;
  private schemaVersion: unknown = undefined;
  private readonly lists: Partial<ImportLists> = {};
  private known: { tagIds: Set<string>; entityIds: Set<string> } | null = null;
  private settings: Settings | null = null;
  private matched: ReturnType<typeof matchLists> | null = null;
  private readonly documents = new Map<string, BackupDocument>();
  private readonly matcher: DocumentMatcher;
  private readonly texts = new TextStash();
  private readonly importedIds = new Set<string>();
  /** The highlights read for one document, not yet written: a backup lists them document by document. */
  private group: { libraryId: string; textKey: string; highlights: Highlight[] } | null = null;
  /** Documents whose files are staged, with their number of highlights there. */
  private readonly staged = new Map<string, number>();
  private readonly writing = new Map<string, Promise<void>>();
  private failure: unknown = null;
  private names: Promise<ReadonlySet<string>> | null = null;
  private readonly inLibrary: ReadonlySet<string>;

  constructor(
    private readonly dataDir: string,
    private readonly library: LibraryFile,
    private readonly set: StagedFileSet,
    private readonly libraryIds: ReadonlySet<string>,
  ) {
    this.matcher = new DocumentMatcher(library.documents, this.summary);
    this.inLibrary = new Set(library.documents.map((d) => d.id));
  }

  async take(part: BackupPart): Promise<void> {
    if (part.kind === 'member') return this.member(part.key, part.value);
    if (part.kind === 'list-end') return;
    if (this.format !== BACKUP_FORMAT || this.schemaVersion === undefined) {
      throw new NotStreamable('The backup does not begin with its format and schema version.');
    }
    // Said only when needed: formatting numbers for every one of a million records costs seconds.
    const damaged = (problem: string) => {
      const record = `${part.list === 'documents' ? 'document' : 'highlight'} ${(part.index + 1).toLocaleString('en')}`;
      const bytes = `bytes ${part.at.toLocaleString('en')}–${part.until.toLocaleString('en')}`;
      return new BackupDamage(`The backup is damaged at its ${record} (${bytes}): ${problem}.`, part.at);
    };
    if (part.list === 'documents') {
      const parsed = documentSchema.safeParse(part.value);
      if (!parsed.success) throw damaged(zodProblem(parsed.error));
      return this.document(parsed.data, damaged);
    }
    if (!this.matched) {
      throw new NotStreamable('The backup lists its highlights before its tags, holders and targets, and variables.');
    }
    const parsed = highlightSchema.safeParse(part.value);
    if (!parsed.success) throw damaged(zodProblem(parsed.error));
    return this.highlight(parsed.data, damaged);
  }

  private member(key: string, value: unknown): void {
    const parse = <T>(schema: z.ZodType<T>): T => {
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        throw new BackupDamage(`The backup is damaged in its "${key}": ${zodProblem(parsed.error)}.`, 0);
      }
      return parsed.data;
    };
    switch (key) {
      case 'format':
        if (value !== BACKUP_FORMAT) {
          throw new ApiFailure('invalid-request', 'The file is JSON but not a Stance Annotator backup.');
        }
        this.format = value;
        return;
      case 'schemaVersion':
        if (this.format !== BACKUP_FORMAT) throw new NotStreamable('The backup does not begin with its format.');
        // A backup of an earlier schema is migrated as a whole: it is read whole.
        if (value !== CURRENT_SCHEMA_VERSION) throw new NotStreamable(`The backup is of schema ${String(value)}.`);
        this.schemaVersion = value;
        return;
      case 'tags':
        this.lists.tags = parse(z.array(tagSchema));
        return this.listsKnown();
      case 'entities':
        this.lists.entities = parse(z.array(entitySchema));
        return this.listsKnown();
      case 'variables':
        this.lists.variables = parse(z.array(variableSchema));
        return this.listsKnown();
      case 'settings':
        this.settings = parse(settingsSchema);
        return;
      case 'documents':
      case 'highlights':
        // A long list comes a record at a time: as a member, it is no list.
        throw new BackupDamage(`The backup is damaged: its "${key}" is not a list.`, 0);
      default:
        throw new BackupDamage(`The backup has a member this version does not know: "${key}".`, 0);
    }
  }

  /** Once the tags, holders and targets and variables are read: how the backup's records read in the library. */
  private listsKnown(): void {
    const { tags, entities, variables } = this.lists;
    if (!tags || !entities || !variables) return;
    const details = [...this.documents.values()].map((d) => d.details);
    const problem = listsProblem({ tags }) ?? documentsProblem(details, variables);
    if (problem) throw new BackupDamage(`The backup is inconsistent: ${problem}.`, 0);
    this.known = { tagIds: new Set(tags.map((t) => t.id)), entityIds: new Set(entities.map((e) => e.id)) };
    this.matched = matchLists(this.library, { tags, entities, variables }, this.summary);
  }

  private async document(d: StoredDocument, damaged: (problem: string) => Error): Promise<void> {
    if (this.documents.has(d.id)) throw damaged(`a second document with the id ${d.id}`);
    const { text, ...details } = d;
    if (this.lists.variables) {
      const problem = documentsProblem([details], this.lists.variables);
      if (problem) throw damaged(problem);
    }
    const { id: libraryId, added } = this.matcher.match(d);
    this.documents.set(d.id, { details, charCount: text.length, libraryId, added });
    await this.texts.put(d.id, text);
  }

  private async highlight(h: Highlight, damaged: (problem: string) => Error): Promise<void> {
    if (this.importedIds.has(h.id)) throw damaged(`a second highlight with the id ${h.id}`);
    this.importedIds.add(h.id);
    const text = await this.texts.get(h.documentId);
    const problem = highlightProblemIn(h, text, this.known!);
    if (problem) throw damaged(problem);
    if (this.libraryIds.has(h.id)) {
      this.summary.highlights.alreadyThere++;
      return;
    }
    const { libraryId } = this.documents.get(h.documentId)!;
    if (this.group?.libraryId !== libraryId) {
      await this.flush();
      this.group = { libraryId, textKey: h.documentId, highlights: [] };
    }
    this.group!.highlights.push(this.matched!.highlight(h, libraryId, text!));
    countAdded(this.summary, h);
  }

  /** Stages the file of the document whose highlights were read last, with the highlights it had already. */
  private async flush(): Promise<void> {
    const group = this.group;
    this.group = null;
    if (this.failure) throw this.failure;
    if (!group) return;
    while (this.writing.size >= STAGING_CONCURRENCY) await Promise.race(this.writing.values());
    if (this.failure) throw this.failure;
    const text = await this.texts.get(group.textKey);
    const { libraryId } = group;
    // Highlights of one document in two runs (a backup written by another tool): the second adds to the first.
    const before = this.writing.get(libraryId);
    const tracked: Promise<void> = (async () => {
      await before;
      const there = await this.fileThere(libraryId);
      const highlights = [...there.highlights, ...group.highlights];
      const textJson = there.textJson ?? JSON.stringify(text);
      const content = documentFileJson(libraryId, textJson, highlights, newLogToken());
      await this.set.stage(documentFilePath(this.dataDir, libraryId), content);
      this.staged.set(libraryId, highlights.length);
    })()
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        if (this.writing.get(libraryId) === tracked) this.writing.delete(libraryId);
      });
    this.writing.set(libraryId, tracked);
  }

  /**
   * What the document's file holds before this import adds to it: what this import staged for it, or the library's
   * file (its change log replayed, and staged for removal, since the new file starts a new log), or nothing yet.
   */
  private async fileThere(libraryId: string): Promise<{ textJson: string | null; highlights: Highlight[] }> {
    const file = documentFilePath(this.dataDir, libraryId);
    if (this.staged.has(libraryId)) {
      const staged = JSON.parse((await this.set.readStaged(file))!) as { text: string; highlights: Highlight[] };
      return { textJson: JSON.stringify(staged.text), highlights: staged.highlights };
    }
    if (!this.inLibrary.has(libraryId)) return { textJson: null, highlights: [] };
    // The folder's names listed once (which change logs there are): no listing of 20,000 names per document.
    this.names ??= readdir(documentsDirPath(this.dataDir)).then((names) => new Set(names));
    const read = await readDocumentFile(this.dataDir, libraryId, await this.names);
    if ('problem' in read) throw new Error(`The library's document ${libraryId} could not be read: ${read.problem}`);
    if (read.log.token && read.log.logLength > 0) {
      await this.set.stage(documentLogPath(this.dataDir, libraryId, read.log.token), null);
    }
    const highlights = withEntityAliases(read.file.highlights, this.library.entityAliases);
    return { textJson: JSON.stringify(read.file.text), highlights };
  }

  /** After the last record: the files of added documents without highlights, and the library file, staged. */
  async finish(): Promise<void> {
    if (this.format !== BACKUP_FORMAT)
      throw new ApiFailure('invalid-request', 'The file is not a Stance Annotator backup.');
    if (!this.matched || !this.settings) {
      throw new ApiFailure(
        'invalid-request',
        'The backup is damaged: it lacks its tags, holders and targets, variables or settings.',
      );
    }
    await this.flush();
    for (const [key, d] of this.documents) {
      if (!d.added || this.staged.has(d.libraryId) || this.writing.has(d.libraryId)) continue;
      this.group = { libraryId: d.libraryId, textKey: key, highlights: [] };
      await this.flush();
    }
    await this.settle();
    if (this.failure) throw this.failure;

    const lists: Database = {
      ...emptyLibrary(),
      tags: [...this.library.tags],
      entities: [...this.library.entities],
      variables: [...this.library.variables],
    };
    applyChanges(lists, this.matched.changes, 'forward');
    const added = [...this.documents.values()].filter((d) => d.added);
    if (added.length === 0 && this.staged.size === 0 && this.matched.changes.length === 0) return;
    const documentIds = new Map([...this.documents].map(([key, d]) => [key, d.libraryId]));
    const listing: LibraryFile = {
      ...this.library,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      documents: [
        ...this.library.documents.map((e) => ({ ...e, highlightCount: this.staged.get(e.id) ?? e.highlightCount })),
        ...added.map(({ details, libraryId, charCount }) => ({
          ...details,
          id: libraryId,
          variables: this.matched!.valuesFor(details),
          charCount,
          highlightCount: this.staged.get(libraryId) ?? 0,
        })),
      ],
      tags: lists.tags,
      entities: lists.entities,
      variables: lists.variables,
      settings:
        this.library.documents.length === 0
          ? importedSettings(this.library.settings, this.settings, documentIds)
          : this.library.settings,
    };
    // Staged last, so that it is renamed into place last: a document is never listed before its file is there.
    await this.set.stage(libraryFilePath(this.dataDir), listingFileText(listing));
  }

  /** Waits for the staging under way, whatever its outcome. */
  async settle(): Promise<void> {
    while (this.writing.size > 0) await Promise.all(this.writing.values());
  }

  dispose(): Promise<void> {
    return this.texts.dispose();
  }
}

function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
  return `${issue?.message ?? 'not the expected shape'}${where}`;
}
