import yauzl, { type Entry } from 'yauzl';
import { ApiFailure } from '../../api-error';
import { ZipStream } from './zip-stream';

/**
 * Zip archives for REFI-QDA projects: written through Node's zlib (zip-stream.ts: a JavaScript deflate and CRC-32 took
 * seconds over a large project), read with yauzl.
 */

/** What a project may unpack to: far above a real project, below what would exhaust memory. */
export const MAX_PROJECT_EXPANSION_BYTES = 1024 * 1024 * 1024;
/** The longest file a project may hold: V8 holds strings up to about half a gigabyte. */
const MAX_FILE_BYTES = 500 * 1024 * 1024;

/** A zip of text files (zip-stream.ts), in memory: for what is small (a test, a codebook's worth). */
export async function zipFiles(files: Iterable<readonly [string, string]>): Promise<Buffer> {
  const zip = new ZipStream();
  const parts: Buffer[] = [];
  for (const [name, text] of files)
    for await (const part of zip.file(name, Buffer.from(text, 'utf8'))) parts.push(part);
  parts.push(zip.end());
  return Buffer.concat(parts);
}

/** An archive's files by name, each read as UTF-8 text when asked. */
export interface ZipReader {
  names(): string[];
  text(name: string): Promise<string | null>;
}

export async function readZip(bytes: Buffer, what: string): Promise<ZipReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  } catch (error) {
    throw new ApiFailure('invalid-request', `${what} is not a readable zip: ${(error as Error).message}`);
  }
  const entries = new Map<string, Entry>();
  let total = 0;
  const beyond = `${what} expands beyond ${MAX_PROJECT_EXPANSION_BYTES / (1024 * 1024)} MB when unpacked`;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        total += entry.uncompressedSize;
        if (entry.uncompressedSize > MAX_FILE_BYTES) {
          const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en')} MB`;
          const tooLong =
            `${what}: ${entry.fileName} unpacks to ${mb(entry.uncompressedSize)}, ` +
            `more than the ${mb(MAX_FILE_BYTES)} a file in it may hold`;
          reject(new ApiFailure('invalid-request', tooLong));
          return;
        }
        if (total > MAX_PROJECT_EXPANSION_BYTES) {
          reject(new ApiFailure('invalid-request', beyond));
          return;
        }
        if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.once('end', resolve);
      zip.once('error', reject);
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    if (error instanceof ApiFailure) throw error;
    throw new ApiFailure('invalid-request', `${what} is damaged: ${(error as Error).message}`);
  }
  return {
    names: () => [...entries.keys()],
    async text(name) {
      const entry = entries.get(name);
      if (!entry) return null;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        const chunks: Buffer[] = [];
        // yauzl checks the inflated bytes against the size the entry declared, so no entry grows past it.
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      } catch (error) {
        throw new ApiFailure('invalid-request', `${what}: ${name} is damaged (${(error as Error).message}).`);
      }
    },
  };
}
