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
  return { ...collectionHead(items.length), items };
}

/** The collection's members before its items. */
function collectionHead(total: number) {
  return {
    '@context': ['http://www.w3.org/ns/anno.jsonld', { stance: 'urn:stance-annotator:terms#' }],
    type: 'AnnotationCollection',
    label: 'Stance Annotator highlights',
    total,
  };
}

/**
 * The collection's text (as the export writes it, `JSON.stringify(…, null, 2)` and a line break) before and after
 * the value of its `items`, for an export that writes the items in parts (streamed-export.ts).
 */
export function webAnnotationHead(total: number): [string, string] {
  const part = '\u0000items\u0000';
  const [head, tail] = `${JSON.stringify({ ...collectionHead(total), items: part }, null, 2)}\n`.split(
    JSON.stringify(part),
  );
  return [head!, tail!];
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
