import type { DocumentHighlight } from '../../../shared/api-contract';
import type { Highlight, StoredDocument } from '../../../shared/domain';

/**
 * The highlights of an opened document as the renderer keeps them: whole records again, each quote a slice of the
 * text (V8 keeps a slice as a pointer into it, not a copy), and the strings that repeat in parsed JSON — tag ids,
 * holder and target ids, the annotator, timestamps — shared. The context around each quote is left empty: the
 * renderer never shows it (it is on disk, and the backend exports it). That cuts the heap of a 10,000-highlight
 * document by megabytes.
 */
export function compactHighlights(highlights: readonly DocumentHighlight[], document: StoredDocument): Highlight[] {
  const shared = new Map<string, string>();
  const share = (value: string): string => {
    const known = shared.get(value);
    if (known !== undefined) return known;
    shared.set(value, value);
    return value;
  };
  const { id: documentId, text } = document;
  return highlights.map((h) => ({
    id: h.id,
    documentId,
    start: h.start,
    end: h.end,
    quote: text.slice(h.start, h.end),
    prefix: '',
    suffix: '',
    tagIds: h.tagIds.map(share),
    stances: h.stances.map((s) => ({
      holderId: s.holderId === null ? null : share(s.holderId),
      targetId: share(s.targetId),
      stance: s.stance,
    })),
    note: share(h.note),
    annotator: share(h.annotator),
    createdAt: share(h.createdAt),
    updatedAt: share(h.updatedAt),
  }));
}

/** `next`, with each record equal to one in `previous` replaced by that one (the same object: nothing to redo). */
export function keepUnchanged(previous: readonly Highlight[], next: Highlight[]): Highlight[] {
  if (previous.length === 0) return next;
  const byId = new Map(previous.map((h) => [h.id, h]));
  return next.map((h) => {
    const old = byId.get(h.id);
    return old && sameHighlight(old, h) ? old : h;
  });
}

function sameHighlight(a: Highlight, b: Highlight): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.note === b.note &&
    a.updatedAt === b.updatedAt &&
    a.annotator === b.annotator &&
    a.quote === b.quote &&
    a.tagIds.length === b.tagIds.length &&
    a.tagIds.every((id, i) => id === b.tagIds[i]) &&
    a.stances.length === b.stances.length &&
    a.stances.every(
      (s, i) =>
        s.holderId === b.stances[i]!.holderId &&
        s.targetId === b.stances[i]!.targetId &&
        s.stance === b.stances[i]!.stance,
    )
  );
}
