import { describe, expect, it } from 'vitest';
import { findAll } from './FindBar';

describe('findAll', () => {
  it('finds every occurrence, ignoring case, as text offsets', () => {
    const text = 'NATO and nato and Nato';
    expect(findAll(text, 'nato')).toEqual([
      { start: 0, end: 4 },
      { start: 9, end: 13 },
      { start: 18, end: 22 },
    ]);
  });
  it('finds nothing for an empty query', () => {
    expect(findAll('abc', '')).toEqual([]);
  });
  it('keeps offsets exact where lower-casing changes the length', () => {
    const text = 'İstanbul and İstanbul'; // "İ" lower-cases to two code units
    expect(findAll(text, 'İstanbul')).toEqual([
      { start: 0, end: 8 },
      { start: 13, end: 21 },
    ]);
  });
});
