import type { StoredDocument } from '../../../shared/domain';
import type { HeldText } from './held-texts';

/**
 * A document whose text is held on disk (held-texts.ts): its `text` an own, enumerable accessor that reads it back,
 * shared by every such document, and the {@link HeldText} under a symbol nothing copies. A spread, `JSON.stringify`
 * and a structured clone see the text as a plain value, in its place.
 */
const HELD = Symbol('held text');

interface HoldingDocument {
  readonly [HELD]: HeldText;
}

const TEXT = {
  get(this: HoldingDocument): string {
    return this[HELD].value;
  },
  enumerable: true,
  configurable: true,
};

/** The document of `details` whose text is `held`, its properties in the order of `withText` (library-layout.ts). */
export function documentHoldingText(details: Omit<StoredDocument, 'text'>, held: HeldText): StoredDocument {
  const record = Object.defineProperty({}, HELD, { value: held }) as Record<string, unknown>;
  record.id = details.id;
  record.title = details.title;
  Object.defineProperty(record, 'text', TEXT);
  record.source = details.source;
  record.meta = details.meta;
  record.memo = details.memo;
  record.variables = details.variables;
  record.sha256 = details.sha256;
  record.addedAt = details.addedAt;
  return record as unknown as StoredDocument;
}

/**
 * The length of a document's text, without reading it back when it is held on disk: what the Library's listing and the
 * library file's entries count for every document.
 */
export function textLengthOf(document: StoredDocument): number {
  const held = (document as Partial<HoldingDocument>)[HELD];
  return held ? held.length : document.text.length;
}

/** Whether the document's text is held on disk (for tests and probes). */
export function isHoldingText(document: StoredDocument): boolean {
  return HELD in document;
}
