import { csvField, type CsvOptions } from '../csv';
import { exportedHighlights, TAG_SEPARATOR, type AnnotationNames, type ExportLibrary } from './annotation-rows';

/**
 * What makes annotations.csv's data rows of a library (a streamed export's part: one document) as CSV text, exactly as
 * `csvRowsText(annotationRows(library, names), csv)` writes them (a test holds them to it), with less work per row: a
 * million rows are most of the export's time at the scale step. A row is built as one string rather than as an array
 * of cells joined; the cells that repeat are escaped once (the document's id and title, each tag's path and entity's
 * name, the annotator); the offsets and the columns whose values are fixed words (stance, anchor) are written as they
 * are, since no number or word of theirs needs quotes or could start a formula.
 */
export function annotationCsvMaker(
  { tagName, entityName }: AnnotationNames,
  { formulaEscape }: CsvOptions,
): (library: ExportLibrary) => string {
  const field = (value: string): string => (value === '' ? value : csvField(value, formulaEscape));
  const escapedOnce = (names: ReadonlyMap<string, string>) => {
    const escaped = new Map<string, string>();
    return (id: string): string => {
      let value = escaped.get(id);
      if (value === undefined) escaped.set(id, (value = field(names.get(id) ?? '')));
      return value;
    };
  };
  const tagField = escapedOnce(tagName);
  const entityField = escapedOnce(entityName);
  return (library) => {
    let text = '';
    let documentId: string | null = null;
    let title: string | null = null;
    let documentCells = '';
    let annotator: string | null = null;
    let annotatorCell = '';
    for (const { highlight: h, documentTitle, start, end, prefix, suffix } of exportedHighlights(library)) {
      if (h.documentId !== documentId || documentTitle !== title) {
        documentId = h.documentId;
        title = documentTitle;
        documentCells = `${field(documentId)},${field(documentTitle)},`;
      }
      if (h.annotator !== annotator) {
        annotator = h.annotator;
        annotatorCell = field(annotator);
      }
      const tags =
        h.tagIds.length === 1
          ? tagField(h.tagIds[0]!)
          : field(
              h.tagIds
                .map((id) => tagName.get(id) ?? '')
                .filter(Boolean)
                .join(TAG_SEPARATOR),
            );
      // The cells before the stance's (ending in its separator), and after them (starting with theirs).
      const before = `${documentCells}${field(h.id)},${start ?? ''},${end ?? ''},${field(h.quote)},${field(prefix)},${field(suffix)},${tags},`;
      const after = `,${field(h.note)},${annotatorCell},${field(h.createdAt)},${field(h.updatedAt)},${h.anchor ?? 'exact'}\r\n`;
      // A highlight with no stance is one row with its stance cells empty.
      if (h.stances.length === 0) text += `${before},,${after}`;
      for (const s of h.stances) {
        text += `${before}${s.holderId ? entityField(s.holderId) : ''},${entityField(s.targetId)},${s.stance}${after}`;
      }
    }
    return text;
  };
}
