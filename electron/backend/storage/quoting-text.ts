import type { Highlight } from '../../../shared/domain';
import { prefixStart, quoteWithContext, suffixEnd } from '../../../shared/text-context';
import { textOf, type TextRef } from './held-texts';

/**
 * A highlight's quote, prefix and suffix repeat what its text holds at its place. Held as strings of their own (or as
 * V8's slices of the text: 32 bytes each, and a slot each on the record), they took some 80 MB of the backend's heap at
 * a million highlights. A highlight read from its file whose quote and context are what the text gives is held instead
 * as a record whose `quote`, `prefix` and `suffix` are read from its text when asked.
 *
 * They are own, enumerable accessors, the same three functions on every record (so V8 gives all such records one
 * shape and no slot for them): a spread, `JSON.stringify`, a structured clone and `toEqual` see the three properties
 * as plain values, in their place among the others, so the files written from these records stay byte for byte the
 * same (a file's properties in the schema's order, as the app writes them). The text is on the record under a symbol
 * that is not enumerable, which none of those copy: a record made against a text that is later replaced keeps quoting
 * the text it was made against (the undo history holds such records). With it goes the record's document id, read
 * the same way: the highlights of one document share one such object (a slot less on each record).
 */
const QUOTED = Symbol('quoted');

/** The document a quoting record is in, and the text it quotes; shared by the records read from one document. */
interface Quoted {
  readonly documentId: string;
  readonly ref: TextRef;
}

interface QuotingRecord {
  readonly [QUOTED]: Quoted;
  readonly start: number;
  readonly end: number;
}

function documentId(this: QuotingRecord): string {
  return this[QUOTED].documentId;
}

function quote(this: QuotingRecord): string {
  return textOf(this[QUOTED].ref).slice(this.start, this.end);
}

function prefix(this: QuotingRecord): string {
  const text = textOf(this[QUOTED].ref);
  return text.slice(prefixStart(text, this.start), this.start);
}

function suffix(this: QuotingRecord): string {
  const text = textOf(this[QUOTED].ref);
  return text.slice(this.end, suffixEnd(text, this.end));
}

// One descriptor each, so that every record gets the same accessor pair (and V8 one shape for them all).
const DOCUMENT_ID = { get: documentId, enumerable: true, configurable: true };
const QUOTE = { get: quote, enumerable: true, configurable: true };
const PREFIX = { get: prefix, enumerable: true, configurable: true };
const SUFFIX = { get: suffix, enumerable: true, configurable: true };

/**
 * `highlight` (as parsed from its document's file, with the text `text`) as a record that reads its quote, prefix and
 * suffix from `text` (or from `ref`, which stands for it: held-texts.ts), equal to it in every property, with its
 * properties in the schema's order (the order the app writes them in); `highlight` itself when they are not what the
 * text holds at its place (an orphan's quote, a context saved under another rule).
 */
export function quotingText(highlight: Highlight, text: string, ref: TextRef = text): Highlight {
  return quotingIn(highlight.documentId, text, ref)(highlight);
}

/**
 * {@link quotingText} for the highlights of the document `documentId`, each of which names it: the records it makes
 * share one `Quoted` (a reading of the library makes one per document).
 */
export function quotingIn(documentId: string, text: string, ref: TextRef = text): (highlight: Highlight) => Highlight {
  const quoted: Quoted = { documentId, ref };
  return (highlight) => {
    const { start, end } = highlight;
    if (!(0 <= start && start < end && end <= text.length)) return highlight;
    // What the app saves for that place (shared/text-context.ts), which the accessors give back.
    const saved = quoteWithContext(text, start, end);
    if (highlight.quote !== saved.quote || highlight.prefix !== saved.prefix || highlight.suffix !== saved.suffix) {
      return highlight;
    }
    return new QuotingRecord(highlight, quoted, {});
  };
}

/** What a step across many highlights changes in each (a tag's deletion, an entity merged into another). */
export type Coding = Partial<Pick<Highlight, 'tagIds' | 'stances'>>;

/**
 * `highlight` with other tags or stances. When it reads its quote and context from its text, so does the new one: a
 * spread would call its accessors, and read a text held on disk back for every document the step touches (and hold
 * it in memory again, in the slices of the new record).
 */
export function withCoding(highlight: Highlight, coding: Coding): Highlight {
  const quoted = (highlight as Partial<QuotingRecord>)[QUOTED];
  return quoted === undefined ? { ...highlight, ...coding } : new QuotingRecord(highlight, quoted, coding);
}

/**
 * Makes a quoting record, in the schema's order. A constructor rather than properties added to `{}`: V8 sizes the
 * objects a constructor makes to the properties it gives them (after its first few), and holds them all in the object
 * itself, where an object literal holds four and puts the rest in a second object (144 bytes a record in all, against
 * 104 with the document id read from the shared `Quoted`: 40 MB at a million highlights). Its prototype is
 * `Object.prototype`, so a record is a plain object to everything that looks (a structured clone, `toEqual`, a schema).
 */
const QuotingRecord = function QuotingRecord(
  this: Record<PropertyKey, unknown>,
  highlight: Highlight,
  quoted: Quoted,
  coding: Coding,
) {
  Object.defineProperty(this, QUOTED, { value: quoted });
  this.id = highlight.id;
  Object.defineProperty(this, 'documentId', DOCUMENT_ID);
  this.start = highlight.start;
  this.end = highlight.end;
  Object.defineProperty(this, 'quote', QUOTE);
  Object.defineProperty(this, 'prefix', PREFIX);
  Object.defineProperty(this, 'suffix', SUFFIX);
  this.tagIds = coding.tagIds ?? highlight.tagIds;
  this.stances = coding.stances ?? highlight.stances;
  this.note = highlight.note;
  this.annotator = highlight.annotator;
  this.createdAt = highlight.createdAt;
  this.updatedAt = highlight.updatedAt;
  if (highlight.anchor !== undefined) this.anchor = highlight.anchor;
} as unknown as new (highlight: Highlight, quoted: Quoted, coding: Coding) => Highlight;
QuotingRecord.prototype = Object.prototype;

/** Whether `highlight` reads its quote and context from its text ({@link quotingText}): for tests and probes. */
export function isQuotingText(highlight: Highlight): boolean {
  return QUOTED in highlight;
}
