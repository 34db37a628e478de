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
import { documentsDirPath, withText, type DocumentEntry } from '../storage/library-layout';
import { readDocumentFile, readLibraryFile, type DocumentFileRead } from '../storage/read-library';

/** How many documents' files are read ahead of the one being written: enough to keep the disk busy, and no more. */
const READ_AHEAD = 4;

export type LibrarySourceOpened =
  | { kind: 'source'; source: LibrarySource; entries: readonly Pick<DocumentEntry, 'id' | 'title'>[] }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

/**
 * A data folder's library as a source for the streamed exports: the library file read at once, each document's file
 * (with its change log replayed) when the export comes to it, a few ahead. Memory holds a few documents, never the
 * library. A document that cannot be read stops the export with the reason — an export that silently left documents
 * out would be worse than none — and so does one deleted while the export runs (a save removed it after the export
 * began; running the export again gives the library as it is then).
 */
export async function openLibrarySource(dataDir: string): Promise<LibrarySourceOpened> {
  const file = await readLibraryFile(dataDir);
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
  const one = (id: string, read: DocumentFileRead): DocumentWithHighlights => {
    const details = byId.get(id)!;
    if ('problem' in read) {
      const problem =
        read.files.length === 0
          ? 'Its file is gone: the document was deleted while the export ran. Run it again.'
          : `${read.problem} ${read.files.join(', ')}. Start the app once to restore it from a backup, then run it again.`;
      throw new Error(`The document "${details.title}" could not be read. ${problem}`);
    }
    const highlights = withEntityAliases(read.file.highlights, entityAliases);
    return { document: withText(details, read.file.text), highlights };
  };
  const source: LibrarySource = {
    tags,
    entities,
    variables,
    settings,
    documentIds: entries.map((e) => e.id),
    async *documents(ids) {
      const known = ids.filter((id) => byId.has(id));
      // The documents folder listed once, when the reading begins: which change logs there are (a log begun later
      // holds only what was saved after the reading began). Listed per document, 20,000 documents cost 20,000 listings
      // of 20,000 names.
      const names = new Set(await readdir(documentsDirPath(dataDir)).catch(() => [] as string[]));
      const ahead: Array<Promise<DocumentFileRead>> = [];
      for (let i = 0; i < known.length; i++) {
        while (ahead.length <= READ_AHEAD && i + ahead.length < known.length) {
          const read = readDocumentFile(dataDir, known[i + ahead.length]!, names);
          // Read ahead, and so possibly never awaited if the export stops: its failure is handled when it is reached.
          read.catch(() => undefined);
          ahead.push(read);
        }
        yield one(known[i]!, await ahead.shift()!);
      }
    },
  };
  return { kind: 'source', source, entries };
}

/**
 * A spill kept in a temporary file (streamed-export.ts): written as the export goes, read back once, and removed by
 * {@link TemporarySpill.dispose}, which every export calls, finished or not.
 */
export class TemporarySpill implements Spill {
  private handle: Promise<FileHandle> | null = null;
  private readonly file: string;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(directory: string = os.tmpdir()) {
    this.file = path.join(directory, `.stance-annotator-spill-${randomBytes(6).toString('hex')}`);
  }

  async write(text: string): Promise<void> {
    // Many small parts (one highlight each) are gathered into writes of a megabyte or so.
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= SPILL_BLOCK) await this.flush();
  }

  async *read(): AsyncIterable<string> {
    await this.flush();
    if (!this.handle) return;
    await (await this.handle).close();
    this.handle = null;
    // Bytes cut at any place: the stream decodes UTF-8 across its chunks.
    const stream = createReadStream(this.file, { encoding: 'utf8', highWaterMark: SPILL_BLOCK });
    for await (const chunk of stream) yield chunk as string;
  }

  async dispose(): Promise<void> {
    if (this.handle) await (await this.handle).close().catch(() => undefined);
    this.handle = null;
    await rm(this.file, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    this.handle ??= open(this.file, 'wx', 0o600);
    await (await this.handle).appendFile(text, 'utf8');
  }
}

const SPILL_BLOCK = 1 << 20;
