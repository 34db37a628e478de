import { useState } from 'react';
import type { Entity, EntityKind } from '../../../shared/domain';
import { useAppStore } from '../store/app-store';
import { entityNoun } from '../store/entity-slice';
import { Modal } from './Modal';

/** Holders and targets: rename, merge two into one, delete (with a count of what uses them), add. */
export function EntitiesDialog({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Holders and targets" onClose={onClose} className="entities-dialog">
      <div className="entity-columns">
        <EntityList kind="actor" title="Holders" />
        <EntityList kind="target" title="Targets" />
      </div>
    </Modal>
  );
}

function EntityList({ kind, title }: { kind: EntityKind; title: string }) {
  const entities = useAppStore((s) => (kind === 'actor' ? s.actors : s.targets));
  const ensureEntity = useAppStore((s) => s.ensureEntity);
  const [name, setName] = useState('');
  return (
    <section aria-labelledby={`${kind}-list-heading`}>
      <h3 id={`${kind}-list-heading`}>{title}</h3>
      {entities.length === 0 && <p className="empty">None yet: they are added while labelling stances, or here.</p>}
      <ul className="entity-list" aria-label={title}>
        {entities.map((entity) => (
          <EntityRow key={`${entity.id}:${entity.name}`} kind={kind} entity={entity} others={entities} />
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

function EntityRow({ kind, entity, others }: { kind: EntityKind; entity: Entity; others: readonly Entity[] }) {
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
