import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise-text';

describe('normaliseText', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(normaliseText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });
  it('composes to NFC', () => {
    const decomposed = 'Cafe\u0301';
    expect(normaliseText(decomposed)).toBe('Caf\u00e9');
  });
  it('leaves normalised text alone', () => {
    expect(normaliseText('Грушко said „no“ 😀')).toBe('Грушко said „no“ 😀');
  });
});
