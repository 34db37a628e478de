import { describe, expect, it } from 'vitest';
import { jsonAt, jsonElements } from './json-elements';

/** What the exports wrote before: each line of the value indented afterwards. */
const indentedAfterwards = (value: unknown, depth: number) => {
  const pad = '  '.repeat(depth);
  return pad + JSON.stringify(value, null, 2).replaceAll('\n', `\n${pad}`);
};

const values: unknown[] = [
  { id: 'a', tagIds: [], stances: [{ holderId: null, targetId: 't', stance: 'favor' }], note: 'line\nbreak "quoted"' },
  { nested: { empty: {}, list: [[], [1, [2, {}]]] }, text: 'Київ — ünïcödé 😀', escaped: '\\n\t\u2028' },
  'a string',
  42,
  null,
  [],
  {},
];

describe('jsonElements', () => {
  it.each([1, 2, 3, 4])('writes each element as JSON.stringify(…, null, 2) would inside arrays %i deep', (depth) => {
    expect(jsonElements(values, depth)).toBe(values.map((v) => indentedAfterwards(v, depth)).join(',\n'));
    for (const value of values) expect(jsonAt(value, depth)).toBe(indentedAfterwards(value, depth));
  });

  it('gives nothing for no elements, and the elements parse back inside brackets', () => {
    expect(jsonElements([], 2)).toBe('');
    expect(JSON.parse(`[${jsonElements(values, 2)}]`)).toEqual(values);
  });
});
