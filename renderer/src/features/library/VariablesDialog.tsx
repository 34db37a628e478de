import { useState } from 'react';
import { variableTypes, type VariableType } from '../../../../shared/domain-values';
import type { Variable } from '../../../../shared/domain';
import { useAppStore } from '../../store/app-store';
import { Modal } from '../../ui/Modal';

const TYPE_LABELS: Record<VariableType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  category: 'Category',
};

/** Allowed values as typed: one per line or separated by commas, each once. */
const parseValues = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\n,]/)
      .map((v) => v.trim())
      .filter(Boolean),
  ),
];

/**
 * The library's document variables (as MAXQDA's document variables): add one with its type, rename it, change a
 * category's allowed values, delete it. Values are filled per document, in the Library or a document's details.
 */
export function VariablesDialog({ onClose }: { onClose(): void }) {
  const variables = useAppStore((s) => s.variables);
  const createVariable = useAppStore((s) => s.createVariable);
  const [name, setName] = useState('');
  const [type, setType] = useState<VariableType>('category');
  const [values, setValues] = useState('');
  return (
    <Modal title="Document variables" onClose={onClose} className="variables-dialog">
      {variables.length === 0 && <p className="empty">No variables yet: describe documents by country, wave…</p>}
      <ul className="variable-list" aria-label="Variables">
        {variables.map((variable) => (
          <VariableRow key={`${variable.id}:${variable.name}:${variable.values.join('\n')}`} variable={variable} />
        ))}
      </ul>
      <form
        className="add-variable"
        aria-label="New variable"
        onSubmit={(e) => {
          e.preventDefault();
          const allowed = type === 'category' ? parseValues(values) : undefined;
          void createVariable({ name, type, ...(allowed && { values: allowed }) }).then((ok) => {
            if (!ok) return;
            setName('');
            setValues('');
          });
        }}
      >
        <label>
          New variable
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Type
          <select value={type} onChange={(e) => setType(e.target.value as VariableType)}>
            {variableTypes.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        {type === 'category' && (
          <label>
            Allowed values (comma-separated)
            <input value={values} onChange={(e) => setValues(e.target.value)} placeholder="Austria, Ukraine" />
          </label>
        )}
        <button type="submit">Add</button>
      </form>
    </Modal>
  );
}

function VariableRow({ variable }: { variable: Variable }) {
  const updateVariable = useAppStore((s) => s.updateVariable);
  const deleteVariable = useAppStore((s) => s.deleteVariable);
  const [name, setName] = useState(variable.name);
  const [values, setValues] = useState(variable.values.join(', '));
  const commitName = (): void => {
    if (name.trim() && name.trim() !== variable.name)
      void updateVariable({ variableId: variable.id, name: name.trim() });
  };
  const commitValues = (): void => {
    const parsed = parseValues(values);
    if (parsed.join('\n') !== variable.values.join('\n')) {
      void updateVariable({ variableId: variable.id, values: parsed });
    }
  };
  return (
    <li className="variable-row">
      <input
        value={name}
        aria-label={`Name of variable ${variable.name}`}
        onChange={(e) => setName(e.target.value)}
        onBlur={commitName}
        onKeyDown={(e) => e.key === 'Enter' && commitName()}
      />
      <span className="variable-type">{TYPE_LABELS[variable.type]}</span>
      {variable.type === 'category' ? (
        <input
          value={values}
          aria-label={`Allowed values of ${variable.name}`}
          title="Comma-separated; a value taken away leaves the documents that had it"
          onChange={(e) => setValues(e.target.value)}
          onBlur={commitValues}
          onKeyDown={(e) => e.key === 'Enter' && commitValues()}
        />
      ) : (
        <span />
      )}
      <button
        type="button"
        className="danger"
        aria-label={`Delete variable ${variable.name}`}
        onClick={() => void deleteVariable(variable.id)}
      >
        Delete
      </button>
    </li>
  );
}
