import { createCodePointConverter } from '../code-points';
import { inTreeOrder, tagPaths, tagsWithDescendants } from '../tag-paths';
import type { Highlight, Tag } from '../domain';
import type { ExportLibrary } from './annotation-rows';
import { entryIn, listIn } from '../collections';

/**
 * The fixed columns of documents.csv, in order; one column per document variable follows them
 * ({@link documentColumns}). Dates are ISO 8601; `published_text` holds a date an earlier version kept as text that
 * could not be read as a date (empty once a date is chosen).
 */
export const DOCUMENT_COLUMNS = [
  'document_id',
  'title',
  'source',
  'url',
  'outlet',
  'author',
  'published_at',
  'published_text',
  'added_at',
  'sha256',
  'char_count',
  'memo',
  'text',
] as const;

/**
 * The header of documents.csv: the fixed columns, then each variable's name in the library's order. A variable named
 * like a fixed column (or like another variable, ignoring case) is written `variable_<name>`, so every header is
 * unique and pandas or R can address it.
 */
export function documentColumns(library: Pick<ExportLibrary, 'variables'>): string[] {
  const taken = new Set<string>(DOCUMENT_COLUMNS.map((c) => c.toLowerCase()));
  const variableColumns = library.variables.map((v) => {
    let name = taken.has(v.name.toLowerCase()) ? `variable_${v.name}` : v.name;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `variable_${v.name}_${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
  return [...DOCUMENT_COLUMNS, ...variableColumns];
}

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
      d.meta.publishedText ?? '',
      d.addedAt,
      d.sha256,
      createCodePointConverter(d.text)(d.text.length),
      d.memo,
      d.text,
      // A number stays a number: a negative one is no formula, and is written as it is.
      ...library.variables.map((v) => d.variables[v.id] ?? ''),
    ];
  }
}

/**
 * The columns of codebook.csv, in order. `path` is the tag's place in the hierarchy ("Claim › Threat");
 * `highlight_count_with_children` counts the highlights carrying the tag or any tag below it, each once.
 */
export const CODEBOOK_COLUMNS = [
  'tag',
  'parent',
  'description',
  'color',
  'shortcut',
  'highlight_count',
  'document_count',
  'path',
  'highlight_count_with_children',
] as const;

/** Each tag's highlights and documents, counted a highlight at a time (so an export can count as it reads). */
export class TagCounts {
  readonly highlights = new Map<string, number>();
  readonly withChildren = new Map<string, number>();
  readonly documents = new Map<string, Set<string>>();
  /**
   * Each tag's id with the tags whose counts "with children" it adds to (itself and those above it): a highlight is
   * counted for its tags' families, not by asking every tag of the codebook about each highlight (a thousand tags
   * and a million highlights made that a billion questions).
   */
  private readonly above = new Map<string, string[]>();

  constructor(tags: readonly Tag[]) {
    for (const [tagId, family] of tagsWithDescendants(tags)) {
      for (const member of family) listIn(this.above, member).push(tagId);
    }
  }

  add(h: Pick<Highlight, 'tagIds' | 'documentId'>): void {
    for (const tagId of h.tagIds) {
      this.highlights.set(tagId, (this.highlights.get(tagId) ?? 0) + 1);
      entryIn(this.documents, tagId, () => new Set<string>()).add(h.documentId);
    }
    if (h.tagIds.length === 0) return;
    const counted = new Set<string>();
    for (const tagId of h.tagIds) for (const family of this.above.get(tagId) ?? []) counted.add(family);
    for (const tagId of counted) this.withChildren.set(tagId, (this.withChildren.get(tagId) ?? 0) + 1);
  }
}

/** One row per tag, each sub-tag after its parent (tag-paths.ts); `shortcut` is the number key of the first nine. */
export function codebookRows(library: ExportLibrary): Generator<Array<string | number>> {
  const counts = new TagCounts(library.tags);
  for (const h of library.highlights) counts.add(h);
  return codebookRowsFromCounts(library.tags, counts);
}

/** {@link codebookRows} from counts already made. */
export function* codebookRowsFromCounts(tags: readonly Tag[], counts: TagCounts): Generator<Array<string | number>> {
  const names = new Map(tags.map((t) => [t.id, t.name]));
  const paths = tagPaths(tags);
  let index = 0;
  // As the sidebar lists them: the shortcut is the number key the tag has there.
  for (const tag of inTreeOrder(tags)) {
    index += 1;
    yield [
      tag.name,
      tag.parentId ? (names.get(tag.parentId) ?? '') : '',
      tag.description,
      tag.color,
      index <= 9 ? String(index) : '',
      counts.highlights.get(tag.id) ?? 0,
      counts.documents.get(tag.id)?.size ?? 0,
      paths.get(tag.id) ?? tag.name,
      counts.withChildren.get(tag.id) ?? 0,
    ];
  }
}
