import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiArgs, ApiMethod, ApiResults } from '../../shared/api-contract';
import type { Backend } from './backend';
import type { Store } from './store';
import { libraryOnDisk, openSampleBackend, SAMPLE_CLAIM, useTempDirs } from './test-support';

const tempDir = useTempDirs();

/** A backend as one client session (a window, a tab) calls it. */
function client(backend: Backend, clientId: string) {
  const call = async <M extends ApiMethod>(method: M, args: ApiArgs<M>) => backend(method, args, clientId);
  const ok = async <M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> => {
    const result = await call(method, args);
    if (!result.ok) throw new Error(`${clientId} ${method} failed: ${result.error.message}`);
    return result.value as ApiResults[M];
  };
  return { call, ok };
}

const OBSERVERS = 'an unarmed observer mission';

describe('undo per client session', () => {
  it("undoes a client's own steps only, never another client's", async () => {
    const { backend, store, document, tagIds } = await openSampleBackend(await tempDir());
    const [a, b] = [client(backend, 'tab-a'), client(backend, 'tab-b')];
    const span = (quote: string) => {
      const start = document.text.indexOf(quote);
      return { documentId: document.id, start, end: start + quote.length, quote, tagIds: [tagIds[0]!] };
    };
    const mine = await a.ok('createHighlight', span(SAMPLE_CLAIM));
    const theirs = await b.ok('createHighlight', span(OBSERVERS));
    expect((await a.ok('undo', {})).label).toBe('Create highlight');
    expect(store.data.highlights.map((h) => h.id)).toEqual([theirs.id]);
    expect(await a.ok('undo', {})).toEqual({
      label: null,
      history: { undoLabel: null, redoLabel: 'Create highlight' },
    });
    expect((await b.ok('getWorkspace', {})).history).toEqual({ undoLabel: 'Create highlight', redoLabel: null });
    expect((await a.ok('redo', {})).label).toBe('Create highlight');
    expect(store.data.highlights.map((h) => h.id).sort()).toEqual([mine.id, theirs.id].sort());
  });

  it('keeps two clients’ note typing apart, and refuses an undo over the other client’s later change', async () => {
    const { backend, store, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const [a, b] = [client(backend, 'tab-a'), client(backend, 'tab-b')];
    await a.ok('updateHighlight', { highlightId: h.id, note: 'A' });
    await b.ok('updateHighlight', { highlightId: h.id, note: 'B' });
    const refused = await a.call('undo', {});
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'Cannot undo "Edit note": what it changed has been changed since (in another window or tab).',
      },
    });
    expect(store.data.highlights[0]!.note).toBe('B');
    // B's undo puts A's note back; then A's own undo is allowed again.
    await b.ok('undo', {});
    expect(store.data.highlights[0]!.note).toBe('A');
    await a.ok('undo', {});
    expect(store.data.highlights[0]!.note).toBe('');
    expect(await libraryOnDisk(store.dataDir)).toEqual(store.data);
  });

  it('refuses to undo a tag’s creation once another client has applied it', async () => {
    const { backend, store, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const [a, b] = [client(backend, 'tab-a'), client(backend, 'tab-b')];
    const tag = await a.ok('createTag', { name: 'Threat', color: '#aa3300' });
    await b.ok('updateHighlight', { highlightId: h.id, tagIds: [tag.id] });
    const refused = await a.call('undo', {});
    expect(refused.ok === false && refused.error.message).toBe(
      'Cannot undo "Create tag "Threat"": 1 highlight uses what it would remove (added since, in another window or tab).',
    );
    expect(store.data.tags.some((t) => t.id === tag.id)).toBe(true);
  });

  it('puts every stamp back when a step, a coalesced step, an undo or a redo cannot be written', async () => {
    const { backend, store, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const [a, b] = [client(backend, 'tab-a'), client(backend, 'tab-b')];
    const { save } = store;
    const failingOnce = async (act: () => Promise<unknown>) => {
      (store as { save: Store['save'] }).save = () => Promise.reject(new Error('disk full'));
      try {
        await act();
      } finally {
        (store as { save: Store['save'] }).save = save;
      }
    };
    await a.ok('updateHighlight', { highlightId: h.id, note: 'A' });
    // B's change to the same highlight fails: A's step is still the last to have changed it, so A may undo it.
    await failingOnce(() => b.call('updateHighlight', { highlightId: h.id, note: 'B' }));
    // A's typing goes on, coalesced into A's step, and fails: the step is as it was.
    await failingOnce(() => a.call('updateHighlight', { highlightId: h.id, note: 'AA' }));
    // A's undo fails, then succeeds; the redo fails, then succeeds.
    await failingOnce(() => a.call('undo', {}));
    expect((await a.ok('undo', {})).label).toBe('Edit note');
    expect(store.highlight(h.id)!.note).toBe('');
    await failingOnce(() => a.call('redo', {}));
    expect((await a.ok('redo', {})).label).toBe('Edit note');
    expect(store.highlight(h.id)!.note).toBe('A');
    // B changes it now: A's step is no longer A's to undo, and B's is.
    await b.ok('updateHighlight', { highlightId: h.id, note: 'B' });
    expect((await a.call('undo', {})).ok).toBe(false);
    expect((await b.ok('undo', {})).label).toBe('Edit note');
    expect((await a.ok('undo', {})).label).toBe('Edit note');
    expect(store.highlight(h.id)!.note).toBe('');
    expect(await libraryOnDisk(store.dataDir)).toEqual(store.data);
  });

  /**
   * A store whose writes can be held and then failed: `hold()` makes the next write wait until `fail()` rejects it
   * (what a full disk does, at the moment the test chooses).
   */
  function heldWrites(store: Store) {
    const { save } = store;
    const held: Array<(error: Error) => void> = [];
    let holdNext = 0;
    (store as { save: Store['save'] }).save = (touched) => {
      if (holdNext === 0) return save(touched);
      holdNext--;
      return new Promise((_, reject) => held.push(reject));
    };
    const waitForHeld = async (count: number) => {
      while (held.length < count) await new Promise((resolve) => setImmediate(resolve));
    };
    return { hold: () => void holdNext++, waitForHeld, fail: (i: number) => held[i]!(new Error('disk full')) };
  }

  it('puts back what is on disk when two steps, one on top of the other, both fail to be written', async () => {
    const { backend, store, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const [a, b] = [client(backend, 'tab-a'), client(backend, 'tab-b')];
    const writes = heldWrites(store);
    writes.hold();
    writes.hold();
    const aEdit = a.call('updateHighlight', { highlightId: h.id, note: 'A' });
    await writes.waitForHeld(1);
    const bEdit = b.call('updateHighlight', { highlightId: h.id, note: 'B' });
    await writes.waitForHeld(2);
    writes.fail(0);
    expect((await aEdit).ok).toBe(false);
    writes.fail(1);
    expect((await bEdit).ok).toBe(false);
    // Neither note was written: memory holds what the disk holds, not A's note that B's step was made on.
    expect(store.highlight(h.id)).toEqual(h);
    expect(await libraryOnDisk(store.dataDir)).toEqual(store.data);
    // Neither step is in its client's history.
    expect((await a.ok('getWorkspace', {})).history.undoLabel).toBeNull();
    expect((await b.ok('getWorkspace', {})).history.undoLabel).toBeNull();
  });

  it("keeps another client's edit made on top of a step whose write then failed; its undo works, and is written", async () => {
    const { backend, store, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const [a, b] = [client(backend, 'tab-a'), client(backend, 'tab-b')];
    const writes = heldWrites(store);
    writes.hold();
    const aEdit = a.call('updateHighlight', { highlightId: h.id, note: 'A' });
    await writes.waitForHeld(1);
    // B edits the highlight as A's step left it, and B's write succeeds; then A's write fails.
    await b.ok('updateHighlight', { highlightId: h.id, note: 'B' });
    writes.fail(0);
    expect((await aEdit).ok).toBe(false);
    expect(store.highlight(h.id)!.note).toBe('B');
    expect(await libraryOnDisk(store.dataDir)).toEqual(store.data);
    // B's undo puts back the record B's step was made on, A's, and writes it: the disk now holds A's note, and a
    // step on it that fails in turn is taken back to it.
    expect((await b.ok('undo', {})).label).toBe('Edit note');
    expect(store.highlight(h.id)!.note).toBe('A');
    expect(await libraryOnDisk(store.dataDir)).toEqual(store.data);
    writes.hold();
    const bEdit = b.call('updateHighlight', { highlightId: h.id, note: 'C' });
    await writes.waitForHeld(2);
    writes.fail(1);
    expect((await bEdit).ok).toBe(false);
    expect(store.highlight(h.id)!.note).toBe('A');
    expect(await libraryOnDisk(store.dataDir)).toEqual(store.data);
  });

  it('refuses an undo whose record a step taken back on a full disk had left to another client', async () => {
    const { backend, store, document, tagIds } = await openSampleBackend(await tempDir());
    const [a, b] = [client(backend, 'tab-a'), client(backend, 'tab-b')];
    const start = document.text.indexOf(SAMPLE_CLAIM);
    const span = { documentId: document.id, start, end: start + SAMPLE_CLAIM.length, quote: SAMPLE_CLAIM };
    const h = await a.ok('createHighlight', { ...span, tagIds: [tagIds[0]!] });
    await b.ok('deleteHighlight', { highlightId: h.id });
    const writes = heldWrites(store);
    // B's undo puts the highlight back, A edits it meanwhile, and then both writes fail.
    writes.hold();
    const bUndo = b.call('undo', {});
    await writes.waitForHeld(1);
    writes.hold();
    const aEdit = a.call('updateHighlight', { highlightId: h.id, note: 'A' });
    await writes.waitForHeld(2);
    writes.fail(0);
    expect((await bUndo).ok).toBe(false);
    writes.fail(1);
    expect((await aEdit).ok).toBe(false);
    expect(store.highlight(h.id)).toBeUndefined();
    expect(await libraryOnDisk(store.dataDir)).toEqual(store.data);
    // B's deletion is still the last step on the highlight: A's creation cannot be undone, B's deletion can.
    expect(await a.call('undo', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await b.ok('undo', {})).label).toBe('Delete highlight');
    expect(store.highlight(h.id)?.id).toBe(h.id);
    expect(await libraryOnDisk(store.dataDir)).toEqual(store.data);
  });

  it('keeps every history intact under any interleaving of clients (property)', async () => {
    const quotes = [SAMPLE_CLAIM, OBSERVERS, 'peacekeepers', 'ceasefire', 'Ukraine'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), quote: fc.constantFrom(...quotes) }),
      fc.record({ kind: fc.constant('note' as const), pick: fc.nat(), note: fc.string({ maxLength: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.constant({ kind: 'undo' as const }),
      fc.constant({ kind: 'redo' as const }),
      // The next write fails (a full disk, say), some turns later: whichever client's step it is, that step is taken
      // back, while other clients' steps may have been made on top of it meanwhile.
      fc.record({ kind: fc.constant('fail' as const), turns: fc.nat({ max: 4 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { maxLength: 12 }), { minLength: 2, maxLength: 3 }), async (scripts) => {
        const { backend, store, document, tagIds } = await openSampleBackend(await tempDir());
        const failures: string[] = [];
        const { save } = store;
        const writesToFail: number[] = [];
        (store as { save: Store['save'] }).save = async (touched) => {
          const turns = writesToFail.shift();
          if (turns === undefined) return save(touched);
          for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
          throw new Error('disk full');
        };
        const run = async (clientId: string, script: (typeof scripts)[number]) => {
          const c = client(backend, clientId);
          for (const step of script) {
            const ids = store.data.highlights.map((h) => h.id);
            let result;
            switch (step.kind) {
              case 'create': {
                const start = document.text.indexOf(step.quote);
                const span = { start, end: start + step.quote.length, quote: step.quote };
                result = await c.call('createHighlight', { documentId: document.id, ...span, tagIds: [tagIds[0]!] });
                break;
              }
              case 'note':
              case 'delete': {
                if (ids.length === 0) continue;
                const highlightId = ids[step.pick % ids.length]!;
                // Another client may delete it first: "not found" is a fair answer then.
                result =
                  step.kind === 'note'
                    ? await c.call('updateHighlight', { highlightId, note: step.note })
                    : await c.call('deleteHighlight', { highlightId });
                break;
              }
              case 'fail':
                writesToFail.push(step.turns);
                continue;
              default:
                result = await c.call(step.kind, {});
            }
            // Refused (conflict) or not found is an answer, and so is a write that failed; an internal error is a
            // broken history.
            if (!result.ok && result.error.code === 'internal' && !result.error.message.includes('disk full')) {
              failures.push(result.error.message);
            }
          }
        };
        await Promise.all(scripts.map((script, i) => run(`client-${i}`, script)));
        writesToFail.length = 0;
        // Then each client undoes all it can: every answer is a step undone, a clear refusal, or the end.
        for (let i = 0; i < scripts.length; i++) {
          const c = client(backend, `client-${i}`);
          for (let n = 0; n < 50; n++) {
            const result = await c.call('undo', {});
            if (!result.ok) {
              if (result.error.code !== 'conflict') failures.push(result.error.message);
              break;
            }
            if ((result.value as { label: string | null }).label === null) break;
          }
        }
        expect(failures).toEqual([]);
        const onDisk = await libraryOnDisk(store.dataDir);
        const byId = (list: { id: string }[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
        expect(byId(onDisk.highlights)).toEqual(byId(store.data.highlights));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
