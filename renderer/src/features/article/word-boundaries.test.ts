import { describe, expect, it } from 'vitest';
import { isWordChar, moveBoundary, snapToWords } from './word-boundaries';

const TEXT = 'He said: "NATO and peacekeeping don’t mix," Grushko’s three-year-old view. Ёлка 😀 ok';
const span = (quote: string) => {
  const start = TEXT.indexOf(quote);
  return { start, end: start + quote.length };
};
const slice = (s: { start: number; end: number } | null) => (s ? TEXT.slice(s.start, s.end) : null);

describe('snapToWords', () => {
  it('grows partial words at both ends', () => {
    expect(slice(snapToWords(TEXT, span('TO and peacek')))).toBe('NATO and peacekeeping');
  });
  it('keeps apostrophes and hyphens inside words', () => {
    expect(slice(snapToWords(TEXT, span('on’')))).toBe('don’t');
    expect(slice(snapToWords(TEXT, span('year')))).toBe('three-year-old');
    expect(slice(snapToWords(TEXT, span('shko')))).toBe('Grushko’s');
  });
  it('never adds surrounding spaces or punctuation', () => {
    expect(slice(snapToWords(TEXT, span('"NATO')))).toBe('"NATO');
    expect(slice(snapToWords(TEXT, span('mix,"')))).toBe('mix,"');
    expect(slice(snapToWords(TEXT, span('лк')))).toBe('Ёлка');
  });
  it('treats punctuation between letters as a boundary', () => {
    expect(isWordChar(TEXT, TEXT.indexOf(':'))).toBe(false);
    expect(isWordChar('a-', 1)).toBe(false);
  });
});

describe('moveBoundary', () => {
  const claim = span('NATO and peacekeeping');
  it('moves either end by a word', () => {
    expect(slice(moveBoundary(TEXT, claim, 'extend-start', true))).toBe('said: "NATO and peacekeeping');
    expect(slice(moveBoundary(TEXT, claim, 'shrink-start', true))).toBe('and peacekeeping');
    expect(slice(moveBoundary(TEXT, claim, 'shrink-end', true))).toBe('NATO and');
    expect(slice(moveBoundary(TEXT, claim, 'extend-end', true))).toBe('NATO and peacekeeping don’t');
  });
  it('moves by a character without word snapping, keeping emoji whole', () => {
    expect(slice(moveBoundary(TEXT, claim, 'extend-start', false))).toBe('"NATO and peacekeeping');
    expect(slice(moveBoundary(TEXT, claim, 'shrink-end', false))).toBe('NATO and peacekeepin');
    expect(slice(moveBoundary(TEXT, span('Ёлка '), 'extend-end', false))).toBe('Ёлка 😀');
  });
  it('refuses a move that would leave nothing or leave the text', () => {
    expect(moveBoundary(TEXT, span('NATO'), 'shrink-start', true)).toBeNull();
    expect(moveBoundary(TEXT, span('He'), 'extend-start', false)).toBeNull();
    expect(moveBoundary(TEXT, span(' ok'), 'extend-end', true)).toBeNull();
  });
});
