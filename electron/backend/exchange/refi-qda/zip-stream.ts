import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

const deflate = promisify(deflateRaw);
const LEVEL = 3;

/**
 * A zip archive written as it goes (zip-archive.ts's layout, for a project too large to hold: at a million highlights
 * project.qde alone is some 900 MB). A small file is deflated whole; a long one is deflated as it is produced, its
 * CRC-32 and sizes following its data in a data descriptor (APPNOTE 4.3.9), as every streaming zip writer does. Still
 * the plain layout: no ZIP64, so at most 65,535 files and 4 GB, refused with a clear message beyond.
 */
export class ZipStream {
  private offset = 0;
  private readonly directory: Buffer[] = [];
  private files = 0;
  private readonly time: number;
  private readonly date: number;

  constructor(at: Date = new Date()) {
    ({ time: this.time, date: this.date } = dosDateTime(at));
  }

  /**
   * A file whose bytes are at hand. Its deflating begins at once; its bytes come when the returned iterable is read, so
   * that a writer can begin several files before it writes the first. A small file is deflated here and now: on
   * zlib's thread pool, 20,000 texts of 6 KB took six times the processor time (4.6 s against 0.75 s) and eight times
   * as long, most of it in setting up and handing over the work; a long one (a text of megabytes) goes there, so that
   * the event loop is never held for long.
   */
  file(name: string, data: Buffer): AsyncIterable<Buffer> {
    const compressed =
      data.length <= DEFLATED_AT_ONCE
        ? Promise.resolve(deflateRawSync(data, { level: LEVEL }))
        : deflate(data, { level: LEVEL, chunkSize: BLOCK });
    // Begun ahead, and so possibly never awaited if the export stops: its failure is handled when it is reached.
    compressed.catch(() => undefined);
    return this.deflatedFile(name, data, compressed);
  }

  private async *deflatedFile(name: string, data: Buffer, compressed: Promise<Buffer>): AsyncGenerator<Buffer> {
    const bytes = await compressed;
    const sizes = { crc: crc32(data), compressed: bytes.length, size: data.length };
    const local = this.header(name, sizes, false);
    yield local;
    yield bytes;
    this.added(name, sizes, false, local.length + bytes.length);
  }

  /** A file produced in pieces (text is written as UTF-8), deflated as they come. */
  async *streamed(name: string, pieces: AsyncIterable<string | Uint8Array>): AsyncGenerator<Buffer> {
    const sizes = { crc: 0, compressed: 0, size: 0 };
    const local = this.header(name, { crc: 0, compressed: 0, size: 0 }, true);
    yield local;
    const raw = async function* () {
      for await (const piece of pieces) {
        const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        sizes.crc = crc32(bytes, sizes.crc);
        sizes.size += bytes.length;
        yield bytes;
      }
    };
    for await (const chunk of deflated(raw())) {
      sizes.compressed += chunk.length;
      yield chunk;
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    this.tooLarge(sizes);
    descriptor.writeUInt32LE(sizes.crc, 4);
    descriptor.writeUInt32LE(sizes.compressed, 8);
    descriptor.writeUInt32LE(sizes.size, 12);
    yield descriptor;
    this.added(name, sizes, true, local.length + sizes.compressed + descriptor.length);
  }

  /** The central directory and its end: the archive's last bytes. */
  end(): Buffer {
    const directory = Buffer.concat(this.directory);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0); // end of central directory
    end.writeUInt16LE(this.files, 8);
    end.writeUInt16LE(this.files, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(this.offset, 16);
    return Buffer.concat([directory, end]);
  }

  private header(name: string, sizes: Sizes, streamed: boolean): Buffer {
    if (this.files >= 0xffff)
      throw new Error('A zip of more than 65,535 files needs ZIP64, which this export does not write.');
    this.tooLarge(sizes);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30 + nameBytes.length);
    local.writeUInt32LE(0x04034b50, 0); // local file header
    this.describe(local, 4, sizes, streamed, nameBytes.length);
    // no extra field (alloc zeroes it)
    nameBytes.copy(local, 30);
    return local;
  }

  private added(name: string, sizes: Sizes, streamed: boolean, length: number): void {
    const nameBytes = Buffer.from(name, 'utf8');
    const central = Buffer.alloc(46 + nameBytes.length);
    central.writeUInt32LE(0x02014b50, 0); // central directory header
    central.writeUInt16LE(20, 4); // made by: 2.0
    this.describe(central, 6, sizes, streamed, nameBytes.length);
    // extra field, comment, disk number, internal and external attributes: all 0 (alloc zeroes them)
    central.writeUInt32LE(this.offset, 42);
    nameBytes.copy(central, 46);
    this.directory.push(central);
    this.files += 1;
    this.offset += length;
    if (this.offset > 0xffffffff) throw new Error('A zip over 4 GB needs ZIP64, which this export does not write.');
  }

  /** The fields a local header and the central directory share, in the same order, from `at`. */
  private describe(header: Buffer, at: number, sizes: Sizes, streamed: boolean, nameLength: number): void {
    header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
    header.writeUInt16LE(flags(streamed), at + 2);
    header.writeUInt16LE(8, at + 4); // deflate
    header.writeUInt16LE(this.time, at + 6);
    header.writeUInt16LE(this.date, at + 8);
    header.writeUInt32LE(sizes.crc, at + 10);
    header.writeUInt32LE(sizes.compressed, at + 14);
    header.writeUInt32LE(sizes.size, at + 18);
    header.writeUInt16LE(nameLength, at + 22);
  }

  private tooLarge({ compressed, size }: Sizes): void {
    if (compressed > 0xffffffff || size > 0xffffffff)
      throw new Error('A file over 4 GB in a zip needs ZIP64, which this export does not write.');
  }
}

interface Sizes {
  crc: number;
  compressed: number;
  size: number;
}

/** The name is UTF-8 (bit 11); a streamed file's CRC and sizes follow its data (bit 3). */
const flags = (streamed: boolean): number => 0x0800 | (streamed ? 0x0008 : 0);

/** The bytes of a streamed file deflated as one piece, each on a thread of zlib's pool. */
const BLOCK = 1 << 20;
/** The longest file deflated on the thread that writes the zip: some 2 ms of work (level 3 deflates 150 MB/s here). */
const DEFLATED_AT_ONCE = 256 * 1024;
/** How many blocks are deflated at once: the pool's threads (four by default). */
const BLOCKS_AT_ONCE = 4;

/**
 * `chunks` deflated (raw, as a zip holds them) as they come, a block at a time on every thread of zlib's pool, as
 * pigz does: each block is a deflate stream of its own ended by a sync flush (byte-aligned, not final), so the blocks
 * put one after another, and an empty final block, are one deflate stream. One stream deflated in order used one
 * thread: at a million highlights, project.qde's 900 MB took most of the export. A block does not refer back into the
 * one before, which costs a few bytes a megabyte.
 */
async function* deflated(chunks: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Buffer> {
  const deflating: Array<Promise<Buffer>> = [];
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  const begin = (): void => {
    const block = Buffer.concat(pending, pendingLength);
    pending = [];
    pendingLength = 0;
    // Its output in one piece (zlib's default is 16 KB at a time, a round trip to the pool each).
    const compressed = deflate(block, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH, chunkSize: BLOCK });
    // Begun ahead, and so possibly never awaited if the export stops: its failure is handled when it is reached.
    compressed.catch(() => undefined);
    deflating.push(compressed);
  };
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength < BLOCK) continue;
    begin();
    if (deflating.length >= BLOCKS_AT_ONCE) yield await deflating.shift()!;
  }
  if (pendingLength > 0) begin();
  while (deflating.length > 0) yield await deflating.shift()!;
  yield deflateRawSync(Buffer.alloc(0), { level: LEVEL });
}

/** MS-DOS time and date, as zip headers carry them (two-second resolution, local time, from 1980). */
export function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getFullYear());
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}
