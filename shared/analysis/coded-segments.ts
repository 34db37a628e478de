import { isPlaced, type StanceValue } from '../domain';
import { tagPaths, tagsWithDescendants } from '../tag-paths';
import { filterLibrary, type AnalysisFilter, type AnalysisLibrary } from './analysis-filter';
import { foldForSearch } from './library-search';

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
  /** Words the quote or the note holds, ignoring case and diacritics (as the library search does). */
  words?: string;
  /** In document order (the Library's, then the text's: the default), by publication date, or by tag path. */
  sort?: SegmentOrder;
}

export const segmentOrders = ['document', 'date', 'tag'] as const;
export type SegmentOrder = (typeof segmentOrders)[number];

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
  const words = foldForSearch(selection.words?.trim() ?? '');
  const byStance =
    selection.holderId !== undefined || selection.targetId !== undefined || selection.stance !== undefined;
  const tagIds =
    selection.tagId === undefined ? null : (tagsWithDescendants(library.tags).get(selection.tagId) ?? null);
  const documentIds = selection.documentIds && new Set(selection.documentIds);
  const segments = highlights
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
    .filter((h) => words === '' || foldForSearch(`${h.quote}\n${h.note}`).includes(words))
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
  return sortSegments(segments, selection.sort ?? 'document');
}

/** Segments by date (undated last) or by their first tag's path (untagged last); the document order breaks ties. */
function sortSegments(segments: CodedSegment[], order: SegmentOrder): CodedSegment[] {
  if (order === 'document') return segments;
  const key = (s: CodedSegment) => (order === 'date' ? s.publishedAt : ([...s.tags].sort()[0] ?? ''));
  // Array.prototype.sort is stable: segments of the same key stay in document order.
  return segments.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === y) return 0;
    if (x === '') return 1;
    if (y === '') return -1;
    return x < y ? -1 : 1;
  });
}
