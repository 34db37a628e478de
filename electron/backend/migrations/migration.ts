/**
 * One step of the schema's history, from version `to - 1` to `to`: what it does to the records (a parsed file of the
 * earlier version in, the data of the next out). What a data folder needs is the same for every step, and done when
 * it is opened (storage/open-library.ts): a single-file library is written as a library file and a file per
 * document; a library file of an earlier schema is written in the current one before anything else is written.
 */
export interface Migration {
  to: number;
  records(data: Record<string, unknown>): Record<string, unknown>;
  /** What the analyst should be told about the step, from the data it was given (e.g. a value it could not read). */
  report?(data: Record<string, unknown>): string[];
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
