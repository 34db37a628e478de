import type { ExportLibrary } from './annotation-rows';
import { exportedHighlights } from './annotation-rows';

/**
 * The highlights as a W3C Web Annotation collection (JSON-LD). Each annotation targets its document with a
 * TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (code point offsets, as the model asks; none
 * for an orphan);
 * tags are `tagging` bodies, the note a `commenting` body, and each stance a `classifying` body whose value is the
 * stance, with its holder and target named alongside (under this tool's own terms, which JSON-LD readers keep).
 */
export function webAnnotationCollection(library: ExportLibrary): object {
  const items = [...webAnnotationItems(library)];
  return { ...COLLECTION_HEAD, items, total: items.length };
}

/**
 * The collection's members other than its items and their total. The total comes after the items: an export that
 * writes the items a document at a time knows it only at their end, and JSON members have no order that a reader of
 * JSON-LD may rely on (with the total first, the command line kept a gigabyte of items in a temporary file to write
 * them after it).
 */
const COLLECTION_HEAD = {
  '@context': ['http://www.w3.org/ns/anno.jsonld', { stance: 'urn:stance-annotator:terms#' }],
  type: 'AnnotationCollection',
  label: 'Stance Annotator highlights',
};

/**
 * The collection's text (as the export writes it, `JSON.stringify(…, null, 2)` and a line break) before the value of
 * its `items`, and after it given the total, for an export that writes the items in parts (streamed-export.ts).
 */
export function webAnnotationFrame(): { head: string; tail(total: number): string } {
  const items = '\u0000items\u0000';
  const total = '\u0000total\u0000';
  const text = `${JSON.stringify({ ...COLLECTION_HEAD, items, total }, null, 2)}\n`;
  const [head, tail] = text.split(JSON.stringify(items));
  return { head: head!, tail: (count) => tail!.replace(JSON.stringify(total), String(count)) };
}

/** The annotations of the library's highlights, in document order, then text order (annotation-rows.ts). */
export function* webAnnotationItems(library: ExportLibrary): Generator<object> {
  const tagName = new Map(library.tags.map((t) => [t.id, t.name]));
  const entityName = new Map(library.entities.map((e) => [e.id, e.name]));
  for (const { highlight: h, start, end, prefix, suffix } of exportedHighlights(library)) {
    const bodies: object[] = h.tagIds
      .map((id) => tagName.get(id))
      .filter((name) => name !== undefined)
      .map((value) => ({ type: 'TextualBody', purpose: 'tagging', value }));
    for (const s of h.stances) {
      bodies.push({
        type: 'TextualBody',
        purpose: 'classifying',
        value: s.stance,
        'stance:holder': s.holderId ? (entityName.get(s.holderId) ?? null) : null,
        'stance:target': entityName.get(s.targetId) ?? null,
      });
    }
    if (h.note) bodies.push({ type: 'TextualBody', purpose: 'commenting', value: h.note, format: 'text/plain' });
    yield {
      id: `urn:uuid:${h.id}`,
      type: 'Annotation',
      created: h.createdAt,
      modified: h.updatedAt,
      ...(h.annotator && { creator: { type: 'Person', name: h.annotator } }),
      body: bodies,
      target: {
        source: `urn:stance-annotator:document:${h.documentId}`,
        // An orphan has no place in the text: its quote and context alone, for a reader to look for.
        selector: [
          { type: 'TextQuoteSelector', exact: h.quote, prefix, suffix },
          ...(start === null || end === null ? [] : [{ type: 'TextPositionSelector', start, end }]),
        ],
      },
    };
  }
}
