import { agreementCsv } from '../agreement/agreement-input';
import { codedSegmentIds } from '../analysis/coded-segments';
import { STANCE_MAP_COLUMNS, stanceMap, stanceMapCells } from '../analysis/stance-map';
import { tagMatrix, tagMatrixCsv, type TagMatrixGrouping } from '../analysis/tag-matrix';
import { TIMELINE_COLUMNS, timeline, timelineCells, type Interval } from '../analysis/timeline';
import { csvBlocks, type CsvOptions } from '../csv';
import type { Database, Highlight, StanceValue } from '../domain';
import { ANNOTATION_COLUMNS, annotationRows, type ExportLibrary } from './annotation-rows';
import { backupOf } from './backup-format';
import { CODEBOOK_COLUMNS, codebookRows, documentColumns, documentRows } from './library-rows';
import { webAnnotationCollection } from './web-annotation';

export const exportKinds = [
  'annotations',
  'documents',
  'codebook',
  'web-annotation',
  'backup',
  'agreement-reliability',
  'agreement-spans',
  'agreement-documents',
  'qdpx',
  'qdc',
  'stance-map',
  'tag-matrix',
  'timeline',
  'search',
  'coded-segments',
] as const;
export type ExportKind = (typeof exportKinds)[number];

export interface ExportScope {
  /** Only these documents (and their highlights); all when absent. */
  documentIds?: readonly string[];
  /** Only these highlights (e.g. what the list's filter shows); all of the chosen documents' when absent. */
  highlightIds?: readonly string[];
  /** Only these coders' highlights (their `annotator`); everyone's when absent. For agreement: the coders compared. */
  coders?: readonly string[];
  /** For agreement: the tags reported (all when absent). */
  tagIds?: readonly string[];
  /** For the stance map and the tag matrix: documents published from and to these days, of an outlet, of a value. */
  from?: string;
  to?: string;
  outlet?: string;
  variable?: { variableId: string; value: string };
  /** For the tag matrix: its groups. */
  by?: 'document' | 'outlet' | 'variable';
  variableId?: string;
  /** For the timeline: its periods, and whose stances (toward a target, or held by a holder; null: unknown). */
  interval?: Interval;
  targetId?: string;
  holderId?: string | null;
  /** For the search: what was searched for. */
  query?: string;
  regex?: boolean;
  /** For the coded segments: what they are chosen by, beside the holder and target above. */
  tagId?: string;
  stance?: StanceValue;
  words?: string;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

/** The part of the library an export covers. The codebook always comes whole; its counts follow the scope. */
export function scopeLibrary(library: ExportLibrary, scope: ExportScope): ExportLibrary {
  const { document, highlight } = scopeFilters(scope);
  return {
    ...library,
    documents: scope.documentIds ? library.documents.filter((d) => document(d.id)) : library.documents,
    highlights: library.highlights.filter((h) => document(h.documentId) && highlight(h)),
  };
}

/** Which documents (by id) and, of those, which highlights an export's scope chooses. */
export function scopeFilters(scope: ExportScope): {
  document(id: string): boolean;
  highlight(h: Pick<Highlight, 'id' | 'annotator'>): boolean;
} {
  const documentIds = scope.documentIds && new Set(scope.documentIds);
  const highlightIds = scope.highlightIds && new Set(scope.highlightIds);
  const coders = scope.coders && new Set(scope.coders);
  return {
    document: (id) => !documentIds || documentIds.has(id),
    highlight: (h) => (!highlightIds || highlightIds.has(h.id)) && (!coders || coders.has(h.annotator)),
  };
}

/** The file name and type each kind of export is saved under. */
export const exportFileTypes: Record<ExportKind, Omit<ExportFile, 'content'>> = {
  annotations: { fileName: 'annotations.csv', mimeType: 'text/csv;charset=utf-8' },
  documents: { fileName: 'documents.csv', mimeType: 'text/csv;charset=utf-8' },
  codebook: { fileName: 'codebook.csv', mimeType: 'text/csv;charset=utf-8' },
  'web-annotation': { fileName: 'annotations.jsonld', mimeType: 'application/ld+json' },
  backup: { fileName: 'stance-annotator-backup.json', mimeType: 'application/json' },
  'agreement-reliability': { fileName: 'agreement.csv', mimeType: 'text/csv;charset=utf-8' },
  'agreement-spans': { fileName: 'agreement-spans.csv', mimeType: 'text/csv;charset=utf-8' },
  'agreement-documents': { fileName: 'agreement-by-document.csv', mimeType: 'text/csv;charset=utf-8' },
  qdpx: { fileName: 'stance-annotator-project.qdpx', mimeType: 'application/zip' },
  qdc: { fileName: 'codebook.qdc', mimeType: 'application/xml' },
  'stance-map': { fileName: 'stance-map.csv', mimeType: 'text/csv;charset=utf-8' },
  'tag-matrix': { fileName: 'tags-by-group.csv', mimeType: 'text/csv;charset=utf-8' },
  timeline: { fileName: 'stances-over-time.csv', mimeType: 'text/csv;charset=utf-8' },
  search: { fileName: 'search.csv', mimeType: 'text/csv;charset=utf-8' },
  'coded-segments': { fileName: 'coded-segments.csv', mimeType: 'text/csv;charset=utf-8' },
};

/**
 * The text of one export, in blocks to be written one after another (a CSV comes a few thousand rows at a time).
 * Pure, so the app, the command line and the tests make byte-identical files. The blocks are built as they are asked
 * for: a caller that writes between them must pass a database that does not change meanwhile (see
 * {@link snapshotOf}).
 */
export function exportBlocks(
  database: Database,
  kind: ExportKind,
  scope: ExportScope,
  csv: CsvOptions,
): Iterable<string> {
  if (kind.startsWith('agreement-')) {
    const part = kind.slice('agreement-'.length) as 'reliability' | 'spans' | 'documents';
    const { coders = [], documentIds, tagIds } = scope;
    return [agreementCsv(database, { coders, documentIds, tagIds }, part, csv)];
  }
  if (kind === 'stance-map' || kind === 'tag-matrix' || kind === 'timeline') {
    const { coders, from, to, outlet, variable } = scope;
    const filter = {
      ...(coders ? { coders } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(outlet ? { outlet } : {}),
      ...(variable ? { variable } : {}),
    };
    if (kind === 'stance-map')
      return csvBlocks(STANCE_MAP_COLUMNS, stanceMap(database, filter).map(stanceMapCells), csv);
    if (kind === 'timeline') {
      const { interval = 'month', targetId, holderId } = scope;
      const options = {
        interval,
        ...(targetId !== undefined ? { targetId } : {}),
        ...(holderId !== undefined ? { holderId } : {}),
      };
      return csvBlocks(TIMELINE_COLUMNS, timelineCells(timeline(database, options, filter)), csv);
    }
    const grouping =
      scope.by === 'variable'
        ? { by: 'variable' as const, variableId: scope.variableId ?? '' }
        : { by: scope.by ?? 'document' };
    return tagMatrixCsv(tagMatrix(database, grouping as TagMatrixGrouping, filter), csv);
  }
  if (kind === 'coded-segments') {
    // The segments with every column annotations.csv has, in its order (by document, then place in the text).
    const { coders, from, to, outlet, variable, holderId, targetId, stance, tagId, words } = scope;
    const filter = { coders, from, to, outlet, variable };
    const selection = { holderId, targetId, stance, tagId, words };
    const chosen = scopeLibrary(database, { highlightIds: codedSegmentIds(database, selection, filter) });
    return csvBlocks(ANNOTATION_COLUMNS, annotationRows(chosen), csv);
  }
  const library = scopeLibrary(database, scope);
  switch (kind) {
    case 'annotations':
      return csvBlocks(ANNOTATION_COLUMNS, annotationRows(library), csv);
    case 'documents':
      return csvBlocks(documentColumns(library), documentRows(library), csv);
    case 'codebook':
      return csvBlocks(CODEBOOK_COLUMNS, codebookRows(library), csv);
    case 'web-annotation':
      return [`${JSON.stringify(webAnnotationCollection(library), null, 2)}\n`];
    case 'backup':
      return [`${JSON.stringify(backupOf(database), null, 2)}\n`];
    case 'agreement-reliability':
    case 'agreement-spans':
    case 'agreement-documents':
      throw new Error('Agreement is exported above');
    case 'qdpx':
    case 'qdc':
    case 'search':
      // A zip and XML written with the backend's tools (electron/backend/exchange/export-content.ts).
      throw new Error(`The ${kind} export is built by the backend`);
    default:
      throw new Error(`Unknown export ${String(kind satisfies never)}`);
  }
}

/** One export file whole (see {@link exportBlocks}). */
export function buildExport(database: Database, kind: ExportKind, scope: ExportScope, csv: CsvOptions): ExportFile {
  return { ...exportFileTypes[kind], content: [...exportBlocks(database, kind, scope, csv)].join('') };
}

/**
 * A copy of the database's lists (not of its records, which are replaced, never changed in place), so that an export
 * written over several turns of the event loop shows the library as it was when it began, whatever is saved meanwhile.
 */
export function snapshotOf(database: Database): Database {
  return {
    ...database,
    documents: [...database.documents],
    tags: [...database.tags],
    entities: [...database.entities],
    variables: [...database.variables],
    highlights: [...database.highlights],
  };
}

/** documents.csv and codebook.csv as JSON: one object per row, keyed by the CSV's column names. */
export function rowsAsJson(header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>): string {
  const objects = [];
  for (const row of rows) objects.push(Object.fromEntries(header.map((h, i) => [h, row[i]])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}
