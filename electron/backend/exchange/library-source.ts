import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Spill, LibrarySource, DocumentWithHighlights } from '../../../shared/export/streamed-export';
import { memorySource } from '../../../shared/export/streamed-export';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/domain';
import { DATA_FILE_NAME } from '../data-dir';
import { withEntityAliases } from '../storage/entity-aliases';
import { documentsDirPath, libraryFileSchema, withText, type DocumentEntry } from '../storage/library-layout';
import { readDocumentFile, readLibraryFile, type DocumentFileRead } from '../storage/read-library';
import { partsInWorkers, type ExportWorkers, type WorkerPartKind } from './export-workers';
import type { SourcePart, SourceParts } from './refi-qda/qdpx-export';

/** How many documents' files are read ahead of the one being written: enough to keep the disk busy, and no more. */
const READ_AHEAD = 4;

export type LibrarySourceOpened =
  | {
      kind: 'source';
      source: LibrarySource;
      entries: readonly Pick<DocumentEntry, 'id' | 'title'>[];
      /** A REFI-QDA project's parts, made in the worker threads (with `workers`). */
      sourceParts?: SourceParts;
    }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

/**
 * A data folder's library as a source for the streamed exports: the library file read at once, each document's file
 * (with its change log replayed) when the export comes to it, a few ahead. Memory holds a few documents, never the
 * library. A document that cannot be read stops the export with the reason — an export that silently left documents
 * out would be worse than none — and so does one deleted while the export runs (a save removed it after the export
 * began; running the export again gives the library as it is then). With `workers`, the exports read and format the
 * documents in that many worker threads (export-workers.ts).
 */
export async function openLibrarySource(dataDir: string, workers?: ExportWorkers): Promise<LibrarySourceOpened> {
  // Checked by zod, not by the compiled check the backend's start uses (library-file-check.ts): with the file as
  // JSON.parse made it, an export at 20,000 documents ran its main thread's garbage collector seven times as long
  // (V8 answered the parts' external memory with 30 full collections where it otherwise scavenges), 0.5 s in all.
  const file = await readLibraryFile(dataDir, (raw) => libraryFileSchema.safeParse(raw));
  switch (file.kind) {
    case 'missing':
      return file;
    case 'unreadable':
      return { kind: 'unreadable', reason: `${file.reason} (${path.join(dataDir, DATA_FILE_NAME)})` };
    case 'single-file':
      // An earlier version's library, in one file: it is read whole anyway.
      return { kind: 'source', source: memorySource(file.data), entries: file.data.documents };
    case 'document-files':
      break;
    default:
      throw new Error(`Unknown library file state ${String(file satisfies never)}`);
  }
  const { documents: entries, entityAliases, tags, entities, variables, settings, schemaVersion } = file.file;
  if (schemaVersion !== CURRENT_SCHEMA_VERSION) throw new Error(`Unexpected schema ${String(schemaVersion)}`);
  const byId = new Map(entries.map((e) => [e.id, e]));
  // The documents folder listed once, when a reading begins: which change logs there are (a log begun later holds only
  // what was saved after the reading began). Listed per document, 20,000 documents cost 20,000 listings of 20,000 names.
  const listDocumentsFolder = () => readdir(documentsDirPath(dataDir)).catch(() => [] as string[]);
  const source: LibrarySource = {
    tags,
    entities,
    variables,
    settings,
    documentIds: entries.map((e) => e.id),
    async *documents(ids) {
      const known = ids.filter((id) => byId.has(id));
      const names = new Set(await listDocumentsFolder());
      const ahead: Array<Promise<DocumentFileRead>> = [];
      for (let i = 0; i < known.length; i++) {
        while (ahead.length <= READ_AHEAD && i + ahead.length < known.length) {
          const read = readDocumentFile(dataDir, known[i + ahead.length]!, names);
          // Read ahead, and so possibly never awaited if the export stops: its failure is handled when it is reached.
          read.catch(() => undefined);
          ahead.push(read);
        }
        const id = known[i]!;
        yield documentFromRead(byId.get(id)!, await ahead.shift()!, entityAliases);
      }
    },
  };
  if (!workers) return { kind: 'source', source, entries };
  const inWorkers = <Part>(ids: readonly string[], make: WorkerPartKind) =>
    partsInWorkers<Part>(
      workers,
      { dataDir, lists: { tags, entities, variables, settings }, entityAliases, make },
      listDocumentsFolder,
      ids.flatMap((id) => byId.get(id) ?? []),
    );
  source.parts = (ids, request) => inWorkers(ids, { kind: 'streamed', request });
  const sourceParts: SourceParts = (ids, scope) => inWorkers<SourcePart>(ids, { kind: 'qdpx', scope });
  return { kind: 'source', source, entries, sourceParts };
}

/**
 * A document as an export reads it, from its entry in the library file and its file as read; a document that could not
 * be read throws the reason.
 */
export function documentFromRead(
  details: DocumentEntry,
  read: DocumentFileRead,
  entityAliases: Readonly<Record<string, string>> | undefined,
): DocumentWithHighlights {
  if ('problem' in read) {
    const problem =
      read.files.length === 0
        ? 'Its file is gone: the document was deleted while the export ran. Run it again.'
        : `${read.problem} ${read.files.join(', ')}. Start the app once to restore it from a backup, then run it again.`;
    throw new Error(`The document "${details.title}" could not be read. ${problem}`);
  }
  const highlights = withEntityAliases(read.file.highlights, entityAliases);
  return { document: withText(details, read.file.text), highlights };
}

/**
 * A spill kept in a temporary file (streamed-export.ts): written as the export goes, read back once, and removed by
 * {@link TemporarySpill.dispose}, which every export calls, finished or not.
 */
export class TemporarySpill implements Spill {
  private handle: Promise<FileHandle> | null = null;
  private readonly file: string;
  private pending: Buffer[] = [];
  private pendingLength = 0;

  constructor(directory: string = os.tmpdir()) {
    this.file = path.join(directory, `.stance-annotator-spill-${randomBytes(6).toString('hex')}`);
  }

  async write(piece: string | Uint8Array): Promise<void> {
    // Many small parts (a document's highlights each) are gathered into writes of a megabyte or so.
    const bytes =
      typeof piece === 'string'
        ? Buffer.from(piece, 'utf8')
        : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
    if (this.pendingLength >= SPILL_BLOCK) await this.flush();
  }

  async *read(): AsyncIterable<Uint8Array> {
    await this.flush();
    if (!this.handle) return;
    await (await this.handle).close();
    this.handle = null;
    // As bytes, cut anywhere: they are written on as they are.
    yield* createReadStream(this.file, { highWaterMark: SPILL_BLOCK }) as AsyncIterable<Buffer>;
  }

  async dispose(): Promise<void> {
    if (this.handle) await (await this.handle).close().catch(() => undefined);
    this.handle = null;
    await rm(this.file, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const bytes = Buffer.concat(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
    this.handle ??= open(this.file, 'wx', 0o600);
    await (await this.handle).appendFile(bytes);
  }
}

const SPILL_BLOCK = 1 << 20;
