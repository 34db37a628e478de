import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, quoteWithContext, splitsSurrogatePair } from './text-context';

describe('quoteWithContext', () => {
  it('keeps the quote and up to CONTEXT_LENGTH characters each side', () => {
    const text = `${'a'.repeat(50)}QUOTE${'b'.repeat(50)}`;
    const result = quoteWithContext(text, 50, 55);
    expect(result).toEqual({ quote: 'QUOTE', prefix: 'a'.repeat(CONTEXT_LENGTH), suffix: 'b'.repeat(CONTEXT_LENGTH) });
  });

  it('takes what there is at the edges of the text', () => {
    expect(quoteWithContext('abcdef', 0, 2)).toEqual({ quote: 'ab', prefix: '', suffix: 'cdef' });
    expect(quoteWithContext('abcdef', 4, 6)).toEqual({ quote: 'ef', prefix: 'abcd', suffix: '' });
  });

  it('never cuts an emoji in half at the context edges', () => {
    // The emoji's second UTF-16 unit sits exactly CONTEXT_LENGTH units before the quote.
    const text = `x😀${'p'.repeat(CONTEXT_LENGTH - 1)}Q${'s'.repeat(CONTEXT_LENGTH - 1)}😀y`;
    const start = text.indexOf('Q');
    const { prefix, suffix } = quoteWithContext(text, start, start + 1);
    expect(prefix).toBe('p'.repeat(CONTEXT_LENGTH - 1));
    expect(suffix).toBe('s'.repeat(CONTEXT_LENGTH - 1));
  });
});

describe('splitsSurrogatePair', () => {
  const text = 'a😀b';
  it('is true when either edge falls inside the pair', () => {
    expect(splitsSurrogatePair(text, 2, 4)).toBe(true);
    expect(splitsSurrogatePair(text, 0, 2)).toBe(true);
  });
  it('is false on character boundaries', () => {
    expect(splitsSurrogatePair(text, 1, 3)).toBe(false);
    expect(splitsSurrogatePair(text, 0, 4)).toBe(false);
  });
});
