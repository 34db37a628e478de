import type { StateCreator } from 'zustand';
import type { ApiArgs } from '../../../../shared/api-contract';
import { moveAmongSiblings } from '../../../../shared/tag-paths';
import { callApi } from '../../api/client';
import type { AppState } from '../../store/app-store';

export interface CodebookSlice {
  createTag(tag: ApiArgs<'createTag'>): Promise<boolean>;
  updateTag(tagId: string, changes: Omit<ApiArgs<'updateTag'>, 'tagId'>): Promise<boolean>;
  /** Asks first (with how many highlights carry the tag), then deletes it. */
  deleteTag(tagId: string): Promise<void>;
  /** Moves a tag up (-1) or down (+1) among the tags of the same parent, with its sub-tags. */
  moveTag(tagId: string, delta: -1 | 1): Promise<void>;
}

export const createCodebookSlice: StateCreator<AppState, [], [], CodebookSlice> = (set, get) => ({
  async createTag(tag) {
    return get().runChange(async () => {
      const created = await callApi('createTag', tag);
      set((s) => ({ tags: [...s.tags, created] }));
    });
  },

  async updateTag(tagId, changes) {
    return get().runChange(async () => {
      const updated = await callApi('updateTag', { tagId, ...changes });
      set((s) => ({ tags: s.tags.map((t) => (t.id === tagId ? updated : t)) }));
    });
  },

  async deleteTag(tagId) {
    const tag = get().tags.find((t) => t.id === tagId);
    if (!tag) return;
    let usage;
    try {
      usage = await callApi('countUsage', { kind: 'tag', id: tagId });
    } catch (error) {
      set({ saveState: 'failed', saveError: (error as Error).message });
      return;
    }
    const message =
      usage.highlights === 0
        ? `Delete the tag "${tag.name}"? No highlight carries it.`
        : `Delete the tag "${tag.name}"? ${usage.highlights} highlight(s) in ${usage.documents} document(s) carry it; they keep their other tags.`;
    if (!(await get().confirm(message, 'Delete tag'))) return;
    await get().runChange(async () => {
      await callApi('deleteTag', { tagId });
      await get().refresh();
    });
  },

  async moveTag(tagId, delta) {
    const ids = moveAmongSiblings(get().tags, tagId, delta);
    if (!ids) return;
    await get().runChange(async () => set({ tags: await callApi('reorderTags', { tagIds: ids }) }));
  },
});
