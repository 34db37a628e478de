import { useState, type FormEvent } from 'react';
import type { ApiArgs } from '../../../../shared/api-contract';
import type { VariableValue } from '../../../../shared/domain';
import { useAppStore } from '../../store/app-store';
import { Modal } from '../../ui/Modal';
import { PublishedInput, publishedValue } from '../library/PublishedInput';
import { VariableFields } from '../library/VariableFields';
import { variableValueOf } from '../library/VariableInput';

/**
 * Outlet, author, date and variables for several documents at once: what is filled in is set on every selected
 * document; what is left empty stays as each document has it. One step to undo.
 */
export function BulkEditDialog({ documentIds, onClose }: { documentIds: readonly string[]; onClose(): void }) {
  const updateDocuments = useAppStore((s) => s.updateDocuments);
  const variables = useAppStore((s) => s.variables);
  const [outlet, setOutlet] = useState('');
  const [author, setAuthor] = useState('');
  const [date, setDate] = useState({ day: '', time: '' });
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const changes: Omit<ApiArgs<'updateDocuments'>, 'documentIds'> = {};
    if (outlet.trim()) changes.outlet = outlet.trim();
    if (author.trim()) changes.author = author.trim();
    const published = publishedValue(date);
    if ('error' in published) return setError(published.error);
    if (published.value) changes.publishedAt = published.value;
    const chosen: Record<string, VariableValue> = {};
    for (const variable of variables) {
      const value = variableValueOf(variable, values[variable.id] ?? '');
      if (value !== null) chosen[variable.id] = value;
    }
    if (Object.keys(chosen).length > 0) changes.variables = chosen;
    if (Object.keys(changes).length === 0) return setError('Fill in at least one field to set.');
    if (await updateDocuments(documentIds, changes)) onClose();
  };

  const count = `${documentIds.length} document${documentIds.length === 1 ? '' : 's'}`;
  return (
    <Modal title={`Edit ${count}`} onClose={onClose} className="document-dialog">
      <form className="stacked-form" onSubmit={(e) => void submit(e)}>
        <p className="hint">What you fill in is set on all {count}; empty fields stay as each document has them.</p>
        <label>
          Outlet
          <input value={outlet} onChange={(e) => setOutlet(e.target.value)} />
        </label>
        <label>
          Author
          <input value={author} onChange={(e) => setAuthor(e.target.value)} />
        </label>
        <PublishedInput parts={date} onChange={setDate} />
        <VariableFields
          variables={variables}
          values={values}
          emptyLabel="(leave as it is)"
          onChange={(id, value) => setValues((v) => ({ ...v, [id]: value }))}
        />
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Set on {count}
          </button>
        </div>
      </form>
    </Modal>
  );
}
