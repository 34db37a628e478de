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

describe('a step of many replacements', () => {
  /** The reference: each change on its own, its record found by id. */
  function oneAtATime(start: readonly Tag[], changes: readonly Change[]): Tag[] {
    const list = [...start];
    for (const change of changes) {
      if (change.kind !== 'record') continue;
      const [from, to] = [change.before as Tag | null, change.after as Tag | null];
      const at = from ? list.findIndex((t) => t.id === from.id) : -1;
      if (from && to) list[at] = to;
      else if (from) list.splice(at, 1);
      else if (to) list.push(to);
    }
    return list;
  }

  it('replaces each record where it is, among insertions and removals, and undo puts every one back', () => {
    const steps = fc
      .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 120 })
      .chain((numbers) =>
        fc.tuple(
          fc.constant(numbers.map((n) => tag(`t${n}`))),
          // For each record: leave it, rename it (once or twice in the step), or remove it; and records added between.
          fc.array(fc.constantFrom('keep', 'rename', 'rename twice', 'remove', 'rename as a copy'), {
            minLength: numbers.length,
            maxLength: numbers.length,
          }),
          fc.array(fc.nat({ max: numbers.length }), { maxLength: 20 }),
        ),
      );
    fc.assert(
      fc.property(steps, ([start, fates, insertAt]) => {
        const data = library([]);
        data.tags = [...start];
        const changes: Change[] = [];
        start.forEach((record, i) => {
          for (let n = insertAt.filter((at) => at === i).length; n > 0; n--) {
            changes.push(insert('tags', tag(`new${changes.length}`)));
          }
          const renamed = { ...record, name: `${record.name}'` };
          switch (fates[i]) {
            case 'rename':
              changes.push({ kind: 'record', collection: 'tags', before: record, after: renamed });
              break;
            case 'rename twice':
              changes.push({ kind: 'record', collection: 'tags', before: record, after: renamed });
              changes.push({ kind: 'record', collection: 'tags', before: renamed, after: { ...renamed, name: 'x' } });
              break;
            // A record equal to the one in the list but not that very object: found by its id.
            case 'rename as a copy':
              changes.push({ kind: 'record', collection: 'tags', before: { ...record }, after: renamed });
              break;
            case 'remove':
              changes.push(remove('tags', record));
              break;
          }
        });
        const expected = oneAtATime(start, changes);
        applyChanges(data, changes, 'forward');
        expect(data.tags).toEqual(expected);
        applyChanges(data, changes, 'backward');
        expect(data.tags).toEqual(start);
        applyChanges(data, changes, 'forward');
        expect(data.tags).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
