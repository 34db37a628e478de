import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, databaseSchema } from '../../../shared/domain';
import { DataFileShapeError, DataFileTooNewError, migrate, migrations, type Migration } from './index';

describe('migrate', () => {
  it('runs every pending step in order and stamps each version', () => {
    const seen: number[] = [];
    const steps: Migration[] = [0, 1, 2].map((n) => ({
      to: n + 1,
      records: (data) => {
        seen.push(n);
        expect(data.schemaVersion ?? 0).toBe(n);
        return { ...data, [`step${n}`]: true };
      },
    }));
    const { data, fromVersion } = migrate({ schemaVersion: 1 }, steps, 3);
    expect(seen).toEqual([1, 2]);
    expect(fromVersion).toBe(1);
    expect(data).toEqual({ schemaVersion: 3, step1: true, step2: true });
  });

  it('leaves a current file as it is', () => {
    const same = (to: number): Migration => ({ to, records: (d) => d });
    const { data, fromVersion } = migrate({ schemaVersion: 2, x: 1 }, [same(1), same(2)], 2);
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
    expect(parsed.entities).toEqual([]);
    expect(parsed.settings).toEqual({ annotator: '', lastDocumentId: null, snapToWords: true, readingPositions: {} });
  });

  it('brings a library of every earlier version up to a valid current one, keeping what the analyst wrote', () => {
    const document = {
      id: 'd1',
      title: 'T',
      text: 'Text.',
      source: { kind: 'paste' },
      meta: { outlet: 'O' },
      sha256: 'a'.repeat(64),
      addedAt: '2025-01-01T00:00:00.000Z',
    };
    const highlight = {
      id: 'h1',
      documentId: 'd1',
      start: 0,
      end: 4,
      quote: 'Text',
      prefix: '',
      suffix: '.',
      tagIds: ['t1'],
      stances: [],
      note: 'mine',
      annotator: 'Ana',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const lists = {
      documents: [document],
      tags: [{ id: 't1', name: 'Claim', color: '#ffcc00', description: '', parentId: null }],
      actors: [],
      targets: [],
      highlights: [highlight],
    };
    const settingsOf = [
      undefined,
      { annotator: 'Ana', lastDocumentId: 'd1' },
      { annotator: 'Ana', lastDocumentId: 'd1', snapToWords: false },
      { annotator: 'Ana', lastDocumentId: 'd1', snapToWords: false, readingPositions: { d1: 3 } },
    ];
    for (let version = 0; version < CURRENT_SCHEMA_VERSION; version++) {
      const settings = settingsOf[Math.min(version, 3)];
      // From schema 6 on, a document has a memo and variables, and the library their definitions.
      const documentsOf = version >= 6 ? { documents: [{ ...document, memo: '', variables: {} }], variables: [] } : {};
      // From schema 7 on, holders and targets are one list.
      const { actors, targets, ...rest } = lists;
      const entitiesOf = version >= 7 ? { ...rest, entities: [] } : { ...rest, actors, targets };
      const file = {
        ...(version > 0 && { schemaVersion: version }),
        ...entitiesOf,
        ...documentsOf,
        ...(settings && { settings }),
      };
      const { data, fromVersion } = migrate(file);
      expect(fromVersion).toBe(version);
      const parsed = databaseSchema.parse(data);
      expect(parsed.highlights, `from ${version}`).toEqual([highlight]);
      expect(parsed.documents, `from ${version}`).toEqual([{ ...document, memo: '', variables: {} }]);
      if (version >= 1) expect(parsed.settings.annotator).toBe('Ana');
      if (version >= 2) expect(parsed.settings.snapToWords).toBe(false);
    }
  });

  it('lists one step per version, in order', () => {
    expect(migrations.map((m) => m.to)).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('reads free-text publication dates as dates, keeps those it cannot read as text, and says which, once', () => {
    const document = (id: string, publishedAt?: string) => ({
      id,
      title: `Doc ${id}`,
      source: { kind: 'paste' },
      meta: { outlet: 'O', ...(publishedAt !== undefined && { publishedAt }) },
      sha256: 'a'.repeat(64),
      addedAt: '2025-01-01T00:00:00.000Z',
    });
    const v5 = {
      schemaVersion: 5,
      documents: [
        document('a', '14 May 2025'),
        document('b', '2025-05-14T09:30:00Z'),
        document('c', 'Spring 2025'),
        document('d', ''),
        document('e'),
        document('f', '05/06/2025'),
      ],
    };
    const { data, notices } = migrate(v5);
    const metas = (data.documents as Array<{ meta: unknown; memo: unknown; variables: unknown }>).map((d) => d.meta);
    expect(metas).toEqual([
      { outlet: 'O', publishedAt: '2025-05-14' },
      { outlet: 'O', publishedAt: '2025-05-14T09:30:00Z' },
      { outlet: 'O', publishedText: 'Spring 2025' },
      { outlet: 'O' },
      { outlet: 'O' },
      { outlet: 'O', publishedText: '05/06/2025' },
    ]);
    expect(data.variables).toEqual([]);
    expect(notices).toEqual([
      expect.stringMatching(
        /^2 publication dates could not be read .* "Spring 2025" \(Doc c\), "05\/06\/2025" \(Doc f\)/,
      ),
    ]);
    // A current file is not migrated again, so nothing is reported again.
    expect(migrate(data).notices).toEqual([]);
  });

  it('keeps a memo and variable values already there (a backup written by a later build of the same schema)', () => {
    const v5 = {
      schemaVersion: 5,
      variables: [{ id: 'v1', name: 'Country', type: 'text', values: [] }],
      documents: [{ id: 'a', meta: {}, memo: 'Mine', variables: { v1: 'Austria' } }],
    };
    const { data } = migrate(v5);
    expect(data.variables).toEqual(v5.variables);
    expect(data.documents).toEqual([{ id: 'a', meta: {}, memo: 'Mine', variables: { v1: 'Austria' } }]);
  });

  it('joins holders and targets into one list, a target of a holder’s name becoming that holder, stances kept', () => {
    const v6 = {
      schemaVersion: 6,
      actors: [
        { id: 'a-russia', name: 'Russia' },
        { id: 'a-grushko', name: 'Grushko' },
      ],
      targets: [
        { id: 't-russia', name: 'russia ' },
        { id: 't-nato', name: 'NATO' },
      ],
      highlights: [
        {
          id: 'h',
          stances: [
            { holderId: 'a-grushko', targetId: 't-russia', stance: 'favor' },
            { holderId: 'a-russia', targetId: 't-nato', stance: 'against' },
          ],
        },
      ],
    };
    const { data, notices } = migrate(v6);
    expect(data.entities).toEqual([
      { id: 'a-russia', name: 'Russia' },
      { id: 'a-grushko', name: 'Grushko' },
      { id: 't-nato', name: 'NATO' },
    ]);
    expect(data).not.toHaveProperty('actors');
    expect(data).not.toHaveProperty('targets');
    expect((data.highlights as Array<{ stances: unknown }>)[0]!.stances).toEqual([
      { holderId: 'a-grushko', targetId: 'a-russia', stance: 'favor' },
      { holderId: 'a-russia', targetId: 't-nato', stance: 'against' },
    ]);
    expect(notices).toEqual([expect.stringMatching(/1 name in both \("Russia"\) became one entry/)]);

    // A library file has no highlights: the mapping goes with it, for the documents' files.
    const { highlights: _highlights, ...libraryFile } = v6;
    expect(migrate(libraryFile).data.entityAliases).toEqual({ 't-russia': 'a-russia' });
  });
});
