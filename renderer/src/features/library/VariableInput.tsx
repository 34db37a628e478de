import type { Variable, VariableValue } from '../../../../shared/domain';

/**
 * The input for one document variable's value, by its type: a list of the allowed values for a category, a number
 * field, a date picker, or a line of text. Empty means no value. Its value is text as typed; {@link variableValueOf}
 * turns it into what the backend takes.
 */
export function VariableInput({
  variable,
  value,
  onChange,
  emptyLabel = '—',
  autoFocus = false,
}: {
  variable: Variable;
  value: string;
  onChange(value: string): void;
  emptyLabel?: string;
  /** Focused as it appears (a cell of the Library being edited). */
  autoFocus?: boolean;
}) {
  const label = variable.name;
  const focus = { autoFocus };
  switch (variable.type) {
    case 'category':
      return (
        <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} {...focus}>
          <option value="">{emptyLabel}</option>
          {variable.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      );
    case 'number':
      return (
        <input
          type="number"
          step="any"
          aria-label={label}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...focus}
        />
      );
    case 'date':
      return (
        <input type="date" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} {...focus} />
      );
    default:
      return <input aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} {...focus} />;
  }
}

/** A stored value as the input shows it. */
export const variableInputText = (value: VariableValue | undefined): string =>
  value === undefined ? '' : String(value);

/** What the input holds as the backend takes it: null for empty (no value), a number for a number variable. */
export function variableValueOf(variable: Variable, text: string): VariableValue | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return variable.type === 'number' ? Number(trimmed) : trimmed;
}
