import { entryIn } from './collections';
import type { Stance } from './domain';

/**
 * One copy of each value that many records repeat: `JSON.parse` gives every highlight its own copy of every string,
 * tag list and stance list in it. The backend's store (electron/backend/storage/shared-strings.ts) and the renderer's
 * opened document (compact-highlights.ts) pass their highlights through a pool, so that highlights with the same
 * strings, tags or stances share them. Safe because records are never changed in place (shared/domain.ts,
 * `Immutable`): a change replaces the highlight, and with it whatever it shared.
 */
export class ValuePool {
  private readonly strings = new Map<string, string>();
  private readonly tagLists = new Map<string, readonly string[]>();
  private readonly stanceLists = new Map<string, readonly Stance[]>();
  // The lists of one tag, and of one stance, found without a key made for them (below).
  private readonly oneTagLists = new Map<string, readonly string[]>();
  private readonly oneStanceLists = new Map<string | null, Map<string, Map<string, readonly Stance[]>>>();

  string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  /** The list of these tag ids, equal in value, shared with every earlier one that is. */
  tagList(tagIds: readonly string[]): readonly string[] {
    // Most highlights carry one tag: its list is found by the id itself. Building a key for it took a third of the
    // pooling of a million highlights.
    if (tagIds.length === 0) return entryIn(this.tagLists, '[]', () => []);
    if (tagIds.length === 1) return entryIn(this.oneTagLists, tagIds[0]!, () => [this.string(tagIds[0]!)]);
    // JSON, not a join: ids may hold any character, and ["a,b"] must not be taken for ["a", "b"].
    const key = JSON.stringify(tagIds);
    const known = this.tagLists.get(key);
    if (known) return known;
    const list = tagIds.map((id) => this.string(id));
    this.tagLists.set(key, list);
    return list;
  }

  /** The list of these stances, equal in value (each `{ holderId, targetId, stance }`), shared likewise. */
  stanceList(stances: readonly Stance[]): readonly Stance[] {
    // A single stance's list is found by its holder, target and value in turn, without a key made for it: making one
    // (JSON of its parts) was the costliest step of pooling a million highlights, at 1.3 µs a highlight.
    if (stances.length === 0) return entryIn(this.stanceLists, '[]', () => []);
    if (stances.length === 1) {
      const { holderId, targetId, stance } = stances[0]!;
      const byTarget = entryIn(this.oneStanceLists, holderId, () => new Map<string, Map<string, readonly Stance[]>>());
      const byValue = entryIn(byTarget, targetId, () => new Map<string, readonly Stance[]>());
      return entryIn(byValue, stance, () => [
        { holderId: holderId === null ? null : this.string(holderId), targetId: this.string(targetId), stance },
      ]);
    }
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
