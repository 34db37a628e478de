import type { StateCreator } from 'zustand';
import { sameName } from '../../../../shared/names';
import { callApi } from '../../api/client';
import type { AppState } from '../../store/app-store';

export interface EntitySlice {
  /** The id of the holder or target with this name (ignoring case), created on the fly when there is none. */
  ensureEntity(name: string): Promise<string | null>;
  renameEntity(id: string, name: string): Promise<boolean>;
  mergeEntities(sourceId: string, intoId: string): Promise<void>;
  /** Asks first (with how many highlights use it), then deletes it. */
  deleteEntity(id: string): Promise<void>;
}

/** Holders and targets: one list of entities, each a holder or a target by its use in a stance. */
export const createEntitySlice: StateCreator<AppState, [], [], EntitySlice> = (set, get) => {
  /** Creations under way, by name, so that two fields committing one new name create it once. */
  const creating = new Map<string, Promise<string | null>>();

  const create = async (name: string): Promise<string | null> => {
    let id: string | null = null;
    await get().runChange(async () => {
      const created = await callApi('createEntity', { name });
      id = created.id;
      set((s) => ({ entities: [...s.entities, created] }));
    });
    return id;
  };

  return {
    async ensureEntity(name) {
      const wanted = name.trim();
      if (!wanted) return null;
      const existing = get().entities.find((e) => sameName(e.name, wanted));
      if (existing) return existing.id;
      const key = wanted.toLocaleLowerCase();
      let pending = creating.get(key);
      if (!pending) {
        pending = create(wanted).finally(() => creating.delete(key));
        creating.set(key, pending);
      }
      return pending;
    },

    async renameEntity(id, name) {
      return get().runChange(async () => {
        const renamed = await callApi('renameEntity', { id, name });
        set((s) => ({ entities: s.entities.map((e) => (e.id === id ? renamed : e)) }));
      });
    },

    async mergeEntities(sourceId, intoId) {
      const { entities } = get();
      const source = entities.find((e) => e.id === sourceId);
      const into = entities.find((e) => e.id === intoId);
      if (!source || !into) return;
      const ok = await get().confirm(
        `Merge "${source.name}" into "${into.name}"? Every stance that uses "${source.name}", as holder or as ` +
          `target, will use "${into.name}".`,
        'Merge',
      );
      if (!ok) return;
      await get().runChange(async () => {
        await callApi('mergeEntities', { sourceId, intoId });
        await get().refresh();
      });
    },

    async deleteEntity(id) {
      const entity = get().entities.find((e) => e.id === id);
      if (!entity) return;
      let usage;
      try {
        usage = await callApi('countUsage', { kind: 'entity', id });
      } catch (error) {
        set({ saveState: 'failed', saveError: (error as Error).message });
        return;
      }
      const message =
        usage.highlights === 0
          ? `Delete "${entity.name}"? No stance uses it.`
          : `Delete "${entity.name}"? Stances in ${usage.highlights} highlight(s) in ${usage.documents} document(s) ` +
            'use it. The stances it holds keep their target, with no holder; the stances toward it are removed.';
      if (!(await get().confirm(message, 'Delete'))) return;
      await get().runChange(async () => {
        await callApi('deleteEntity', { id });
        await get().refresh();
      });
    },
  };
};
