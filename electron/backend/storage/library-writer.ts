import { CURRENT_SCHEMA_VERSION, type Database, type Highlight, type StoredDocument } from '../../../shared/domain';
import { newLogToken } from './document-log';
import { DocumentLogs } from './document-logs';
import { FileSetWriter, type FileWrite } from './file-set-writer';
import {
  documentFilePath,
  documentFileText,
  highlightsByDocument,
  libraryFilePath,
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
  /** Every change log folded into its document's file (on close). */
  fold?: boolean;
}

/**
 * The write policy: how a change reaches the files. One document's highlights alone (the usual save) go as a line
 * appended to its change log; a change to the library file, or to several documents, is written whole in one atomic
 * step (file-set-writer.ts); counts alone go to the library file beside the documents' files. Every write is durable
 * before it resolves (durable-file.ts).
 */
export class LibraryWriter {
  readonly logs: DocumentLogs;
  private readonly files: FileSetWriter;

  constructor(private readonly dataDir: string) {
    this.logs = new DocumentLogs(dataDir);
    this.files = new FileSetWriter(dataDir);
  }

  /** Writes what `touched` names as `library` holds it now. */
  async save(library: Database, { library: listing, counts, documentIds = [], fold }: Touched): Promise<void> {
    const ids = [...documentIds];
    const [only] = ids;
    const appended = only !== undefined && ids.length === 1 && !listing ? this.appendToLog(library, only) : null;
    const writes = [appended ?? this.writeWhole(library, ids, Boolean(listing))];
    // Counts alone: the library file beside the documents' files, not in their atomic step. A crash between the two
    // leaves a count that does not match its document's file, which the next reading of the documents corrects.
    if (counts && !listing) writes.push(this.writeLibraryFile(library));
    await Promise.all(writes);
    if (fold) {
      const folded = this.logs.withLines();
      const byDocument = highlightsByDocument(library.highlights, folded);
      for (const id of folded) await this.writeWhole(library, [id], false, byDocument);
    }
  }

  /** The library file alone. */
  writeLibraryFile(library: Database): Promise<void> {
    return this.files.write([{ file: libraryFilePath(this.dataDir), content: libraryFileText(library) }]);
  }

  /** The library file as read (with its documents unread), in this version's schema. */
  writeListing(file: LibraryFile): Promise<void> {
    const current: LibraryFile = { ...file, schemaVersion: CURRENT_SCHEMA_VERSION };
    return this.files.write([{ file: libraryFilePath(this.dataDir), content: listingFileText(current) }]);
  }

  /** Every document's file first, the library file last: until it is written, the library on disk is the old one. */
  async writeAll(data: Database): Promise<void> {
    const ids = data.documents.map((d) => d.id);
    const byDocument = highlightsByDocument(data.highlights, ids);
    for (const id of ids) await this.writeWhole(data, [id], false, byDocument);
    await this.writeLibraryFile(data);
  }

  /** Writes the documents' files whole (each with a new log) and the library file, all or none. */
  async writeWhole(
    library: Database,
    documentIds: readonly string[],
    withLibrary: boolean,
    highlights: ReadonlyMap<string, Highlight[]> = highlightsByDocument(library.highlights, documentIds),
  ): Promise<void> {
    const documents = new Map(library.documents.map((d) => [d.id, d]));
    const planned = documentIds.map((id) => {
      const document = documents.get(id);
      const current = highlights.get(id) ?? [];
      // A document that is gone (deleted) loses its file in the same step.
      return { id, current, ...(document ? wholeDocumentFile(document, current) : { token: null, content: null }) };
    });
    const writes: FileWrite[] = planned.map((p) => ({
      file: documentFilePath(this.dataDir, p.id),
      content: p.content,
    }));
    // The library file comes last, so a document added with it is never listed before its file exists.
    if (withLibrary) writes.push({ file: libraryFilePath(this.dataDir), content: libraryFileText(library) });
    try {
      await this.files.write(writes);
    } catch (error) {
      for (const p of planned) this.logs.uncertain(p.id);
      throw error;
    }
    await Promise.all(planned.map((p) => this.logs.rewritten(p.id, p.token, p.content?.length ?? 0, p.current)));
  }

  /** Appends the change to the document's log; null when its file must be written whole instead. */
  private appendToLog(library: Database, documentId: string): Promise<void> | null {
    if (!library.documents.some((d) => d.id === documentId)) return null;
    const current = highlightsByDocument(library.highlights, [documentId]).get(documentId)!;
    const line = this.logs.lineFor(documentId, current);
    if (line === null) return null;
    return line === '' ? Promise.resolve() : this.logs.append(documentId, line, current);
  }
}

/** A document's file written whole: with a new change log, which makes any earlier log obsolete. */
function wholeDocumentFile(document: StoredDocument, highlights: readonly Highlight[]) {
  const token = newLogToken();
  return { token, content: documentFileText(document, highlights, token) };
}
