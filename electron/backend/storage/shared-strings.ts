import type { Highlight } from '../../../shared/domain';
import { ValuePool } from '../../../shared/value-pool';

/**
 * `JSON.parse` gives every highlight its own copy of every string in it: its document's id, each tag's and holder's
 * id, its coder, its timestamps. A library holds a million highlights at ten times the bench's size, and those copies
 * were a third of the backend's memory. Reading a document's file, the store makes its highlights share them
 * instead (shared/value-pool.ts: one string per value, one `tagIds` list per combination of tags, one `stances` list
 * per combination of stances), and the quote and its context slices of the text (the text is held anyway).
 */
export class SharedStrings {
  private readonly pool = new ValuePool();

  /**
   * The highlights of the document `documentId` with the text `text`, as just parsed (and checked) from its file:
   * changed in place, before anything else holds them, to share what they repeat. Returns them.
   */
  shareIn(highlights: Highlight[], documentId: string, text: string): Highlight[] {
    const { pool } = this;
    for (const highlight of highlights) {
      // Objects fresh from the parser: the only moment they may be written to.
      const fresh = highlight as Mutable<Highlight>;
      fresh.documentId = documentId;
      fresh.tagIds = pool.tagList(highlight.tagIds);
      fresh.stances = pool.stanceList(highlight.stances);
      fresh.annotator = pool.string(highlight.annotator);
      fresh.createdAt = pool.string(highlight.createdAt);
      fresh.updatedAt = pool.string(highlight.updatedAt);
      // What the text holds at the highlight's place (an orphan's may not be): slices of the text instead, which V8
      // keeps as references into it.
      fresh.quote = sliceIfSame(text, highlight.start, highlight.end, highlight.quote);
      fresh.prefix = sliceIfSame(text, highlight.start - highlight.prefix.length, highlight.start, highlight.prefix);
      fresh.suffix = sliceIfSame(text, highlight.end, highlight.end + highlight.suffix.length, highlight.suffix);
    }
    return highlights;
  }
}

/**
 * `text.slice(start, end)` when it is `value`, else `value`. From 13 characters: V8 copies a shorter slice (and a copy
 * would be no smaller).
 */
function sliceIfSame(text: string, start: number, end: number, value: string): string {
  if (value.length < 13 || start < 0 || end > text.length) return value;
  const slice = text.slice(start, end);
  return slice === value ? slice : value;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
