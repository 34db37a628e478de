import { toCsv, type CsvOptions } from '../csv';
import type { Database } from '../domain';
import { ANNOTATION_COLUMNS, annotationRows, type ExportLibrary } from './annotation-rows';
import { backupOf } from './backup';
import { CODEBOOK_COLUMNS, codebookRows, DOCUMENT_COLUMNS, documentRows } from './library-rows';
import { webAnnotationCollection } from './web-annotation';

export const exportKinds = ['annotations', 'documents', 'codebook', 'web-annotation', 'backup'] as const;
export type ExportKind = (typeof exportKinds)[number];

export interface ExportScope {
  /** Only these documents (and their highlights); all when absent. */
  documentIds?: readonly string[];
  /** Only these highlights (e.g. what the list's filter shows); all of the chosen documents' when absent. */
  highlightIds?: readonly string[];
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

/** The part of the library an export covers. The codebook always comes whole; its counts follow the scope. */
export function scopeLibrary(library: ExportLibrary, scope: ExportScope): ExportLibrary {
  const documentIds = scope.documentIds && new Set(scope.documentIds);
  const highlightIds = scope.highlightIds && new Set(scope.highlightIds);
  return {
    ...library,
    documents: documentIds ? library.documents.filter((d) => documentIds.has(d.id)) : library.documents,
    highlights: library.highlights.filter(
      (h) => (!documentIds || documentIds.has(h.documentId)) && (!highlightIds || highlightIds.has(h.id)),
    ),
  };
}

/** Builds one export file; pure, so the app, the command line and the tests make byte-identical files. */
export function buildExport(database: Database, kind: ExportKind, scope: ExportScope, csv: CsvOptions): ExportFile {
  const library = scopeLibrary(database, scope);
  const csvFile = (name: string, header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>) => ({
    fileName: `${name}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content: toCsv(header, rows, csv),
  });
  switch (kind) {
    case 'annotations':
      return csvFile('annotations', ANNOTATION_COLUMNS, annotationRows(library));
    case 'documents':
      return csvFile('documents', DOCUMENT_COLUMNS, documentRows(library));
    case 'codebook':
      return csvFile('codebook', CODEBOOK_COLUMNS, codebookRows(library));
    case 'web-annotation':
      return {
        fileName: 'annotations.jsonld',
        mimeType: 'application/ld+json',
        content: `${JSON.stringify(webAnnotationCollection(library), null, 2)}\n`,
      };
    case 'backup':
      return {
        fileName: 'stance-annotator-backup.json',
        mimeType: 'application/json',
        content: `${JSON.stringify(backupOf(database), null, 2)}\n`,
      };
    default:
      throw new Error(`Unknown export ${String(kind satisfies never)}`);
  }
}

/** documents.csv and codebook.csv as JSON: one object per row, keyed by the CSV's column names. */
export function rowsAsJson(header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>): string {
  const objects = [];
  for (const row of rows) objects.push(Object.fromEntries(header.map((h, i) => [h, row[i]])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}
