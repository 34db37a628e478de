import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Highlight, StoredDocument } from '../../../../shared/domain';

// The backend, as the store sees it: each call recorded, and each answered when the test says so.
const backend = vi.hoisted(() => {
  type Call = {
    method: string;
    args: Record<string, unknown>;
    answer(value?: unknown): void;
    fail(message: string): void;
  };
  const calls: Call[] = [];
  return {
    calls,
    callApi: (method: string, args: Record<string, unknown>) =>
      new Promise((resolve, reject) =>
        calls.push({ method, args, answer: resolve, fail: (message) => reject(new Error(message)) }),
      ),
  };
});
vi.mock('../../api/client', () => ({ callApi: backend.callApi, ApiCallError: class extends Error {} }));

const { createAppStore } = await import('../../store/app-store');

const TEXT = 'NATO and peacekeeping do not go hand in hand, said Grushko.';
const document: StoredDocument = {
  id: 'doc',
  title: 'Statement',
  text: TEXT,
  source: { kind: 'paste' },
  meta: {},
  memo: '',
  variables: {},
  sha256: '',
  addedAt: '2026-01-01T00:00:00.000Z',
};

/** Lets the store's promises run until it has sent what it is going to send. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const methods = () => backend.calls.map((c) => c.method);
/** What the backend answers to a creation: the highlight as sent, now saved. */
const saved = (args: Record<string, unknown>, extra: Partial<Highlight> = {}): Highlight => ({
  id: args.id as string,
  documentId: 'doc',
  start: args.start as number,
  end: args.end as number,
  quote: args.quote as string,
  prefix: '',
  suffix: '',
  tagIds: args.tagIds as string[],
  stances: [],
  note: '',
  annotator: 'ann',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

function storeWithSelection() {
  const store = createAppStore();
  store.setState({
    document,
    highlights: [],
    settings: { annotator: 'ann', lastDocumentId: 'doc', snapToWords: true, readingPositions: {} },
    pendingSelection: { start: 0, end: 4 },
  });
  return store;
}

beforeEach(() => {
  backend.calls.length = 0;
});

describe('a new highlight (optimistic creation)', () => {
  it('is shown, selected and editable at once, and replaced by the saved record when acknowledged', async () => {
    const store = storeWithSelection();
    const created = store.getState().highlightSelection('tag-1');
    const shown = store.getState().highlights;
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ start: 0, end: 4, quote: 'NATO', tagIds: ['tag-1'], annotator: 'ann' });
    expect(store.getState().selectedHighlightId).toBe(shown[0]!.id);
    expect(store.getState().pendingSelection).toBeNull();
    expect(store.getState().saveState).toBe('saving');

    await settle();
    const [create] = backend.calls;
    expect(create).toMatchObject({ method: 'createHighlight', args: { id: shown[0]!.id, quote: 'NATO' } });
    const record = saved(create!.args, { updatedAt: '2026-01-02T00:00:00.000Z' });
    create!.answer(record);
    expect(await created).toBe(true);
    expect(store.getState().highlights).toEqual([record]);
    expect(store.getState().saveState).toBe('saved');
  });

  it('sends a later edit (a note, a tag) only once its creation is acknowledged, and in the order made', async () => {
    const store = storeWithSelection();
    const created = store.getState().highlightSelection('tag-1');
    const id = store.getState().selectedHighlightId!;
    const noted = store.getState().updateHighlight(id, { note: 'first' });
    const tagged = store.getState().updateHighlight(id, { tagIds: ['tag-1', 'tag-2'] });
    await settle();
    // The edits wait: the backend does not know this highlight yet.
    expect(methods()).toEqual(['createHighlight']);

    backend.calls[0]!.answer(saved(backend.calls[0]!.args));
    await created;
    await settle();
    expect(methods()).toEqual(['createHighlight', 'updateHighlight', 'updateHighlight']);
    expect(backend.calls.slice(1).map((c) => c.args)).toEqual([
      { highlightId: id, note: 'first' },
      { highlightId: id, tagIds: ['tag-1', 'tag-2'] },
    ]);
    backend.calls[1]!.answer(saved(backend.calls[0]!.args, { note: 'first' }));
    backend.calls[2]!.answer(saved(backend.calls[0]!.args, { note: 'first', tagIds: ['tag-1', 'tag-2'] }));
    expect(await Promise.all([noted, tagged])).toEqual([true, true]);
    expect(store.getState().highlights[0]).toMatchObject({ note: 'first', tagIds: ['tag-1', 'tag-2'] });
  });

  it('deletes only after its creation, so the backend never hears of a highlight it does not have', async () => {
    const store = storeWithSelection();
    const created = store.getState().highlightSelection('tag-1');
    const id = store.getState().selectedHighlightId!;
    const deleted = store.getState().deleteHighlight(id);
    await settle();
    expect(methods()).toEqual(['createHighlight']);
    backend.calls[0]!.answer(saved(backend.calls[0]!.args));
    await created;
    await settle();
    expect(methods()).toEqual(['createHighlight', 'deleteHighlight']);
    backend.calls[1]!.answer(undefined);
    await deleted;
    expect(store.getState().highlights).toEqual([]);
    expect(store.getState().selectedHighlightId).toBeNull();
  });

  it('keeps a highlight whose creation failed on screen, and refuses edits to it with the reason', async () => {
    const store = storeWithSelection();
    const created = store.getState().highlightSelection('tag-1');
    const id = store.getState().selectedHighlightId!;
    await settle();
    backend.calls[0]!.fail('The disk is full.');
    expect(await created).toBe(false);
    expect(store.getState().highlights.map((h) => h.id)).toEqual([id]);
    expect(store.getState()).toMatchObject({ saveState: 'failed', saveError: 'The disk is full.' });
    expect(await store.getState().updateHighlight(id, { note: 'x' })).toBe(false);
    expect(store.getState().saveError).toBe('This highlight is not saved yet: its creation failed.');
    expect(methods()).toEqual(['createHighlight']);
  });
});

describe("moving a highlight's ends", () => {
  it('moves from where the move before left it, so two quick presses move two words', async () => {
    const store = storeWithSelection();
    const start = TEXT.indexOf('peacekeeping do not');
    const highlight = saved({ id: 'h1', start, end: start + 19, quote: 'peacekeeping do not', tagIds: ['tag-1'] });
    store.setState({ highlights: [highlight], selectedHighlightId: 'h1', pendingSelection: null });
    const bounds = (call: number) => backend.calls[call]!.args.bounds as { start: number; end: number; quote: string };
    const answerBounds = (call: number) => backend.calls[call]!.answer({ ...highlight, ...bounds(call) });

    const first = store.getState().adjustSelectedBoundary('extend-end');
    const second = store.getState().adjustSelectedBoundary('extend-start');
    await settle();
    // One at a time: the second is measured once the first is answered.
    expect(methods()).toEqual(['updateHighlight']);
    expect(bounds(0).quote).toBe('peacekeeping do not go');
    answerBounds(0);
    await first;
    await settle();
    expect(methods()).toEqual(['updateHighlight', 'updateHighlight']);
    expect(bounds(1)).toEqual({ start: start - 4, end: start + 22, quote: 'and peacekeeping do not go' });
    answerBounds(1);
    await second;
    expect(store.getState().highlights[0]!.quote).toBe('and peacekeeping do not go');
  });
});

describe('notes saved as typed', () => {
  it('sends one request at a time per highlight, the latest text next, and each store its own', async () => {
    const store = storeWithSelection();
    const other = createAppStore();
    store.setState({ highlights: [saved({ id: 'h', start: 0, end: 4, quote: 'NATO', tagIds: [] })] });
    for (const text of ['N', 'No', 'Not', 'Note']) store.getState().saveNote('h', text);
    await settle();
    expect(backend.calls.map((c) => c.args)).toEqual([{ highlightId: 'h', note: 'N' }]);
    backend.calls[0]!.answer(saved({ id: 'h', start: 0, end: 4, quote: 'NATO', tagIds: [] }, { note: 'N' }));
    await settle();
    // What was typed meanwhile goes next, as one request with the latest text.
    expect(backend.calls.map((c) => c.args)).toEqual([
      { highlightId: 'h', note: 'N' },
      { highlightId: 'h', note: 'Note' },
    ]);
    // Another store has savers of its own: nothing of this one waits there.
    other.getState().flushNotes();
    expect(backend.calls).toHaveLength(2);
  });
});
