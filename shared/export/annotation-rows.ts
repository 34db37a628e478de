import { codePointsAfter, codePointsBefore, createCodePointConverter, hasSurrogates } from '../code-points';
import { isPlaced } from '../domain-values';
import type { Database, Highlight } from '../domain';
import { tagPaths } from '../tag-paths';
import { CONTEXT_LENGTH } from '../text-context';
import { groupBy } from '../collections';

/** What an export reads: the library's records (settings aside), never changed by it. */
export type ExportLibrary = {
  readonly [K in 'documents' | 'tags' | 'entities' | 'variables' | 'highlights']: readonly Database[K][number][];
};

/** The columns of annotations.csv, in order. */
export const ANNOTATION_COLUMNS = [
  'document_id',
  'document_title',
  'highlight_id',
  'start',
  'end',
  'quote',
  'prefix',
  'suffix',
  'tags',
  'stance_holder',
  'stance_target',
  'stance',
  'note',
  'annotator',
  'created_at',
  'updated_at',
  'anchor',
] as const;

/**
 * Joins tags in the `tags` column, each as its path ("Claim › Threat", tag-paths.ts); tag names may not contain `|`,
 * so the column splits back exactly.
 */
export const TAG_SEPARATOR = ' | ';

/** A highlight with its offsets and context in code points, as every export gives them. */
export interface ExportedHighlight {
  highlight: Highlight;
  documentTitle: string;
  /** Null for an orphan, which has no place in the text (domain.ts, `anchor`). */
  start: number | null;
  end: number | null;
  prefix: string;
  suffix: string;
}

/**
 * The highlights of the library in document order, then text order, with code point offsets (into the document text
 * as exported) and up to 32 code points of context each side. A document's orphans come after its placed highlights,
 * without offsets, with the context saved when they last had a place.
 */
export function* exportedHighlights(library: ExportLibrary): Generator<ExportedHighlight> {
  const byDocument = groupBy(library.highlights, (h) => h.documentId);
  for (const document of library.documents) {
    const highlights = byDocument.get(document.id);
    if (!highlights) continue;
    highlights.sort(
      (a, b) =>
        Number(!isPlaced(a)) - Number(!isPlaced(b)) || a.start - b.start || a.end - b.end || a.id.localeCompare(b.id),
    );
    const { text } = document;
    const toCodePoint = createCodePointConverter(text);
    // Without characters outside the Basic Multilingual Plane, code points are UTF-16 units: plain slices will do.
    const plain = !hasSurrogates(text);
    for (const highlight of highlights) {
      if (!isPlaced(highlight)) {
        const { prefix, suffix } = highlight;
        yield { highlight, documentTitle: document.title, start: null, end: null, prefix, suffix };
        continue;
      }
      const { start, end } = highlight;
      yield {
        highlight,
        documentTitle: document.title,
        start: toCodePoint(start),
        end: toCodePoint(end),
        prefix: plain
          ? text.slice(Math.max(0, start - CONTEXT_LENGTH), start)
          : codePointsBefore(text, start, CONTEXT_LENGTH),
        suffix: plain ? text.slice(end, end + CONTEXT_LENGTH) : codePointsAfter(text, end, CONTEXT_LENGTH),
      };
    }
  }
}

/** What a highlight without a stance is exported as: one row, its stance columns empty. */
const NO_STANCE = [null] as const;

/** What annotations.csv writes for tag and holder or target ids: their paths and names. */
export interface AnnotationNames {
  tagName: ReadonlyMap<string, string>;
  entityName: ReadonlyMap<string, string>;
}

/** The names {@link annotationRows} writes, worked out once per export (not once per document of a streamed one). */
export function annotationNames(lists: Pick<ExportLibrary, 'tags' | 'entities'>): AnnotationNames {
  return { tagName: tagPaths(lists.tags), entityName: new Map(lists.entities.map((e) => [e.id, e.name])) };
}

/** The rows of annotations.csv: one per highlight × stance; a highlight with no stance gives one row. */
export function* annotationRows(
  library: ExportLibrary,
  { tagName, entityName }: AnnotationNames = annotationNames(library),
): Generator<string[] | Array<string | number>> {
  for (const { highlight: h, documentTitle, start, end, prefix, suffix } of exportedHighlights(library)) {
    const tags =
      h.tagIds.length === 1
        ? (tagName.get(h.tagIds[0]!) ?? '')
        : h.tagIds
            .map((id) => tagName.get(id) ?? '')
            .filter(Boolean)
            .join(TAG_SEPARATOR);
    for (const s of h.stances.length === 0 ? NO_STANCE : h.stances) {
      yield [
        h.documentId,
        documentTitle,
        h.id,
        start ?? '',
        end ?? '',
        h.quote,
        prefix,
        suffix,
        tags,
        s?.holderId ? (entityName.get(s.holderId) ?? '') : '',
        s ? (entityName.get(s.targetId) ?? '') : '',
        s?.stance ?? '',
        h.note,
        h.annotator,
        h.createdAt,
        h.updatedAt,
        h.anchor ?? 'exact',
      ];
    }
  }
}
