import { CURRENT_SCHEMA_VERSION } from '../../shared/domain';

/** A step from version N to N + 1. It receives the parsed file of version N and returns the data of version N + 1. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Ordered migrations: `migrations[n]` turns version n into version n + 1. Version 0 is a file written before the
 * schema was versioned (no `schemaVersion` field). Append, never edit: a released step is history.
 */
export const migrations: readonly Migration[] = [
  // 0 → 1: the first versioned layout. Fill in the lists and settings that an unversioned file may lack.
  (data) => ({
    documents: [],
    tags: [],
    actors: [],
    targets: [],
    highlights: [],
    ...data,
    settings: { annotator: '', lastDocumentId: null, ...asRecord(data.settings) },
    schemaVersion: 1,
  }),
  // 1 → 2: selections snap to whole words unless the analyst turns it off.
  (data) => ({ ...data, settings: { snapToWords: true, ...asRecord(data.settings) } }),
  // 2 → 3: the reading position in each document.
  (data) => ({ ...data, settings: { readingPositions: {}, ...asRecord(data.settings) } }),
  // 3 → 4: the records are unchanged; in a data folder the library is no longer one file but a library file and a
  // file per document (storage/library-layout.ts), written when the store opens a single-file library.
  (data) => data,
  // 4 → 5: the records are unchanged; a document's file may name a change log beside it (storage/document-log.ts),
  // which a version before 5 would ignore.
  (data) => data,
];

export class DataFileTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `The data file was written by a newer version of Stance Annotator (schema ${fileVersion}; ` +
        `this version reads up to ${supportedVersion}). Update the app to open it; the file was left untouched.`,
    );
    this.name = 'DataFileTooNewError';
  }
}

export class DataFileShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileShapeError';
  }
}

/**
 * Brings parsed file contents up to `target` by running each pending step in order.
 * Throws {@link DataFileTooNewError} for a file from the future and {@link DataFileShapeError} for contents that are
 * not a versioned object at all.
 */
export function migrate(
  raw: unknown,
  steps: readonly Migration[] = migrations,
  target: number = CURRENT_SCHEMA_VERSION,
): { data: Record<string, unknown>; fromVersion: number } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DataFileShapeError('The data file does not hold a JSON object.');
  }
  let data = raw as Record<string, unknown>;
  const version = data.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new DataFileShapeError(`The data file has an invalid schemaVersion: ${JSON.stringify(version)}.`);
  }
  if (version > target) throw new DataFileTooNewError(version, target);
  for (let v = version; v < target; v++) {
    const step = steps[v];
    if (!step) throw new Error(`No migration from schema version ${v} to ${v + 1}.`);
    data = step(data);
    data.schemaVersion = v + 1;
  }
  return { data, fromVersion: version };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
