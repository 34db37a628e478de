import { useState, type FormEvent } from 'react';
import type { ApiArgs } from '../../../../shared/api-contract';
import type { DocumentListItem, VariableValue } from '../../../../shared/domain';
import { useAppStore } from '../../store/app-store';
import { Modal } from '../../ui/Modal';
import { PublishedInput, publishedParts, publishedValue } from './PublishedInput';
import { VariableFields } from './VariableFields';
import { variableInputText, variableValueOf } from './VariableInput';

/**
 * Title, metadata and variables of a document. Its text changes only as a whole, for an updated version of the
 * article ("Replace text…", which re-anchors its highlights).
 */
export function DocumentEditDialog({
  document,
  onClose,
  onReplaceText,
}: {
  document: DocumentListItem;
  onClose(): void;
  onReplaceText(): void;
}) {
  const update = useAppStore((s) => s.updateDocumentMeta);
  const variables = useAppStore((s) => s.variables);
  const [fields, setFields] = useState({
    title: document.title,
    outlet: document.meta.outlet ?? '',
    author: document.meta.author ?? '',
  });
  const initialDate = publishedParts(document.meta.publishedAt);
  const [date, setDate] = useState(initialDate);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(variables.map((v) => [v.id, variableInputText(document.variables[v.id])])),
  );
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!fields.title.trim()) return setError('A document needs a title.');
    const changes: Omit<ApiArgs<'updateDocument'>, 'documentId'> = { ...fields, title: fields.title.trim() };
    // A date left as it was is not sent: a time with seconds or a zone from the source stays as it was.
    if (date.day !== initialDate.day || date.time !== initialDate.time) {
      const published = publishedValue(date);
      if ('error' in published) return setError(published.error);
      changes.publishedAt = published.value;
    }
    const changedValues: Record<string, VariableValue | null> = {};
    for (const variable of variables) {
      const text = values[variable.id] ?? '';
      if (text === variableInputText(document.variables[variable.id])) continue;
      const value = variableValueOf(variable, text);
      if (typeof value === 'number' && !Number.isFinite(value)) return setError(`"${variable.name}" takes a number.`);
      changedValues[variable.id] = value;
    }
    if (Object.keys(changedValues).length > 0) changes.variables = changedValues;
    if (await update(document.id, changes)) onClose();
  };
  const field = (key: keyof typeof fields, label: string) => (
    <label>
      {label}
      <input value={fields[key]} onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))} />
    </label>
  );
  return (
    <Modal title={`Edit “${document.title}”`} onClose={onClose} className="document-dialog">
      <form className="stacked-form" onSubmit={(e) => void submit(e)}>
        {field('title', 'Title')}
        {field('outlet', 'Outlet')}
        {field('author', 'Author')}
        <PublishedInput parts={date} onChange={setDate} textKept={document.meta.publishedText} />
        <VariableFields
          variables={variables}
          values={values}
          onChange={(id, value) => setValues((v) => ({ ...v, [id]: value }))}
        />
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="push-left" onClick={onReplaceText}>
            Replace text…
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
