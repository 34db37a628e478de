import { csvBlocks, type CsvOptions } from '../csv';
import type { StoredDocument } from '../domain';
import { inTreeOrder, tagPaths, tagsWithDescendants } from '../tag-paths';
import { filterLibrary, type AnalysisFilter, type AnalysisLibrary } from './analysis-filter';

/**
 * Tags × documents (or × outlet, or × a document variable's values), as MAXQDA's Code Matrix Browser: how many
 * highlights of each group carry each tag or one of its sub-tags. Rows in the codebook's tree order, named by path;
 * columns in the order groups first appear (documents in library order), with "(none)" for documents without an
 * outlet or a value.
 */

export type TagMatrixGrouping = { by: 'document' } | { by: 'outlet' } | { by: 'variable'; variableId: string };

export interface TagMatrix {
  groups: string[];
  /** Each group's documents, in the groups' order (what a column's cells open). */
  groupDocumentIds: string[][];
  rows: { tagId: string; path: string; counts: number[] }[];
}

export const NO_GROUP = '(none)';

export function tagMatrix(
  library: AnalysisLibrary,
  grouping: TagMatrixGrouping,
  filter: AnalysisFilter = {},
): TagMatrix {
  const { documents, highlights } = filterLibrary(library, filter);
  const groupOf = groupNamer(documents, grouping);
  const groups: string[] = [];
  const groupIndex = new Map<string, number>();
  const groupDocumentIds: string[][] = [];
  const documentGroup = new Map<string, number>();
  for (const d of documents) {
    const group = groupOf(d);
    if (!groupIndex.has(group)) {
      groupIndex.set(group, groups.length);
      groups.push(group);
      groupDocumentIds.push([]);
    }
    documentGroup.set(d.id, groupIndex.get(group)!);
    groupDocumentIds[groupIndex.get(group)!]!.push(d.id);
  }
  const ordered = inTreeOrder(library.tags);
  const paths = tagPaths(library.tags);
  const descendants = tagsWithDescendants(library.tags);
  // For each tag, the rows it counts toward: its own and every ancestor's.
  const rowIndex = new Map(ordered.map((t, i) => [t.id, i]));
  const countsToward = new Map<string, number[]>();
  for (const tag of ordered) {
    for (const id of descendants.get(tag.id) ?? [])
      countsToward.set(id, [...(countsToward.get(id) ?? []), rowIndex.get(tag.id)!]);
  }
  const counts = ordered.map(() => new Array<number>(groups.length).fill(0));
  for (const h of highlights) {
    const column = documentGroup.get(h.documentId)!;
    const rows = new Set(h.tagIds.flatMap((id) => countsToward.get(id) ?? []));
    for (const row of rows) counts[row]![column]!++;
  }
  return {
    groups,
    groupDocumentIds,
    rows: ordered.map((t, i) => ({ tagId: t.id, path: paths.get(t.id) ?? t.name, counts: counts[i]! })),
  };
}

function groupNamer(documents: readonly StoredDocument[], grouping: TagMatrixGrouping): (d: StoredDocument) => string {
  if (grouping.by === 'outlet') return (d) => d.meta.outlet?.trim() || NO_GROUP;
  if (grouping.by === 'variable') {
    return (d) => {
      const value = d.variables[grouping.variableId];
      return value === undefined || value === '' ? NO_GROUP : String(value);
    };
  }
  // Documents by title; a title two documents share gets the later one's id added, so no two columns merge.
  const seen = new Map<string, number>();
  for (const d of documents) seen.set(d.title, (seen.get(d.title) ?? 0) + 1);
  return (d) => ((seen.get(d.title) ?? 0) > 1 ? `${d.title} (${d.id})` : d.title);
}

/** The matrix as CSV: `tag,<one column per group>`, the tag's path in `tag` (the same as `stats --what tags`). */
export function tagMatrixCsv(matrix: TagMatrix, csv: CsvOptions): Iterable<string> {
  return csvBlocks(
    ['tag', ...matrix.groups],
    matrix.rows.map((row) => [row.path, ...row.counts]),
    csv,
  );
}
