import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextAround } from './context';

const hasLoneSurrogate = (s: string) => /\p{Cs}/u.test(s);

describe('contextAround', () => {
  it('gives up to the length each side, shorter at the text’s ends', () => {
    const text = 'abcdefghij';
    expect(contextAround(text, 4, 6, 3)).toEqual({ left: 'bcd', right: 'ghi' });
    expect(contextAround(text, 1, 9, 3)).toEqual({ left: 'a', right: 'j' });
    expect(contextAround(text, 0, 10, 3)).toEqual({ left: '', right: '' });
  });

  it('never cuts a character in two at either edge', () => {
    // "😀" is two UTF-16 code units: a context of 3 from either side would end inside it.
    const text = 'x😀abc😀y';
    expect(contextAround(text, 3, 6, 3)).toEqual({ left: 'x😀', right: '😀y' });
    expect(contextAround(text, 4, 5, 3)).toEqual({ left: '😀a', right: 'c😀' });
    expect(contextAround(text, 4, 5, 2)).toEqual({ left: 'a', right: 'c' });
  });

  it('never holds half a character, and is the text around the passage, in any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', ' ', 'é', '😀', '𝄞', '\n'), { maxLength: 40 }).map((cs) => cs.join('')),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 12 }),
        (text, a, b, length) => {
          // A passage on character boundaries, as a highlight or a match always is.
          const boundaries = [...text].reduce((all, c) => [...all, all.at(-1)! + c.length], [0]);
          const [start, end] = [boundaries[a % boundaries.length]!, boundaries[b % boundaries.length]!].sort(
            (x, y) => x - y,
          );
          const { left, right } = contextAround(text, start!, end!, length);
          expect(hasLoneSurrogate(left) || hasLoneSurrogate(right)).toBe(false);
          expect(text.slice(0, start).endsWith(left)).toBe(true);
          expect(text.slice(end).startsWith(right)).toBe(true);
          expect(left.length).toBeLessThanOrEqual(length);
          expect(right.length).toBeLessThanOrEqual(length);
          expect(left.length).toBeGreaterThanOrEqual(Math.min(length, start!) - 1);
          expect(right.length).toBeGreaterThanOrEqual(Math.min(length, text.length - end!) - 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
