import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';
import yauzl, { type Entry } from 'yauzl';
import { ApiFailure } from '../../api-error';

const deflate = promisify(deflateRaw);

/**
 * Zip archives for REFI-QDA projects, through Node's zlib: a project of 100,000 selections is some 70 MB of XML, which a
 * JavaScript deflate (and a JavaScript CRC-32) takes seconds over. Reading is yauzl's.
 */

/** What a project may unpack to: far above a real project, below what would exhaust memory. */
export const MAX_PROJECT_EXPANSION_BYTES = 1024 * 1024 * 1024;
/** The longest file a project may hold: V8 holds strings up to about half a gigabyte. */
const MAX_FILE_BYTES = 500 * 1024 * 1024;

/**
 * A zip of text files, written here rather than with yazl: a zip's CRC-32 in JavaScript took two of the three seconds
 * a large project's export spent zipping, and Node's zlib has both the CRC (`crc32`, native) and the deflate. Each
 * file is deflated on zlib's thread pool, so several compress at once and the event loop stays free. The layout is
 * the plain one (no ZIP64: a project stays far below 4 GB and 65,535 files); yauzl and JSZip read it in the tests.
 */
export async function zipFiles(files: Iterable<readonly [string, string]>): Promise<Buffer> {
  const entries = [...files].map(([name, text]) => ({
    name: Buffer.from(name, 'utf8'),
    data: Buffer.from(text, 'utf8'),
  }));
  if (entries.length > 0xffff) throw new Error('A zip of more than 65,535 files needs ZIP64');
  const compressed = await Promise.all(entries.map((e) => deflate(e.data, { level: 3 })));
  const { time, date } = dosDateTime(new Date());
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  entries.forEach((entry, i) => {
    const data = compressed[i]!;
    const crc = crc32(entry.data);
    if (offset > 0xffffffff || entry.data.length > 0xffffffff) throw new Error('A zip over 4 GB needs ZIP64');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: the name is UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(entry.name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    parts.push(local, entry.name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header
    central.writeUInt16LE(20, 4); // made by: 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(entry.name.length, 28);
    // extra field, comment, disk number, internal and external attributes: all 0 (alloc zeroes them)
    central.writeUInt32LE(offset, 42);
    directory.push(central, entry.name);
    offset += local.length + entry.name.length + data.length;
  });
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}

/** MS-DOS time and date, as zip headers carry them (two-second resolution, local time, from 1980). */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getFullYear());
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
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
        if (total > MAX_PROJECT_EXPANSION_BYTES || entry.uncompressedSize > MAX_FILE_BYTES) {
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
