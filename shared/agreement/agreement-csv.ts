import { csvBlocks, type CsvOptions } from '../csv';
import type { AgreementReport } from './compute-agreement';

/**
 * The agreement report as CSV, the same bytes from the command line and the app's Agreement view. Numbers have four
 * decimals; percentage agreement is a percentage (0–100); a coefficient that is undefined (no variation in the data,
 * or κ for other than two coders) is an empty cell.
 */

export const RELIABILITY_COLUMNS = [
  'scope',
  'name',
  'coders',
  'units',
  'percent_agreement',
  'cohen_kappa',
  'krippendorff_alpha',
] as const;
export const SPAN_COLUMNS = ['coder_a', 'coder_b', 'match', 'precision', 'recall', 'f1'] as const;

/** Joins the coders' names in the `coders` column. */
export const CODER_SEPARATOR = ' | ';

export function decimal(value: number | null, scale = 1): string {
  return value === null ? '' : (value * scale).toFixed(4);
}

export function reliabilityCsv(report: AgreementReport, csv: CsvOptions): string {
  const coders = report.coders.join(CODER_SEPARATOR);
  const rows = report.reliability.map((row) => [
    row.scope,
    row.name,
    coders,
    row.units,
    decimal(row.percentAgreement, 100),
    decimal(row.cohenKappa),
    decimal(row.krippendorffAlpha),
  ]);
  return [...csvBlocks(RELIABILITY_COLUMNS, rows, csv)].join('');
}

export function spansCsv(report: AgreementReport, csv: CsvOptions): string {
  const rows = report.spans.map((row) => [
    row.coderA,
    row.coderB,
    row.match,
    decimal(row.precision),
    decimal(row.recall),
    decimal(row.f1),
  ]);
  return [...csvBlocks(SPAN_COLUMNS, rows, csv)].join('');
}

/** One row per document: each coder's highlights, word-level and stance agreement, and the overlap F1. */
export function documentsAgreementCsv(report: AgreementReport, csv: CsvOptions): string {
  const header = [
    'document_id',
    'title',
    ...report.coders.map((coder) => `highlights_${coder}`),
    'word_tag_units',
    'percent_agreement',
    'krippendorff_alpha',
    'stance_units',
    'stance_alpha',
    'overlap_f1',
  ];
  const rows = report.documents.map((row) => [
    row.documentId,
    row.title,
    ...row.highlights,
    row.tags.units,
    decimal(row.tags.percentAgreement, 100),
    decimal(row.tags.krippendorffAlpha),
    row.stances.units,
    decimal(row.stances.krippendorffAlpha),
    decimal(row.overlapF1),
  ]);
  return [...csvBlocks(header, rows, csv)].join('');
}
