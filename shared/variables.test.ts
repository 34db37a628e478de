import { describe, expect, it } from 'vitest';
import { variableValueProblem } from './variables';

const variable = (type: 'text' | 'number' | 'date' | 'category', values: string[] = []) => ({
  name: 'V',
  type,
  values,
});

describe('variableValueProblem', () => {
  it('takes what each type allows', () => {
    expect(variableValueProblem(variable('text'), 'anything, "quoted"')).toBeNull();
    expect(variableValueProblem(variable('number'), -1.5)).toBeNull();
    expect(variableValueProblem(variable('date'), '2024-02-29')).toBeNull();
    expect(variableValueProblem(variable('category', ['AT', 'UA']), 'UA')).toBeNull();
  });

  it('refuses, saying why, what a type does not take', () => {
    expect(variableValueProblem(variable('text'), 3)).toBe('"V" takes text.');
    expect(variableValueProblem(variable('number'), '3')).toBe('"V" takes a number.');
    expect(variableValueProblem(variable('number'), Number.NaN)).toBe('"V" takes a number.');
    expect(variableValueProblem(variable('date'), '2025-02-29')).toBe('"V" takes a date (YYYY-MM-DD).');
    expect(variableValueProblem(variable('date'), '2025-05-14T10:00')).toBe('"V" takes a date (YYYY-MM-DD).');
    expect(variableValueProblem(variable('category', ['AT', 'UA']), 'at')).toBe('"V" takes one of: "AT", "UA".');
    expect(variableValueProblem(variable('category'), 'x')).toBe('"V" takes one of: (no values yet).');
  });
});
