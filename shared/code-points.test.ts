import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointsAfter, codePointsBefore, createCodePointConverter, utf16OffsetsOf } from './code-points';

describe('createCodePointConverter', () => {
  it('is the identity for text without surrogate pairs (Cyrillic, Arabic, combining marks)', () => {
    const text = 'Россия — قال e\u0301';
    const toCp = createCodePointConverter(text);
    for (let i = 0; i <= text.length; i++) expect(toCp(i)).toBe(i);
  });

  it('counts each emoji as one code point, agreeing with Array.from', () => {
    const text = 'a😀b👍🏽c𝔘d';
    const toCp = createCodePointConverter(text);
    const cps = Array.from(text);
    let utf16 = 0;
    cps.forEach((cp, index) => {
      expect(toCp(utf16)).toBe(index);
      utf16 += cp.length;
    });
    expect(toCp(text.length)).toBe(cps.length);
  });
});

describe('codePointsBefore / codePointsAfter', () => {
  const text = 'ab😀cd😀ef';
  it('takes whole code points', () => {
    expect(codePointsBefore(text, text.indexOf('cd'), 2)).toBe('b😀');
    expect(codePointsAfter(text, text.indexOf('cd') + 2, 2)).toBe('😀e');
    expect(codePointsBefore(text, 1, 32)).toBe('a');
    expect(codePointsAfter(text, text.length - 1, 32)).toBe('f');
  });
});

describe('utf16OffsetsOf', () => {
  /** Where each code point starts, listed one by one: what it answered before, as a reference. */
  const everyOffset = (text: string): number[] => {
    const starts: number[] = [];
    for (let i = 0; i < text.length; i++) {
      starts.push(i);
      const code = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    }
    return [...starts, text.length];
  };

  it('gives each code point offset its UTF-16 offset, and null outside the text, as the list of every offset did', () => {
    // Emoji, lone surrogates (either half), and plain text; offsets inside, at the ends, beyond and not whole.
    const piece = fc.constantFrom('a', 'Ж', '😀', '👍🏽', '\ud83d', '\ude00', '𝔘', ' ');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.array(fc.double({ min: -3, max: 130 }), { maxLength: 20 }),
        (pieces, asked) => {
          const text = pieces.join('');
          const list = everyOffset(text);
          const toUtf16 = utf16OffsetsOf(text);
          for (let cp = -2; cp <= list.length + 1; cp++) expect(toUtf16(cp)).toBe(list[cp] ?? null);
          for (const cp of asked) expect(toUtf16(cp)).toBe(Number.isInteger(cp) ? (list[cp] ?? null) : null);
        },
      ),
    );
    expect(utf16OffsetsOf('a😀b')(2)).toBe(3);
  });
});
