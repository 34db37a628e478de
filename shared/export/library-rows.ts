import { createCodePointConverter } from '../code-points';
import type { ExportLibrary } from './annotation-rows';

/** The columns of documents.csv, in order. */
export const DOCUMENT_COLUMNS = [
  'document_id',
  'title',
  'source',
  'url',
  'outlet',
  'author',
  'published_at',
  'added_at',
  'sha256',
  'char_count',
  'text',
] as const;

/** One row per document; `char_count` is in code points, like the offsets of annotations.csv. */
export function* documentRows(library: ExportLibrary): Generator<Array<string | number>> {
  for (const d of library.documents) {
    yield [
      d.id,
      d.title,
      d.source.kind,
      d.source.url ?? '',
      d.meta.outlet ?? '',
      d.meta.author ?? '',
      d.meta.publishedAt ?? '',
      d.addedAt,
      d.sha256,
      createCodePointConverter(d.text)(d.text.length),
      d.text,
    ];
  }
}

/** The columns of codebook.csv, in order. */
export const CODEBOOK_COLUMNS = [
  'tag',
  'parent',
  'description',
  'color',
  'shortcut',
  'highlight_count',
  'document_count',
] as const;

/** One row per tag, in codebook order; `shortcut` is the number key of the first nine tags. */
export function* codebookRows(library: ExportLibrary): Generator<Array<string | number>> {
  const names = new Map(library.tags.map((t) => [t.id, t.name]));
  const highlightCount = new Map<string, number>();
  const documents = new Map<string, Set<string>>();
  for (const h of library.highlights) {
    for (const tagId of h.tagIds) {
      highlightCount.set(tagId, (highlightCount.get(tagId) ?? 0) + 1);
      const set = documents.get(tagId) ?? new Set<string>();
      set.add(h.documentId);
      documents.set(tagId, set);
    }
  }
  let index = 0;
  for (const tag of library.tags) {
    index += 1;
    yield [
      tag.name,
      tag.parentId ? (names.get(tag.parentId) ?? '') : '',
      tag.description,
      tag.color,
      index <= 9 ? String(index) : '',
      highlightCount.get(tag.id) ?? 0,
      documents.get(tag.id)?.size ?? 0,
    ];
  }
}
