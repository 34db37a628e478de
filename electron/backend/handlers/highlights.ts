import type { Database, Highlight, Stance, StoredDocument } from '../../../shared/domain';
import { quoteWithContext, splitsSurrogatePair } from '../../../shared/text-context';
import { ApiFailure } from '../api-error';
import { insert, remove, replace } from '../change-set';
import { newId } from '../new-library';
import { findDocument, findEntity, findHighlight, findTag } from './lookup';
import type { HandlerContext, Handlers } from './types';
import { definedOnly } from './workspace';

type HighlightHandlers = Pick<Handlers, 'createHighlight' | 'updateHighlight' | 'deleteHighlight'>;

/** The quote and context for [start, end), after checking the range against the text and the quote sent with it. */
function anchor(document: StoredDocument, start: number, end: number, quote: string) {
  const { text } = document;
  if (end > text.length) {
    throw new ApiFailure('invalid-request', `end (${end}) is past the end of the text (${text.length}).`);
  }
  if (splitsSurrogatePair(text, start, end)) {
    throw new ApiFailure('invalid-request', 'The range splits a character (a surrogate pair) in two.');
  }
  const context = quoteWithContext(text, start, end);
  if (context.quote !== quote) {
    throw new ApiFailure('conflict', 'The quote does not match the document text at these offsets.');
  }
  return { start, end, ...context };
}

function checkReferences(data: Database, tagIds: readonly string[] = [], stances: readonly Stance[] = []): void {
  for (const tagId of tagIds) findTag(data, tagId);
  for (const stance of stances) {
    if (stance.holderId !== null) findEntity(data, 'actor', stance.holderId);
    findEntity(data, 'target', stance.targetId);
  }
}

export function highlightHandlers({ library, now }: HandlerContext): HighlightHandlers {
  return {
    async createHighlight({ id, documentId, start, end, quote, tagIds }) {
      const { data } = library;
      if (id && data.highlights.some((h) => h.id === id)) {
        throw new ApiFailure('conflict', `A highlight with id ${id} exists already.`);
      }
      const anchored = anchor(findDocument(data, documentId), start, end, quote);
      checkReferences(data, tagIds);
      const timestamp = now().toISOString();
      const highlight: Highlight = {
        id: id ?? newId(),
        documentId,
        ...anchored,
        tagIds,
        stances: [],
        note: '',
        annotator: data.settings.annotator,
        createdAt: timestamp,
        updatedAt: timestamp,
      };
      await library.commit('Create highlight', [insert('highlights', highlight)]);
      return highlight;
    },

    async updateHighlight({ highlightId, bounds, ...fields }) {
      const { data } = library;
      const before = findHighlight(data, highlightId);
      checkReferences(data, fields.tagIds, fields.stances);
      const moved = bounds && anchor(findDocument(data, before.documentId), bounds.start, bounds.end, bounds.quote);
      const after: Highlight = { ...before, ...definedOnly(fields), ...moved, updatedAt: now().toISOString() };
      const onlyNote = fields.note !== undefined && !bounds && !fields.tagIds && !fields.stances;
      await library.commit(updateLabel(fields, bounds !== undefined), [replace('highlights', before, after)], {
        // A burst of typing in one note is one undo step.
        coalesceKey: onlyNote ? `note:${highlightId}` : undefined,
      });
      return after;
    },

    async deleteHighlight({ highlightId }) {
      const highlight = findHighlight(library.data, highlightId);
      await library.commit('Delete highlight', [remove('highlights', highlight)]);
      return { highlightId };
    },
  };
}

function updateLabel(fields: { tagIds?: unknown; stances?: unknown; note?: unknown }, moved: boolean): string {
  if (moved) return 'Adjust highlight';
  if (fields.tagIds) return 'Change tags';
  if (fields.stances) return 'Change stances';
  if (fields.note !== undefined) return 'Edit note';
  return 'Edit highlight';
}
