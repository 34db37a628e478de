import { forwardRef, useRef, useState } from 'react';
import type { EntityKind } from '../../../shared/domain';
import { useAppStore } from '../store/app-store';

interface EntityInputProps {
  kind: EntityKind;
  label: string;
  /** The chosen holder or target, or null. */
  value: string | null;
  onChange(id: string | null): void;
  /** Called after Enter has committed the name (to move on to the next field). */
  onEnter?(): void;
}

/**
 * A holder or target picked by typing: the known names match as you type (a native datalist), and a new name is
 * created on the fly when committed with Enter or by leaving the field.
 */
export const EntityInput = forwardRef<HTMLInputElement, EntityInputProps>(function EntityInput(
  { kind, label, value, onChange, onEnter },
  ref,
) {
  const entities = useAppStore((s) => (kind === 'actor' ? s.actors : s.targets));
  const ensureEntity = useAppStore((s) => s.ensureEntity);
  const currentName = entities.find((e) => e.id === value)?.name ?? '';
  const [text, setText] = useState(currentName);
  const committed = useRef(currentName);
  const listId = `${kind}-names`;

  const commit = async (): Promise<void> => {
    // Enter and then leaving the field commit the same text once.
    if (text.trim() === committed.current.trim()) return;
    committed.current = text;
    const id = text.trim() ? await ensureEntity(kind, text) : null;
    if (id !== value) onChange(id);
  };

  return (
    <>
      <input
        ref={ref}
        className="entity-input"
        list={listId}
        value={text}
        aria-label={label}
        placeholder={kind === 'actor' ? 'Holder (who)' : 'Target (toward what)'}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            // Move on at once; the commit (which may create the entry) finishes on its own.
            e.preventDefault();
            void commit();
            onEnter?.();
          }
        }}
        onBlur={() => void commit()}
      />
      <datalist id={listId}>
        {entities.map((e) => (
          <option key={e.id} value={e.name} />
        ))}
      </datalist>
    </>
  );
});
