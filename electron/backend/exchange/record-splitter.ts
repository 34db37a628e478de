/**
 * Splits the JSON text of one object, arriving in chunks of bytes, into its members — and the members named as long
 * lists into their elements — each handed over as its own bytes, for the native `JSON.parse` to read. A backup of a
 * million highlights is 700 MB: more than one string can hold, and a token-by-token parser (stream-json, measured here
 * first: 86 s and 1 GB for that backup) spends its time making an object of every token. This only finds where each
 * record begins and ends — it follows strings (with their escapes) and brackets, and checks the punctuation between
 * records — and leaves each record's own grammar to `JSON.parse`, which says exactly what is wrong and where.
 */
export type SplitPart =
  /** A member of the object (not a long list), and the offset of its first byte. */
  | { kind: 'member'; key: string; bytes: Buffer; at: number }
  | { kind: 'list-start'; key: string }
  /** An element of a long list: its index, its bytes and the offset of its first byte. */
  | { kind: 'element'; key: string; index: number; bytes: Buffer; at: number }
  | { kind: 'list-end'; key: string; count: number };

/** Where the text stops being a JSON object: a message, and the byte it was found at. */
export class SplitError extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
/** A byte that ends a bare value (a number, true, false, null). */
const endsBare = (b: number): boolean => isSpace(b) || b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET;

/** Where the splitter is, between values. */
type Expecting =
  | 'object'
  | 'key-or-end'
  | 'key'
  | 'colon'
  | 'value'
  | 'comma-or-end'
  | 'element-or-end'
  | 'element'
  | 'comma-or-list-end'
  | 'nothing';

/** A value being read: a key, a member's value or an element, its bytes so far, and where it is in its brackets. */
interface Capture {
  kind: 'key' | 'member' | 'element';
  pieces: Buffer[];
  /** Where it starts in the chunk being read (0 once it began in an earlier chunk). */
  start: number;
  at: number;
  depth: number;
  inString: boolean;
  escaped: boolean;
  bare: boolean;
}

export class RecordSplitter {
  private expecting: Expecting = 'object';
  /** Bytes seen before the chunk being read. */
  private offset = 0;
  private key = '';
  private list: string | null = null;
  private count = 0;
  private capture: Capture | null = null;

  constructor(private readonly longLists: ReadonlySet<string>) {}

  /** The parts that `chunk` completes, in order. */
  *feed(chunk: Buffer): Generator<SplitPart> {
    if (this.capture) this.capture.start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      // A byte order mark starting the text (in whatever chunks it comes) is no part of it.
      if (this.offset + i < 3 && b === BYTE_ORDER_MARK[this.offset + i] && this.expecting === 'object') continue;
      const capture = this.capture;
      if (capture) {
        if (capture.bare) {
          // A bare value ends before the byte that ends it, which is then read as punctuation.
          if (endsBare(b)) {
            yield* this.finish(chunk, i);
            i -= 1;
          }
          continue;
        }
        // Most bytes are inside records: read through them in a tight loop.
        const end = scan(capture, chunk, i);
        if (end < 0) break;
        yield* this.finish(chunk, end);
        i = end - 1;
        continue;
      }
      if (isSpace(b)) continue;
      switch (this.expecting) {
        case 'object':
          if (b !== OPEN_BRACE) throw this.unexpected(b, i, 'a JSON object ("{")');
          this.expecting = 'key-or-end';
          break;
        case 'key-or-end':
          if (b === CLOSE_BRACE) this.expecting = 'nothing';
          else if (b === QUOTE) this.begin('key', chunk, i--);
          else throw this.unexpected(b, i, "a member's name in double quotes");
          break;
        case 'key':
          if (b !== QUOTE) throw this.unexpected(b, i, "a member's name in double quotes");
          this.begin('key', chunk, i--);
          break;
        case 'colon':
          if (b !== COLON) throw this.unexpected(b, i, '":"');
          this.expecting = 'value';
          break;
        case 'value':
          if (b === OPEN_BRACKET && this.longLists.has(this.key)) {
            this.list = this.key;
            this.count = 0;
            this.expecting = 'element-or-end';
            yield { kind: 'list-start', key: this.key };
          } else this.begin('member', chunk, i--);
          break;
        case 'comma-or-end':
          if (b === COMMA) this.expecting = 'key';
          else if (b === CLOSE_BRACE) this.expecting = 'nothing';
          else throw this.unexpected(b, i, '"," or "}"');
          break;
        case 'element-or-end':
          if (b === CLOSE_BRACKET) yield this.endList();
          else this.begin('element', chunk, i--);
          break;
        case 'element':
          this.begin('element', chunk, i--);
          break;
        case 'comma-or-list-end':
          if (b === COMMA) this.expecting = 'element';
          else if (b === CLOSE_BRACKET) yield this.endList();
          else throw this.unexpected(b, i, '"," or "]"');
          break;
        case 'nothing':
          throw this.unexpected(b, i, 'nothing after the end of the object');
        default:
          throw new Error(`Unknown state ${String(this.expecting satisfies never)}`);
      }
    }
    // What this chunk holds of a value is kept for the next.
    if (this.capture) this.capture.pieces.push(chunk.subarray(this.capture.start));
    this.offset += chunk.length;
  }

  /** The text has ended: it must end where its object does. */
  *end(): Generator<SplitPart> {
    // A bare value at the very end of the text (never valid here, as the object is not closed) ends with it.
    if (this.capture?.bare) yield* this.finish(Buffer.alloc(0), 0);
    if (this.expecting === 'nothing' && !this.capture) return;
    throw new SplitError(`ends too soon: it is cut short ${this.where()}`, this.offset);
  }

  /** Where the reading is, in words: in which long list and after how many elements, or after which member. */
  where(byte = this.offset): string {
    const at = `at byte ${byte.toLocaleString('en')}`;
    const records = `${this.count.toLocaleString('en')} ${this.count === 1 ? 'record' : 'records'}`;
    if (this.list !== null) return `in its ${this.list}, after ${records} (${at})`;
    return this.key === '' ? `at its start (${at})` : `in or after its "${this.key}" (${at})`;
  }

  /** Starts reading a value at byte `i` (read again, as the value's first byte, by the caller's next turn). */
  private begin(kind: Capture['kind'], chunk: Buffer, i: number): void {
    const b = chunk[i]!;
    const capture: Capture = {
      kind,
      pieces: [],
      start: i,
      at: this.offset + i,
      depth: 0,
      inString: false,
      escaped: false,
      bare: b !== QUOTE && b !== OPEN_BRACE && b !== OPEN_BRACKET,
    };
    this.capture = capture;
  }

  /** The value captured, ending before byte `end` of the chunk, as its part. */
  private *finish(chunk: Buffer, end: number): Generator<SplitPart> {
    const capture = this.capture!;
    this.capture = null;
    const last = chunk.subarray(capture.start, end);
    const bytes = capture.pieces.length === 0 ? last : Buffer.concat([...capture.pieces, last]);
    switch (capture.kind) {
      case 'key':
        try {
          this.key = JSON.parse(bytes.toString('utf8')) as string;
        } catch {
          throw new SplitError(`has a member name that is not valid JSON ${this.where(capture.at)}`, capture.at);
        }
        this.expecting = 'colon';
        return;
      case 'member':
        this.expecting = 'comma-or-end';
        yield { kind: 'member', key: this.key, bytes, at: capture.at };
        return;
      case 'element':
        this.expecting = 'comma-or-list-end';
        yield { kind: 'element', key: this.list!, index: this.count++, bytes, at: capture.at };
        return;
      default:
        throw new Error(`Unknown capture ${String(capture.kind satisfies never)}`);
    }
  }

  private endList(): SplitPart {
    const part: SplitPart = { kind: 'list-end', key: this.list!, count: this.count };
    this.list = null;
    this.expecting = 'comma-or-end';
    return part;
  }

  private unexpected(b: number, i: number, expected: string): SplitError {
    const found =
      b >= 0x20 && b < 0x7f ? `"${String.fromCharCode(b)}"` : `the byte 0x${b.toString(16).padStart(2, '0')}`;
    return new SplitError(
      `is damaged ${this.where(this.offset + i)}: ${found} where ${expected} should be`,
      this.offset + i,
    );
  }
}

/**
 * Reads a quoted or bracketed value on from byte `from` of `chunk`: the index after its last byte, or -1 when the
 * chunk ends first (its state kept in `capture` for the next chunk).
 */
function scan(capture: Capture, chunk: Buffer, from: number): number {
  let { depth, inString, escaped } = capture;
  for (let i = from; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (b === BACKSLASH) escaped = true;
      else if (b === QUOTE) {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth += 1;
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  Object.assign(capture, { depth, inString, escaped });
  return -1;
}
