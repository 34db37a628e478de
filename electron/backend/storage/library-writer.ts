import { CURRENT_SCHEMA_VERSION, type Database, type Highlight, type StoredDocument } from '../../../shared/domain';
import { inSlices } from '../in-slices';
import { newLogToken } from './document-log';
import { DocumentJson } from './document-json';
import { DocumentLogs, type LogLine } from './document-logs';
import { FileSetWriter, type FileWrite } from './file-set-writer';
import { textLengthOf } from './held-documents';
import { HighlightsIndex } from './highlights-index';
import {
  documentFilePath,
  libraryFilePath,
  libraryFileBytes,
  libraryFileText,
  listingFileText,
  type LibraryFile,
} from './library-layout';

/** What a change touched, and so which files a save rewrites: the library file, and documents' files by id. */
export interface Touched {
  library?: boolean;
  /** Only the documents' highlight counts in the library file: written after the rest, outside its atomic step. */
  counts?: boolean;
  documentIds?: Iterable<string>;
  /**
   * Of `documentIds`, those whose own file is written whole (added, removed, their text replaced); the others'
   * highlights go to their logs, also beside a change to the library file (a tag deleted from 20,000 highlights
   * rewrote 2,000 files whole). Absent: every one of them, when the library file is written too.
   */
  rewritten?: Iterable<string>;
  /** Every change log folded into its document's file (on close). */
  fold?: boolean;
}

/**
 * The write policy: how a change reaches the files. A document's highlights go as a line appended to its change log
 * (one document's, the usual save, synced on its own; several documents' in one atomic set, whose journal holds the
 * lines); a document whose log is full, a new or deleted document, or a change to the library file is written whole,
 * in the same atomic set (file-set-writer.ts); counts alone go to the library file beside the documents' files. Every
 * write is durable before it resolves (durable-file.ts).
 */
export class LibraryWriter {
  readonly logs: DocumentLogs;
  /** Each document's highlights, which the store keeps up to date as it changes them. */
  readonly highlights = new HighlightsIndex();
  private readonly files: FileSetWriter;
  /** The JSON of the documents written whole last, reused when they are written whole again. */
  private readonly json = new DocumentJson();
  /**
   * The syncing of the logs that the last set appended to: until it ends, a write may append to a log but not write
   * a file whole nor begin another set (journaled-appends.ts).
   */
  private settling: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.logs = new DocumentLogs(dataDir);
    this.files = new FileSetWriter(dataDir);
  }

  /** Writes what `touched` names as `library` holds it now. */
  async save(
    library: Database,
    { library: listing, counts, documentIds = [], rewritten, fold }: Touched,
  ): Promise<void> {
    const ids = [...documentIds];
    const [only] = ids;
    // One document's line goes to its log at once, even while the last set's logs are synced: appending (and syncing)
    // after a journaled line is what that set allows. Anything else waits.
    const appended = only !== undefined && ids.length === 1 && !listing ? this.appendToLog(library, only) : null;
    if (!appended) await this.settling;
    // A change to the library file is one to documents (their text lives in their own files): written whole.
    const writes =
      ids.length === 0 && !listing
        ? []
        : [
            appended ??
              this.writeDocuments(library, ids, Boolean(listing), {
                whole: rewritten ? new Set(rewritten) : listing ? 'all' : new Set(),
              }),
          ];
    // Counts alone: the library file beside the documents' files, not in their atomic step. A crash between the two
    // leaves a count that does not match its document's file, which the next reading of the documents corrects.
    // Built a slice at a time: at 20,000 documents the file is 10 MB, and the counts follow every pause in the work.
    if (counts && !listing) {
      const file = libraryFilePath(this.dataDir);
      writes.push(libraryFileBytes(library).then((content) => this.files.write([{ file, content }])));
    }
    await Promise.all(writes);
    if (fold) {
      await this.settling;
      const folded = this.logs.withLines();
      await this.writeEachWhole(library, folded, this.lookupOf(library, folded));
    }
  }

  /** The library file alone. */
  async writeLibraryFile(library: Database): Promise<void> {
    await this.settling;
    await this.files.write([this.libraryFileWrite(library)]);
  }

  /** The library file as read (with its documents unread), in this version's schema. */
  async writeListing(file: LibraryFile): Promise<void> {
    await this.settling;
    const current: LibraryFile = { ...file, schemaVersion: CURRENT_SCHEMA_VERSION };
    await this.files.write([{ file: libraryFilePath(this.dataDir), content: listingFileText(current) }]);
  }

  /** Every document's file first, the library file last: until it is written, the library on disk is the old one. */
  async writeAll(data: Database): Promise<void> {
    await this.settling;
    const ids = data.documents.map((d) => d.id);
    await this.writeEachWhole(data, ids, this.lookupOf(data, ids));
    await this.files.write([this.libraryFileWrite(data)]);
  }

  /** Writes the documents' files whole (each with a new log) and the library file, all or none. */
  async writeWhole(library: Database, documentIds: readonly string[], withLibrary: boolean): Promise<void> {
    await this.settling;
    await this.writeDocuments(library, documentIds, withLibrary, { whole: 'all' });
  }

  /**
   * Writes each document's file whole (with a new log), a batch of them at a time: each batch is one set of writes,
   * whose files are synced side by side. One at a time, folding the logs of 20,000 documents on quit took a minute.
   */
  private async writeEachWhole(library: Database, documentIds: readonly string[], lookup: Lookup): Promise<void> {
    let batch: string[] = [];
    let length = 0;
    const flush = async () => {
      if (batch.length > 0) await this.writeDocuments(library, batch, false, { whole: 'all', lookup });
      batch = [];
      length = 0;
    };
    for (const id of documentIds) {
      batch.push(id);
      const document = lookup.documents.get(id);
      length += document ? textLengthOf(document) : 0;
      if (batch.length >= WHOLE_BATCH_FILES || length >= WHOLE_BATCH_TEXT) await flush();
    }
    await flush();
  }

  /**
   * Writes the documents and the library file, all or none: each document as a line appended to its log when it is
   * not to be written `whole` and its log can take it, else whole with a new log (a document that is gone loses its
   * file).
   */
  private async writeDocuments(
    library: Database,
    documentIds: readonly string[],
    withLibrary: boolean,
    {
      whole: toRewrite,
      lookup = this.lookupOf(library, documentIds),
    }: { whole: 'all' | ReadonlySet<string>; lookup?: Lookup },
  ): Promise<void> {
    // The library file as it is now, beside the documents as the lookup holds them; both are built a slice at a time
    // (20,000 documents' lines took seconds at once), and a change made meanwhile goes to the next save.
    const libraryFile = withLibrary ? libraryFileBytes(library) : null;
    // Built while the lines are planned, and awaited once they are: a failure of either is this write's.
    libraryFile?.catch(() => undefined);
    const { whole, appended } = await inSlices(this.plan(documentIds, lookup, toRewrite));
    const writes: FileWrite[] = whole.map((p) => ({ file: documentFilePath(this.dataDir, p.id), content: p.content }));
    // The library file comes last, so a document added with it is never listed before its file exists.
    if (libraryFile) writes.push({ file: libraryFilePath(this.dataDir), content: await libraryFile });
    let settled: Promise<void> = Promise.resolve();
    try {
      if (appended.length === 0) await this.files.write(writes);
      else {
        const appends = appended.map((p) => ({ ...this.logs.logFile(p.id), line: p.line.text }));
        ({ settled } = await this.files.writeSet(writes, appends));
      }
    } catch (error) {
      for (const id of documentIds) this.logs.uncertain(id);
      throw error;
    }
    for (const p of appended) this.logs.appended(p.id, p.line, p.current);
    this.settling = settled.catch(() => {
      // The appended logs may not be on disk to stay: their documents are written whole at their next save.
      for (const p of appended) this.logs.uncertain(p.id);
    });
    await Promise.all(whole.map((p) => this.logs.rewritten(p.id, p.token, p.content?.length ?? 0, p.current)));
  }

  /** Each document as a line for its log, or written whole: a document a step. */
  private *plan(
    documentIds: readonly string[],
    { documents, highlights }: Lookup,
    toRewrite: 'all' | ReadonlySet<string>,
  ): Generator<undefined, { whole: WholePlan[]; appended: AppendPlan[] }> {
    const whole: WholePlan[] = [];
    const appended: AppendPlan[] = [];
    for (const id of documentIds) {
      const document = documents.get(id);
      const current = highlights.get(id) ?? [];
      const appending = toRewrite !== 'all' && !toRewrite.has(id);
      const line = document && appending ? this.logs.lineFor(id, current) : null;
      if (line !== null) {
        if (line.bytes > 0) appended.push({ id, current, line });
      } else {
        // A document that is gone (deleted) loses its file in the same step.
        whole.push({
          id,
          current,
          ...(document ? this.wholeDocumentFile(document, current) : { token: null, content: null }),
        });
      }
      yield;
    }
    return { whole, appended };
  }

  /** A document's file written whole: with a new change log, which makes any earlier log obsolete. */
  private wholeDocumentFile(document: StoredDocument, highlights: readonly Highlight[]) {
    const token = newLogToken();
    return { token, content: this.json.fileText(document, highlights, token) };
  }

  private lookupOf(library: Database, documentIds: readonly string[]): Lookup {
    return {
      documents: new Map(library.documents.map((d) => [d.id, d])),
      highlights: this.highlights.of(library.highlights, documentIds),
    };
  }

  private libraryFileWrite(library: Database): FileWrite {
    return { file: libraryFilePath(this.dataDir), content: libraryFileText(library) };
  }

  /** Appends the change to the document's log; null when its file must be written whole instead. */
  private appendToLog(library: Database, documentId: string): Promise<void> | null {
    if (!library.documents.some((d) => d.id === documentId)) return null;
    const current = this.highlights.of(library.highlights, [documentId]).get(documentId)!;
    const line = this.logs.lineFor(documentId, current);
    if (line === null) return null;
    return line.bytes === 0 ? Promise.resolve() : this.logs.append(documentId, line, current);
  }
}

/**
 * Documents written whole in one set, at most: enough for their syncs to overlap, and a bounded size in memory (each
 * file is some six times its text, with its highlights).
 */
const WHOLE_BATCH_FILES = 256;
const WHOLE_BATCH_TEXT = 8 * 1024 * 1024;

/** A document written as a line appended to its log, or whole (`content` null: its file removed). */
interface AppendPlan {
  id: string;
  current: readonly Highlight[];
  line: LogLine;
}
interface WholePlan {
  id: string;
  current: readonly Highlight[];
  token: string | null;
  content: string | null;
}

/** The library's documents by id, and the highlights of those to write: found once for a series of writes. */
interface Lookup {
  documents: ReadonlyMap<string, StoredDocument>;
  highlights: ReadonlyMap<string, readonly Highlight[]>;
}
