import { createReadStream } from 'node:fs';
import Assembler from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';

/**
 * A backup read as a stream of its parts, so that a backup of any size is read in bounded memory: each member of the
 * top-level object whole (the codebook, the settings: small), except the two long lists, `documents` and
 * `highlights`, which come a record at a time.
 *
 * Tokenised by stream-json (a well-kept streaming JSON parser without dependencies but its own stream-chain: it reads
 * JSON of any size as a SAX-like stream of tokens, and assembles chosen parts into values), because `JSON.parse` needs
 * the whole text as one string: a backup of a million highlights is 500 MB, beyond what Node holds in one string.
 */
export type BackupPart =
  | { kind: 'member'; key: string; value: unknown }
  /** `at` and `until`: the bytes of the slice in which the record ends, to say where a bad record is. */
  | { kind: 'record'; list: LongList; index: number; value: unknown; at: number; until: number };

export const LONG_LISTS = ['documents', 'highlights'] as const;
export type LongList = (typeof LONG_LISTS)[number];
const isLongList = (key: string | null): key is LongList => key === 'documents' || key === 'highlights';

/** Where a backup stops being readable: in which part, after how many bytes. */
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

const MANY = Symbol.for('object-stream.many');
/** Read in chunks of 64 KB, parsed in slices of 8 KB: a damage is placed within a slice. */
const CHUNK = 1 << 16;
const SLICE = 1 << 13;

/** The parts of the backup in `file`, in the file's order. */
export async function* backupParts(
  file: string,
  options: { progress?: ReadProgress; signal?: AbortSignal } = {},
): AsyncGenerator<BackupPart> {
  const reader = new PartReader();
  const parse = jsonParser({ packValues: true, streamValues: false });
  let bytes = 0;
  let first = true;
  const stream = createReadStream(file, { highWaterMark: CHUNK });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.signal?.throwIfAborted();
      // Fed in slices, each one's tokens taken before the next is parsed: a damage is placed within a slice.
      for (let offset = 0; offset < chunk.length; offset += SLICE) {
        const slice = chunk.subarray(offset, offset + SLICE);
        const start = bytes;
        bytes += slice.length;
        let text: string;
        try {
          text = decoder.decode(slice, { stream: true });
        } catch {
          throw new BackupDamage(`The backup is not UTF-8 text (${where(reader, start, bytes)}).`, start);
        }
        if (first) {
          text = text.replace(/^\ufeff/, '');
          first = false;
        }
        yield* reader.feed(parse, text, start, bytes);
      }
      options.progress?.(bytes);
    }
    yield* reader.feed(parse, null, bytes, bytes);
  } finally {
    stream.destroy();
  }
  if (!reader.complete) {
    throw new BackupDamage(`The backup ends too soon: it is cut short ${where(reader, bytes, bytes)}.`, bytes);
  }
}

/** Builds the parts from tokens, keeping track of where in the backup they are. */
class PartReader {
  private depth = 0;
  private key: string | null = null;
  private assembler: Assembler | null = null;
  /** The long list being read, and how many of its records are read. */
  list: LongList | null = null;
  records = 0;
  /** The member read last, or being read. */
  member: string | null = null;
  complete = false;

  *feed(parse: ReturnType<typeof jsonParser>, text: string | null, start: number, end: number): Generator<BackupPart> {
    let result: unknown;
    try {
      result = text === null ? parse(Symbol.for('object-stream.none') as never) : parse(text);
    } catch (error) {
      if (text === null) {
        throw new BackupDamage(`The backup ends too soon: it is cut short ${where(this, start, end)}.`, start);
      }
      throw new BackupDamage(`The backup is damaged ${where(this, start, end)}: ${(error as Error).message}.`, start);
    }
    const tokens =
      result && typeof result === 'object' && MANY in result ? (result as unknown as { values: Token[] }).values : [];
    if (result && typeof result === 'object' && 'name' in result) tokens.push(result as Token);
    for (const token of tokens) {
      const part = this.take(token, start, end);
      if (part) yield part;
    }
  }

  private take(token: Token, start: number, end: number): BackupPart | null {
    if (this.complete) throw new BackupDamage(`The backup has more after its end ${where(this, start, end)}.`, start);
    if (this.assembler) {
      this.assembler.consume(token);
      if (!this.assembler.done) return null;
      const value = this.assembler.current;
      this.assembler = null;
      if (this.list) return { kind: 'record', list: this.list, index: this.records++, value, at: start, until: end };
      return { kind: 'member', key: this.member!, value };
    }
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        if (this.depth === 0) {
          if (token.name === 'startArray') {
            throw new BackupDamage('The file is a JSON list, not a Stance Annotator backup.', start);
          }
          this.depth = 1;
          return null;
        }
        if (this.depth === 1 && token.name === 'startArray' && isLongList(this.key)) {
          this.list = this.key;
          this.records = 0;
          this.depth = 2;
          return null;
        }
        return this.startValue(token, start, end);
      case 'endArray':
        if (this.depth === 2) {
          this.depth = 1;
          const list = this.list!;
          this.list = null;
          return { kind: 'member', key: list, value: this.records };
        }
        return null;
      case 'endObject':
        this.depth = 0;
        this.complete = true;
        return null;
      case 'keyValue':
        this.key = token.value;
        this.member = token.value;
        return null;
      default:
        if (this.depth === 0) throw new BackupDamage('The file is not a Stance Annotator backup.', start);
        return this.startValue(token, start, end);
    }
  }

  /** A value begins: a scalar is a part at once, an object or a list once assembled. */
  private startValue(token: Token, start: number, end: number): BackupPart | null {
    const assembler = new Assembler();
    assembler.consume(token);
    if (!assembler.done) {
      this.assembler = assembler;
      return null;
    }
    if (this.list) {
      return {
        kind: 'record',
        list: this.list,
        index: this.records++,
        value: assembler.current,
        at: start,
        until: end,
      };
    }
    return { kind: 'member', key: this.member!, value: assembler.current };
  }
}

/** Where the reading is, in words: the list and record, or the member, and the bytes of the chunk being read. */
function where(reader: PartReader, start: number, end: number): string {
  const bytes =
    start === end
      ? `at byte ${start.toLocaleString('en')}`
      : `between bytes ${start.toLocaleString('en')} and ${end.toLocaleString('en')}`;
  if (reader.list) return `in its ${reader.list}, after ${reader.records.toLocaleString('en')} good records (${bytes})`;
  if (reader.member) return `in or after its "${reader.member}" (${bytes})`;
  return `at its start (${bytes})`;
}
