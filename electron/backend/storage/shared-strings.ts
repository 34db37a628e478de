import type { Highlight, Stance } from '../../../shared/domain';

/**
 * `JSON.parse` gives every highlight its own copy of every string in it: its document's id, each tag's and holder's
 * id, its coder, its timestamps. A library holds a million highlights at ten times the bench's size, and those copies
 * were a third of the backend's memory. Reading a document's file, the store makes its highlights share them
 * instead: one string per value, one `tagIds` list per combination of tags, one `stances` list per combination of
 * stances, and the quote and its context slices of the text (the text is held anyway).
 *
 * Sharing is safe because records are never changed in place (shared/domain.ts, `Immutable`): a change replaces
 * the highlight, and with it whatever it shared.
 */
export class SharedStrings {
  private readonly strings = new Map<string, string>();
  private readonly tagLists = new Map<string, readonly string[]>();
  private readonly stanceLists = new Map<string, readonly Stance[]>();

  /**
   * The highlights of the document `documentId` with the text `text`, as just parsed (and checked) from its file:
   * changed in place, before anything else holds them, to share what they repeat. Returns them.
   */
  shareIn(highlights: Highlight[], documentId: string, text: string): Highlight[] {
    for (const highlight of highlights) {
      // Objects fresh from the parser: the only moment they may be written to.
      const fresh = highlight as Mutable<Highlight>;
      fresh.documentId = documentId;
      fresh.tagIds = this.tagList(highlight.tagIds);
      fresh.stances = this.stanceList(highlight.stances);
      fresh.annotator = this.string(highlight.annotator);
      fresh.createdAt = this.string(highlight.createdAt);
      fresh.updatedAt = this.string(highlight.updatedAt);
      // What the text holds at the highlight's place (an orphan's may not be): slices of the text instead, which V8
      // keeps as references into it.
      fresh.quote = sliceIfSame(text, highlight.start, highlight.end, highlight.quote);
      fresh.prefix = sliceIfSame(text, highlight.start - highlight.prefix.length, highlight.start, highlight.prefix);
      fresh.suffix = sliceIfSame(text, highlight.end, highlight.end + highlight.suffix.length, highlight.suffix);
    }
    return highlights;
  }

  private string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  private tagList(tagIds: readonly string[]): readonly string[] {
    // JSON, not a join: ids may hold any character, and ["a,b"] must not be taken for ["a", "b"].
    const key = JSON.stringify(tagIds);
    const known = this.tagLists.get(key);
    if (known) return known;
    const list = tagIds.map((id) => this.string(id));
    this.tagLists.set(key, list);
    return list;
  }

  private stanceList(stances: readonly Stance[]): readonly Stance[] {
    const key = JSON.stringify(stances.map((s) => [s.holderId, s.targetId, s.stance]));
    const known = this.stanceLists.get(key);
    if (known) return known;
    const list = stances.map((s) => ({
      holderId: s.holderId === null ? null : this.string(s.holderId),
      targetId: this.string(s.targetId),
      stance: s.stance,
    }));
    this.stanceLists.set(key, list);
    return list;
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
