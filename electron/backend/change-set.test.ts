import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database, Tag } from '../../shared/domain';
import { applyChanges, insert, remove, type Change } from './change-set';

const tag = (id: string): Tag => ({ id, name: id, color: '#000000', description: '', parentId: null });
const library = (ids: readonly string[]): Database =>
  ({ tags: ids.map(tag), highlights: [], documents: [], entities: [], variables: [] }) as unknown as Database;
const ids = (data: Database) => data.tags.map((t) => t.id);

/** The reference: each removal on its own, as a splice at the record's place then. */
function oneByOne(start: readonly string[], removed: readonly string[]): { list: string[]; indexes: number[] } {
  const list = [...start];
  const indexes = removed.map((id) => {
    const at = list.indexOf(id);
    list.splice(at, 1);
    return at;
  });
  return { list, indexes };
}

describe('a step of many removals', () => {
  it('removes them as one by one would, records each one’s place, and undo puts every one back', () => {
    const lists = fc
      .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 2, maxLength: 60 })
      .chain((numbers) => {
        const start = numbers.map((n) => `t${n}`);
        return fc.tuple(fc.constant(start), fc.shuffledSubarray(start, { minLength: 2 }));
      });
    fc.assert(
      fc.property(lists, ([start, removed]) => {
        const data = library(start);
        const changes = removed.map((id) =>
          remove(
            'tags',
            data.tags.find((t) => t.id === id)!,
          ),
        );
        applyChanges(data, changes, 'forward');
        const reference = oneByOne(start, removed);
        expect(ids(data)).toEqual(reference.list);
        expect(changes.map((c) => (c as { index?: number }).index)).toEqual(reference.indexes);
        applyChanges(data, changes, 'backward');
        expect(ids(data)).toEqual(start);
        // Redo, then undo again: the same both ways.
        applyChanges(data, changes, 'forward');
        expect(ids(data)).toEqual(reference.list);
        applyChanges(data, changes, 'backward');
        expect(ids(data)).toEqual(start);
      }),
      { numRuns: 500 },
    );
  });

  it('undoes thousands of insertions into a large list at once (undoing "Code all matches")', () => {
    const start = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
    const data = library(start);
    const added: Change[] = Array.from({ length: 5_000 }, (_, i) => insert('tags', tag(`new${i}`)));
    applyChanges(data, added, 'forward');
    expect(data.tags).toHaveLength(105_000);
    applyChanges(data, added, 'backward');
    expect(ids(data)).toEqual(start);
  });

  it('refuses to remove a record that is not there, naming it, and removes none of the run', () => {
    const data = library(['a', 'b']);
    const changes = [remove('tags', tag('a')), remove('tags', tag('zz'))];
    expect(() => applyChanges(data, changes, 'forward')).toThrow('Cannot remove missing tags record zz.');
    expect(ids(data)).toEqual(['a', 'b']);
  });
});
