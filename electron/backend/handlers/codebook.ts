import type { Database, Tag } from '../../../shared/domain';
import { ApiFailure } from '../api-error';
import { insert, remove, replace, type Change } from '../change-set';
import { newId } from '../make-document';
import { findTag, sameName } from './lookup';
import type { HandlerContext, Handlers } from './types';
import { definedOnly } from './workspace';
import { withCoding } from '../storage/quoting-text';

type CodebookHandlers = Pick<Handlers, 'createTag' | 'updateTag' | 'deleteTag' | 'reorderTags'>;

function checkNameFree(data: Database, name: string, exceptId?: string): void {
  const clash = data.tags.find((t) => t.id !== exceptId && sameName(t.name, name));
  if (clash) throw new ApiFailure('conflict', `The codebook already has a tag named "${clash.name}".`);
}

/** The codebook has one level of hierarchy: a parent must be a top-level tag, and a parent cannot become a child. */
function checkParent(data: Database, parentId: string | null, tagId?: string): void {
  if (parentId === null) return;
  if (parentId === tagId) throw new ApiFailure('invalid-request', 'A tag cannot be its own parent.');
  const parent = findTag(data, parentId);
  if (parent.parentId !== null) {
    throw new ApiFailure(
      'invalid-request',
      `"${parent.name}" is itself a sub-tag; only top-level tags can be parents.`,
    );
  }
  if (tagId && data.tags.some((t) => t.parentId === tagId)) {
    throw new ApiFailure('invalid-request', 'A tag with sub-tags cannot become a sub-tag itself.');
  }
}

export function codebookHandlers({ library }: HandlerContext): CodebookHandlers {
  return {
    async createTag({ name, color, description = '', parentId = null }) {
      const { data } = library;
      checkNameFree(data, name);
      checkParent(data, parentId);
      const tag: Tag = { id: newId(), name, color: color.toLowerCase(), description, parentId };
      await library.commit(`Create tag "${name}"`, [insert('tags', tag)]);
      return tag;
    },

    async updateTag({ tagId, ...fields }) {
      const { data } = library;
      const before = findTag(data, tagId);
      if (fields.name !== undefined) checkNameFree(data, fields.name, tagId);
      if (fields.parentId !== undefined) checkParent(data, fields.parentId, tagId);
      const after: Tag = {
        ...before,
        ...definedOnly(fields),
        ...(fields.color && { color: fields.color.toLowerCase() }),
      };
      await library.commit(`Edit tag "${after.name}"`, [replace('tags', before, after)]);
      return after;
    },

    async deleteTag({ tagId }) {
      const { data } = library;
      const tag = findTag(data, tagId);
      const changes: Change[] = [
        remove('tags', tag),
        ...data.tags
          .filter((t) => t.parentId === tagId)
          .map((child) => replace('tags', child, { ...child, parentId: null })),
        ...data.highlights
          .filter((h) => h.tagIds.includes(tagId))
          .map((h) => replace('highlights', h, withCoding(h, { tagIds: h.tagIds.filter((id) => id !== tagId) }))),
      ];
      await library.commit(`Delete tag "${tag.name}"`, changes);
      return { tagId };
    },

    async reorderTags({ tagIds }) {
      const { data } = library;
      const current = data.tags.map((t) => t.id);
      if (tagIds.length !== current.length || !current.every((id) => tagIds.includes(id))) {
        throw new ApiFailure('invalid-request', 'reorderTags needs every tag of the codebook exactly once.');
      }
      await library.commit('Reorder codebook', [{ kind: 'tag-order', before: current, after: tagIds }]);
      return data.tags;
    },
  };
}
