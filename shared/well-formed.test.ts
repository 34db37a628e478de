import { describe, expect, it } from 'vitest';
import { findMalformedString, MAX_REQUEST_DEPTH, requestProblem } from './well-formed';

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

describe('requestProblem', () => {
  /** Lists in lists, `depth` deep, as JSON.parse makes them (it nests without limit). */
  const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

  it('says what is wrong with a request: a lone surrogate, or nesting beyond the limit, however deep', () => {
    expect(requestProblem({ documentId: 'd', stances: [{ holderId: null, note: 'ok 😀' }] })).toBeNull();
    expect(requestProblem({ note: 'x\uD800' })).toBe('the text at note is not valid Unicode (a lone surrogate).');
    expect(requestProblem(nested(MAX_REQUEST_DEPTH))).toBeNull();
    const tooDeep = `it nests lists and objects more than ${MAX_REQUEST_DEPTH} levels deep.`;
    expect(requestProblem(nested(MAX_REQUEST_DEPTH + 1))).toBe(tooDeep);
    // A hundred thousand levels overflowed the stack of the recursive walk.
    expect(requestProblem({ documentId: nested(100_000) })).toBe(tooDeep);
    expect(findMalformedString(nested(100_000))).toBeNull();
  });
});
