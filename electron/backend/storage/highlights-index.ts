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
    // Each document's list is copied once for the whole step, changed in the copy, and the copy then replaces it: a
    // tag deleted from 200,000 highlights, ten in each of 20,000 documents, copied each list ten times (0.2 s).
    const drafts = new Map<string, Highlight[]>();
    const draftOf = (documentId: string): Highlight[] | null => {
      if (this.stale.has(documentId)) return null;
      let draft = drafts.get(documentId);
      if (!draft) drafts.set(documentId, (draft = [...this.listOf(documentId)]));
      return draft;
    };
    for (const change of steps) {
      const [from, to] = sidesOf(change);
      this.ids.changed(from, to);
      if (from && to && from.documentId === to.documentId) this.replace(draftOf(from.documentId), from, to);
      else if (from && to) {
        this.stale.add(from.documentId);
        this.stale.add(to.documentId);
      } else if (to && change.index === undefined) draftOf(to.documentId)?.push(to);
      // Put back at its old place in the whole list: where that is in its document's, a pass over them finds.
      else if (to) this.stale.add(to.documentId);
      else if (from) this.remove(draftOf(from.documentId), from);
    }
    for (const [id, draft] of drafts) if (!this.stale.has(id)) this.set(id, draft);
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

  /** `from` replaced by `to` in its document's draft (null: the document's list is to be found again). */
  private replace(draft: Highlight[] | null, from: Highlight, to: Highlight): void {
    if (!draft) return;
    const at = indexIn(draft, from);
    if (at < 0) return void this.stale.add(from.documentId);
    draft[at] = to;
  }

  private remove(draft: Highlight[] | null, from: Highlight): void {
    if (!draft) return;
    const at = indexIn(draft, from);
    if (at < 0) return void this.stale.add(from.documentId);
    draft.splice(at, 1);
  }
}

/**
 * Where `record`, or a record with its id, is in `list`. A step names the very records it changes, so a comparison of
 * references finds it, and only a record the list holds under another reference costs a comparison of ids.
 */
function indexIn(list: readonly Highlight[], record: Highlight): number {
  const at = list.indexOf(record);
  return at >= 0 ? at : list.findIndex((h) => h.id === record.id);
}
