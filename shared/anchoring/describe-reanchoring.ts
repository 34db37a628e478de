import type { ReanchorReport } from '../api-contract';

/** The one-line account of a replaced text: what became of its highlights. */
export function describeReanchoring(report: ReanchorReport): string {
  const parts = [
    report.same > 0 && `${report.same} in place`,
    report.moved > 0 && `${report.moved} moved`,
    report.changed.length > 0 && `${report.changed.length} changed`,
    report.orphaned.length > 0 && `${report.orphaned.length} orphaned`,
    report.reattached > 0 && `${report.reattached} orphan${report.reattached > 1 ? 's' : ''} found again`,
  ].filter(Boolean);
  return parts.length > 0 ? `Highlights: ${parts.join(', ')}.` : 'The document had no highlights.';
}
