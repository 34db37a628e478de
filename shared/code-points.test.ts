import { describe, expect, it } from 'vitest';
import { codePointsAfter, codePointsBefore, createCodePointConverter } from './code-points';

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
