import { useEffect, useRef, useState } from 'react';
import type { EntityUses } from '../../../../shared/api-contract';
import type { Entity } from '../../../../shared/domain';
import { callApi } from '../../api/client';
import { useAppStore } from '../../store/app-store';
import { DeferredSelect } from '../../ui/DeferredSelect';
import { Modal } from '../../ui/Modal';

/**
 * Holders and targets, one list (a country, a person, an organisation can be both): how many stances each holds and
 * how many are toward it; rename, merge two into one, delete, add.
 */
export function EntitiesDialog({ onClose }: { onClose(): void }) {
  const entities = useAppStore((s) => s.entities);
  const ensureEntity = useAppStore((s) => s.ensureEntity);
  const [uses, setUses] = useState<EntityUses | null>(null);
  const [name, setName] = useState('');
  // Counted again whenever the list changes (a merge, a delete, an undo): the counts follow what the list shows.
  useEffect(() => {
    let current = true;
    callApi('countEntityUses', {}).then(
      (counted) => current && setUses(counted),
      () => current && setUses(null),
    );
    return () => {
      current = false;
    };
  }, [entities]);
  return (
    <Modal title="Holders and targets" onClose={onClose} className="entities-dialog">
      <p className="hint">
        One list: an entry holds stances, is the target of others, or both. Counts are stances across the library.
      </p>
      {entities.length === 0 && <p className="empty">None yet: they are added while labelling stances, or here.</p>}
      <ul className="entity-list" aria-label="Holders and targets">
        {entities.map((entity) => (
          <EntityRow
            key={entity.id}
            entity={entity}
            others={entities}
            uses={uses && { holder: uses.holder[entity.id] ?? 0, target: uses.target[entity.id] ?? 0 }}
          />
        ))}
      </ul>
      <form
        className="add-row"
        onSubmit={(e) => {
          e.preventDefault();
          void ensureEntity(name).then((id) => id && setName(''));
        }}
      >
        <label>
          New holder or target
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit">Add</button>
      </form>
    </Modal>
  );
}

function EntityRow({
  entity,
  others,
  uses,
}: {
  entity: Entity;
  others: readonly Entity[];
  /** How many stances it holds, and how many are toward it; null while counting. */
  uses: { holder: number; target: number } | null;
}) {
  const renameEntity = useAppStore((s) => s.renameEntity);
  const mergeEntities = useAppStore((s) => s.mergeEntities);
  const deleteEntity = useAppStore((s) => s.deleteEntity);
  const [name, setName] = useState(entity.name);
  const nameField = useRef<HTMLInputElement>(null);
  // Renamed by Undo or another window: the field follows, unless the analyst is typing in it. (The row is not remade
  // for it: that took the focus from where the analyst had moved on to, and emptied the "Merge into" list.)
  useEffect(() => {
    if (nameField.current !== document.activeElement) setName(entity.name);
  }, [entity.name]);
  const commit = (): void => {
    if (name.trim() && name.trim() !== entity.name) void renameEntity(entity.id, name.trim());
  };
  const usesText = uses ? `holds ${stances(uses.holder)}, target of ${stances(uses.target)}` : 'counting…';
  return (
    <li className="entity-row">
      <input
        ref={nameField}
        value={name}
        aria-label={`Name of ${entity.name}`}
        onChange={(e) => setName(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <span className="entity-uses" aria-label={`${entity.name}: ${usesText}`}>
        {uses ? (
          <>
            <span title="Stances it holds">{uses.holder} as holder</span>
            <span title="Stances toward it">{uses.target} as target</span>
          </>
        ) : (
          '…'
        )}
      </span>
      <DeferredSelect
        aria-label={`Merge ${entity.name} into`}
        value=""
        emptyLabel="Merge into…"
        choices={() => others.filter((o) => o.id !== entity.id).map((o) => ({ value: o.id, label: o.name }))}
        onChoose={(intoId) => intoId && void mergeEntities(entity.id, intoId)}
      />
      <button
        type="button"
        className="danger"
        aria-label={`Delete ${entity.name}`}
        onClick={() => void deleteEntity(entity.id)}
      >
        Delete
      </button>
    </li>
  );
}

const stances = (n: number): string => `${n} stance${n === 1 ? '' : 's'}`;
