import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { RecordSplitter, SplitError, type SplitPart } from './record-splitter';

/**
 * A backup read as a stream of its parts, so that a backup of any size is read in bounded memory: each member of the
 * top-level object whole (the codebook, the settings: small), except the two long lists, `documents` and
 * `highlights`, which come a record at a time (record-splitter.ts finds each record, `JSON.parse` reads it).
 */
export type BackupPart =
  | { kind: 'member'; key: string; value: unknown }
  /** `at` and `until`: the record's first byte and the byte after its last, to say where a bad record is. */
  | { kind: 'record'; list: LongList; index: number; value: unknown; at: number; until: number }
  /** A long list has ended, after `count` records. */
  | { kind: 'list-end'; list: LongList; count: number };

export const LONG_LISTS = ['documents', 'highlights'] as const;
export type LongList = (typeof LONG_LISTS)[number];

/** Where a backup stops being readable, in words, and the byte. */
export class BackupDamage extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
  ) {
    super(message);
  }
}

/** Tells how far the reading is, in bytes of the file. */
export type ReadProgress = (bytesRead: number) => void;

/** Read in chunks of 256 KB: progress is told at each. */
const CHUNK = 1 << 18;

/** The parts of the backup in `file`, in the file's order. */
export async function* backupParts(
  file: string,
  options: { progress?: ReadProgress; signal?: AbortSignal } = {},
): AsyncGenerator<BackupPart> {
  let bytes = 0;
  const stream = createReadStream(file, { highWaterMark: CHUNK });
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.signal?.throwIfAborted();
      yield chunk;
      bytes += chunk.length;
      options.progress?.(bytes);
    }
  }
  try {
    yield* partsOf(chunks());
  } finally {
    stream.destroy();
  }
}

/** The parts of a backup whose text comes in `chunks` of bytes. */
export async function* partsOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<BackupPart> {
  const splitter = new RecordSplitter(new Set(LONG_LISTS));
  for await (const chunk of chunks) {
    for (const part of split(() => splitter.feed(chunk))) if (part.kind !== 'list-start') yield read(part);
  }
  for (const part of split(() => splitter.end())) if (part.kind !== 'list-start') yield read(part);
}

/** The splitter's parts, its complaints said as the backup's. */
function* split(parts: () => Generator<SplitPart>): Generator<SplitPart> {
  try {
    yield* parts();
  } catch (error) {
    if (error instanceof SplitError) throw new BackupDamage(`The backup ${error.message}.`, error.byteOffset);
    throw error;
  }
}

/** A part with its value read. */
function read(part: Exclude<SplitPart, { kind: 'list-start' }>): BackupPart {
  switch (part.kind) {
    case 'list-end':
      return { kind: 'list-end', list: part.key as LongList, count: part.count };
    case 'member':
      return { kind: 'member', key: part.key, value: parse(part.bytes, part.at, () => `its "${part.key}"`) };
    case 'element': {
      const list = part.key as LongList;
      const what = () =>
        `its ${list === 'documents' ? 'document' : 'highlight'} ${(part.index + 1).toLocaleString('en')}`;
      const value = parse(part.bytes, part.at, what);
      return { kind: 'record', list, index: part.index, value, at: part.at, until: part.at + part.bytes.length };
    }
    default:
      throw new Error(`Unknown part ${String(part satisfies never)}`);
  }
}

/** One value's bytes as JSON: refused, with where (`what`, said only then), when they are not UTF-8 or not JSON. */
function parse(bytes: Buffer, at: number, what: () => string): unknown {
  const where = () => `${what()} (bytes ${at.toLocaleString('en')}–${(at + bytes.length).toLocaleString('en')})`;
  if (!isUtf8(bytes)) throw new BackupDamage(`The backup is damaged at ${where()}: it is not UTF-8 text.`, at);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new BackupDamage(`The backup is damaged at ${where()}: ${(error as Error).message}.`, at);
  }
}
