import type { Highlight } from '../../../shared/domain';
import type { Change, RecordChange } from '../change-set';
import { HighlightIds, type BuildOptions } from './highlight-ids';

/** More changes to one document's highlights in one step than this: its list is found again by a pass. */
const MANY_CHANGES = 64;

/**
 * The highlights of each document, kept beside the library's one list of them, so that a save finds the highlights
 * of the document it writes without a pass over every highlight: at a million highlights that pass took a save 45 ms
 * of its 50 (the memory of a million records, not the comparisons). Each document's list is what
 * `highlights.filter((h) => h.documentId === id)` gives, in the same order, and is never changed in place (a new list
 * replaces it), since the change logs keep the list they last wrote (document-logs.ts).
 *
 * It also finds a highlight by its id (highlight-ids.ts).
 *
 * It follows the list through {@link applied}, called after every `applyChanges` on it (store.ts). Anything else that
 * changes the list (reading the documents, recovering them, a test) gives it another identity or length, which drops
 * the index; it is then built again in one pass when next asked.
 */
export class HighlightsIndex {
  private byDocument = new Map<string, readonly Highlight[]>();
  /** Documents whose lists are not known (a highlight put back at its old place): found by a pass when asked. */
  private readonly stale = new Set<string>();
  /** The list the index describes, and its length then; null: nothing indexed yet. */
  private list: readonly Highlight[] | null = null;
  private length = 0;
  private readonly ids: HighlightIds;

  constructor(idBuild?: BuildOptions) {
    this.ids = new HighlightIds(idBuild);
  }

  /** The highlights of each of `documentIds` in `highlights`, in its order. */
  of(highlights: readonly Highlight[], documentIds: Iterable<string>): Map<string, readonly Highlight[]> {
    if (!this.describes(highlights)) this.build(highlights);
    const wanted = [...documentIds];
    const stale = wanted.filter((id) => this.stale.has(id));
    if (stale.length > 0) {
      // One pass for all of them (undoing "Code all matches" puts thousands back at their places).
      const found = new Map<string, Highlight[]>(stale.map((id) => [id, []]));
      for (const highlight of highlights) found.get(highlight.documentId)?.push(highlight);
      for (const [id, list] of found) {
        this.stale.delete(id);
        this.set(id, list);
      }
    }
    return new Map(wanted.map((id) => [id, this.listOf(id)]));
  }

  /** The highlight with `id` in `highlights`, if there is one. */
  find(highlights: readonly Highlight[], id: string): Highlight | undefined {
    if (!this.describes(highlights)) this.build(highlights);
    if (!this.ids.started) this.ids.rebuild(highlights);
    return this.ids.find(highlights, id);
  }

  /**
   * Takes the lists a reading of the documents found, by document, whose concatenation is `highlights` (what
   * load-documents.ts holds already: no pass over a million highlights for it).
   */
  adopt(highlights: readonly Highlight[], byDocument: ReadonlyMap<string, readonly Highlight[]>): void {
    this.reset(highlights);
    for (const [id, list] of byDocument) this.set(id, list);
    // The library just read: edits to come will look highlights up by id.
    this.ids.rebuild(highlights);
  }

  /** `applyChanges(data, changes, direction)` has just run, and `highlights` is `data.highlights` after it. */
  applied(highlights: readonly Highlight[], changes: readonly Change[], direction: 'forward' | 'backward'): void {
    // Counted in one pass and followed in a second, keeping no list of the changes' sides and making no set per change
    // for its documents: a step can change 200,000.
    const forward = direction === 'forward';
    const sidesOf = (change: RecordChange) =>
      (forward ? [change.before, change.after] : [change.after, change.before]) as [Highlight | null, Highlight | null];
    const steps = (forward ? changes : [...changes].reverse()).filter(
      (c): c is RecordChange & { collection: 'highlights' } => c.kind === 'record' && c.collection === 'highlights',
    );
    let added = 0;
    // A document with many changes in one step (a replaced text moves thousands of its highlights) is found again by
    // one pass rather than copied once per change.
    const perDocument = new Map<string, number>();
    const count = (documentId: string) => perDocument.set(documentId, (perDocument.get(documentId) ?? 0) + 1);
    for (const change of steps) {
      const [from, to] = sidesOf(change);
      added += (to ? 1 : 0) - (from ? 1 : 0);
      if (from) count(from.documentId);
      if (to && to.documentId !== from?.documentId) count(to.documentId);
    }
    // The index must have described the list as it was before these changes; if not, it is built again when asked.
    if (this.list !== highlights || this.length + added !== highlights.length) return this.forget();
    this.length = highlights.length;
    for (const [id, changed] of perDocument) if (changed > MANY_CHANGES) this.stale.add(id);
    for (const change of steps) {
      const [from, to] = sidesOf(change);
      this.ids.changed(from, to);
      if (from && to && from.documentId === to.documentId) this.replace(from, to);
      else if (from && to) {
        this.stale.add(from.documentId);
        this.stale.add(to.documentId);
      } else if (to && change.index === undefined) this.append(to);
      // Put back at its old place in the whole list: where that is in its document's, a pass over them finds.
      else if (to) this.stale.add(to.documentId);
      else if (from) this.remove(from);
    }
  }

  /** The list changed in a way the index cannot follow (a step that failed halfway): built again when next asked. */
  forget(): void {
    this.list = null;
    this.ids.drop();
  }

  private describes(highlights: readonly Highlight[]): boolean {
    return this.list === highlights && this.length === highlights.length;
  }

  private build(highlights: readonly Highlight[]): void {
    this.reset(highlights);
    const groups = new Map<string, Highlight[]>();
    for (const highlight of highlights) {
      const group = groups.get(highlight.documentId);
      if (group) group.push(highlight);
      else groups.set(highlight.documentId, [highlight]);
    }
    this.byDocument = groups;
  }

  private reset(highlights: readonly Highlight[]): void {
    this.list = highlights;
    this.length = highlights.length;
    this.byDocument = new Map();
    this.stale.clear();
    this.ids.drop();
  }

  private listOf(documentId: string): readonly Highlight[] {
    return this.byDocument.get(documentId) ?? [];
  }

  private set(documentId: string, list: readonly Highlight[]): void {
    if (list.length === 0) this.byDocument.delete(documentId);
    else this.byDocument.set(documentId, list);
  }

  private append(to: Highlight): void {
    if (!this.stale.has(to.documentId)) this.set(to.documentId, [...this.listOf(to.documentId), to]);
  }

  private replace(from: Highlight, to: Highlight): void {
    if (this.stale.has(from.documentId)) return;
    const list = this.listOf(from.documentId);
    const at = list.findIndex((h) => h.id === from.id);
    if (at < 0) return void this.stale.add(from.documentId);
    this.set(from.documentId, list.with(at, to));
  }

  private remove(from: Highlight): void {
    if (this.stale.has(from.documentId)) return;
    const list = this.listOf(from.documentId);
    const at = list.findIndex((h) => h.id === from.id);
    if (at < 0) return void this.stale.add(from.documentId);
    this.set(from.documentId, list.toSpliced(at, 1));
  }
}
