import type { EntityUses } from '../../../shared/api-contract';
import type { Database, Entity, EntityKind, Highlight, Stance } from '../../../shared/domain';
import { ApiFailure } from '../api-error';
import { insert, remove, replace, type Change } from '../change-set';
import { newId } from '../new-library';
import { entityCollection, entityNoun, findEntity, findTag, sameName } from './lookup';
import { dedupeStances } from './stances';
import type { HandlerContext, Handlers } from './types';

type EntityHandlers = Pick<
  Handlers,
  'createEntity' | 'renameEntity' | 'mergeEntities' | 'deleteEntity' | 'countUsage' | 'countEntityUses'
>;

function checkNameFree(data: Database, kind: EntityKind, name: string, exceptId?: string): void {
  const clash = data[entityCollection(kind)].find((e) => e.id !== exceptId && sameName(e.name, name));
  if (clash) throw new ApiFailure('conflict', `There is already a ${entityNoun(kind)} named "${clash.name}".`);
}

const usesEntity = (kind: EntityKind, id: string) => (stance: Stance) =>
  kind === 'actor' ? stance.holderId === id : stance.targetId === id;

/** Replaces the stances of every highlight that uses the entity, through `rewrite`. */
function rewriteStances(
  data: Database,
  kind: EntityKind,
  id: string,
  rewrite: (s: readonly Stance[]) => Stance[],
): Change[] {
  const uses = usesEntity(kind, id);
  return data.highlights
    .filter((h) => h.stances.some(uses))
    .map((h): Change => replace('highlights', h, { ...h, stances: rewrite(h.stances) }));
}

function usage(highlights: readonly Highlight[]): { highlights: number; documents: number } {
  return { highlights: highlights.length, documents: new Set(highlights.map((h) => h.documentId)).size };
}

export function entityHandlers({ library }: HandlerContext): EntityHandlers {
  return {
    async createEntity({ kind, name }) {
      checkNameFree(library.data, kind, name);
      const entity: Entity = { id: newId(), name };
      await library.commit(`Add ${entityNoun(kind)} "${name}"`, [insert(entityCollection(kind), entity)]);
      return entity;
    },

    async renameEntity({ kind, id, name }) {
      const { data } = library;
      const before = findEntity(data, kind, id);
      checkNameFree(data, kind, name, id);
      const after = { ...before, name };
      await library.commit(`Rename ${entityNoun(kind)} "${before.name}"`, [
        replace(entityCollection(kind), before, after),
      ]);
      return after;
    },

    async mergeEntities({ kind, sourceId, intoId }) {
      const { data } = library;
      const source = findEntity(data, kind, sourceId);
      const into = findEntity(data, kind, intoId);
      const field = kind === 'actor' ? 'holderId' : 'targetId';
      const changes = [
        ...rewriteStances(data, kind, sourceId, (stances) =>
          dedupeStances(stances.map((s) => (s[field] === sourceId ? { ...s, [field]: intoId } : s))),
        ),
        remove(entityCollection(kind), source),
      ];
      await library.commit(`Merge "${source.name}" into "${into.name}"`, changes);
      return { intoId };
    },

    async deleteEntity({ kind, id }) {
      const { data } = library;
      const entity = findEntity(data, kind, id);
      const rewrite =
        kind === 'actor'
          ? (stances: readonly Stance[]) =>
              dedupeStances(stances.map((s) => (s.holderId === id ? { ...s, holderId: null } : s)))
          : (stances: readonly Stance[]) => stances.filter((s) => s.targetId !== id);
      const changes = [...rewriteStances(data, kind, id, rewrite), remove(entityCollection(kind), entity)];
      await library.commit(`Delete ${entityNoun(kind)} "${entity.name}"`, changes);
      return { id };
    },

    async countEntityUses() {
      const uses: EntityUses = { actor: {}, target: {} };
      for (const highlight of library.data.highlights) {
        for (const { holderId, targetId } of highlight.stances) {
          if (holderId !== null) uses.actor[holderId] = (uses.actor[holderId] ?? 0) + 1;
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
      findEntity(data, kind, id);
      const uses = usesEntity(kind, id);
      return usage(data.highlights.filter((h) => h.stances.some(uses)));
    },
  };
}
