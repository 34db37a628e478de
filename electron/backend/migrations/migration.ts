/**
 * One step of the schema's history, from version `to - 1` to `to`: what it does to the records (a parsed file of the
 * earlier version in, the data of the next out), and what it asks of a data folder, if anything:
 * - `write-document-files`: the library is written in the layout of a library file and a file per document;
 * - `mark-library-file`: the library file is written again with the new version before anything else is written.
 */
export interface Migration {
  to: number;
  records(data: Record<string, unknown>): Record<string, unknown>;
  folder?: 'write-document-files' | 'mark-library-file';
  /** What the analyst should be told about the step, from the data it was given (e.g. a value it could not read). */
  report?(data: Record<string, unknown>): string[];
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
