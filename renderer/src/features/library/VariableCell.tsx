import { useEffect, useRef, useState } from 'react';
import type { DocumentListItem, Variable } from '../../../../shared/domain';
import { useAppStore } from '../../store/app-store';
import { VariableInput, variableInputText, variableValueOf } from './VariableInput';

/**
 * A document's value of a variable in the Library, filled in where it shows: click (or Enter on) the cell to edit,
 * then Enter or leaving the field saves, Escape cancels. A category saves as soon as a value is chosen.
 */
export function VariableCell({ document, variable }: { document: DocumentListItem; variable: Variable }) {
  const update = useAppStore((s) => s.updateDocumentMeta);
  const saved = variableInputText(document.variables[variable.id]);
  const [editing, setEditing] = useState<string | null>(null);
  const label = `${variable.name} of ${document.title}`;

  const save = (text: string): void => {
    setEditing(null);
    if (text === saved) return;
    const value = variableValueOf(variable, text);
    if (typeof value === 'number' && !Number.isFinite(value)) return;
    void update(document.id, { variables: { [variable.id]: value } });
  };

  // A cell whose row scrolls out of the Library's rendered rows (or whose view closes) while it is edited is left, and
  // leaving saves: nothing typed is lost without a word.
  const unsaved = useRef<(() => void) | null>(null);
  useEffect(() => {
    unsaved.current = editing === null ? null : () => save(editing);
  });
  useEffect(() => () => unsaved.current?.(), []);

  if (editing === null) {
    return (
      <button
        type="button"
        className="cell-button"
        aria-label={`${label}: ${saved || 'no value'}`}
        onClick={() => setEditing(saved)}
      >
        {saved || <span className="cell-empty">—</span>}
      </button>
    );
  }
  return (
    <span
      className="cell-editor"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setEditing(null);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          save(editing);
        }
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) save(editing);
      }}
    >
      <VariableInput
        variable={{ ...variable, name: label }}
        value={editing}
        autoFocus
        onChange={(value) => (variable.type === 'category' ? save(value) : setEditing(value))}
      />
    </span>
  );
}
