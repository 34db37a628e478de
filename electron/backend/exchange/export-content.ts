import { searchCells, SEARCH_COLUMNS } from '../../../shared/analysis/library-search';
import { csvBlocks, type CsvOptions } from '../../../shared/csv';
import type { Database } from '../../../shared/domain';
import { exportBlocks, type ExportKind, type ExportScope } from '../../../shared/export/build-export';
import { findMatches } from '../find-matches';
import { qdcText } from './refi-qda/qdc';
import { qdpxBytes } from './refi-qda/qdpx-export';

/**
 * An export's content, in blocks: the CSV and JSON exports from shared/ (pure, block by block), and the REFI-QDA ones,
 * which need a zip and are built here. The app's Export and the command line both write what this gives.
 */
export async function exportContent(
  database: Database,
  kind: ExportKind,
  scope: ExportScope,
  csv: CsvOptions,
  now: Date = new Date(),
): Promise<Iterable<string | Uint8Array>> {
  if (kind === 'qdpx') return [await qdpxBytes(database, scope, now)];
  if (kind === 'qdc') return [qdcText(database.tags)];
  if (kind === 'search') {
    // Found as the Search view finds it: a regular expression in a worker, stopped if it runs too long.
    const matches = await findMatches(database, scope.query ?? '', scope.regex === true);
    return csvBlocks(SEARCH_COLUMNS, searchCells(database.documents, matches), csv);
  }
  return exportBlocks(database, kind, scope, csv);
}
