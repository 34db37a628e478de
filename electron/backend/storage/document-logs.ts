import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Highlight } from '../../../shared/domain';
import { changesSince, logLineText } from './document-log';
import { appendDurably, fsOps, removeDurably } from './durable-file';
import { documentLogName, documentLogPath, documentsDirPath } from './library-layout';
import type { DocumentLogState } from './read-library';

/** What the store knows of one document on disk: its change log, and the highlights its files hold. */
interface DocumentOnDisk extends DocumentLogState {
  written: readonly Highlight[];
}

/**
 * A log may grow to a quarter of its document's file (and to 64 KB for any file) before the next save writes the file
 * whole: a save stays a few hundred bytes, and reading a document never replays more than a fraction of it again.
 */
const MIN_LOG_LENGTH = 64 * 1024;
const logLimit = (d: DocumentOnDisk): number => Math.max(MIN_LOG_LENGTH, d.fileLength / 4);

/** A line for a document's log, and its length in UTF-8 bytes ('' and 0: the files hold the change already). */
export interface LogLine {
  text: string;
  bytes: number;
}

/** The change logs of a library's documents (document-log.ts): when a save can append, and appending. */
export class DocumentLogs {
  private readonly documents = new Map<string, DocumentOnDisk>();

  constructor(private readonly dataDir: string) {}

  /** What reading the document found on disk. */
  read(documentId: string, state: DocumentLogState, highlights: readonly Highlight[]): void {
    this.documents.set(documentId, { ...state, written: highlights });
  }

  /**
   * The line that brings the document's files to `current`: '' when they hold it already, null when the document's
   * file must be written whole (a new document, one written before logs, a log that is full, or one a failed write
   * may have left with half a line).
   */
  lineFor(documentId: string, current: readonly Highlight[]): LogLine | null {
    const document = this.documents.get(documentId);
    if (!document || document.token === null || document.torn) return null;
    const { put, remove } = changesSince(document.written, current);
    if (put.length === 0 && remove.length === 0) return { text: '', bytes: 0 };
    const text = logLineText(put, remove);
    const bytes = Buffer.byteLength(text);
    return document.logLength + bytes > logLimit(document) ? null : { text, bytes };
  }

  /** Appends a line from {@link lineFor}; resolves once it is written. */
  async append(documentId: string, line: LogLine, current: readonly Highlight[]): Promise<void> {
    const document = this.documents.get(documentId)!;
    try {
      await appendDurably(documentLogPath(this.dataDir, documentId, document.token!), line.text);
    } catch (error) {
      // Part of the line may be there: the next save writes the file whole, with a new log.
      document.torn = true;
      throw error;
    }
    this.appended(documentId, line, current);
  }

  /** A line from {@link lineFor} was appended to the document's log (on its own, or in a set of writes). */
  appended(documentId: string, line: LogLine, current: readonly Highlight[]): void {
    const document = this.documents.get(documentId)!;
    document.logLength += line.bytes;
    document.written = current;
  }

  /** The document's log, which {@link lineFor} gave a line for, and its length in bytes (where a line goes). */
  logFile(documentId: string): { file: string; offset: number } {
    const { token, logLength } = this.documents.get(documentId)!;
    return { file: this.logPath(documentId, token!), offset: logLength };
  }

  /**
   * The document's file was written whole with the log `token` (null: removed with its document); its old log is
   * obsolete, and is removed (a crash or a failure first leaves it for {@link removeObsolete}).
   */
  async rewritten(documentId: string, token: string | null, fileLength: number, current: readonly Highlight[]) {
    const old = this.documents.get(documentId);
    if (token === null) this.documents.delete(documentId);
    else this.documents.set(documentId, { token, logLength: 0, fileLength, torn: false, written: current });
    // The change is on disk already: a log that cannot be removed now, or whose removal a crash undoes, is removed at
    // the next start. So its folder is not synced for it (a fold on quit removed 20,000 logs, a folder sync each).
    if (old?.token && (old.logLength > 0 || old.torn))
      await fsOps.unlink(this.logPath(documentId, old.token)).catch(() => undefined);
  }

  /** A whole write failed: the files may or may not be the new ones, so the next save writes them whole again. */
  uncertain(documentId: string): void {
    const document = this.documents.get(documentId);
    if (document) document.torn = true;
  }

  /** The documents whose logs hold lines (or may: a failed append), to fold into their files on close. */
  withLines(): string[] {
    return [...this.documents].filter(([, d]) => d.token !== null && (d.logLength > 0 || d.torn)).map(([id]) => id);
  }

  /** The logs there are, to back up with their documents' files. */
  files(): string[] {
    return [...this.documents]
      .filter(([, d]) => d.token !== null && (d.logLength > 0 || d.torn))
      .map(([id, d]) => this.logPath(id, d.token!));
  }

  /** Removes the logs no document's file names (left by a crash between a whole write and the old log's removal). */
  async removeObsolete(): Promise<void> {
    const current = new Set(
      [...this.documents].flatMap(([id, d]) => (d.token === null ? [] : [documentLogName(id, d.token)])),
    );
    const folder = documentsDirPath(this.dataDir);
    for (const name of await readdir(folder)) {
      if (name.endsWith('.log') && !current.has(name)) await removeDurably(path.join(folder, name));
    }
  }

  private logPath(documentId: string, token: string): string {
    return documentLogPath(this.dataDir, documentId, token);
  }
}
