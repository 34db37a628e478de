import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiMethods, isApiMethod, MAX_NAME_LENGTH, MAX_NOTE_LENGTH, type ApiMethod } from '../../shared/api-contract';
import { libraryFiles, openSampleBackend, SAMPLE_CLAIM, useTempDirs } from './test-support';

const tempDir = useTempDirs();
const RUNS = 1_500;

type Payload = Record<string, unknown>;
type FieldKind = 'string' | 'id' | 'nullable-id' | 'offset' | 'ids' | 'boolean' | 'stances' | 'object' | 'enum';

/** For each method: a valid payload (given the sample's ids), and the kind of each field; `?` marks optional ones. */
function validCalls(ids: { documentId: string; highlightId: string; tagId: string; start: number; end: number }) {
  const calls: Record<ApiMethod, { payload: Payload; fields: Record<string, FieldKind>; required: string[] }> = {
    getWorkspace: { payload: {}, fields: {}, required: [] },
    listDocuments: { payload: {}, fields: { unlessRevision: 'string' }, required: [] },
    documentsLoaded: { payload: {}, fields: {}, required: [] },
    getDocument: { payload: { documentId: ids.documentId }, fields: { documentId: 'id' }, required: ['documentId'] },
    createHighlight: {
      payload: { documentId: ids.documentId, start: ids.start, end: ids.end, quote: SAMPLE_CLAIM, tagIds: [ids.tagId] },
      fields: { documentId: 'id', start: 'offset', end: 'offset', quote: 'string', tagIds: 'ids' },
      required: ['documentId', 'start', 'end', 'quote', 'tagIds'],
    },
    updateHighlight: {
      payload: { highlightId: ids.highlightId, note: 'n', tagIds: [ids.tagId] },
      fields: { highlightId: 'id', note: 'string', tagIds: 'ids', stances: 'stances', bounds: 'object' },
      required: ['highlightId'],
    },
    deleteHighlight: {
      payload: { highlightId: ids.highlightId },
      fields: { highlightId: 'id' },
      required: ['highlightId'],
    },
    createTag: {
      payload: { name: 'Fuzz', color: '#123456' },
      fields: { name: 'string', color: 'string', description: 'string', parentId: 'nullable-id' },
      required: ['name', 'color'],
    },
    updateTag: {
      payload: { tagId: ids.tagId, name: 'Claim' },
      fields: { tagId: 'id', name: 'string' },
      required: ['tagId'],
    },
    deleteTag: { payload: { tagId: ids.tagId }, fields: { tagId: 'id' }, required: ['tagId'] },
    reorderTags: { payload: { tagIds: [ids.tagId] }, fields: { tagIds: 'ids' }, required: ['tagIds'] },
    createEntity: { payload: { name: 'X' }, fields: { name: 'string' }, required: ['name'] },
    renameEntity: { payload: { id: 'a', name: 'X' }, fields: { id: 'id', name: 'string' }, required: ['id', 'name'] },
    mergeEntities: {
      payload: { sourceId: 'a', intoId: 'b' },
      fields: { sourceId: 'id', intoId: 'id' },
      required: ['sourceId', 'intoId'],
    },
    deleteEntity: { payload: { id: 'a' }, fields: { id: 'id' }, required: ['id'] },
    countUsage: {
      payload: { kind: 'tag', id: ids.tagId },
      fields: { kind: 'enum', id: 'id' },
      required: ['kind', 'id'],
    },
    countEntityUses: { payload: {}, fields: {}, required: [] },
    listCoders: { payload: {}, fields: {}, required: [] },
    getTagMatrix: {
      payload: { by: 'outlet' },
      fields: { by: 'enum', variableId: 'id', coders: 'ids', from: 'string', to: 'string' },
      required: ['by'],
    },
    getTimeline: {
      payload: { interval: 'week' },
      fields: {
        interval: 'enum',
        targetId: 'id',
        holderId: 'nullable-id',
        coders: 'ids',
        from: 'string',
        to: 'string',
      },
      required: ['interval'],
    },
    getStanceMap: { payload: {}, fields: { coders: 'ids', from: 'string', to: 'string' }, required: [] },
    getCodedSegments: {
      payload: {},
      fields: {
        coders: 'ids',
        from: 'string',
        to: 'string',
        holderId: 'nullable-id',
        targetId: 'id',
        stance: 'enum',
        limit: 'offset',
      },
      required: [],
    },
    searchLibrary: {
      payload: { query: 'NATO' },
      fields: { query: 'string', regex: 'boolean', limit: 'offset' },
      required: ['query'],
    },
    codeMatches: {
      payload: { query: 'NATO', tagId: ids.tagId },
      fields: { query: 'string', regex: 'boolean', tagId: 'id', only: 'object' },
      required: ['query', 'tagId'],
    },
    importProject: {
      payload: { fileName: 'x.qdc', data: 'PENvZGVCb29rLz4=' },
      fields: { fileName: 'string', data: 'string', documentId: 'id' },
      required: ['fileName', 'data'],
    },
    setCoder: { payload: { name: 'ann' }, fields: { name: 'string' }, required: ['name'] },
    curateHighlight: {
      payload: { highlightId: ids.highlightId },
      fields: { highlightId: 'id', id: 'id' },
      required: ['highlightId'],
    },
    rejectDisagreement: {
      payload: { documentId: ids.documentId, key: 'a+b', rejected: true },
      fields: { documentId: 'id', key: 'string', rejected: 'boolean' },
      required: ['documentId', 'key', 'rejected'],
    },
    adoptHighlight: {
      payload: { highlightId: ids.highlightId },
      fields: { highlightId: 'id', id: 'id' },
      required: ['highlightId'],
    },
    getAgreement: {
      payload: { coders: ['ann', 'ben'] },
      fields: { coders: 'ids', documentIds: 'ids', tagIds: 'ids' },
      required: ['coders'],
    },
    updateSettings: {
      payload: { annotator: 'A' },
      fields: { annotator: 'string', snapToWords: 'boolean' },
      required: [],
    },
    importBackup: { payload: { content: '{}' }, fields: { content: 'string', jobId: 'id' }, required: ['content'] },
    getJobProgress: { payload: { jobId: 'job-12345678' }, fields: { jobId: 'id' }, required: ['jobId'] },
    cancelJob: { payload: { jobId: 'job-12345678' }, fields: { jobId: 'id' }, required: ['jobId'] },
    importFile: {
      payload: { fileName: 'a.txt', data: Buffer.from('hello').toString('base64') },
      fields: { fileName: 'string', data: 'string', sameTitle: 'enum' },
      required: ['fileName', 'data'],
    },
    importText: {
      payload: { title: 'T', text: 'x' },
      fields: { title: 'string', text: 'string', sameTitle: 'enum' },
      required: ['title', 'text'],
    },
    replaceDocumentText: {
      payload: { documentId: ids.documentId, text: 'A new text.' },
      fields: { documentId: 'id', text: 'string', file: 'object' },
      required: ['documentId'],
    },
    updateDocument: {
      payload: { documentId: ids.documentId, title: 'T' },
      fields: { documentId: 'id', title: 'string', outlet: 'string', publishedAt: 'string', memo: 'string' },
      required: ['documentId'],
    },
    updateDocuments: {
      payload: { documentIds: [ids.documentId], outlet: 'O' },
      fields: { documentIds: 'ids', outlet: 'string', author: 'string', variables: 'object' },
      required: ['documentIds'],
    },
    createVariable: {
      payload: { name: 'Country', type: 'category', values: ['AT'] },
      fields: { name: 'string', type: 'enum', values: 'ids' },
      required: ['name', 'type'],
    },
    updateVariable: {
      payload: { variableId: 'v', name: 'Land' },
      fields: { variableId: 'id', name: 'string', values: 'ids' },
      required: ['variableId'],
    },
    deleteVariable: { payload: { variableId: 'v' }, fields: { variableId: 'id' }, required: ['variableId'] },
    deleteDocument: { payload: { documentId: ids.documentId }, fields: { documentId: 'id' }, required: ['documentId'] },
    bringBackDocument: {
      payload: { documentId: ids.documentId },
      fields: { documentId: 'id' },
      required: ['documentId'],
    },
    setReadingPosition: {
      payload: { documentId: ids.documentId, offset: 3 },
      fields: { documentId: 'id', offset: 'offset' },
      required: ['documentId', 'offset'],
    },
    rememberExportChoices: {
      payload: { kind: 'documents', scope: 'all', bom: true, formulaEscape: false },
      fields: { kind: 'enum', scope: 'enum', bom: 'boolean', formulaEscape: 'boolean' },
      required: ['kind', 'scope', 'bom', 'formulaEscape'],
    },
    undo: { payload: {}, fields: {}, required: [] },
    redo: { payload: {}, fields: {}, required: [] },
  };
  return calls;
}

/** Values of the wrong type for a field of this kind. */
function wrongValue(kind: FieldKind): fc.Arbitrary<unknown> {
  const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.object());
  switch (kind) {
    case 'string':
    case 'id':
    case 'enum':
      return notString;
    case 'nullable-id':
      return fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.integer()), fc.object());
    case 'offset':
      return fc.oneof(
        fc.constant(-1),
        fc.integer({ max: -1 }),
        fc.double({ noInteger: true, noNaN: true }),
        fc.constant(Number.NaN),
        fc.constant(Number.POSITIVE_INFINITY),
        fc.string(),
        fc.constant(null),
      );
    case 'ids':
    case 'stances':
      return fc.oneof(
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.object(),
        fc.array(fc.integer(), { minLength: 1 }),
      );
    case 'boolean':
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.boolean()));
    case 'object':
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer()));
    default:
      throw new Error(String(kind satisfies never));
  }
}

describe('every API payload is validated', () => {
  it(`answers ${RUNS} generated malformed calls with a clear error and leaves the data file byte-identical`, async () => {
    const { backend, store, document, tagIds, highlight } = await openSampleBackend(await tempDir());
    const existing = await highlight('an unarmed observer mission');
    const start = document.text.indexOf(SAMPLE_CLAIM);
    const ids = {
      documentId: document.id,
      highlightId: existing.id,
      tagId: tagIds[0]!,
      start,
      end: start + SAMPLE_CLAIM.length,
    };
    const calls = validCalls(ids);
    const before = await libraryFiles(store.dataDir);

    const method = fc.constantFrom(...apiMethods);
    const malformed = fc.oneof(
      // An unknown method.
      fc.record({
        method: fc
          .oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'))
          .filter((m) => !isApiMethod(m)),
        payload: fc.anything(),
      }),
      // A payload that is not an object at all.
      fc.record({
        method,
        payload: fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.integer(),
          fc.string(),
          fc.array(fc.anything()),
        ),
      }),
      // A required field missing.
      method
        .filter((m) => calls[m].required.length > 0)
        .chain((m) =>
          fc.constantFrom(...calls[m].required).map((field) => {
            const payload = { ...calls[m].payload };
            delete payload[field];
            return { method: m, payload };
          }),
        ),
      // An extra field, including prototype keys.
      fc
        .record({
          method,
          key: fc.oneof(
            fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin'),
            fc.string({ minLength: 1 }),
          ),
          value: fc.anything(),
        })
        .filter(({ method: m, key }) => !(key in calls[m].fields))
        .map(({ method: m, key, value }) => ({
          method: m,
          payload: { ...calls[m].payload, ...JSON.parse(`{${JSON.stringify(key)}: null}`), [key]: value },
        })),
      // A field of the wrong type (negative, fractional, NaN offsets among them).
      method
        .filter((m) => Object.keys(calls[m].fields).length > 0)
        .chain((m) =>
          fc.constantFrom(...Object.keys(calls[m].fields)).chain((field) =>
            wrongValue(calls[m].fields[field]!).map((value) => ({
              method: m,
              payload: { ...calls[m].payload, [field]: value },
            })),
          ),
        ),
      // Offsets and quotes that do not fit the text.
      fc
        .oneof(
          fc.constant({ start: ids.end, end: ids.start }),
          fc.constant({ start: ids.start, end: ids.start }),
          fc.integer({ min: document.text.length + 1 }).map((end) => ({ end })),
          fc
            .string({ minLength: 1 })
            .filter((q) => q !== SAMPLE_CLAIM)
            .map((quote) => ({ quote })),
        )
        .map((change) => ({ method: 'createHighlight', payload: { ...calls.createHighlight.payload, ...change } })),
      // Strings over the limits.
      fc.constantFrom(
        { method: 'updateHighlight', payload: { highlightId: ids.highlightId, note: 'x'.repeat(MAX_NOTE_LENGTH + 1) } },
        { method: 'createTag', payload: { name: 'x'.repeat(MAX_NAME_LENGTH + 1), color: '#000000' } },
        { method: 'createEntity', payload: { name: 'y'.repeat(MAX_NAME_LENGTH + 1) } },
        { method: 'getDocument', payload: { documentId: 'z'.repeat(65) } },
      ),
      // Ids that name nothing.
      fc.uuid().chain((unknown) =>
        fc.constantFrom(
          { method: 'getDocument', payload: { documentId: unknown } },
          { method: 'deleteHighlight', payload: { highlightId: unknown } },
          { method: 'updateHighlight', payload: { highlightId: unknown, note: 'x' } },
          { method: 'createHighlight', payload: { ...calls.createHighlight.payload, tagIds: [unknown] } },
          { method: 'deleteTag', payload: { tagId: unknown } },
          { method: 'renameEntity', payload: { id: unknown, name: 'N' } },
          { method: 'countUsage', payload: { kind: 'entity', id: unknown } },
          { method: 'deleteDocument', payload: { documentId: unknown } },
          { method: 'updateDocument', payload: { documentId: unknown, title: 'T' } },
          {
            method: 'updateHighlight',
            payload: {
              highlightId: ids.highlightId,
              stances: [{ holderId: unknown, targetName: 'T', stance: 'favor' }],
            },
          },
        ),
      ),
    );

    let count = 0;
    await fc.assert(
      fc.asyncProperty(malformed, async ({ method: name, payload }) => {
        count++;
        const result = await backend(name, payload);
        expect(result.ok, `${name} ${JSON.stringify(payload)?.slice(0, 200)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.message.length).toBeGreaterThan(10);
          expect(['invalid-request', 'unknown-method', 'not-found', 'conflict']).toContain(result.error.code);
        }
      }),
      { numRuns: RUNS, seed: 20_261_125 },
    );
    expect(count).toBeGreaterThanOrEqual(1_000);
    expect(await libraryFiles(store.dataDir)).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 120_000);
});
