import { useEffect, useState } from 'react';
import type { EntityUses } from '../../../shared/api-contract';
import type { Entity, EntityKind } from '../../../shared/domain';
import { callApi } from '../api/client';
import { useAppStore } from '../store/app-store';
import { entityNoun } from '../store/entity-slice';
import { Modal } from './Modal';

/** Holders and targets: how many stances use each; rename, merge two into one, delete, add. */
export function EntitiesDialog({ onClose }: { onClose(): void }) {
  const actors = useAppStore((s) => s.actors);
  const targets = useAppStore((s) => s.targets);
  const [uses, setUses] = useState<EntityUses | null>(null);
  // Counted again whenever the lists change (a merge, a delete, an undo): the counts follow what the lists show.
  useEffect(() => {
    let current = true;
    callApi('countEntityUses', {}).then(
      (counted) => current && setUses(counted),
      () => current && setUses(null),
    );
    return () => {
      current = false;
    };
  }, [actors, targets]);
  return (
    <Modal title="Holders and targets" onClose={onClose} className="entities-dialog">
      <div className="entity-columns">
        <EntityList kind="actor" title="Holders" uses={uses?.actor} />
        <EntityList kind="target" title="Targets" uses={uses?.target} />
      </div>
    </Modal>
  );
}

function EntityList({ kind, title, uses }: { kind: EntityKind; title: string; uses?: Record<string, number> }) {
  const entities = useAppStore((s) => (kind === 'actor' ? s.actors : s.targets));
  const ensureEntity = useAppStore((s) => s.ensureEntity);
  const [name, setName] = useState('');
  return (
    <section aria-labelledby={`${kind}-list-heading`}>
      <h3 id={`${kind}-list-heading`}>{title}</h3>
      {entities.length === 0 && <p className="empty">None yet: they are added while labelling stances, or here.</p>}
      <ul className="entity-list" aria-label={title}>
        {entities.map((entity) => (
          <EntityRow
            key={`${entity.id}:${entity.name}`}
            kind={kind}
            entity={entity}
            others={entities}
            uses={uses && (uses[entity.id] ?? 0)}
          />
        ))}
      </ul>
      <form
        className="add-row"
        onSubmit={(e) => {
          e.preventDefault();
          void ensureEntity(kind, name).then((id) => id && setName(''));
        }}
      >
        <label>
          New {entityNoun(kind)}
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit">Add</button>
      </form>
    </section>
  );
}

function EntityRow({
  kind,
  entity,
  others,
  uses,
}: {
  kind: EntityKind;
  entity: Entity;
  others: readonly Entity[];
  /** How many stances use it; undefined while counting. */
  uses?: number;
}) {
  const renameEntity = useAppStore((s) => s.renameEntity);
  const mergeEntities = useAppStore((s) => s.mergeEntities);
  const deleteEntity = useAppStore((s) => s.deleteEntity);
  const [name, setName] = useState(entity.name);
  const commit = (): void => {
    if (name.trim() && name.trim() !== entity.name) void renameEntity(kind, entity.id, name.trim());
  };
  return (
    <li className="entity-row">
      <input
        value={name}
        aria-label={`Name of ${entityNoun(kind)} ${entity.name}`}
        onChange={(e) => setName(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <span className="entity-uses" aria-label={`${entity.name}: ${usesText(uses)}`}>
        {usesText(uses)}
      </span>
      <select
        aria-label={`Merge ${entity.name} into`}
        value=""
        onChange={(e) => e.target.value && void mergeEntities(kind, entity.id, e.target.value)}
      >
        <option value="">Merge into…</option>
        {others
          .filter((o) => o.id !== entity.id)
          .map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
      </select>
      <button
        type="button"
        className="danger"
        aria-label={`Delete ${entityNoun(kind)} ${entity.name}`}
        onClick={() => void deleteEntity(kind, entity.id)}
      >
        Delete
      </button>
    </li>
  );
}

const usesText = (uses: number | undefined): string =>
  uses === undefined ? '…' : `${uses} stance${uses === 1 ? '' : 's'}`;
