import { randomBytes } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Texts kept in a temporary file while an import needs them later: a backup lists every document (600 MB of text
 * at 20,000 documents) before the highlights that need each text, and memory must not grow with the backup. A few
 * texts read last are kept at hand, since a backup's highlights come document by document.
 */
export class TextStash {
  private readonly file = path.join(os.tmpdir(), `.stance-annotator-texts-${randomBytes(6).toString('hex')}`);
  private handle: FileHandle | null = null;
  private end = 0;
  private readonly places = new Map<string, { offset: number; length: number }>();
  private readonly recent = new Map<string, string>();

  async put(key: string, text: string): Promise<void> {
    this.handle ??= await open(this.file, 'wx+', 0o600);
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written, this.end + written);
      written += bytesWritten;
    }
    this.places.set(key, { offset: this.end, length: bytes.length });
    this.end += bytes.length;
  }

  /** The text put under `key`; undefined when none was. */
  async get(key: string): Promise<string | undefined> {
    const cached = this.recent.get(key);
    if (cached !== undefined) return cached;
    const place = this.places.get(key);
    if (!place || !this.handle) return undefined;
    const bytes = Buffer.alloc(place.length);
    for (let read = 0; read < place.length;) {
      const { bytesRead } = await this.handle.read(bytes, read, place.length - read, place.offset + read);
      if (bytesRead === 0) throw new Error('The temporary copy of the texts was cut short.');
      read += bytesRead;
    }
    const text = bytes.toString('utf8');
    this.recent.set(key, text);
    if (this.recent.size > RECENT_TEXTS) this.recent.delete(this.recent.keys().next().value!);
    return text;
  }

  async dispose(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    await rm(this.file, { force: true });
  }
}

const RECENT_TEXTS = 4;
