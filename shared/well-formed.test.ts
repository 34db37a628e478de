import { describe, expect, it } from 'vitest';
import { findMalformedString } from './well-formed';

describe('findMalformedString', () => {
  it('accepts well-formed text, emoji and Cyrillic included', () => {
    expect(findMalformedString({ note: 'Путин 😀', tags: ['a', 'b'], n: 3, none: null })).toBeNull();
  });

  it('finds a lone high or low surrogate, and says where', () => {
    expect(findMalformedString({ note: 'x\uD800' })).toBe('note');
    expect(findMalformedString({ stances: [{ name: 'ok' }, { name: '\uDC00y' }] })).toBe('stances.1.name');
    expect(findMalformedString('\uDFFF\uD83D')).toBe('the top level');
    expect(findMalformedString({ ['k\uD800']: 1 })).toBe('k\uD800');
  });
});
