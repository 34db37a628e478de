import type { Highlight } from '../../../shared/domain';
import { ValuePool } from '../../../shared/value-pool';
import type { HeldTexts, TextRef } from './held-texts';
import { quotingIn } from './quoting-text';

/**
 * `JSON.parse` gives every highlight its own copy of every string in it: its document's id, each tag's and holder's
 * id, its coder, its timestamps. A library holds a million highlights at ten times the bench's size, and those copies
 * were a third of the backend's memory. Reading a document's file, the store makes its highlights share them
 * instead (shared/value-pool.ts: one string per value, one `tagIds` list per combination of tags, one `stances` list
 * per combination of stances), and read their quote and its context from the text (quoting-text.ts: the text is
 * held anyway).
 */
export class SharedStrings {
  private readonly pool = new ValuePool();

  /** `heldTexts`: where a large library's texts are held, on disk (held-texts.ts); without it, in memory. */
  constructor(private readonly heldTexts?: HeldTexts) {}

  /** A document's text, as just parsed from its file: held on disk when there is a place for it, else itself. */
  hold(text: string): TextRef {
    return this.heldTexts ? this.heldTexts.hold(text) : text;
  }

  /**
   * The highlights of the document `documentId` with the text `text`, as just parsed (and checked) from its file:
   * changed in place, before anything else holds them, to share what they repeat; each replaced in the list by one
   * that reads its quote and context from `text` (through `ref`, when the text is held on disk), when the text holds
   * them. Returns the list.
   */
  shareIn(highlights: Highlight[], documentId: string, text: string, ref: TextRef = text): Highlight[] {
    const { pool } = this;
    const quoting = quotingIn(documentId, text, ref);
    for (let i = 0; i < highlights.length; i++) {
      const highlight = highlights[i]!;
      // Objects fresh from the parser: the only moment they may be written to.
      const fresh = highlight as Mutable<Highlight>;
      fresh.documentId = documentId;
      fresh.tagIds = pool.tagList(highlight.tagIds);
      fresh.stances = pool.stanceList(highlight.stances);
      fresh.annotator = pool.string(highlight.annotator);
      fresh.createdAt = pool.string(highlight.createdAt);
      fresh.updatedAt = pool.string(highlight.updatedAt);
      highlights[i] = quoting(highlight);
    }
    return highlights;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
