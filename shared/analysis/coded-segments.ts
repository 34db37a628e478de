import { isPlaced } from '../domain-values';
import type { Highlight, StanceValue } from '../domain';
import { tagPaths, tagsWithDescendants } from '../tag-paths';
import { filterLibrary, type AnalysisFilter, type AnalysisLibrary } from './analysis-filter';
import { contextAround } from './context';
import { foldForSearch } from './library-search';
import { groupBy } from '../collections';

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
  /** The text just before and just after the quote (contextAround). */
  left: string;
  right: string;
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
  return codedSegmentsPage(library, selection, filter, Infinity).segments;
}

/**
 * The first `limit` coded segments, and how many there are in all. Only the page is built into segments (a result of
 * tens of thousands of highlights is counted and sorted, not copied), so a page comes as fast as the filter runs.
 */
export function codedSegmentsPage(
  library: AnalysisLibrary,
  selection: SegmentSelection,
  filter: AnalysisFilter,
  limit: number,
): { total: number; segments: CodedSegment[] } {
  const { chosen, documentById } = chooseHighlights(library, selection, filter);
  const name = new Map(library.entities.map((e) => [e.id, e.name]));
  const paths = tagPaths(library.tags);
  const tagsOf = (h: Highlight): string[] => h.tagIds.map((id) => paths.get(id) ?? '?');
  const sorted = sortHighlights(chosen, selection.sort ?? 'document', (h) =>
    selection.sort === 'date'
      ? (documentById.get(h.documentId)!.meta.publishedAt ?? '')
      : ([...tagsOf(h)].sort()[0] ?? ''),
  );
  const segments = sorted.slice(0, limit).map((h) => {
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
      ...contextAround(document.text, h.start, h.end),
      tags: tagsOf(h),
      stances: h.stances.map(
        (s) =>
          `${s.holderId === null ? 'someone' : (name.get(s.holderId) ?? '?')} → ${name.get(s.targetId) ?? '?'}: ${s.stance}`,
      ),
      coder: h.annotator,
      note: h.note,
    };
  });
  return { total: chosen.length, segments };
}

/** The ids of every highlight the selection and filter choose (an export of them all needs no segments built). */
export function codedSegmentIds(
  library: AnalysisLibrary,
  selection: SegmentSelection,
  filter: AnalysisFilter,
): string[] {
  return chooseHighlights(library, selection, filter).chosen.map((h) => h.id);
}

/** The placed highlights the selection chooses among the filtered documents', in document order. */
function chooseHighlights(library: AnalysisLibrary, selection: SegmentSelection, filter: AnalysisFilter) {
  const { documents, highlights, documentById } = filterLibrary(library, filter);
  const words = foldForSearch(selection.words?.trim() ?? '');
  const byStance =
    selection.holderId !== undefined || selection.targetId !== undefined || selection.stance !== undefined;
  const tagIds =
    selection.tagId === undefined ? null : (tagsWithDescendants(library.tags).get(selection.tagId) ?? null);
  const documentIds = selection.documentIds && new Set(selection.documentIds);
  const matching = highlights
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
    .filter((h) => words === '' || foldForSearch(`${h.quote}\n${h.note}`).includes(words));
  return { chosen: inDocumentOrder(matching, documents), documentById };
}

/**
 * In the documents' order, then the text's: gathered by document and each document's few sorted, which is several
 * times faster than sorting tens of thousands with a lookup per comparison.
 */
function inDocumentOrder(highlights: readonly Highlight[], documents: readonly { id: string }[]): Highlight[] {
  const byDocument = groupBy(highlights, (h) => h.documentId);
  const ordered: Highlight[] = [];
  for (const { id } of documents) {
    const list = byDocument.get(id);
    if (!list) continue;
    list.sort((a, b) => a.start - b.start);
    for (const h of list) ordered.push(h);
  }
  return ordered;
}

/** By date (undated last) or by first tag path (untagged last), each key computed once; document order breaks ties. */
function sortHighlights(highlights: Highlight[], order: SegmentOrder, keyOf: (h: Highlight) => string): Highlight[] {
  if (order === 'document') return highlights;
  const keys = new Map(highlights.map((h) => [h, keyOf(h)]));
  // Array.prototype.sort is stable: highlights of the same key stay in document order.
  return highlights.sort((a, b) => {
    const [x, y] = [keys.get(a)!, keys.get(b)!];
    if (x === y) return 0;
    if (x === '') return 1;
    if (y === '') return -1;
    return x < y ? -1 : 1;
  });
}
