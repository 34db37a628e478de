import { isPlaced, type StanceValue } from '../domain';
import { tagPaths, tagsWithDescendants } from '../tag-paths';
import { filterLibrary, type AnalysisFilter, type AnalysisLibrary } from './analysis-filter';

/**
 * Coded segments across the library: every highlight of the chosen documents that matches the selection (a stance's
 * holder — null for an unknown one —, target and value; a tag with its sub-tags; some documents; each optional),
 * with what an analyst reads it by. The stance map's and the tag matrix's cells open these.
 */

export interface SegmentSelection {
  /** undefined: any holder; null: stances without a holder. */
  holderId?: string | null;
  targetId?: string;
  stance?: StanceValue;
  /** Highlights carrying this tag or one of its sub-tags. */
  tagId?: string;
  /** Only these documents (a column of the tags × documents matrix). */
  documentIds?: readonly string[];
}

export interface CodedSegment {
  highlightId: string;
  documentId: string;
  title: string;
  outlet: string;
  publishedAt: string;
  start: number;
  end: number;
  quote: string;
  tags: string[];
  /** "holder → target: value" for each stance of the highlight. */
  stances: string[];
  coder: string;
  note: string;
}

export function codedSegments(
  library: AnalysisLibrary,
  selection: SegmentSelection,
  filter: AnalysisFilter = {},
): CodedSegment[] {
  const { highlights, documentById } = filterLibrary(library, filter);
  const name = new Map(library.entities.map((e) => [e.id, e.name]));
  const paths = tagPaths(library.tags);
  const order = new Map(library.documents.map((d, i) => [d.id, i]));
  const byStance =
    selection.holderId !== undefined || selection.targetId !== undefined || selection.stance !== undefined;
  const tagIds =
    selection.tagId === undefined ? null : (tagsWithDescendants(library.tags).get(selection.tagId) ?? null);
  const documentIds = selection.documentIds && new Set(selection.documentIds);
  return highlights
    .filter(
      (h) =>
        // A segment opens at its passage: an orphan has none (it is listed in its document's orphans instead).
        isPlaced(h) &&
        (!documentIds || documentIds.has(h.documentId)) &&
        (selection.tagId === undefined || h.tagIds.some((id) => tagIds?.has(id))) &&
        (!byStance ||
          h.stances.some(
            (s) =>
              (selection.holderId === undefined || s.holderId === selection.holderId) &&
              (selection.targetId === undefined || s.targetId === selection.targetId) &&
              (selection.stance === undefined || s.stance === selection.stance),
          )),
    )
    .sort((a, b) => order.get(a.documentId)! - order.get(b.documentId)! || a.start - b.start)
    .map((h) => {
      const document = documentById.get(h.documentId)!;
      return {
        highlightId: h.id,
        documentId: h.documentId,
        title: document.title,
        outlet: document.meta.outlet ?? '',
        publishedAt: document.meta.publishedAt ?? '',
        start: h.start,
        end: h.end,
        quote: h.quote,
        tags: h.tagIds.map((id) => paths.get(id) ?? '?'),
        stances: h.stances.map(
          (s) =>
            `${s.holderId === null ? 'someone' : (name.get(s.holderId) ?? '?')} → ${name.get(s.targetId) ?? '?'}: ${s.stance}`,
        ),
        coder: h.annotator,
        note: h.note,
      };
    });
}
