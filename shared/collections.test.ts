import { describe, expect, it } from 'vitest';
import { entryIn, groupBy, listIn, pushAll } from './collections';

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

describe('pushAll', () => {
  it('appends more items than a call takes as arguments, in order', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    expect(() => [0].push(...many)).toThrow(RangeError);
    const list = [-1];
    pushAll(list, many);
    expect(list).toHaveLength(300_001);
    expect(list.slice(0, 3)).toEqual([-1, 0, 1]);
    expect(list.at(-1)).toBe(299_999);
    pushAll(list, new Set([7]));
    expect(list.at(-1)).toBe(7);
  });
});
