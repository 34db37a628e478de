import { describe, expect, it } from 'vitest';
import { entryIn, groupBy, listIn } from './collections';

describe('entryIn and listIn', () => {
  it('make an entry once and give the same one after', () => {
    const map = new Map<string, number[]>();
    const first = listIn(map, 'a');
    first.push(1);
    listIn(map, 'a').push(2);
    expect(map.get('a')).toBe(first);
    expect(map).toEqual(new Map([['a', [1, 2]]]));
    let made = 0;
    const counts = new Map<string | null, { n: number }>();
    entryIn(counts, null, () => ({ n: made++ })).n += 5;
    entryIn(counts, null, () => ({ n: made++ })).n += 1;
    expect(made).toBe(1);
    expect(counts.get(null)).toEqual({ n: 6 });
  });

  it('keep a stored falsy value rather than making it again', () => {
    const map = new Map<string, number>([['zero', 0]]);
    expect(entryIn(map, 'zero', () => 7)).toBe(0);
    expect(map.get('zero')).toBe(0);
  });
});

describe('groupBy', () => {
  it('groups in the items’ order, keys in the order first seen', () => {
    const grouped = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect([...grouped]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ]);
    expect(groupBy([], (s: string) => s).size).toBe(0);
  });
});
