import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, databaseSchema } from '../../shared/domain';
import { DataFileShapeError, DataFileTooNewError, migrate, type Migration } from './migrations';

describe('migrate', () => {
  it('runs every pending step in order and stamps each version', () => {
    const seen: number[] = [];
    const steps: Migration[] = [0, 1, 2].map((n) => (data) => {
      seen.push(n);
      expect(data.schemaVersion ?? 0).toBe(n);
      return { ...data, [`step${n}`]: true };
    });
    const { data, fromVersion } = migrate({ schemaVersion: 1 }, steps, 3);
    expect(seen).toEqual([1, 2]);
    expect(fromVersion).toBe(1);
    expect(data).toEqual({ schemaVersion: 3, step1: true, step2: true });
  });

  it('leaves a current file as it is', () => {
    const { data, fromVersion } = migrate({ schemaVersion: 2, x: 1 }, [(d) => d, (d) => d], 2);
    expect(fromVersion).toBe(2);
    expect(data).toEqual({ schemaVersion: 2, x: 1 });
  });

  it('refuses a file from a newer version, saying so', () => {
    expect(() => migrate({ schemaVersion: CURRENT_SCHEMA_VERSION + 1 })).toThrow(DataFileTooNewError);
    expect(() => migrate({ schemaVersion: 99 })).toThrow(/newer version of Stance Annotator \(schema 99/);
  });

  it('rejects contents that are not a versioned object', () => {
    for (const raw of [null, 42, 'text', [], { schemaVersion: -1 }, { schemaVersion: 1.5 }, { schemaVersion: '1' }]) {
      expect(() => migrate(raw)).toThrow(DataFileShapeError);
    }
  });

  it('adds the word-snapping setting (on) to a version 1 file, keeping a choice already made', () => {
    const v1 = { schemaVersion: 1, settings: { annotator: 'A', lastDocumentId: null } };
    expect(migrate(v1).data.settings).toEqual({
      annotator: 'A',
      lastDocumentId: null,
      snapToWords: true,
      readingPositions: {},
    });
    const chosen = { schemaVersion: 1, settings: { annotator: '', lastDocumentId: null, snapToWords: false } };
    expect(migrate(chosen).data.settings).toMatchObject({ snapToWords: false });
  });

  it('brings an unversioned (version 0) library up to a valid current one', () => {
    const legacy = {
      documents: [],
      tags: [{ id: 't1', name: 'Claim', color: '#ffcc00', description: '', parentId: null }],
      highlights: [],
    };
    const { data, fromVersion } = migrate(legacy);
    expect(fromVersion).toBe(0);
    const parsed = databaseSchema.parse(data);
    expect(parsed.tags).toHaveLength(1);
    expect(parsed.actors).toEqual([]);
    expect(parsed.settings).toEqual({ annotator: '', lastDocumentId: null, snapToWords: true, readingPositions: {} });
  });
});
