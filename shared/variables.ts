import { isPublishedDate } from './published-date';
import type { Variable, VariableValue } from './domain';

/**
 * Whether `value` is a value of `variable`: a finite number for a number variable, a YYYY-MM-DD day for a date, one of
 * the listed values for a category, any text for text. Returns why not, or null when it is.
 */
export function variableValueProblem(
  variable: Pick<Variable, 'name' | 'type' | 'values'>,
  value: VariableValue,
): string | null {
  switch (variable.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `"${variable.name}" takes a number.`;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isPublishedDate(value)
        ? null
        : `"${variable.name}" takes a date (YYYY-MM-DD).`;
    case 'category':
      return typeof value === 'string' && variable.values.includes(value)
        ? null
        : `"${variable.name}" takes one of: ${variable.values.map((v) => `"${v}"`).join(', ') || '(no values yet)'}.`;
    case 'text':
      return typeof value === 'string' ? null : `"${variable.name}" takes text.`;
    default:
      return `Unknown variable type ${String(variable.type satisfies never)}.`;
  }
}
