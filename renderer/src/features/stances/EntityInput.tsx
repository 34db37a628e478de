import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { Entity, EntityRole } from '../../../../shared/domain';
import { useAppStore } from '../../store/app-store';

/** A holder or target as picked: an existing entry, or a new name (created when the stance is saved). */
export type EntityRef = { id: string } | { name: string };

export function entityRefName(ref: EntityRef | null, entities: readonly Entity[]): string {
  if (!ref) return '';
  return 'name' in ref ? ref.name : (entities.find((e) => e.id === ref.id)?.name ?? '');
}

interface EntityInputProps {
  /** The role the entity takes in the stance: it is picked from the one list of holders and targets either way. */
  role: EntityRole;
  label: string;
  value: EntityRef | null;
  onChange(ref: EntityRef | null): void;
  /** Called after Enter (to move on to the next field). */
  onEnter?(): void;
}

/**
 * A holder or target picked by typing: the known names match as you type (a native datalist); a name that matches
 * none (ignoring case) becomes a new entry when the stance is saved.
 */
export const EntityInput = forwardRef<HTMLInputElement, EntityInputProps>(function EntityInput(
  { role, label, value, onChange, onEnter },
  ref,
) {
  const entities = useAppStore((s) => s.entities);
  const inputRef = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => inputRef.current!, []);
  const shownName = entityRefName(value, entities);
  const [text, setText] = useState(shownName);
  const committed = useRef(text);
  // One list of names for every field: a holder in one stance can be the target of another.
  const listId = 'entity-names';

  // The name can arrive after the field (a holder created with the stance is fetched a moment later), or change
  // (renamed, undone): show it, unless the analyst is typing here.
  useEffect(() => {
    if (inputRef.current === document.activeElement) return;
    committed.current = shownName;
    setText(shownName);
  }, [shownName]);

  const commit = (): void => {
    const name = text.trim();
    // Enter and then leaving the field commit the same text once.
    if (name === committed.current.trim()) return;
    committed.current = name;
    if (!name) return onChange(null);
    const known = entities.find((e) => e.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    onChange(known ? { id: known.id } : { name });
  };

  return (
    <>
      <input
        ref={inputRef}
        className="entity-input"
        list={listId}
        value={text}
        aria-label={label}
        placeholder={role === 'holder' ? 'Holder (who)' : 'Target (toward what)'}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
            onEnter?.();
          }
        }}
        onBlur={commit}
      />
      <datalist id={listId}>
        {entities.map((e) => (
          <option key={e.id} value={e.name} />
        ))}
      </datalist>
    </>
  );
});
