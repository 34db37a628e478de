import { describe, expect, it } from 'vitest';
import { NameIndex, sameName } from './names';

describe('names', () => {
  it('are the same entry whatever their case and surrounding spaces', () => {
    expect(sameName(' Russia', 'RUSSIA ')).toBe(true);
    expect(sameName('Kyïv', 'KYÏV')).toBe(true);
    expect(sameName('Russia', 'Russian')).toBe(false);
  });

  it('are looked up as sameName compares them, the first entry of a name kept, apart in each scope', () => {
    const index = new NameIndex<{ id: string; name: string; parent: string }>(
      (e) => e.name,
      (e) => e.parent,
    ).add([
      { id: 'a', name: 'Economy', parent: '' },
      { id: 'b', name: ' economy ', parent: '' },
      { id: 'c', name: 'Economy', parent: 'a' },
    ]);
    expect(index.find('ECONOMY')?.id).toBe('a');
    expect(index.find('economy', 'a')?.id).toBe('c');
    expect(index.find('economy', 'b')).toBeUndefined();
    index.add([{ id: 'd', name: 'Taxes', parent: 'a' }]);
    expect(index.find(' taxes', 'a')?.id).toBe('d');
    expect(index.find('Taxes')).toBeUndefined();
    // A scope and a name cannot run into each other's.
    const joined = new NameIndex<{ name: string; scope: string }>(
      (e) => e.name,
      (e) => e.scope,
    ).add([{ name: 'b', scope: 'a' }]);
    expect(joined.find('ab')).toBeUndefined();
    expect(joined.find('b', 'a')).toBeDefined();
  });
});
