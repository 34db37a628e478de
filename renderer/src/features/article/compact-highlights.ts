import type { DocumentHighlight } from '../../../../shared/api-contract';
import type { Highlight, Stance, StoredDocument } from '../../../../shared/domain';
import { ValuePool } from '../../../../shared/value-pool';

/**
 * The highlights of an opened document made into the records the renderer keeps: whole again, each quote a slice of the
 * text (V8 keeps a slice as a pointer into it, not a copy), and the strings that repeat in parsed JSON — tag ids,
 * holder and target ids, the annotator, timestamps — shared. The context around each quote is left empty: the
 * renderer never shows it (it is on disk, and the backend exports it). Highlights with the same tags, or stances,
 * share the list. That cuts the heap of a 10,000-highlight document by megabytes.
 */
export function compactHighlights(highlights: DocumentHighlight[], document: StoredDocument): Highlight[] {
  // Highlights with the same tags, or the same stances, share one list (a list and its stances each cost more than the
  // strings in them: a megabyte of the page's heap at 10,000 highlights).
  const pool = new ValuePool();
  const { id: documentId, text } = document;
  // Completed in place: the records were just parsed and belong to no one else, and making 10,000 new ones cost the
  // opening a garbage collection.
  for (const h of highlights as unknown as ParsedHighlight[]) {
    h.documentId = documentId;
    h.quote = text.slice(h.start, h.end);
    h.prefix = '';
    h.suffix = '';
    h.tagIds = pool.tagList(h.tagIds);
    h.stances = pool.stanceList(h.stances);
    h.note = pool.string(h.note);
    h.annotator = pool.string(h.annotator);
    h.createdAt = pool.string(h.createdAt);
    h.updatedAt = pool.string(h.updatedAt);
  }
  return highlights as unknown as Highlight[];
}

/** A highlight as it arrives, parsed and nobody's yet: completed in place before it becomes a record. */
interface ParsedHighlight {
  start: number;
  end: number;
  documentId: string;
  quote: string;
  prefix: string;
  suffix: string;
  tagIds: readonly string[];
  stances: readonly Stance[];
  note: string;
  annotator: string;
  createdAt: string;
  updatedAt: string;
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
