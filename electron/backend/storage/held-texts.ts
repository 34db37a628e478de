import { closeSync, openSync, readSync, readdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * The texts of a large library, kept on disk rather than in memory while the library is open. At 20,000 documents
 * their texts are 190 MB of the backend's memory, and most are not looked at in a session. Reading the documents, the
 * store writes each text to a private file (in the data folder, so on the library's own disk) and holds a
 * {@link HeldText} for it: its length, and where the file has it. A text is read back when asked for (a document
 * opened, an export, a quote), through a cache of the texts read last.
 *
 * The file is written once per text and never changed, so a text held for a record made long ago (the undo history)
 * is read back as it was. It is removed as soon as it is open where the system allows (so a crash leaves nothing
 * behind), else when the library is closed, and any left by a crash is removed when a library opens.
 */
export class HeldTexts {
  private fd: number | null = null;
  private file: string | null = null;
  private end = 0;
  private closed = false;
  private readonly cache = new Map<HeldText, string>();
  private cachedChars = 0;
  // The text read last, found without touching the cache's order: a pass over a document's highlights asks for its
  // text once for every quote.
  private last: HeldText | null = null;
  private lastText = '';

  /** `cacheChars`: how many characters of texts read back are kept, the texts read last. */
  constructor(
    private readonly dataDir: string,
    private readonly cacheChars = DEFAULT_CACHE_CHARS,
  ) {}

  /** Removes files of held texts left in `dataDir` by a process that ended without closing its library. */
  static removeLeftovers(dataDir: string): void {
    let names: string[];
    try {
      names = readdirSync(dataDir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(FILE_PREFIX)) continue;
      try {
        rmSync(path.join(dataDir, name), { force: true });
      } catch {
        // Open in a process that still runs (Windows refuses): it removes it when it closes its library.
      }
    }
  }

  /** `text` written to the file, as a {@link HeldText}; `text` itself if it cannot be written (it stays in memory). */
  hold(text: string): HeldText | string {
    if (this.closed || text.length === 0) return text;
    // UTF-8 keeps a text of one byte per character at that size, but cannot keep a lone surrogate: such a text is
    // kept as UTF-16.
    const encoding = isWellFormed(text) ? 'utf8' : 'utf16le';
    const bytes = Buffer.from(text, encoding);
    try {
      const fd = this.open();
      for (let written = 0; written < bytes.length;) {
        written += writeSync(fd, bytes, written, bytes.length - written, this.end + written);
      }
    } catch {
      // A full disk: this text stays in memory, as every text did before.
      return text;
    }
    const held = new HeldText(this, this.end, bytes.length, text.length, encoding);
    this.end += bytes.length;
    return held;
  }

  /** The text `held` stands for: from the cache, or read back from the file. */
  read(held: HeldText): string {
    if (held === this.last) return this.lastText;
    const text = this.cached(held) ?? this.readBack(held);
    this.last = held;
    this.lastText = text;
    return text;
  }

  private cached(held: HeldText): string | undefined {
    const cached = this.cache.get(held);
    if (cached !== undefined) {
      // The most recently read stay: a Map keeps its order of insertion.
      this.cache.delete(held);
      this.cache.set(held, cached);
    }
    return cached;
  }

  private readBack(held: HeldText): string {
    if (this.fd === null) throw new Error('The library is closed: its texts cannot be read any more.');
    const bytes = Buffer.allocUnsafe(held.bytes);
    for (let read = 0; read < held.bytes;) {
      const got = readSync(this.fd, bytes, read, held.bytes - read, held.offset + read);
      if (got === 0) throw new Error('A text of the library could not be read back from its file (it was cut short).');
      read += got;
    }
    const text = bytes.toString(held.encoding);
    this.cache.set(held, text);
    this.cachedChars += text.length;
    for (const [oldest, value] of this.cache) {
      if (this.cachedChars <= this.cacheChars || oldest === held) break;
      this.cache.delete(oldest);
      this.cachedChars -= value.length;
    }
    return text;
  }

  /** Closes and removes the file; a held text cannot be read after. */
  close(): void {
    this.closed = true;
    this.last = null;
    this.lastText = '';
    this.cache.clear();
    this.cachedChars = 0;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.file !== null) rmSync(this.file, { force: true });
    this.file = null;
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    const file = path.join(this.dataDir, `${FILE_PREFIX}${randomBytes(6).toString('hex')}`);
    this.fd = openSync(file, 'wx+');
    try {
      // Gone from the folder at once; the open file stays readable until it is closed.
      unlinkSync(file);
    } catch {
      // Windows keeps an open file's name: it is removed on close.
      this.file = file;
    }
    return this.fd;
  }
}

/** A text of {@link HeldTexts}: its length at hand, its characters read when asked. */
export class HeldText {
  constructor(
    private readonly texts: HeldTexts,
    readonly offset: number,
    readonly bytes: number,
    /** Its length in UTF-16 code units, as `string.length`. */
    readonly length: number,
    readonly encoding: 'utf8' | 'utf16le',
  ) {}

  get value(): string {
    return this.texts.read(this);
  }
}

/** ES2024's `String.prototype.isWellFormed` (Node 20 has it; the project's TypeScript library is ES2023). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** A text held in memory, or on disk. */
export type TextRef = string | HeldText;

export function textOf(ref: TextRef): string {
  return typeof ref === 'string' ? ref : ref.value;
}

/** Texts read back that are kept in memory: a few megabytes, many documents' worth. */
const DEFAULT_CACHE_CHARS = 8 * 2 ** 20;

const FILE_PREFIX = '.held-texts-';
