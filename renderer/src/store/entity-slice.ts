import type { StateCreator } from 'zustand';
import type { EntityKind } from '../../../shared/domain';
import { callApi } from '../api/client';
import type { AppState } from './app-store';

const listOf = (kind: EntityKind): 'actors' | 'targets' => (kind === 'actor' ? 'actors' : 'targets');
export const entityNoun = (kind: EntityKind): string => (kind === 'actor' ? 'holder' : 'target');

export interface EntitySlice {
  /** The id of the holder or target with this name (ignoring case), created on the fly when there is none. */
  ensureEntity(kind: EntityKind, name: string): Promise<string | null>;
  renameEntity(kind: EntityKind, id: string, name: string): Promise<boolean>;
  mergeEntities(kind: EntityKind, sourceId: string, intoId: string): Promise<void>;
  /** Asks first (with how many highlights use it), then deletes it. */
  deleteEntity(kind: EntityKind, id: string): Promise<void>;
}

export const createEntitySlice: StateCreator<AppState, [], [], EntitySlice> = (set, get) => {
  /** Creations under way, by kind and name, so that two fields committing one new name create it once. */
  const creating = new Map<string, Promise<string | null>>();

  const create = async (kind: EntityKind, name: string): Promise<string | null> => {
    let id: string | null = null;
    await get().runChange(async () => {
      const created = await callApi('createEntity', { kind, name });
      id = created.id;
      set((s) => ({ [listOf(kind)]: [...s[listOf(kind)], created] }) as Partial<AppState>);
    });
    return id;
  };

  return {
    async ensureEntity(kind, name) {
      const wanted = name.trim();
      if (!wanted) return null;
      const existing = get()[listOf(kind)].find((e) => e.name.toLocaleLowerCase() === wanted.toLocaleLowerCase());
      if (existing) return existing.id;
      const key = `${kind}:${wanted.toLocaleLowerCase()}`;
      let pending = creating.get(key);
      if (!pending) {
        pending = create(kind, wanted).finally(() => creating.delete(key));
        creating.set(key, pending);
      }
      return pending;
    },

    async renameEntity(kind, id, name) {
      return get().runChange(async () => {
        const renamed = await callApi('renameEntity', { kind, id, name });
        set((s) => ({ [listOf(kind)]: s[listOf(kind)].map((e) => (e.id === id ? renamed : e)) }) as Partial<AppState>);
      });
    },

    async mergeEntities(kind, sourceId, intoId) {
      const list = get()[listOf(kind)];
      const source = list.find((e) => e.id === sourceId);
      const into = list.find((e) => e.id === intoId);
      if (!source || !into) return;
      const ok = await get().confirm(
        `Merge the ${entityNoun(kind)} "${source.name}" into "${into.name}"? Every stance that uses "${source.name}" will use "${into.name}".`,
        'Merge',
      );
      if (!ok) return;
      await get().runChange(async () => {
        await callApi('mergeEntities', { kind, sourceId, intoId });
        await get().refresh();
      });
    },

    async deleteEntity(kind, id) {
      const entity = get()[listOf(kind)].find((e) => e.id === id);
      if (!entity) return;
      let usage;
      try {
        usage = await callApi('countUsage', { kind, id });
      } catch (error) {
        set({ saveState: 'failed', saveError: (error as Error).message });
        return;
      }
      const consequence =
        kind === 'actor' ? 'Those stances keep their target and value, with no holder.' : 'Those stances are removed.';
      const message =
        usage.highlights === 0
          ? `Delete the ${entityNoun(kind)} "${entity.name}"? No stance uses it.`
          : `Delete the ${entityNoun(kind)} "${entity.name}"? Stances in ${usage.highlights} highlight(s) in ${usage.documents} document(s) use it. ${consequence}`;
      if (!(await get().confirm(message, 'Delete'))) return;
      await get().runChange(async () => {
        await callApi('deleteEntity', { kind, id });
        await get().refresh();
      });
    },
  };
};
