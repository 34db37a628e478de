import type { Highlight, Stance } from '../../../shared/domain';

/**
 * `JSON.parse` gives every highlight its own copy of every string in it: its document's id, each tag's and holder's
 * id, its coder, its timestamps. A library holds a million highlights at ten times the bench's size, and those copies
 * were a fifth of the backend's memory. Reading a document's file, the store makes its highlights share them
 * instead: one string per value, one `tagIds` list per combination of tags, one `stances` list per combination of
 * stances, and the quote a slice of the text it quotes (the text is held anyway).
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
      // A quote that is what the text holds at its place (an orphan's may not be): a slice of the text instead, which
      // V8 keeps as a reference into it (from 13 characters: a shorter one would not be smaller).
      if (highlight.quote.length >= 13 && highlight.end <= text.length && highlight.end > highlight.start) {
        const slice = text.slice(highlight.start, highlight.end);
        if (slice === highlight.quote) fresh.quote = slice;
      }
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
    const key = tagIds.join('\n');
    const known = this.tagLists.get(key);
    if (known) return known;
    const list = tagIds.map((id) => this.string(id));
    this.tagLists.set(key, list);
    return list;
  }

  private stanceList(stances: readonly Stance[]): readonly Stance[] {
    const key = stances.map((s) => `${s.holderId ?? '\u0000'}\t${s.targetId}\t${s.stance}`).join('\n');
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
