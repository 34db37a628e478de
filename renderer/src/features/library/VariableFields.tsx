import type { Variable } from '../../../../shared/domain';
import { VariableInput } from './VariableInput';

/** The library's variables as fields of a form (one document's details, or several documents' at once). */
export function VariableFields({
  variables,
  values,
  onChange,
  emptyLabel,
}: {
  variables: readonly Variable[];
  /** What each field holds, as typed, by variable id. */
  values: Readonly<Record<string, string>>;
  onChange(variableId: string, value: string): void;
  emptyLabel?: string;
}) {
  if (variables.length === 0) return null;
  return (
    <fieldset className="variable-fields">
      <legend>Variables</legend>
      {variables.map((variable) => (
        <label key={variable.id}>
          {variable.name}
          <VariableInput
            variable={variable}
            value={values[variable.id] ?? ''}
            emptyLabel={emptyLabel}
            onChange={(value) => onChange(variable.id, value)}
          />
        </label>
      ))}
    </fieldset>
  );
}
