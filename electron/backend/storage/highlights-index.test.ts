import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database, Highlight } from '../../../shared/domain';
import { applyChanges, insert, remove, replace, type Change } from '../change-set';
import { HighlightsIndex } from './highlights-index';

const DOCUMENTS = ['d0', 'd1', 'd2', 'd3'];

const highlight = (id: string, documentId: string, note = ''): Highlight =>
  ({ id, documentId, start: 0, end: 1, quote: 'x', tagIds: [], stances: [], note }) as unknown as Highlight;

/** What the index must give: the document's highlights in the library's order. */
const reference = (data: Database, documentId: string) => data.highlights.filter((h) => h.documentId === documentId);

/** One thing a session does to the highlights, drawn with numbers that pick among those there are. */
type Action =
  | { kind: 'create'; document: number }
  | { kind: 'edit'; pick: number; move: number | null }
  | { kind: 'delete'; picks: number[] }
  | { kind: 'mixed'; ops: Array<{ op: 'create' | 'edit' | 'delete'; pick: number; document: number }> }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'outside'; document: number }
  | { kind: 'ask'; documents: number[] }
  | { kind: 'find'; pick: number }
  | { kind: 'build'; steps: number };

const document = fc.nat({ max: DOCUMENTS.length - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), document }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      pick: fc.nat(),
      move: fc.option(document, { freq: 5 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 80 }),
    }),
  },
  {
    // One step of many kinds of change, several to one document (deleting a tag edits ten highlights in each).
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('mixed' as const),
      ops: fc.array(
        fc.record({
          op: fc.constantFrom('create' as const, 'edit' as const, 'delete' as const),
          pick: fc.nat(),
          document,
        }),
        { minLength: 1, maxLength: 30 },
      ),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'redo' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('outside' as const), document }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('ask' as const), documents: fc.subarray([0, 1, 2, 3], { minLength: 1 }) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('find' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('build' as const), steps: fc.integer({ min: 1, max: 3 }) }) },
);

/** Runs actions as the store does: each step applied, then the index told; undo and redo apply a step backwards. */
function run(actions: readonly Action[], start: number): void {
  const data = { highlights: [], documents: [], tags: [], entities: [], variables: [] } as unknown as Database;
  for (let i = 0; i < start; i++) data.highlights.push(highlight(`s${i}`, DOCUMENTS[i % DOCUMENTS.length]!));
  // The map by id is built a slice at a time when the test says so, between the session's steps.
  const build: { steps: Generator<undefined, void> | null } = { steps: null };
  const index = new HighlightsIndex({ run: (steps) => void (build.steps = steps), slice: 7 });
  /** Every id there has been, to look up those that are gone too. */
  const everId: string[] = data.highlights.map((h) => h.id);
  const apply = (changes: Change[], direction: 'forward' | 'backward') => {
    applyChanges(data, changes, direction);
    index.applied(data.highlights, changes, direction);
  };
  const done: Change[][] = [];
  const undone: Change[][] = [];
  /** Lists the index gave, with what they held then: they must never change afterwards. */
  const given: { list: readonly Highlight[]; held: Highlight[] }[] = [];
  let next = 0;
  const step = (changes: Change[]) => {
    for (const change of changes) if (change.kind === 'record' && change.after) everId.push(change.after.id);
    apply(changes, 'forward');
    done.push(changes);
    undone.length = 0;
  };
  for (const a of actions) {
    const all = data.highlights;
    switch (a.kind) {
      case 'create':
        step([insert('highlights', highlight(`h${next++}`, DOCUMENTS[a.document]!))]);
        break;
      case 'edit': {
        if (all.length === 0) break;
        const before = all[a.pick % all.length]!;
        const after = { ...before, note: `edited ${next++}`, documentId: DOCUMENTS[a.move ?? -1] ?? before.documentId };
        step([replace('highlights', before, after)]);
        break;
      }
      case 'delete': {
        if (all.length === 0) break;
        const picked = [...new Set(a.picks.map((p) => all[p % all.length]!))];
        step(picked.map((h) => remove('highlights', h)));
        break;
      }
      case 'mixed': {
        // Each change names the record as the changes before it in the step left it.
        const current = new Map(all.map((h) => [h.id, h]));
        const changes: Change[] = [];
        for (const { op, pick, document: d } of a.ops) {
          const ids = [...current.keys()];
          const before = ids.length > 0 ? current.get(ids[pick % ids.length]!)! : null;
          if (op === 'create' || !before) {
            const created = highlight(`h${next++}`, DOCUMENTS[d]!);
            current.set(created.id, created);
            changes.push(insert('highlights', created));
          } else if (op === 'edit') {
            const after = {
              ...before,
              note: `edited ${next++}`,
              documentId: pick % 5 === 0 ? DOCUMENTS[d]! : before.documentId,
            };
            current.set(after.id, after);
            changes.push(replace('highlights', before, after));
          } else {
            current.delete(before.id);
            changes.push(remove('highlights', before));
          }
        }
        step(changes);
        break;
      }
      case 'undo': {
        const changes = done.pop();
        if (!changes) break;
        apply(changes, 'backward');
        undone.push(changes);
        break;
      }
      case 'redo': {
        const changes = undone.pop();
        if (!changes) break;
        apply(changes, 'forward');
        done.push(changes);
        break;
      }
      case 'outside':
        // What reading or recovering documents does: the list changed without the index being told.
        data.highlights.push(highlight(`o${next++}`, DOCUMENTS[a.document]!));
        break;
      case 'find': {
        if (everId.length === 0) break;
        const id = everId[a.pick % everId.length]!;
        expect(index.find(data.highlights, id)).toBe(data.highlights.find((h) => h.id === id));
        break;
      }
      case 'build':
        for (let i = 0; i < a.steps; i++) if (build.steps?.next().done) build.steps = null;
        break;
      case 'ask': {
        const ids = a.documents.map((d) => DOCUMENTS[d]!);
        const found = index.of(data.highlights, ids);
        for (const id of ids) {
          expect(found.get(id)).toEqual(reference(data, id));
          given.push({ list: found.get(id)!, held: [...found.get(id)!] });
        }
        break;
      }
    }
  }
  const found = index.of(data.highlights, DOCUMENTS);
  for (const id of DOCUMENTS) expect(found.get(id)).toEqual(reference(data, id));
  for (const { list, held } of given) expect(list).toEqual(held);
  // The map built to its end: every id, present or gone, is found as a pass finds it.
  index.find(data.highlights, 'none');
  while (build.steps && !build.steps.next().done);
  for (const id of [...everId, 'none'])
    expect(index.find(data.highlights, id)).toBe(data.highlights.find((h) => h.id === id));
}

describe('the highlights of each document', () => {
  it('are those of a pass over every highlight, in order, after any steps, undos, redos and outside changes', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), fc.nat({ max: 300 }), (actions, start) => run(actions, start)),
      { numRuns: 400 },
    );
  });

  it('follows a step that changes many highlights of one document (a replaced text), and undoing it', () => {
    const data = { highlights: [] as Highlight[] } as Database;
    for (let i = 0; i < 500; i++) data.highlights.push(highlight(`h${i}`, DOCUMENTS[i % 2]!));
    const index = new HighlightsIndex();
    index.of(data.highlights, DOCUMENTS);
    const moved = data.highlights
      .filter((h) => h.documentId === 'd0')
      .map((h) => replace('highlights', h, { ...h, note: 'moved' }));
    applyChanges(data, moved, 'forward');
    index.applied(data.highlights, moved, 'forward');
    expect(index.of(data.highlights, ['d0']).get('d0')).toEqual(reference(data, 'd0'));
    applyChanges(data, moved, 'backward');
    index.applied(data.highlights, moved, 'backward');
    expect(index.of(data.highlights, ['d0', 'd1'])).toEqual(
      new Map([
        ['d0', reference(data, 'd0')],
        ['d1', reference(data, 'd1')],
      ]),
    );
  });

  it('is found again after a step that failed halfway, told with forget()', () => {
    const data = { highlights: [highlight('a', 'd0'), highlight('b', 'd0')] } as Database;
    const index = new HighlightsIndex();
    index.of(data.highlights, ['d0']);
    const edited = { ...data.highlights[0]!, note: 'edited' };
    const failing = [replace('highlights', data.highlights[0]!, edited), remove('highlights', highlight('zz', 'd0'))];
    expect(() => applyChanges(data, failing, 'forward')).toThrow('Cannot remove missing highlights record zz.');
    index.forget();
    expect(index.of(data.highlights, ['d0']).get('d0')).toEqual([edited, data.highlights[1]]);
  });

  it('takes the lists the documents were read with, and a save then needs no pass over the whole list', () => {
    const d0 = [highlight('a', 'd0'), highlight('b', 'd0')];
    const d1 = [highlight('c', 'd1')];
    const all = [...d0, ...d1];
    const index = new HighlightsIndex();
    index.adopt(
      all,
      new Map([
        ['d0', d0],
        ['d1', d1],
      ]),
    );
    // A list that is not a pass over `all` shows it is the adopted one that is given.
    expect(index.of(all, ['d0']).get('d0')).toBe(d0);
    all.push(highlight('e', 'd1'));
    // Changed without the index being told: it finds the lists again.
    expect(index.of(all, ['d1']).get('d1')).toEqual([d1[0], all[3]]);
  });
});
