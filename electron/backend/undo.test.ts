import { describe, expect, it } from 'vitest';
import type { Store } from './store';
import { callOk, libraryOnDisk, openSampleBackend, SAMPLE_CLAIM, useTempDirs } from './test-support';

const tempDir = useTempDirs();

/** A clock the test moves by hand, so that coalescing windows are exact. */
function manualClock() {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('undo and redo', () => {
  it('undo puts the file back exactly as it was before each kind of change; redo re-applies it', async () => {
    const clock = manualClock();
    const { backend, store, tagIds, highlight } = await openSampleBackend(await tempDir(), clock.now);
    // The library as its files hold it (each document's file with its change log replayed): undo must put it back
    // as it was. Highlights are compared by id: a log replays a highlight put back at the end of its document's list.
    const fileNow = async () => {
      const onDisk = await libraryOnDisk(store.dataDir);
      return { ...onDisk, highlights: [...onDisk.highlights].sort((a, b) => a.id.localeCompare(b.id)) };
    };

    const setup = await highlight(SAMPLE_CLAIM);
    const actor = await callOk(backend, 'createEntity', { name: 'Grushko' });
    const target = await callOk(backend, 'createEntity', { name: 'NATO' });
    const { document } = await callOk(backend, 'getDocument', { documentId: setup.documentId });
    const bigger = `"${SAMPLE_CLAIM}`;
    const biggerStart = document.text.indexOf(bigger);

    const changes: Array<[string, () => Promise<unknown>]> = [
      ['create highlight', () => highlight('an unarmed observer mission')],
      ['retag', () => callOk(backend, 'updateHighlight', { highlightId: setup.id, tagIds: [tagIds[1]!] })],
      [
        'restance',
        () =>
          callOk(backend, 'updateHighlight', {
            highlightId: setup.id,
            stances: [{ holderId: actor.id, targetId: target.id, stance: 'against' }],
          }),
      ],
      ['note', () => callOk(backend, 'updateHighlight', { highlightId: setup.id, note: 'why' })],
      [
        'bounds',
        () =>
          callOk(backend, 'updateHighlight', {
            highlightId: setup.id,
            bounds: { start: biggerStart, end: biggerStart + bigger.length, quote: bigger },
          }),
      ],
      ['delete highlight', () => callOk(backend, 'deleteHighlight', { highlightId: setup.id })],
      ['create tag', () => callOk(backend, 'createTag', { name: 'New', color: '#123456' })],
      ['edit tag', () => callOk(backend, 'updateTag', { tagId: tagIds[0]!, name: 'Assertion', color: '#000000' })],
      ['reorder tags', () => callOk(backend, 'reorderTags', { tagIds: store.data.tags.map((t) => t.id).reverse() })],
      ['delete tag in use', () => callOk(backend, 'deleteTag', { tagId: tagIds[0]! })],
      ['rename holder', () => callOk(backend, 'renameEntity', { id: actor.id, name: 'A. Grushko' })],
      ['delete target in use', () => callOk(backend, 'deleteEntity', { id: target.id })],
      ['settings', () => callOk(backend, 'updateSettings', { annotator: 'Ana', snapToWords: false })],
    ];

    for (const [name, change] of changes) {
      clock.advance(10_000);
      const before = await fileNow();
      await change();
      const after = await fileNow();
      expect(after, name).not.toEqual(before);

      await callOk(backend, 'undo', {});
      expect(await fileNow(), `undo ${name}`).toEqual(before);
      await callOk(backend, 'redo', {});
      expect(await fileNow(), `redo ${name}`).toEqual(after);
    }
  });

  it('makes a burst of note typing one step, and a pause starts a new one', async () => {
    const clock = manualClock();
    const { backend, store, highlight } = await openSampleBackend(await tempDir(), clock.now);
    const h = await highlight(SAMPLE_CLAIM);
    for (const note of ['T', 'Ty', 'Typ', 'Typed']) {
      clock.advance(300);
      await callOk(backend, 'updateHighlight', { highlightId: h.id, note });
    }
    clock.advance(5_000);
    await callOk(backend, 'updateHighlight', { highlightId: h.id, note: 'Typed more' });

    expect((await callOk(backend, 'undo', {})).label).toBe('Edit note');
    expect(store.data.highlights[0]!.note).toBe('Typed');
    await callOk(backend, 'undo', {});
    expect(store.data.highlights[0]!.note).toBe('');
    expect((await callOk(backend, 'undo', {})).label).toBe('Create highlight');
    expect(store.data.highlights).toEqual([]);
    expect(await callOk(backend, 'undo', {})).toEqual({
      label: null,
      history: { undoLabel: null, redoLabel: 'Create highlight' },
    });
  });

  it('undoes a setting without moving where the analyst is reading (saved apart from undo steps)', async () => {
    const { backend, store, document } = await openSampleBackend(await tempDir());
    await callOk(backend, 'updateSettings', { annotator: 'Ana' });
    await callOk(backend, 'setReadingPosition', { documentId: document.id, offset: 200 });
    expect((await callOk(backend, 'undo', {})).label).toBe('Change settings');
    expect(store.data.settings.annotator).toBe('');
    expect(store.data.settings.readingPositions).toEqual({ [document.id]: 200 });
    expect((await libraryOnDisk(store.dataDir)).settings).toEqual(store.data.settings);
  });

  it('forgets what could be redone once a new change is made', async () => {
    const { backend, highlight } = await openSampleBackend(await tempDir());
    await highlight(SAMPLE_CLAIM);
    await callOk(backend, 'undo', {});
    await highlight('an unarmed observer mission');
    const redo = await callOk(backend, 'redo', {});
    expect(redo.label).toBeNull();
    expect(redo.history).toEqual({ undoLabel: 'Create highlight', redoLabel: null });
  });

  it('keeps the step when the undo cannot be written, so it can be tried again', async () => {
    const { backend, store, highlight } = await openSampleBackend(await tempDir());
    await highlight(SAMPLE_CLAIM);
    const save = store.save;
    (store as { save: Store['save'] }).save = () => Promise.reject(new Error('disk full'));
    expect(await backend('undo', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/disk full/) },
    });
    expect(store.data.highlights).toHaveLength(1);
    (store as { save: Store['save'] }).save = save;
    await callOk(backend, 'undo', {});
    expect(store.data.highlights).toHaveLength(0);
  });
});
