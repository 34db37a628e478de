import { beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './backend';
import { openStore, type Store } from './store';
import { callOk, libraryFiles, useTempDirs } from './test-support';

const tempDir = useTempDirs();
const QUOTE = 'NATO and peacekeeping do not go hand in hand.';

let store: Store;
let backend: Backend;
let documentId: string;
let tagId: string;
let start: number;

beforeEach(async () => {
  store = await openStore(await tempDir());
  backend = createBackend(store, () => new Date('2026-01-02T03:04:05.000Z'));
  const workspace = await callOk(backend, 'getWorkspace', {});
  documentId = workspace.startDocumentId!;
  tagId = workspace.tags[0]!.id;
  start = store.data.documents[0]!.text.indexOf(QUOTE);
});

const valid = () => ({ documentId, start, end: start + QUOTE.length, quote: QUOTE, tagIds: [tagId] });

describe('backend', () => {
  it('creates, retags and deletes a highlight', async () => {
    const created = await callOk(backend, 'createHighlight', valid());
    expect(created).toMatchObject({ documentId, quote: QUOTE, tagIds: [tagId], stances: [], note: '' });
    expect(created.createdAt).toBe('2026-01-02T03:04:05.000Z');

    const otherTag = store.data.tags[1]!.id;
    const retagged = await callOk(backend, 'updateHighlight', { highlightId: created.id, tagIds: [tagId, otherTag] });
    expect(retagged.tagIds).toEqual([tagId, otherTag]);

    const opened = await callOk(backend, 'getDocument', { documentId });
    expect(opened.highlights.map((h) => h.id)).toEqual([created.id]);

    await callOk(backend, 'deleteHighlight', { highlightId: created.id });
    expect((await callOk(backend, 'getDocument', { documentId })).highlights).toEqual([]);
  });

  it('refuses text with a lone surrogate rather than store it, and stores nothing', async () => {
    const created = await callOk(backend, 'createHighlight', valid());
    const before = await libraryFiles(store.dataDir);
    expect(await backend('updateHighlight', { highlightId: created.id, note: 'half an emoji \uD83D' })).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'updateHighlight request: the text at note is not valid Unicode (a lone surrogate).',
      },
    });
    expect(await libraryFiles(store.dataDir)).toEqual(before);
    expect(store.data.highlights[0]!.note).toBe('');
  });

  it('counts highlights per document in the workspace', async () => {
    await callOk(backend, 'createHighlight', valid());
    const { documents } = await callOk(backend, 'listDocuments', {});
    expect(documents![0]).toMatchObject({ highlightCount: 1 });
    expect(documents![0]).not.toHaveProperty('text');
  });

  it('sends the listing again only when a change since the revision the caller holds may have changed it', async () => {
    const first = await callOk(backend, 'listDocuments', {});
    expect(first.documents).toHaveLength(1);
    // Asked again with nothing changed: no listing, the same revision.
    expect(await callOk(backend, 'listDocuments', { unlessRevision: first.revision })).toEqual({
      revision: first.revision,
      documents: null,
    });
    // A change: the listing with its new count, at a new revision; an undo is a change too.
    await callOk(backend, 'createHighlight', valid());
    const changed = await callOk(backend, 'listDocuments', { unlessRevision: first.revision });
    expect(changed.revision).not.toBe(first.revision);
    expect(changed.documents![0]).toMatchObject({ highlightCount: 1 });
    await callOk(backend, 'undo', {});
    const undone = await callOk(backend, 'listDocuments', { unlessRevision: changed.revision });
    expect(undone.documents![0]).toMatchObject({ highlightCount: 0 });
    // A revision of another backend (a page that outlived a restart, on the same library) is never taken for this one's.
    const restarted = createBackend(store);
    const fromRestarted = await callOk(restarted, 'listDocuments', { unlessRevision: undone.revision });
    expect(fromRestarted.documents).toHaveLength(1);
    expect(fromRestarted.revision).not.toBe(undone.revision);
  });

  const rejected: Array<[string, string, () => unknown, RegExp]> = [
    ['an unknown method', 'dropDatabase', () => ({}), /Unknown API method/],
    ['a payload that is not an object', 'createHighlight', () => 'hello', /Invalid createHighlight request/],
    ['a missing field', 'createHighlight', () => ({ ...valid(), quote: undefined }), /quote/],
    ['an extra field', 'createHighlight', () => ({ ...valid(), isAdmin: true }), /isAdmin/],
    ['a __proto__ key', 'getWorkspace', () => JSON.parse('{"__proto__": {"polluted": true}}'), /__proto__/],
    ['a negative offset', 'createHighlight', () => ({ ...valid(), start: -1 }), /start/],
    ['a fractional offset', 'createHighlight', () => ({ ...valid(), end: start + 1.5 }), /end/],
    ['NaN', 'createHighlight', () => ({ ...valid(), start: Number.NaN }), /start/],
    ['a string offset', 'createHighlight', () => ({ ...valid(), start: String(start) }), /start/],
    [
      'reversed offsets',
      'createHighlight',
      () => ({ ...valid(), start: start + 5, end: start }),
      /end must be greater/,
    ],
    ['an end past the text', 'createHighlight', () => ({ ...valid(), end: 10_000_000 }), /past the end/],
    ['a quote that does not match', 'createHighlight', () => ({ ...valid(), quote: 'NATO is fine' }), /does not match/],
    ['an unknown document', 'createHighlight', () => ({ ...valid(), documentId: 'nope' }), /No document/],
    ['an unknown tag', 'createHighlight', () => ({ ...valid(), tagIds: ['nope'] }), /No tag/],
    ['a repeated tag', 'createHighlight', () => ({ ...valid(), tagIds: [tagId, tagId] }), /repeat/],
    ['an id over the limit', 'getDocument', () => ({ documentId: 'x'.repeat(65) }), /documentId/],
    ['an unknown highlight', 'deleteHighlight', () => ({ highlightId: 'nope' }), /No highlight/],
  ];

  it.each(rejected)(
    'answers %s with a clear error and leaves the file byte-identical',
    async (_, method, payload, message) => {
      const before = await libraryFiles(store.dataDir);
      const result = await backend(method, payload());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
      expect(await libraryFiles(store.dataDir)).toEqual(before);
      expect(store.data.highlights).toEqual([]);
    },
  );

  it('answers a failing write with an error and keeps nothing of the change in memory', async () => {
    const created = await callOk(backend, 'createHighlight', valid());
    const snapshot = structuredClone(store.data);
    const failing = createBackend({ ...store, data: store.data, save: () => Promise.reject(new Error('disk full')) });

    expect(await failing('createHighlight', valid())).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The createHighlight request failed: disk full' },
    });
    expect((await failing('updateHighlight', { highlightId: created.id, tagIds: [] })).ok).toBe(false);
    expect((await failing('deleteHighlight', { highlightId: created.id })).ok).toBe(false);
    // Where the analyst is reading goes the same way: no undo step, but the same rollback.
    expect((await failing('setReadingPosition', { documentId, offset: 120 })).ok).toBe(false);
    expect((await failing('updateSettings', { annotator: 'Ana' })).ok).toBe(false);
    expect(store.data).toEqual(snapshot);
  });
});
