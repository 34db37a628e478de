import type { EntityUses } from '../../../shared/api-contract';
import type { Database, Entity, Highlight, Stance } from '../../../shared/domain';
import { ApiFailure } from '../api-error';
import { insert, remove, replace, type Change } from '../change-set';
import { newId } from '../make-document';
import { findEntity, findTag, sameName } from './lookup';
import { dedupeStances } from './stances';
import type { HandlerContext, Handlers } from './types';
import { withCoding } from '../storage/quoting-text';

type EntityHandlers = Pick<
  Handlers,
  'createEntity' | 'renameEntity' | 'mergeEntities' | 'deleteEntity' | 'countUsage' | 'countEntityUses'
>;

function checkNameFree(data: Database, name: string, exceptId?: string): void {
  const clash = data.entities.find((e) => e.id !== exceptId && sameName(e.name, name));
  if (clash) throw new ApiFailure('conflict', `There is already a holder or target named "${clash.name}".`);
}

/** Whether a stance uses the entity, as its holder or as its target. */
const usesEntity = (id: string) => (stance: Stance) => stance.holderId === id || stance.targetId === id;

/** Replaces the stances of every highlight that uses the entity, through `rewrite`. */
function rewriteStances(data: Database, id: string, rewrite: (s: readonly Stance[]) => Stance[]): Change[] {
  const uses = usesEntity(id);
  return data.highlights
    .filter((h) => h.stances.some(uses))
    .map((h): Change => replace('highlights', h, withCoding(h, { stances: rewrite(h.stances) })));
}

function usage(highlights: readonly Highlight[]): { highlights: number; documents: number } {
  return { highlights: highlights.length, documents: new Set(highlights.map((h) => h.documentId)).size };
}

/** Holders and targets: one list of entities, each a holder or a target by its use in a stance. */
export function entityHandlers({ library }: HandlerContext): EntityHandlers {
  return {
    async createEntity({ name }) {
      checkNameFree(library.data, name);
      const entity: Entity = { id: newId(), name };
      await library.commit(`Add "${name}"`, [insert('entities', entity)]);
      return entity;
    },

    async renameEntity({ id, name }) {
      const { data } = library;
      const before = findEntity(data, id);
      checkNameFree(data, name, id);
      const after = { ...before, name };
      await library.commit(`Rename "${before.name}"`, [replace('entities', before, after)]);
      return after;
    },

    async mergeEntities({ sourceId, intoId }) {
      const { data } = library;
      const source = findEntity(data, sourceId);
      const into = findEntity(data, intoId);
      const moved = (id: string | null) => (id === sourceId ? intoId : id);
      const changes = [
        ...rewriteStances(data, sourceId, (stances) =>
          dedupeStances(stances.map((s) => ({ ...s, holderId: moved(s.holderId), targetId: moved(s.targetId)! }))),
        ),
        remove('entities', source),
      ];
      await library.commit(`Merge "${source.name}" into "${into.name}"`, changes);
      return { intoId };
    },

    async deleteEntity({ id }) {
      const { data } = library;
      const entity = findEntity(data, id);
      // The stances toward it go; those it held keep their target, with the holder unknown.
      const rewrite = (stances: readonly Stance[]) =>
        dedupeStances(
          stances.filter((s) => s.targetId !== id).map((s) => (s.holderId === id ? { ...s, holderId: null } : s)),
        );
      const changes = [...rewriteStances(data, id, rewrite), remove('entities', entity)];
      await library.commit(`Delete "${entity.name}"`, changes);
      return { id };
    },

    async countEntityUses() {
      const uses: EntityUses = { holder: {}, target: {} };
      for (const highlight of library.data.highlights) {
        for (const { holderId, targetId } of highlight.stances) {
          if (holderId !== null) uses.holder[holderId] = (uses.holder[holderId] ?? 0) + 1;
          uses.target[targetId] = (uses.target[targetId] ?? 0) + 1;
        }
      }
      return uses;
    },

    async countUsage({ kind, id }) {
      const { data } = library;
      if (kind === 'tag') {
        findTag(data, id);
        return usage(data.highlights.filter((h) => h.tagIds.includes(id)));
      }
      findEntity(data, id);
      return usage(data.highlights.filter((h) => h.stances.some(usesEntity(id))));
    },
  };
}
