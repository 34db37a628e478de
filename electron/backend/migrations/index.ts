import { CURRENT_SCHEMA_VERSION } from '../../../shared/domain';
import { versioned } from './001-versioned';
import { snapToWords } from './002-snap-to-words';
import { readingPositions } from './003-reading-positions';
import { documentFiles } from './004-document-files';
import { changeLogs } from './005-change-logs';
import { documentMetadata } from './006-document-metadata';
import { oneEntityList } from './007-one-entity-list';
import { anchors } from './008-anchors';
import type { Migration } from './migration';

export type { Migration } from './migration';

/**
 * Every step of the schema's history, in order: `migrations[n]` turns version n into n + 1. Version 0 is a file
 * written before the schema was versioned (no `schemaVersion` field). Append a file and a line, never edit one: a
 * released step is history. Checked at start-up: a file from a newer version is refused.
 */
export const migrations: readonly Migration[] = [
  versioned,
  snapToWords,
  readingPositions,
  documentFiles,
  changeLogs,
  documentMetadata,
  oneEntityList,
  anchors,
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
 * Brings parsed file contents up to `target` by running each pending step in order, with what the steps report for
 * the analyst. Throws
 * {@link DataFileTooNewError} for a file from the future and {@link DataFileShapeError} for contents that are not a
 * versioned object at all.
 */
export function migrate(
  raw: unknown,
  steps: readonly Migration[] = migrations,
  target: number = CURRENT_SCHEMA_VERSION,
): { data: Record<string, unknown>; fromVersion: number; notices: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DataFileShapeError('The data file does not hold a JSON object.');
  }
  let data = raw as Record<string, unknown>;
  const version = data.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new DataFileShapeError(`The data file has an invalid schemaVersion: ${JSON.stringify(version)}.`);
  }
  if (version > target) throw new DataFileTooNewError(version, target);
  const notices: string[] = [];
  for (let v = version; v < target; v++) {
    const step = steps[v];
    if (!step || step.to !== v + 1) throw new Error(`No migration from schema version ${v} to ${v + 1}.`);
    notices.push(...(step.report?.(data) ?? []));
    data = { ...step.records(data), schemaVersion: v + 1 };
  }
  return { data, fromVersion: version, notices };
}
